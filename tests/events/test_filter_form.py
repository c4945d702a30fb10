"""The list's filter form as the server writes it: it works without JavaScript."""

import re

import pytest

from events.models import ActivityTypeGroup
from tests.factories import local, make_event

pytestmark = pytest.mark.django_db


def list_page(client, query="", language="en"):
    return client.get(f"/{language}/events/?{query}").content.decode()


def panel_tag(page):
    [tag] = re.findall(r'<details class="filter-panel"[^>]*>', page)
    return tag


def summary_line(page):
    [summary] = re.findall(
        r'<summary class="filter-summary">(.*?)</summary>', page, re.DOTALL
    )
    return re.sub(r"<[^>]+>", "", summary)


def group_block(page, slug):
    """The markup of one field of the creative industries in the form."""
    [block] = re.findall(
        rf'<li class="group">\s*<details[^>]*>(?:(?!</details>).)*'
        rf'name="group" value="{slug}".*?</details>',
        page,
        re.DOTALL,
    )
    return block


def test_without_filters_the_panel_is_open_and_says_filters(client):
    page = list_page(client)

    assert panel_tag(page) == '<details class="filter-panel" open>'
    assert summary_line(page) == "Filters"


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("ru", "Уланский район · прошедшие · Изменить"),
        ("kk", "Ұлан ауданы · өткен · Өзгерту"),
        ("en", "Ulan District · past · Change"),
    ],
)
def test_chosen_filters_fold_the_panel_into_a_line_that_names_them(
    client, language, line
):
    make_event(district="ulan", starts_at=local(2024, 10, 12, 10))

    page = list_page(client, "district=ulan&when=past", language)

    assert panel_tag(page) == '<details class="filter-panel">'
    assert summary_line(page) == line
    # Folded, the form is still in the page, whole.
    assert 'name="district" value="ulan" checked' in page


def test_a_chosen_district_opens_its_field_and_not_the_kinds(client):
    make_event(district="ulan")

    page = list_page(client, "district=ulan")

    fields = re.findall(r'<details class="field"( open)?>\s*<summary>([^<]+)<', page)
    assert fields == [("", "When"), (" open", "District"), ("", "Kind of event")]
    assert 'name="district" value="ulan" checked' in page


def test_the_twelve_fields_come_first_each_with_its_types(client):
    page = list_page(client)

    fields = re.findall(r'<input type="checkbox" name="group" value="([^"]+)"', page)
    assert fields == list(ActivityTypeGroup.objects.values_list("slug", flat=True))
    assert len(fields) == 12
    crafts = group_block(page, "crafts")
    assert "<summary>Crafts and folk art <span" in crafts
    assert (
        '<input type="checkbox" name="activity_type" value="13.93"> '
        'Manufacture of carpets and rugs <small class="code">13.93</small> '
        '<span class="count">(0)</span>'
    ) in crafts


def test_a_chosen_type_opens_its_field_and_only_it(client):
    page = list_page(client, "activity_type=13.93")

    opened = re.findall(
        r'<li class="group">\s*<details open>.*?name="group" value="([^"]+)"',
        page,
        re.DOTALL,
    )
    assert opened == ["crafts"]
    assert 'name="activity_type" value="13.93" checked>' in page


def test_a_chosen_field_holds_all_its_types_ticked(client):
    page = list_page(client, "group=crafts")

    crafts = group_block(page, "crafts")
    assert 'name="group" value="crafts" checked>' in crafts
    types = re.findall(r'name="activity_type" value="[^"]+"([^>]*)>', crafts)
    assert types and set(types) == {" checked disabled"}
    performing = group_block(page, "performing-arts")
    assert "disabled" not in performing


@pytest.mark.parametrize(
    ("language", "kind", "field", "finder"),
    [
        ("en", "Kind of event", "Field of creative industry", "Find an activity type"),
        (
            "ru",
            "Формат мероприятия",
            "Сфера креативной индустрии",
            "Найти вид деятельности",
        ),
        ("kk", "Іс-шара түрі", "Креативті индустрия саласы", "Қызмет түрін іздеу"),
    ],
)
def test_kind_and_field_are_told_apart_and_the_finder_waits_for_javascript(
    client, language, kind, field, finder
):
    page = list_page(client, language=language)

    assert f"<summary>{kind}</summary>" in page
    assert f"<summary>{field}</summary>" in page
    # Hidden until the script shows it, and never sent with the form.
    assert re.search(
        r'<p class="type-finder" hidden>\s*'
        rf'<label for="type-finder">{finder}</label>\s*'
        r'<input type="search" id="type-finder" autocomplete="off"',
        page,
    )
    assert '<script src="/static/js/type-finder.js" defer></script>' in page
    assert '<script src="/static/js/event-filters.js" defer></script>' in page
