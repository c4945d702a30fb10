from functools import partial

from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dates import WEEKDAYS
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from events import covers
from events.cache import cached_fragment, kept_page
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
# How many active filters the headline names when nothing upcoming matches.
HEADLINE_FILTERS = 3


def home(request):
    """Search, what is on this weekend and next, and the ways into the catalog."""
    now = timezone.now()
    public = Event.objects.published().for_kept_cards()
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


def event_sections(events, parameter, value):
    """A venue's or an organization's events: the next HOME_LIST_SIZE upcoming
    and the latest HOME_LIST_SIZE // 2 past ones, with how many there are, the
    rest in the list filtered by `parameter`=`value` (a busy venue has had
    thousands)."""
    events = events.published().for_kept_cards()
    now = timezone.now()
    upcoming, past = events.upcoming(now=now), events.past(now=now)
    return {
        "upcoming_events": upcoming[:HOME_LIST_SIZE],
        "upcoming_total": upcoming.count(),
        "past_events": past[: HOME_LIST_SIZE // 2],
        "past_total": past.count(),
        "list_query": f"{parameter}={value}",
    }


def without(query, parameter, value):
    """The query string with one value of one parameter taken out, page reset."""
    query = query.copy()
    query.setlist(parameter, [v for v in query.getlist(parameter) if v != value])
    query.pop("page", None)
    return query.urlencode()


def with_value(query, parameter, value):
    """The query string with one parameter set to one value, page reset."""
    query = query.copy()
    query[parameter] = value
    query.pop("page", None)
    return query.urlencode()


def filter_chips(filterset, active):
    """(label, query string without it) of each filter in use (`active`, from
    filterset.active()): removable chips."""
    return [
        (label, without(filterset.data, parameter, value))
        for parameter, value, label in active
    ]


def list_counts(filterset, query, *, past_if_none):
    """(events, facet counts, past events) of the list's filters, for any page.

    When nothing upcoming matches and `past_if_none`, the page offers the past
    events instead, so the facets count those, and the third figure is their
    number (otherwise None). The costliest part of the list at scale, so kept
    as a fragment under the filters' query string (`query`, without the page).
    """

    def count():
        total = filterset.qs.count()
        if total or not past_if_none:
            return total, filterset.facet_counts(), None
        past = filterset.in_the_past()
        return total, past.facet_counts(), past.qs.count()

    return cached_fragment(f"event-list-counts-and-past?{query}", count)


def headline_filters(active):
    """(the filters as the headline names them, whether they are all places).

    The period is left out (the headline says it); past a few filters, the
    rest is a number: the chips below name them all.
    """
    named = [
        (parameter, str(label))
        for parameter, _value, label in active
        if parameter not in ("when", "date_from", "date_to")
    ]
    labels = [label for _parameter, label in named]
    text = ", ".join(labels[:HEADLINE_FILTERS])
    if len(labels) > HEADLINE_FILTERS:
        text += f" +{len(labels) - HEADLINE_FILTERS}"
    places = all(parameter in ("district", "venue") for parameter, _label in named)
    return text, places


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
            {
                **option("activity_type", activity_type.code, activity_type.name),
                "code": activity_type.code,
            }
            for activity_type in group.activity_types.all()
        ]
        field = option("group", group.slug, group.name)
        # A field opens when something in it is chosen.
        field["open"] = field["checked"] or any(o["checked"] for o in activity_types)
        groups.append({**field, "activity_types": activity_types})
    kinds = [option("kind", value, label) for value, label in Event.Kind.choices]
    return {"districts": districts, "groups": groups, "kinds": kinds}


def filter_panel(filterset, facets, active):
    """What the filter form and its removable chips need, on every view of the
    list (the list itself, the calendar); `active` is filterset.active()."""
    return {
        "filterset": filterset,
        "chips": filter_chips(filterset, active),
        # Worked out only when the panel is not kept (event_list.html).
        "options": SimpleLazyObject(lambda: filter_options(filterset, facets)),
        "periods": Period.choices,
    }


def event_list(request):
    """The filtered list of events, with facet counts and removable filters.

    When nothing upcoming matches (and no period was chosen), the page offers
    the latest past events that match instead, and says so in its headline.
    """
    now = timezone.now()
    public = Event.objects.published()
    filterset = EventFilterSet(request.GET, queryset=public, now=now)
    query = without(filterset.data, "page", None)
    filterset.is_valid()  # cleans the form once, as .qs does
    total, facets, past_total = list_counts(
        filterset, query, past_if_none=not filterset.has_period
    )
    paginator = Paginator(filterset.qs.for_kept_cards(), PAGE_SIZE)
    paginator.count = total  # counted (or kept) with the facets
    page = paginator.get_page(request.GET.get("page"))
    recent_past = []
    if past_total:
        recent_past = filterset.in_the_past().qs.for_kept_cards()[:PAGE_SIZE]
    active = filterset.active()
    filters_named, filters_are_places = headline_filters(active)
    return render(
        request,
        "events/event_list.html",
        {
            **filter_panel(filterset, facets, active),
            "page_obj": page,
            "recent_past": recent_past,
            "past_total": past_total,
            "past_query": with_value(filterset.data, "when", Period.PAST),
            "headline_filters": filters_named,
            "headline_in_places": filters_are_places,
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
            **filter_panel(filterset, facets, filterset.active()),
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
    """The types by group, each with its events upcoming and of the last 12 months."""
    groups = ActivityTypeGroup.objects.prefetch_related(
        Prefetch("activity_types", ActivityType.objects.current().with_event_counts())
    )
    return render(request, "events/activity_type_list.html", {"groups": groups})


class EventDetailView(DetailView):
    def get(self, request, *args, **kwargs):
        # A visitor's page is kept per event: an edit of another event leaves
        # it kept, and a kept page costs one narrow query.
        return kept_page(
            request,
            "event-page",
            partial(self.page_moments, kwargs["slug"]),
            partial(super().get, request, *args, **kwargs),
        )

    @staticmethod
    def page_moments(slug):
        """What the public page of the event shows that changes with the event
        (and its parent and programme) or with time, not with other events."""
        event = (
            Event.objects.published()
            .filter(slug=slug)
            .only("updated_at", "starts_at", "ends_at")
            .with_page_changes()
            .first()
        )
        if event is None:
            return None
        return [
            event.pk,
            event.updated_at,
            event.parent_changed,
            event.programme_changed,
            event.programme_size,
            event.has_ended(),
        ]

    def get_queryset(self):
        return (
            Event.objects.visible_to(self.request.user)
            .select_related("venue__district", "parent__venue__district")
            .prefetch_related("organizers", "activity_types", "images")
            .with_cover_group()
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            programme=self.object.sub_events.published().for_cards(),
            is_over=self.object.has_ended(),
            **kwargs,
        )


def event_cover(request, slug, name):
    """A file of the event's generated cover (events/covers/), made if missing.

    Its name is a hash of what it shows, so it is kept for ever by browsers; an
    older name (a page or a shared link from before a change) is sent on to the
    current cover.
    """
    key, _dash, variant = name.partition("-")
    if variant not in covers.VARIANTS:
        raise Http404
    events = Event.objects.visible_to(request.user).with_cover_group()
    event = get_object_or_404(events, slug=slug)
    language = get_language()
    if key != covers.cover_key(event, language):
        return redirect(covers.cover_url(event, language, variant))
    covers.ensure_cover(event, language, variant)
    response = FileResponse(
        default_storage.open(covers.cover_storage_name(key, variant)),
        content_type=covers.CONTENT_TYPES[variant.rsplit(".", 1)[1]],
    )
    if event.is_published:
        patch_cache_control(response, public=True, max_age=365 * 86400, immutable=True)
    else:  # a staff preview
        patch_cache_control(response, private=True, no_cache=True)
    return response
