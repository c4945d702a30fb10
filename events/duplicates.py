"""Whether two events look like one: titles compared in any language or alphabet."""

import difflib

from events import search as text_search


def canonical_titles(titles):
    """Titles in the canonical words of events/search.py (any alphabet), non-empty."""
    canonical = [
        " ".join(map(text_search.to_latin, text_search.words(t or ""))) for t in titles
    ]
    return [title for title in canonical if title]


def titles_look_alike(ours, theirs):
    """Whether two events' titles (canonical, in any languages) look like one title.

    Alike: two titles nearly the same letter for letter (difflib ratio 0.8), or
    sharing most of their words, or one's words (two or more) all in the other.
    """
    for a in ours:
        for b in theirs:
            if difflib.SequenceMatcher(None, a, b).ratio() >= 0.8:
                return True
            a_words, b_words = set(a.split()), set(b.split())
            shared = a_words & b_words
            if len(shared) * 2 > len(a_words | b_words):
                return True
            if len(shared) >= 2 and shared in (a_words, b_words):
                return True
    return False
