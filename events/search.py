"""Search that finds an event whatever language and alphabet a visitor types in.

Every text is brought to one canonical form: lower case, plain Latin letters, with
Kazakh Cyrillic, the 2021 Kazakh Latin alphabet (ş, ğ, ı, ö, ü, ä, ñ, q) and the
plain transliteration (shygys, oskemen) all meeting in it, and ё = е. An event
stores its words in that form (`Event.search_document`, `Event.search_title`).
A query is brought to the same form, Russian words cut to their stem
("фестивали" -> "фестива"), and each query word must begin some word of the
document. On PostgreSQL a trigram index serves those LIKE patterns.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

# Longer than anyone types; the rest of a 10 KB query is ignored.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8

CYRILLIC = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d",
    "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k",
    "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u",
    "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh",
    "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

# Letters of the Kazakh Latin alphabets that do not lose their marks to NFKD,
# or that stand for a sound written with two plain letters.
LATIN = {"ş": "sh", "ç": "ch", "ı": "i", "ə": "a", "q": "k", "j": "zh"}

RUSSIAN_WORD = re.compile(r"^[а-яё]+$")
WORD = re.compile(r"\w+")

_russian_stemmer = snowballstemmer.stemmer("russian")


def to_latin(word: str) -> str:
    """One lower-case word in the canonical Latin form."""
    word = "".join(LATIN.get(letter, letter) for letter in word)
    # NFKD splits ö, ü, ä, ñ, ğ, й and ё into a letter and a mark; drop the marks.
    word = "".join(
        letter
        for letter in unicodedata.normalize("NFKD", word)
        if not unicodedata.combining(letter)
    )
    word = "".join(CYRILLIC.get(letter, letter) for letter in word)
    # "kh" is the plain transliteration of х (Kazakhstan, Kazakstan).
    return word.replace("kh", "h")


def words(text: str) -> list[str]:
    return WORD.findall(unicodedata.normalize("NFC", text.lower()))


def document(*texts: str) -> str:
    """The canonical words of some texts, space-separated, with spaces around."""
    canonical = []
    seen = set()
    for text in texts:
        for word in words(text or ""):
            latin = to_latin(word)
            if latin and latin not in seen:
                seen.add(latin)
                canonical.append(latin)
    return f" {' '.join(canonical)} " if canonical else ""


@lru_cache(maxsize=1024)
def query_word(word: str) -> str:
    """A query word as the prefix to look for: a Russian word by its stem."""
    if RUSSIAN_WORD.match(word) and len(word) > 3:
        stem = _russian_stemmer.stemWord(word)
        if len(stem) >= 3:
            word = stem
    return to_latin(word)


def query_prefixes(query: str) -> list[str]:
    """The prefixes a query looks for, each one ` prefix` (a word's beginning)."""
    prefixes = []
    for word in words(query[:MAX_QUERY_LENGTH]):
        prefix = query_word(word)
        if prefix and f" {prefix}" not in prefixes:
            prefixes.append(f" {prefix}")
    return prefixes[:MAX_QUERY_WORDS]
