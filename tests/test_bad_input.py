"""No query string makes the event list or its feeds fail (DESIGN.md, Public URLs).

A bad value is ignored and the page says so, or the answer is a 400; never a 500.
"""

import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import (
    EVENT_LIST_PARAMETERS,
    GOOD_VALUES,
    local,
    make_event,
    make_venue,
    queries,
)

pytestmark = pytest.mark.django_db

LIST = "/en/events/"
FEEDS = ["/en/events/feed.ics", "/en/events/feed.rss"]
# The calendar reads the same parameters; March 2025 holds the felt workshop below.
CALENDAR = "/en/events/calendar/2025-03/"
PATHS = [LIST, *FEEDS, CALENDAR]

# Raw query strings, as a mistyped or truncated link has them: stray %, bad
# percent-escapes, bytes that are not UTF-8.
raw_queries = st.lists(
    st.one_of(
        st.sampled_from(["&", "=", "%", "%00", "%FF", "%E2%82", "+", ";", "[]"]),
        st.sampled_from(EVENT_LIST_PARAMETERS),
        st.sampled_from(GOOD_VALUES),
        st.text(string.ascii_letters + string.digits + "-._~!$'()*,:@/?", max_size=8),
    ),
    max_size=12,
).map("".join)

GENERATED = settings(
    max_examples=60,
    deadline=None,
    # The client and the events are only read: sharing them between examples
    # is fine.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    # No .hypothesis/ folder in the project; a failure prints its example.
    database=None,
)


@pytest.fixture
def events():
    """A few events for the list to show: upcoming, past, in a district, outside."""
    make_event(
        title_en="Carpet festival",
        kind="festival",
        activity_types=("13.93",),
        district="ulan",
        starts_at=local(2024, 10, 12, 10),
    )
    make_event(venue=make_venue(district=None), is_free=True)
    make_event()


@pytest.mark.parametrize("path", PATHS)
@GENERATED
@given(query=queries)
def test_no_generated_query_causes_a_server_error(client, events, path, query):
    response = client.get(path, query)

    assert response.status_code < 500


@pytest.mark.parametrize("path", PATHS)
@GENERATED
@given(query=raw_queries)
def test_no_raw_query_string_causes_a_server_error(client, events, path, query):
    response = client.get(f"{path}?{query}")

    assert response.status_code < 500


# Each bad query, and what the list says it ignored (a page number it cannot
# use just gives the nearest page).
BAD_QUERIES = {
    "unknown district": ({"district": "nowhere"}, ["district=nowhere"]),
    "unknown activity type": ({"activity_type": "99.99"}, ["activity_type=99.99"]),
    "unknown group": ({"group": "nothing"}, ["group=nothing"]),
    "unknown kind": ({"kind": "picnic"}, ["kind=picnic"]),
    "unknown period": ({"when": "someday"}, ["when=someday"]),
    "unknown venue": ({"venue": "nowhere"}, ["venue=nowhere"]),
    "unknown organization": ({"organization": "nobody"}, ["organization=nobody"]),
    "free not 1": ({"free": "yes"}, ["free=yes"]),
    "word for a date": ({"date_from": "yesterday"}, ["date_from=yesterday"]),
    "impossible date": ({"date_from": "2025-02-30"}, ["date_from=2025-02-30"]),
    "date in another order": ({"date_to": "01.03.2025"}, ["date_to=01.03.2025"]),
    "end before start": (
        {"date_from": "2025-03-10", "date_to": "2025-03-01"},
        ["date_to=2025-03-01"],
    ),
    "page 0": ({"page": "0"}, []),
    "page -1": ({"page": "-1"}, []),
    "page 99999": ({"page": "99999"}, []),
    "page abc": ({"page": "abc"}, []),
    "NUL as page": ({"page": "\x00"}, []),
    "10,000-character search": ({"q": "ш" * 10_000}, []),
    # The page shows a control character as U+FFFD, so its HTML stays valid.
    "NUL in search": ({"q": "festival\x00"}, ["q=festival\ufffd"]),
    "NUL in a slug": ({"district": "ulan\x00"}, ["district=ulan\ufffd"]),
    "NUL in a code": ({"activity_type": "13.93\x00"}, ["activity_type=13.93\ufffd"]),
    "NUL in a date": ({"date_from": "2025-03-01\x00"}, ["date_from=2025-03-01\ufffd"]),
}
BAD_CASES = [
    pytest.param(query, ignored, id=name)
    for name, (query, ignored) in BAD_QUERIES.items()
]
IGNORED_NOTICE = "Some of the address was not understood and was ignored:"


def ignored_values(page):
    """The parameter=value pairs the notice lists."""
    if IGNORED_NOTICE not in page:
        return []
    notice = page[
        page.index(IGNORED_NOTICE) : page.index("</div>", page.index(IGNORED_NOTICE))
    ]
    return re.findall(r"<code>(.*?)</code>", notice, flags=re.DOTALL)


@pytest.mark.parametrize(("query", "ignored"), BAD_CASES)
def test_the_list_answers_a_bad_value_with_a_page_that_says_what_it_ignored(
    client, events, query, ignored
):
    response = client.get(LIST, query)

    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="results-heading"' in page
    assert ignored_values(page) == ignored


@pytest.mark.parametrize("path", FEEDS)
@pytest.mark.parametrize(("query", "ignored"), BAD_CASES)
def test_the_feeds_answer_a_bad_value_without_a_server_error(
    client, events, path, query, ignored
):
    assert client.get(path, query).status_code < 500


CONTROL_CHARACTERS = ["\n", "\r\n", "\x08", "\x1b[31m", "\x7f", "\ufffe"]


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("character", CONTROL_CHARACTERS, ids=repr)
def test_a_control_character_in_the_search_causes_no_server_error(
    client, events, path, character
):
    # The search goes into the feeds' titles: an iCalendar content line may
    # not break, and XML 1.0 (RSS) has no C0 control characters.
    query = {"q": f"festival{character}concert"}

    assert client.get(path, query).status_code < 500


def test_the_list_shows_the_ignored_notice_for_an_unknown_district(client, events):
    page = client.get(LIST, {"district": "nowhere"}).content.decode()

    assert IGNORED_NOTICE in page
    assert "<code>district=nowhere</code>" in page


def test_an_ignored_value_leaves_the_other_filters_working(client, events):
    page = client.get(
        LIST, {"when": "past", "district": ["nowhere", "ulan"]}
    ).content.decode()

    assert "<code>district=nowhere</code>" in page
    assert "Carpet festival" in page
    assert re.search(r'<h2 id="results-heading">\s*1 event\s*</h2>', page)


@pytest.mark.parametrize("path", [*PATHS, "/api/v1/events/"])
@pytest.mark.parametrize("day", ["1520-12-10", "0001-01-02", "1900-03-01"])
def test_a_period_from_centuries_ago_lists_the_events_since(client, path, day):
    """Such a day's start has Asia/Almaty's old mean-time offset; the lower
    bound on the start (events.models.querysets.earliest_start_going_on) takes it too."""
    make_event(title_en="Felt workshop", starts_at=local(2025, 3, 1, 10))

    response = client.get(path, {"date_from": day})

    assert response.status_code == 200
    assert "Felt workshop" in response.content.decode()
