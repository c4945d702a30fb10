"""The staff's screens as the test client reads them: the event form's image
previews and country list, the event list's columns, the admin index.

What a browser makes of them (sizes, scrolling, scripts under the Content
Security Policy) is in tests/browser/test_admin_screens.py.
"""

import io
import json
import re
from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from events.models import Event, EventImage
from tests.factories import (
    in_days,
    local,
    make_event,
    make_venue,
)
from venues.models import District

pytestmark = pytest.mark.django_db

EVENT_LIST = reverse("admin:events_event_changelist")


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def make_image(event, *, size=(2400, 1600), **overrides):
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "JPEG")
    values = {
        "event": event,
        "image": ContentFile(buffer.getvalue(), name="poster.jpg"),
        "alt_text_ru": "Афиша",
    }
    values.update(overrides)
    return EventImage.objects.create(**values)


def change_form(client, event, language="en"):
    url = reverse("admin:events_event_change", args=[event.pk])
    return client.get(url, headers={"accept-language": language})


def inline_scripts(html):
    """<script> elements with code of their own (no src, not JSON data)."""
    return [
        tag
        for tag in re.findall(r"<script\b[^>]*>", html)
        if "src=" not in tag and "application/json" not in tag
    ]


# The event form's image previews


def test_a_saved_image_is_previewed_by_a_thumbnail_sized_by_a_class(
    moderator_client,
):
    event = make_event()
    image = make_image(event, size=(2400, 1600))

    html = change_form(moderator_client, event).content.decode()

    assert f'<img src="{image.thumbnail.url}" alt="" class="image-preview">' in html
    assert image.image.url not in re.findall(r'<img src="([^"]+)"', html)
    with Image.open(default_storage.open(image.thumbnail.name)) as thumbnail:
        assert thumbnail.size == (320, 213)  # shown at 160 × 107 by admin.css
    # Nothing the Content Security Policy would block.
    assert 'style="' not in html
    assert inline_scripts(html) == []


def test_a_small_image_is_not_enlarged_for_its_preview(moderator_client):
    image = make_image(make_event(), size=(64, 48))

    change_form(moderator_client, image.event)

    with Image.open(default_storage.open(image.thumbnail.name)) as thumbnail:
        assert thumbnail.size == (64, 48)


def test_the_form_still_opens_when_an_images_file_is_lost(moderator_client):
    image = make_image(make_event())
    default_storage.delete(image.image.name)

    response = change_form(moderator_client, image.event)

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<td class="field-preview">\s*<p>—</p>\s*</td>', html)
    assert "image-preview" not in html


# The event form's participating countries


@pytest.mark.parametrize(
    ("language", "field_name", "chosen"),
    [
        ("kk", "қатысушы елдер", "Таңдалған %s"),
        ("ru", "страны-участницы", "Выбранные %s"),
    ],
)
def test_participating_countries_are_two_boxes_with_a_filter(
    moderator_client, language, field_name, chosen
):
    # The after-the-event fields show once the event has started.
    event = make_event(starts_at=in_days(-2), participating_countries=["KZ", "MN"])

    html = change_form(moderator_client, event, language).content.decode()

    [select] = re.findall(r'<select name="participating_countries"[^>]*>', html)
    assert 'class="selectfilter"' in select
    assert f'data-field-name="{field_name}"' in select
    assert "multiple" in select
    assert re.search(
        r'<div class="filtered-select">\s*<select name="participating_countries"', html
    )
    assert '<option value="MN" selected>' in html
    assert "/static/admin/js/SelectFilter2.js" in html
    assert inline_scripts(html) == []
    # The widget's own words come from the admin's script catalogue.
    script = moderator_client.get(
        reverse("admin:jsi18n"), headers={"accept-language": language}
    ).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S)[1])
    assert catalogue["Chosen %s"] == chosen


# The event list


@pytest.fixture
def listed_events():
    ulan = District.objects.get(slug="ulan")
    return [
        make_event(
            title="Aitys",
            kind=Event.Kind.CONTEST,
            venue=make_venue(name="Burkit tobe", district=ulan),
            starts_at=local(2025, 5, 3, 18),
            event_status=Event.EventStatus.CANCELLED,
        ),
        make_event(
            title="Concert",
            venue=make_venue(name="Hall in Barnaul", district=None),
            starts_at=local(2025, 5, 2, 19),
            publication_status=Event.PublicationStatus.REVIEW,
        ),
        make_event(
            title="Stream",
            kind=Event.Kind.COURSE,
            online_url="https://example.org/stream",
            starts_at=local(2025, 5, 1, 12),
            publication_status=Event.PublicationStatus.DRAFT,
        ),
    ]


def cells(html, name):
    """The inner HTML of each row's cell of one column."""
    return re.findall(rf'<t[dh] class="field-{name}[^"]*">(.*?)</t[dh]>', html)


def test_the_event_list_shows_kinds_districts_and_status_labels(
    moderator_client, listed_events
):
    html = moderator_client.get(EVENT_LIST).content.decode()

    def link(event):
        return reverse("admin:events_event_change", args=[event.pk])

    aitys, concert, stream = listed_events
    assert cells(html, "title") == [
        f'<a href="{link(aitys)}">Aitys<span class="list-note">contest</span></a>',
        f'<a href="{link(concert)}">Concert<span class="list-note">concert</span></a>',
        f'<a href="{link(stream)}">Stream<span class="list-note">course</span></a>',
    ]
    assert cells(html, "venue") == [
        'Burkit tobe<span class="list-note">Ulan District</span>',
        'Hall in Barnaul<span class="list-note">outside the region</span>',
        "online",
    ]
    # The event's own status only when it is not "scheduled".
    assert cells(html, "publication_status") == [
        '<span class="status-label publication-status-published">published</span> '
        '<span class="status-label event-status-cancelled">cancelled</span>',
        '<span class="status-label publication-status-review">in review</span>',
        '<span class="status-label publication-status-draft">draft</span>',
    ]
    headings = re.findall(r'<th scope="col" class="[^"]*column-(\w+)', html)
    assert headings == ["title", "when", "venue", "publication_status"]
    assert 'style="' not in html


def test_the_event_list_sorts_by_title_and_by_status(moderator_client, listed_events):
    def titles(order):
        response = moderator_client.get(EVENT_LIST, {"o": order})
        return [event.title for event in response.context["cl"].result_list]

    assert titles("1") == ["Aitys", "Concert", "Stream"]
    assert titles("-4") == ["Concert", "Aitys", "Stream"]  # review, published, draft


def test_the_event_list_runs_as_many_queries_for_many_events(moderator_client):
    def queries_with(number_of_events):
        Event.objects.all().delete()
        for _ in range(number_of_events):
            make_event(venue=make_venue())
        with CaptureQueriesContext(connection) as context:
            assert moderator_client.get(EVENT_LIST).status_code == 200
        return len(context.captured_queries)

    assert queries_with(2) == queries_with(12)


def test_the_long_filters_stay_folded_until_used(
    moderator_client, listed_events, library
):
    def open_filters(**query):
        html = moderator_client.get(EVENT_LIST, query).content.decode()
        filters = dict(
            re.findall(r'<details data-filter-title="([^"]+)"( open)?>', html)
        )
        return {title for title, is_open in filters.items() if is_open}, set(filters)

    folded = {"activity types", "group", "organizers"}
    shown_open, shown = open_filters()
    assert folded <= shown
    assert shown_open == shown - folded

    listed_events[0].organizers.add(library)
    shown_open, _ = open_filters(organizers__id__exact=library.pk)
    assert "organizers" in shown_open


# The event form's inlines


@pytest.mark.parametrize(
    ("language", "add_links"),
    [
        (
            "kk",
            ["Ұйымдастырушы: тағы біреуін қосу", "Сурет: тағы біреуін қосу"],
        ),
        ("ru", ["Организатор: добавить ещё", "Изображение: добавить ещё"]),
        ("en", ["Add another Organizer", "Add another Image"]),
    ],
)
def test_the_inlines_add_links_start_with_the_capitalized_name(
    moderator_client, language, add_links
):
    # Django capitalizes the name it puts in "Add another %(verbose_name)s":
    # the Kazakh sentence starts with it.
    html = change_form(moderator_client, make_event(), language).content.decode()

    formsets = re.findall(r'data-inline-formset="([^"]*)"', html)
    assert [
        json.loads(unescape(data))["options"]["addText"] for data in formsets
    ] == add_links


# The admin index


FIGURES_LINK = f'<th scope="row"><a href="{reverse("admin-figures")}">'


def test_the_reports_block_is_shown_to_moderators(moderator_client):
    html = moderator_client.get("/admin/").content.decode()

    assert '<div class="module" id="figures-module">' in html
    assert FIGURES_LINK in html


AXES_MODELS = ["accesslog", "accessfailurelog", "accessattempt"]


@pytest.mark.parametrize(
    ("language", "heading", "models"),
    [
        ("en", "Login security", ["Access logs", "Access failures", "Access attempts"]),
        (
            "ru",
            "Безопасность входа",
            ["Логи доступа", "Ошибки доступа", "Попытки доступа"],
        ),
        (
            "kk",
            "Кіру қауіпсіздігі",
            ["Кіру журналы", "Сәтсіз кірулер", "Кіру әрекеттері"],
        ),
    ],
)
def test_login_security_is_a_heading_in_the_admins_language(
    client, superuser, language, heading, models
):
    client.force_login(superuser)

    html = client.get("/admin/", headers={"accept-language": language}).content.decode()

    assert re.search(
        rf'<caption>\s*<a href="/admin/axes/" class="section" '
        rf'title="[^"]*">{heading}</a>\s*</caption>',
        html,
    )
    for model, name in zip(AXES_MODELS, models, strict=True):
        assert f'<a href="/admin/axes/{model}/">{name}</a>' in html
    assert ">Axes<" not in html
    app_page = client.get("/admin/axes/", headers={"accept-language": language})
    # The app's own page and its breadcrumbs name it so too.
    assert re.search(rf"<h1>[^<]*{heading}[^<]*</h1>", app_page.content.decode())
    assert "Axes" not in app_page.content.decode()


def test_only_superusers_see_login_security(client, moderator, editor, superuser):
    for user in (moderator, editor):
        client.force_login(user)
        html = client.get("/admin/").content.decode()
        assert "/admin/axes/" not in html
        assert "Login security" not in html
        assert client.get("/admin/axes/accessattempt/").status_code == 403
    client.force_login(superuser)
    assert client.get("/admin/axes/accessattempt/").status_code == 200
