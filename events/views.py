from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from events import covers
from events.cache import cached_fragment
from events.filters import OUTSIDE_REGION, EventFilterSet, Period, period_bounds
from events.models import ActivityType, ActivityTypeGroup, Event
from venues.models import District

HOME_LIST_SIZE = 12
PAGE_SIZE = 20
# How many active filters the headline names when nothing upcoming matches.
HEADLINE_FILTERS = 3


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


def with_value(query, parameter, value):
    """The query string with one parameter set to one value, page reset."""
    query = query.copy()
    query[parameter] = value
    query.pop("page", None)
    return query.urlencode()


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
            option("activity_type", activity_type.code, activity_type.name)
            for activity_type in group.activity_types.all()
        ]
        field = option("group", group.slug, group.name)
        # A field opens when something in it is chosen.
        field["open"] = field["checked"] or any(o["checked"] for o in activity_types)
        groups.append({**field, "activity_types": activity_types})
    kinds = [option("kind", value, label) for value, label in Event.Kind.choices]
    return {"districts": districts, "groups": groups, "kinds": kinds}


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
    cleaned = filterset.form.cleaned_data
    # "Upcoming" is the default period, which the form's radio button sends.
    has_period = cleaned.get("when") not in (None, "", Period.UPCOMING) or any(
        cleaned.get(name) for name in ("date_from", "date_to")
    )
    total, facets, past_total = list_counts(
        filterset, query, past_if_none=not has_period
    )
    paginator = Paginator(filterset.qs.for_cards(), PAGE_SIZE)
    paginator.count = total  # counted (or kept) with the facets
    page = paginator.get_page(request.GET.get("page"))
    recent_past = []
    if past_total:
        recent_past = filterset.in_the_past().qs.for_cards()[:PAGE_SIZE]
    active = filterset.active()
    filters_named, filters_are_places = headline_filters(active)
    return render(
        request,
        "events/event_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "chips": [
                (label, without(filterset.data, parameter, value))
                for parameter, value, label in active
            ],
            "options": filter_options(filterset, facets),
            "periods": Period.choices,
            "recent_past": recent_past,
            "past_total": past_total,
            "past_query": with_value(filterset.data, "when", Period.PAST),
            "headline_filters": filters_named,
            "headline_in_places": filters_are_places,
            "feed_query": query,
        },
    )


def activity_type_list(request):
    """The types by group, each with its events upcoming and of the last 12 months."""
    groups = ActivityTypeGroup.objects.prefetch_related(
        Prefetch("activity_types", ActivityType.objects.current().with_event_counts())
    )
    return render(request, "events/activity_type_list.html", {"groups": groups})


class EventDetailView(DetailView):
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
    """A file of the event's generated cover (events/covers.py), made if missing.

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
