"""The admin in Kazakh shows no interface text in Russian or English.

A string that no Kazakh catalog has falls back to the default language's
(Russian), or, where no catalog has it at all, stays in English. The reference
sets come from the gettext catalogs Django itself loads (ours, the libraries',
Django's), so a library upgrade that brings new strings makes this fail until
admin_locale/ translates them.
"""

import html.parser
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation.trans_real import DjangoTranslation

from tests.factories import (
    make_editor,
    make_event,
    make_moderator,
    make_organization,
    make_user,
    make_venue,
)

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sdr]|\{\w*\}")
# Short phrases of content rather than interface text ("ID", "OK", "CSV").
LATIN_PHRASE = re.compile(r"[A-Za-z]{3,}(?:[ ,.'-]+[A-Za-z]{2,})+")


def catalog(language, domain="django"):
    """msgid -> msgstr as Django looks them up, the first catalog winning."""
    messages = {}
    for key, text in DjangoTranslation(language, domain=domain)._catalog.items():
        if key:
            messages.setdefault(key, text)
    return messages


def plain(key):
    """A catalog key without the plural form's index ("context\x04msgid")."""
    return key[0] if isinstance(key, tuple) else key


def msgid(key):
    return plain(key).split("\x04")[-1]


def normalized(text):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip(" :")


class Texts:
    """Strings in one language that must not be shown to a Kazakh user."""

    def __init__(self, strings):
        self.exact = set()
        self.patterns = []
        for text in map(normalized, strings):
            parts = PLACEHOLDER.split(text)
            literal = max(parts, key=len)
            if len(parts) == 1:
                if re.search(r"[^\W\d_]{2,}", text):
                    self.exact.add(text)
            elif len(re.sub(r"\W", "", "".join(parts))) >= 6:
                pattern = ".+?".join(map(re.escape, parts))
                self.patterns.append((literal, re.compile(pattern), text))

    def find(self, segment):
        if segment in self.exact:
            return segment
        for literal, pattern, text in self.patterns:
            if literal in segment and pattern.fullmatch(segment):
                return text
        return None


@pytest.fixture(scope="module")
def foreign():
    """Kazakh texts, and the Russian and English ones a Kazakh user must not see.

    Russian: what the fallback to Russian shows for a msgid no Kazakh catalog
    has. English: any msgid, shown untranslated because no catalog has it or
    because the page printed it without gettext.
    """
    kazakh = catalog("kk")
    russian = catalog("ru")
    kazakh_keys = {plain(key) for key in kazakh}
    kazakh_texts = {normalized(text) for text in kazakh.values()}

    def shown(texts):
        return [text for text in texts if normalized(text) not in kazakh_texts]

    return {
        "Kazakh": Texts(kazakh.values()),
        "Russian": Texts(
            shown(
                text for key, text in russian.items() if plain(key) not in kazakh_keys
            )
        ),
        "English": Texts(
            shown({msgid(key) for key in {*kazakh, *russian, *catalog("en")}})
        ),
    }


class VisibleText(html.parser.HTMLParser):
    """Text a staff user reads: text nodes and the attributes shown as text."""

    SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
    HIDDEN_ELEMENTS = {"script", "style", "template"}

    def __init__(self):
        super().__init__()
        self.segments = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN_ELEMENTS:
            self.hidden += 1
        attributes = dict(attrs)
        for name in self.SHOWN_ATTRIBUTES & attributes.keys():
            self.segments.append(attributes[name] or "")
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            self.segments.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in self.HIDDEN_ELEMENTS:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.segments.append(data)


def visible_segments(page):
    parser = VisibleText()
    parser.feed(page)
    return {normalized(segment) for segment in parser.segments} - {""}


# Content the fixture creates, in Kazakh; it is data, not interface. And the
# language switcher, which names each language in that language ("English").
CONTENT = {"Ақындар айтысы", "Абай театры", "Шығыс кітапханасы"} | {
    get_language_info(code)["name_local"] for code, name in settings.LANGUAGES
}
# Names Django keeps in the database in English: the staff groups (named by
# events/0002_roles) and the permissions ("Can add event", built by migrate
# from verbose_name_raw), shown as "app | model | name". No catalog can reach
# them; they need translating where they are shown (the users admin).
STORED_NAMES = re.compile(
    r"(.*- )?(Moderators|Organization editors)|.* \| .* \| (Can .*|historical .*)"
)
# What the history pages still print raw, not through gettext: a version's
# field values and empty change reason (django-simple-history prints the value,
# not its label) and, in a version's breadcrumbs, the app label. For the history
# pages themselves to show labels; listed exactly, so anything new still fails.
PRINTED_RAW = {
    "event history": {"published", "scheduled", "None"},
    "event version": {"Events"},
}
IDENTIFIER = re.compile(r"[a-z]+(?:_[a-z]+)+")


def offending(segments, foreign, *, known=frozenset()):
    found = set()
    kazakh = foreign["Kazakh"]
    for segment in segments - CONTENT - known:
        if STORED_NAMES.fullmatch(segment) or kazakh.find(segment):
            continue
        for language in ("Russian", "English"):
            if text := foreign[language].find(segment):
                found.add(f"{language}: {text!r} (shown as {segment!r})")
        if LATIN_PHRASE.search(segment) and not any(
            foreign[language].find(segment) for language in ("Russian", "English")
        ):
            found.add(f"English, in no catalog: {segment!r}")
        if IDENTIFIER.fullmatch(segment):
            found.add(f"A name from the code: {segment!r}")
    return sorted(found)


@pytest.fixture
def catalog_data():
    library = make_organization(name="Шығыс кітапханасы", slug="library")
    theatre = make_venue(name="Абай театры", slug="abai-theatre")
    event = make_event(
        title="Ақындар айтысы", slug="aitys", venue=theatre, organizers=[library]
    )
    event.title_kk = "Ақындар айтысы"
    event._change_reason = "Тақырып"
    event.save()
    return {"event": event, "version": event.history.earliest(), "library": library}


def make_staff(role, data):
    """Only the user a page needs: each one costs a password hash."""
    if role == "moderator":
        return make_moderator(username="aigerim")
    if role == "editor":
        return make_editor(data["library"], username="aruzhan")
    return make_user(username="bas", is_superuser=True)


def event_change(data):
    return reverse("admin:events_event_change", args=[data["event"].pk])


def event_history(data):
    return reverse("admin:events_event_history", args=[data["event"].pk])


def event_version(data):
    return reverse(
        "admin:events_event_simple_history",
        args=[data["event"].pk, data["version"].history_id],
    )


def figures_of_this_year(data):
    return f"{reverse('admin-figures')}?year={timezone.localdate().year}"


def user_change(data):
    return reverse("admin:auth_user_change", args=[data["user"].pk])


# Each page by its URL's name, or for a page of one of the test's objects a
# function of them. A superuser looks at it, or the role named in brackets.
PAGES = {
    "index": "admin:index",
    "index (moderator)": "admin:index",
    "index (editor)": "admin:index",
    "event list": "admin:events_event_changelist",
    "event list (editor)": "admin:events_event_changelist",
    "venue list": "admin:venues_venue_changelist",
    "organization list": "admin:organizations_organization_changelist",
    "user list": "admin:auth_user_changelist",
    "group list": "admin:auth_group_changelist",
    "event add form": "admin:events_event_add",
    "event add form (editor)": "admin:events_event_add",
    "event change form": event_change,
    "event change form (moderator)": event_change,
    "event history": event_history,
    "event version": event_version,
    "figures (moderator)": figures_of_this_year,
    "user form": user_change,
    "user add form": "admin:auth_user_add",
    "password change": "admin:password_change",
}


def role_of(page):
    """The role named in brackets at the end of the page's name, or a superuser."""
    named = re.search(r"\((\w+)\)$", page)
    return named[1] if named else "superuser"


def page_url(url, data):
    return url(data) if callable(url) else reverse(url)


@pytest.fixture
def kazakh_client(client):
    client.cookies["django_language"] = "kk"
    return client


@pytest.mark.parametrize("page", PAGES)
def test_admin_page_shows_no_russian_or_english_to_a_kazakh_user(
    page, kazakh_client, catalog_data, foreign
):
    catalog_data["user"] = make_staff(role_of(page), catalog_data)
    kazakh_client.force_login(catalog_data["user"])

    response = kazakh_client.get(page_url(PAGES[page], catalog_data))

    assert response.status_code == 200
    assert response.headers["Content-Language"] == "kk"
    found = offending(
        visible_segments(response.text), foreign, known=PRINTED_RAW.get(page, set())
    )
    assert not found, "\n".join(found)


def test_login_page_shows_no_russian_or_english_to_a_kazakh_user(
    kazakh_client, foreign
):
    response = kazakh_client.get(reverse("admin:login"))

    assert response.status_code == 200
    found = offending(visible_segments(response.text), foreign)
    assert not found, "\n".join(found)


def test_admin_scripts_have_every_message_in_kazakh(kazakh_client):
    """The calendar, the filter boxes, the theme toggle: admin's jsi18n catalog."""
    kazakh_client.force_login(make_user(is_superuser=True))

    response = kazakh_client.get(reverse("admin:jsi18n"))

    shown = json.loads(
        re.search(r"const newcatalog = (\{.*?\});", response.text, re.S).group(1)
    )
    russian = catalog("ru", "djangojs")
    kazakh = catalog("kk", "djangojs")
    kazakh_keys = {plain(key) for key in kazakh}
    untranslated = sorted(
        {repr(plain(key)) for key in russian if plain(key) not in kazakh_keys}
    )
    assert untranslated == []
    assert all(shown[key] == kazakh[key] for key in kazakh if isinstance(key, str))


def test_autocomplete_fields_load_select2_messages_in_kazakh(
    kazakh_client, catalog_data
):
    kazakh_client.force_login(make_staff("superuser", catalog_data))

    response = kazakh_client.get(event_change(catalog_data))

    script = "admin/js/vendor/select2/i18n/kk.js"
    assert f'src="/static/{script}"' in response.text
    assert re.search(
        r'<select [^>]*class="admin-autocomplete[^>]*lang="kk"', response.text
    )
    assert "select2/i18n/kk" in Path(finders.find(script)).read_text()
