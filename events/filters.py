"""The one FilterSet of the event list: the HTML page, the feeds and the API.

The parameters are the public URL contract of DESIGN.md. A value that is not
understood (an unknown slug, `date_from=yesterday`) is dropped and reported in
`EventFilterSet.ignored`, so a page can say what it ignored instead of failing.
"""

import copy
import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, Value, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from events.models import ActivityType, ActivityTypeGroup, Event
from organizations.models import Organization
from venues.models import District, Venue

OUTSIDE_REGION = "outside"
ONE_MOMENT = datetime.timedelta(microseconds=1)


class Period(models.TextChoices):
    TODAY = "today", _("today")
    TOMORROW = "tomorrow", _("tomorrow")
    WEEKEND = "weekend", _("this weekend")
    WEEK = "week", _("next 7 days")
    MONTH = "month", _("next 30 days")
    UPCOMING = "upcoming", _("upcoming")
    PAST = "past", _("past")


def local_days(first: datetime.date, last: datetime.date):
    """From the first moment of `first` to the last moment of `last`, local time."""
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    after = timezone.make_aware(
        datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, after - ONE_MOMENT


def is_queryable_day(day: datetime.date) -> bool:
    """Whether a day's first and last moments exist in UTC (0001-01-01 does not)."""
    try:
        return all(moment.astimezone(datetime.UTC) for moment in local_days(day, day))
    except OverflowError:
        return False


def period_bounds(period: str, now: datetime.datetime):
    """The (start, end) of a named period around `now`; None is open."""
    today = timezone.localdate(now)
    match period:
        case Period.TODAY:
            return local_days(today, today)
        case Period.TOMORROW:
            tomorrow = today + datetime.timedelta(days=1)
            return local_days(tomorrow, tomorrow)
        case Period.WEEKEND:
            # Saturday and Sunday of this week; on a Sunday, today.
            saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7)
            if today.weekday() == 6:
                saturday = today - datetime.timedelta(days=1)
            return local_days(saturday, saturday + datetime.timedelta(days=1))
        case Period.WEEK:
            return local_days(today, today + datetime.timedelta(days=6))
        case Period.MONTH:
            return local_days(today, today + datetime.timedelta(days=29))
    return now, None


class KnownChoiceField(django_filters.fields.ModelMultipleChoiceField):
    """django-filter's field, which takes the rows its filter set's check of
    the parameters has read (`known`: {value: row}) rather than reading them
    again."""

    known = None

    def _check_values(self, value):
        values = {str(item) for item in value}
        if self.known is None or not values <= self.known.keys():
            return super()._check_values(value)
        return [row for key, row in self.known.items() if key in values]


class KnownChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = KnownChoiceField


def field_filter(label, model, to_field_name):
    """A parameter of the field of the creative industries (activity types,
    their groups): read here, applied together in filter_queryset()."""
    return KnownChoiceFilter(
        label=label,
        queryset=model.objects.all(),
        to_field_name=to_field_name,
        method="filter_nothing",
    )


class EventFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search")
    district = django_filters.MultipleChoiceFilter(
        # Its choices are the filter set's `districts`, read once (form).
        label=_("District"),
        choices=(),
        method="filter_district",
    )
    activity_type = field_filter(_("Activity type"), ActivityType, "code")
    group = field_filter(_("Group"), ActivityTypeGroup, "slug")
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, distinct=False
    )
    when = django_filters.ChoiceFilter(
        label=_("When"), choices=Period.choices, method="filter_nothing"
    )
    date_from = django_filters.DateFilter(label=_("From"), method="filter_nothing")
    date_to = django_filters.DateFilter(label=_("To"), method="filter_nothing")
    venue = django_filters.ModelChoiceFilter(
        label=_("Venue"), queryset=Venue.objects.all(), to_field_name="slug"
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Organization"),
        queryset=Organization.objects.all(),
        to_field_name="slug",
        method="filter_organization",
    )
    free = django_filters.ChoiceFilter(
        label=_("Free entry"),
        choices=[("1", _("free entry only"))],
        method="filter_free",
    )

    # The parameters that may be repeated.
    MULTIPLE = ("district", "activity_type", "group", "kind")
    # The facets the list shows counts for, under the other active filters.
    FACETS = ("district", "activity_type", "group", "kind")
    # One choice, the field of the creative industries: types and whole groups
    # add up, and each one's counts leave out both.
    FIELD = ("activity_type", "group")

    class Meta:
        model = Event
        fields = []

    def __init__(self, data=None, *args, now=None, within=None, **kwargs):
        self.now = now or timezone.now()
        # The (start, end) a page shows at most (a calendar's month): the
        # events must overlap it too, and it stands for the default period.
        self.within = within
        self.ignored = []
        # {parameter: {value: row}} of the rows the check of the parameters
        # read (model choices), which the form then takes as they are.
        self.known = {}
        # Set on the twin of in_the_past(): past events whatever the period.
        self.showing_past = False
        if data is not None:
            data = self.drop_what_is_not_understood(data)
        super().__init__(data, *args, **kwargs)

    def drop_what_is_not_understood(self, data):
        """A copy of the query without the values the filters cannot read."""
        understood = data.copy()
        for name, a_filter in self.base_filters.items():
            if name not in data:
                continue
            values = data.getlist(name) if name in self.MULTIPLE else [data.get(name)]
            readable = self.readable_values(name, a_filter.field, values)
            self.ignored += [
                (name, value)
                for value in values
                if value not in readable and value not in ("", None)
            ]
            understood.setlist(name, readable)
        date_from, date_to = (
            self.base_filters[name].field.clean(understood.get(name))
            for name in ("date_from", "date_to")
        )
        if date_from and date_to and date_to < date_from:
            self.ignored.append(("date_to", understood.pop("date_to")[0]))
        return understood

    @cached_property
    def districts(self):
        """{slug: name} of every district and OUTSIDE_REGION, read once for
        the check of the parameters, the form and the chips."""
        districts = dict(District.objects.values_list("slug", "name"))
        districts[OUTSIDE_REGION] = _("outside the region")
        return districts

    @property
    def form(self):
        if not hasattr(self, "_form"):
            # Read when a district is to be checked, and then only once.
            fields = super().form.fields
            fields["district"].choices = lambda: [(s, s) for s in self.districts]
            for name, rows in self.known.items():
                fields[name].known = rows
        return self._form

    def readable_values(self, name, field, values):
        # An empty choice from a form, or "q=", means nothing; not an error.
        values = [value for value in values if value not in ("", None)]
        # No parameter holds control characters (and PostgreSQL refuses a NUL).
        values = [value for value in values if value.isprintable()]
        if name == "district":
            return [value for value in values if value in self.districts]
        if isinstance(field, forms.ModelMultipleChoiceField):
            rows = field.queryset.filter(**{f"{field.to_field_name}__in": values})
            known = {str(getattr(row, field.to_field_name)): row for row in rows}
            if isinstance(field, KnownChoiceField):
                self.known[name] = known
            return [value for value in values if value in known]
        readable = []
        for value in values:
            try:
                cleaned = field.clean([value] if name in self.MULTIPLE else value)
            except ValidationError:
                continue
            if isinstance(cleaned, datetime.date) and not is_queryable_day(cleaned):
                continue
            readable.append(value)
        return readable

    @property
    def ignored_for_display(self):
        """`ignored`, with control characters shown as � so the page stays valid."""
        return [
            (name, "".join(c if c.isprintable() else "\ufffd" for c in value))
            for name, value in self.ignored
        ]

    @property
    def period(self):
        """The (start, end) the list covers, from `when` or the dates."""
        data = self.form.cleaned_data
        if data.get("date_from") or data.get("date_to"):
            first, last = data.get("date_from"), data.get("date_to")
            start = local_days(first, first)[0] if first else None
            end = local_days(last, last)[1] if last else None
            return start, end
        if self.within is not None and data.get("when") in (None, "", Period.UPCOMING):
            return self.within
        return period_bounds(data.get("when") or Period.UPCOMING, self.now)

    @property
    def has_period(self):
        """Whether the visitor chose a period: "upcoming", the form's default, is none."""
        data = self.form.cleaned_data
        return data.get("when") not in (None, "", Period.UPCOMING) or any(
            data.get(name) for name in ("date_from", "date_to")
        )

    @property
    def is_past(self):
        return self.showing_past or self.form.cleaned_data.get("when") == Period.PAST

    def in_the_past(self):
        """The same filters over past events, as `when=past` would select them.

        For the list's offer when nothing upcoming matches: the filters already
        read are shared, not read again from the database.
        """
        twin = copy.copy(self)
        twin.showing_past = True
        twin.__dict__.pop("_qs", None)
        return twin

    def filter_queryset(self, queryset, leave_out=None):
        """The events the filters select; `leave_out` names one filter to skip."""
        # The period first: a search then puts title matches before the rest.
        if self.is_past:
            queryset = queryset.past(now=self.now)
        else:
            queryset = queryset.overlapping(*self.period).order_by("starts_at", "pk")
        if self.within is not None and self.period != self.within:
            queryset = queryset.overlapping(*self.within)
        data = self.form.cleaned_data
        for name, value in data.items():
            if name != leave_out:
                queryset = self.filters[name].filter(queryset, value)
        if leave_out not in self.FIELD:
            queryset = self.filter_field(
                queryset, data.get("activity_type"), data.get("group")
            )
        return queryset

    def filter_nothing(self, queryset, name, value):
        # `when` and the dates act together, and so do the activity types and
        # their groups, in filter_queryset().
        return queryset

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_district(self, queryset, name, values):
        """Events at the venues of these districts (or outside the region).

        The venues as a subquery, not a join: PostgreSQL then reads the list
        index in date order and stops at the page's end (at 100,000 events,
        4 ms where the join made it read every upcoming event: 15-20 ms).
        """
        slugs = [value for value in values if value != OUTSIDE_REGION]
        in_district = models.Q(district__slug__in=slugs)
        if OUTSIDE_REGION in values:
            in_district |= models.Q(district__isnull=True)
        return queryset.filter(venue__in=Venue.objects.filter(in_district))

    def filter_field(self, queryset, activity_types, groups):
        """Events of any chosen activity type or of any type of a chosen group.

        One choice together: a whole group ticked beside a type of another
        group adds that type's events, as a visitor expects of the picker.
        """
        if not activity_types and not groups:  # django-filter passes empty querysets
            return queryset
        # Only the parts chosen: an empty one still joins the types' table.
        chosen = models.Q()
        if activity_types:
            chosen |= models.Q(activitytype__in=activity_types)
        if groups:
            chosen |= models.Q(activitytype__group__in=groups)
        tagged = Event.activity_types.through.objects.filter(chosen).values("event")
        return queryset.filter(pk__in=tagged)

    def filter_organization(self, queryset, name, organization):
        organized = Event.organizers.through.objects.filter(
            organization=organization
        ).values("event")
        return queryset.filter(pk__in=organized)

    def filter_free(self, queryset, name, value):
        return queryset.filter(is_free=True)

    def active(self):
        """(parameter, value, label) of every filter in use, for removable chips."""
        data = self.form.cleaned_data
        chips = []
        if data.get("q"):
            chips.append(("q", data["q"], f"«{data['q'][:40]}»"))
        chips += [
            ("district", slug, self.districts[slug])
            for slug in data.get("district") or []
        ]
        chips += [
            ("activity_type", activity_type.code, str(activity_type))
            for activity_type in data.get("activity_type") or []
        ]
        chips += [
            ("group", group.slug, group.name) for group in data.get("group") or []
        ]
        kinds = dict(Event.Kind.choices)
        chips += [("kind", kind, kinds[kind]) for kind in data.get("kind") or []]
        if data.get("when"):
            chips.append(("when", data["when"], Period(data["when"]).label))
        for name in ("date_from", "date_to"):
            if data.get(name):
                label = self.filters[name].label
                chips.append(
                    (name, data[name].isoformat(), f"{label} {data[name]:%d.%m.%Y}")
                )
        for name in ("venue", "organization"):
            if data.get(name):
                chips.append((name, data[name].slug, str(data[name])))
        if data.get("free"):
            chips.append(("free", "1", _("free entry")))
        return chips

    def facet_counts(self):
        """{facet: {value: number of events}} under the other active filters.

        One aggregate query per facet, whatever the number of events or values.
        """
        self.is_valid()  # cleans the form once, as .qs does
        counts = {}
        for facet in self.FACETS:
            events = self.filter_queryset(self.queryset.all(), leave_out=facet)
            counts[facet] = dict(self.count_by(facet, events.order_by()))
        return counts

    @staticmethod
    def count_by(facet, events):
        """(value, number of events) pairs of one facet over some events.

        Grouped in one pass over the events (the filters join no many-valued
        relation, so each event is one row before the facet's own join).
        """
        if facet == "activity_type":
            # An event has a type once: no DISTINCT needed.
            return (
                events.filter(activity_types__isnull=False)
                .values_list("activity_types__code")
                .annotate(Count("pk"))
            )
        if facet == "group":
            return (
                events.filter(activity_types__isnull=False)
                .values_list("activity_types__group__slug")
                .annotate(Count("pk", distinct=True))
            )
        if facet == "district":
            key = Case(
                When(venue__district__isnull=True, then=Value(OUTSIDE_REGION)),
                default=F("venue__district__slug"),
                output_field=models.CharField(),
            )
            events = events.filter(venue__isnull=False)
        else:
            key = F("kind")
        return events.annotate(key=key).values_list("key").annotate(Count("pk"))
