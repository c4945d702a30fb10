"""The list parameters of DESIGN.md, with their date boundaries pinned."""

import pytest
from django.http import QueryDict

from events.filters import EventFilterSet
from events.models import Event
from tests.factories import local, make_event, make_organization, make_venue, whole_days

pytestmark = pytest.mark.django_db

# Friday 10 October 2025, noon in Ust-Kamenogorsk.
FRIDAY_NOON = local(2025, 10, 10, 12)


def filtered(query, now=FRIDAY_NOON):
    filterset = EventFilterSet(
        QueryDict(query), queryset=Event.objects.published(), now=now
    )
    return list(filterset.qs)


def test_an_event_ending_at_23_30_today_is_today_not_tomorrow():
    late = make_event(
        starts_at=local(2025, 10, 10, 20), ends_at=local(2025, 10, 10, 23, 30)
    )

    assert filtered("when=today") == [late]
    assert filtered("when=tomorrow") == []


def test_an_event_that_ended_this_morning_is_still_today_but_not_upcoming():
    morning = make_event(
        starts_at=local(2025, 10, 10, 9), ends_at=local(2025, 10, 10, 11)
    )

    assert filtered("when=today") == [morning]
    assert filtered("") == []
    assert filtered("when=past") == [morning]


def test_a_festival_from_friday_to_monday_is_in_the_weekend():
    festival = make_event(**whole_days((2025, 10, 10), (2025, 10, 13)))
    next_weekend = make_event(starts_at=local(2025, 10, 18, 15))

    assert filtered("when=weekend") == [festival]
    assert filtered("when=weekend", now=local(2025, 10, 12, 20)) == [festival]
    assert filtered("when=weekend", now=local(2025, 10, 13, 9)) == [next_weekend]


def test_an_event_without_end_stays_upcoming_until_its_day_is_over():
    concert = make_event(starts_at=local(2025, 10, 10, 9))

    assert filtered("", now=local(2025, 10, 10, 23, 59)) == [concert]
    assert filtered("", now=local(2025, 10, 11, 0, 0)) == []


def test_a_period_selects_every_event_that_overlaps_it():
    festival = make_event(**whole_days((2025, 10, 8), (2025, 10, 11)))
    sunday = make_event(starts_at=local(2025, 10, 12, 10))

    assert filtered("date_from=2025-10-10&date_to=2025-10-10") == [festival]
    assert filtered("date_from=2025-10-11") == [festival, sunday]
    assert filtered("date_to=2025-10-07") == []


def test_week_and_month_are_the_next_7_and_30_days():
    in_six_days = make_event(starts_at=local(2025, 10, 16, 19))
    in_eight_days = make_event(starts_at=local(2025, 10, 18, 19))
    in_31_days = make_event(starts_at=local(2025, 11, 10, 19))

    assert filtered("when=week") == [in_six_days]
    assert filtered("when=month") == [in_six_days, in_eight_days]
    assert filtered("") == [in_six_days, in_eight_days, in_31_days]


def test_past_lists_the_latest_first():
    older = make_event(starts_at=local(2024, 10, 12, 10))
    newer = make_event(starts_at=local(2025, 3, 19, 10))

    assert filtered("when=past") == [newer, older]


def test_district_is_repeatable_and_outside_is_its_own_value():
    ulan = make_event(district="ulan")
    ridder = make_event(district="ridder")
    astana = make_event(venue=make_venue(district=None))
    make_event(venue=make_venue())  # in Oskemen

    assert filtered("district=ulan") == [ulan]
    assert set(filtered("district=ulan&district=ridder")) == {ulan, ridder}
    assert filtered("district=outside") == [astana]


def test_activity_type_and_group_select_events_tagged_with_any_of_them():
    carpets = make_event(activity_types=("13.93",))
    code = make_event(activity_types=("62.01", "85.52"))
    make_event(activity_types=("90.01",))

    assert filtered("activity_type=13.93") == [carpets]
    assert filtered("activity_type=13.93&activity_type=62.01") == [carpets, code]
    assert filtered("group=crafts") == [carpets]
    assert filtered("group=it-software-games&activity_type=85.52") == [code]


def test_a_group_and_a_type_of_another_group_add_up():
    carpets = make_event(activity_types=("13.93",), starts_at=local(2025, 10, 11, 10))
    theatre = make_event(activity_types=("90.01",), starts_at=local(2025, 10, 12, 10))
    make_event(activity_types=("62.01",))

    assert filtered("group=crafts&activity_type=90.01") == [carpets, theatre]

    filterset = EventFilterSet(
        QueryDict("group=crafts"), queryset=Event.objects.published(), now=FRIDAY_NOON
    )
    counts = filterset.facet_counts()
    # What ticking each would add: the field's counts leave out the field.
    assert counts["activity_type"] == {"13.93": 1, "90.01": 1, "62.01": 1}
    assert counts["group"] == {
        "crafts": 1,
        "performing-arts": 1,
        "it-software-games": 1,
    }


def test_kind_free_venue_and_organization():
    library = make_organization(slug="pushkin-library")
    course = make_event(kind=Event.Kind.COURSE, is_free=True, organizers=[library])
    concert = make_event(kind=Event.Kind.CONCERT, price_from=2000)

    assert filtered("kind=course") == [course]
    assert filtered("kind=course&kind=concert") == [course, concert]
    assert filtered("free=1") == [course]
    assert filtered(f"venue={concert.venue.slug}") == [concert]
    assert filtered("organization=pushkin-library") == [course]


def test_filters_combine():
    wanted = make_event(
        kind=Event.Kind.FESTIVAL,
        activity_types=("13.93",),
        district="ulan",
    )
    make_event(kind=Event.Kind.FESTIVAL, activity_types=("13.93",))
    make_event(kind=Event.Kind.CONCERT, venue=wanted.venue)

    assert filtered("district=ulan&activity_type=13.93&kind=festival") == [wanted]


@pytest.mark.parametrize(
    ("query", "ignored"),
    [
        ("district=nowhere", [("district", "nowhere")]),
        ("district=ulan&district=nowhere", [("district", "nowhere")]),
        ("activity_type=99.99", [("activity_type", "99.99")]),
        ("date_from=yesterday", [("date_from", "yesterday")]),
        ("when=someday", [("when", "someday")]),
        ("venue=atlantis", [("venue", "atlantis")]),
        ("q=%00", [("q", "\x00")]),
        ("date_from=2025-10-11&date_to=2025-10-01", [("date_to", "2025-10-01")]),
    ],
)
def test_what_cannot_be_read_is_ignored_and_reported(query, ignored):
    filterset = EventFilterSet(QueryDict(query), queryset=Event.objects.published())

    filterset.qs.count()

    assert filterset.ignored == ignored


def test_an_ignored_value_leaves_the_valid_ones_in_force():
    ulan = make_event(district="ulan")
    make_event()

    assert filtered("district=ulan&district=nowhere") == [ulan]


def test_types_are_read_once_in_the_official_order_whatever_the_query(
    django_assert_num_queries,
):
    query = "activity_type=90.01&activity_type=13.93&activity_type=90.01&activity_type=99.99"
    # The types named, read once for the check of the values and the form.
    with django_assert_num_queries(1):
        filterset = EventFilterSet(QueryDict(query), queryset=Event.objects.published())
        assert filterset.is_valid()
    chosen = filterset.form.cleaned_data["activity_type"]

    assert [activity_type.code for activity_type in chosen] == ["13.93", "90.01"]
    assert filterset.ignored == [("activity_type", "99.99")]
    assert [code for _name, code, _label in filterset.active()] == ["13.93", "90.01"]


def test_facet_counts_use_the_other_active_filters():
    make_event(kind=Event.Kind.FESTIVAL, district="ulan")
    make_event(kind=Event.Kind.CONCERT, district="ulan")
    make_event(kind=Event.Kind.FESTIVAL, activity_types=("13.93",))

    filterset = EventFilterSet(
        QueryDict("district=ulan&kind=festival"),
        queryset=Event.objects.published(),
        now=local(2025, 1, 1),
    )
    counts = filterset.facet_counts()

    # Districts counted among festivals; kinds counted in Ulan district.
    assert counts["district"] == {"ulan": 1, "oskemen": 1}
    assert counts["kind"] == {"festival": 1, "concert": 1}
    assert counts["activity_type"] == {"90.01": 1}
    assert counts["group"] == {"performing-arts": 1}


@pytest.mark.parametrize(
    "query", ["date_from=0001-01-01", "date_to=9999-12-31", "date_from=9999-12-31"]
)
def test_a_date_at_the_end_of_the_calendar_is_ignored(query):
    filterset = EventFilterSet(QueryDict(query), queryset=Event.objects.published())

    assert list(filterset.qs) == []
    assert filterset.ignored == [tuple(query.split("="))]


def test_an_empty_value_is_no_filter_and_not_reported():
    event = make_event()

    filterset = EventFilterSet(
        QueryDict("q=&district=&date_from="), queryset=Event.objects.published()
    )

    assert list(filterset.qs) == [event]
    assert filterset.ignored == []
