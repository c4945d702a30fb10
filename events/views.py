from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from events.cache import cached_fragment
from events.calendar import (
    SHOWN_APPROXIMATE,
    adjacent_month,
    fill_events,
    last_day,
    month_bounds,
    month_grid,
)
from events.filters import OUTSIDE_REGION, EventFilterSet, Period, period_bounds
from events.models import ActivityType, ActivityTypeGroup, Event
from events.models.querysets import CARD_LEAVES_OUT
from venues.models import District

HOME_LIST_SIZE = 12
PAGE_SIZE = 20
PAST_SUGGESTIONS = 6


def home(request):
    """Search, what is on this weekend and next, and the ways into the catalog."""
    now = timezone.now()
    public = Event.objects.published().for_cards()
    return render(
        request,
        "events/home.html",
        {
            "weekend_events": public.overlapping(*period_bounds(Period.WEEKEND, now))[
                :HOME_LIST_SIZE
            ],
            "upcoming_events": public.upcoming(now=now)[:HOME_LIST_SIZE],
            "past_events": public.past(now=now)[: HOME_LIST_SIZE // 2],
            "groups": ActivityTypeGroup.objects.all(),
            "districts": District.objects.all(),
        },
    )


def without(query, parameter, value):
    """The query string with one value of one parameter taken out, page reset."""
    query = query.copy()
    query.setlist(parameter, [v for v in query.getlist(parameter) if v != value])
    query.pop("page", None)
    return query.urlencode()


def list_counts(filterset, query):
    """(number of events, facet counts) of the list's filters, for any page.

    The costliest part of the list at scale, so kept as a fragment under the
    filters' query string (`query`, without the page).
    """
    return cached_fragment(
        f"event-list-counts?{query}",
        lambda: (filterset.qs.count(), filterset.facet_counts()),
    )


def filter_options(filterset, facets):
    """The choices of the filter form, each with its count and checked state."""
    chosen = {name: filterset.data.getlist(name) for name in filterset.MULTIPLE}

    def option(parameter, value, label):
        return {
            "value": value,
            "label": label,
            "count": facets[parameter].get(value, 0),
            "checked": value in chosen[parameter],
        }

    districts = [
        option("district", district.slug, district.name)
        for district in District.objects.all()
    ]
    districts.append(option("district", OUTSIDE_REGION, _("outside the region")))
    groups = []
    for group in ActivityTypeGroup.objects.prefetch_related(
        Prefetch("activity_types", ActivityType.objects.current())
    ):
        activity_types = [
            option("activity_type", activity_type.code, activity_type.name)
            for activity_type in group.activity_types.all()
        ]
        field = option("group", group.slug, group.name)
        # A field opens when something in it is chosen.
        field["open"] = field["checked"] or any(o["checked"] for o in activity_types)
        groups.append({**field, "activity_types": activity_types})
    kinds = [option("kind", value, label) for value, label in Event.Kind.choices]
    return {"districts": districts, "groups": groups, "kinds": kinds}


def filter_panel(filterset, facets):
    """What the filter form and its removable chips need, on every view of the
    list (the list itself, the calendar)."""
    return {
        "filterset": filterset,
        "chips": [
            (label, without(filterset.data, parameter, value))
            for parameter, value, label in filterset.active()
        ],
        "options": filter_options(filterset, facets),
        "periods": Period.choices,
    }


def event_list(request):
    """The filtered list of events, with facet counts and removable filters."""
    now = timezone.now()
    public = Event.objects.published()
    filterset = EventFilterSet(request.GET, queryset=public, now=now)
    query = without(filterset.data, "page", None)
    total, facets = list_counts(filterset, query)
    paginator = Paginator(filterset.qs.for_cards(), PAGE_SIZE)
    paginator.count = total  # counted (or kept) with the facets
    page = paginator.get_page(request.GET.get("page"))
    cleaned = filterset.form.cleaned_data
    # "Upcoming" is the default period, which the form's radio button sends.
    has_period = cleaned.get("when") not in (None, "", Period.UPCOMING) or any(
        cleaned.get(name) for name in ("date_from", "date_to")
    )
    recent_past = []
    if not page.object_list and not has_period:
        # Nothing upcoming: offer what matched before.
        past_query = filterset.data.copy()
        past_query["when"] = Period.PAST
        past = EventFilterSet(past_query, queryset=public, now=now).qs
        recent_past = past.for_cards()[:PAST_SUGGESTIONS]
    return render(
        request,
        "events/event_list.html",
        {
            **filter_panel(filterset, facets),
            "page_obj": page,
            "recent_past": recent_past,
            "feed_query": query,
            "view_query": query,
        },
    )


def period_query(query, first, last):
    """The filters of `query` from day `first` to day `last`, for the list."""
    query = query.copy()
    query.pop("when", None)
    query["date_from"], query["date_to"] = first.isoformat(), last.isoformat()
    return query.urlencode()


def calendar_url(month, query):
    """The calendar of `month` (this month if None) with the filters of `query`."""
    url = reverse("events:calendar", args=[month] if month else [])
    return f"{url}?{query}" if query else url


def event_calendar(request, month=None):
    """The list's events on a grid of one month (without one, this month).

    A fixed number of queries: the filters and the form's facets as on the list,
    the spans of the month's events, then the few events the days show.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    first = month or today.replace(day=1)
    data = request.GET.copy()
    data.pop("page", None)
    if data.get("when") == Period.UPCOMING:
        # The list's default period, which its form sends; here the month is.
        data.pop("when")
    filterset = EventFilterSet(
        data,
        queryset=Event.objects.published(),
        now=now,
        within=month_bounds(first),
    )
    query = filterset.data.urlencode()
    facets = cached_fragment(
        f"event-calendar-facets/{first:%Y-%m}?{query}", filterset.facet_counts
    )
    spans = list(
        filterset.qs.order_by("starts_at", "pk").values_list(
            "pk", "starts_at", "ends_at", "date_precision"
        )
    )
    weeks, approximate = month_grid(first, spans, today=today)
    shown = [pk for week in weeks for day in week for pk in day.shown_ids]
    shown_approximate = approximate[:SHOWN_APPROXIMATE]
    events = Event.objects.defer(*CARD_LEAVES_OUT).in_bulk([*shown, *shown_approximate])
    fill_events(weeks, events)
    list_url = reverse("events:list")
    for week in weeks:
        for day in week:
            if day.more:
                day.list_url = (
                    f"{list_url}?{period_query(filterset.data, day.date, day.date)}"
                )
    previous, following = adjacent_month(first, -1), adjacent_month(first, +1)
    return render(
        request,
        "events/event_calendar.html",
        {
            **filter_panel(filterset, facets),
            "month": first,
            "weeks": weeks,
            "days_with_events": [
                day for week in weeks for day in week if day.in_month and day.total
            ],
            "approximate": [events[pk] for pk in shown_approximate],
            "approximate_more": len(approximate) - len(shown_approximate),
            "month_list_url": (
                f"{list_url}?{period_query(filterset.data, first, last_day(first))}"
            ),
            "event_count": len(spans),
            "weekdays": [WEEKDAYS[number] for number in range(7)],
            "previous_month": previous,
            "previous_url": previous and calendar_url(previous, query),
            "next_month": following,
            "next_url": following and calendar_url(following, query),
            "this_month_url": (
                calendar_url(None, query) if first != today.replace(day=1) else ""
            ),
            "view_query": query,
        },
    )


def activity_type_list(request):
    """The official types by group, each with its count of upcoming events."""
    groups = ActivityTypeGroup.objects.prefetch_related(
        Prefetch(
            "activity_types", ActivityType.objects.current().with_upcoming_counts()
        )
    )
    return render(request, "events/activity_type_list.html", {"groups": groups})


class EventDetailView(DetailView):
    def get_queryset(self):
        return (
            Event.objects.visible_to(self.request.user)
            .select_related("venue__district", "parent__venue__district")
            .prefetch_related("organizers", "activity_types", "images")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            programme=self.object.sub_events.published().for_cards(),
            is_over=self.object.has_ended(),
            **kwargs,
        )
