import datetime
import difflib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Case, Func, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Least
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_countries.fields import CountryField
from imagekit.models import ImageSpecField
from pilkit.processors import ResizeToFit

from events import search as text_search
from organizations.models import Organization
from venues.models import Venue


def start_of_local_day(moment):
    return timezone.localtime(moment).replace(hour=0, minute=0, second=0, microsecond=0)


# How many events at one place and time are compared for duplicates, at most.
DUPLICATE_CANDIDATES = 200


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


class ActivityTypeGroupManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class ActivityTypeGroup(models.Model):
    """One of the directions the official activity types are grouped in."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ActivityTypeGroupManager()

    class Meta:
        verbose_name = _("activity-type group")
        verbose_name_plural = _("activity-type groups")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class ActivityTypeQuerySet(models.QuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)

    def current(self):
        """Types on the list today; deprecated ones stay only for old events."""
        return self.filter(deprecated_at__isnull=True)

    def with_upcoming_counts(self, now=None):
        """Each type with `upcoming_count`, its published events not over yet."""
        upcoming = Event.objects.published().upcoming(now=now).values("pk")
        return self.annotate(
            upcoming_count=models.Count("events", filter=Q(events__in=upcoming))
        )


class ActivityType(models.Model):
    """A creative-industry type of economic activity, by its OKED class code."""

    code = models.CharField(
        _("OKED code"),
        max_length=10,
        unique=True,
        help_text=_("Class of the economic activity classifier, e.g. 90.01."),
    )
    name = models.CharField(_("name"), max_length=255)
    group = models.ForeignKey(
        ActivityTypeGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="activity_types",
    )
    is_membership_confirmed = models.BooleanField(
        _("on the official list (confirmed)"),
        default=False,
        help_text=_(
            "Whether an official source confirms this code is on the list of 43. "
            "Unchecked: the row was reconstructed."
        ),
    )
    is_name_kk_official = models.BooleanField(
        _("Kazakh name is official"),
        default=False,
        help_text=_(
            "Whether the Kazakh name is the official classifier title. "
            "Unchecked: a working translation."
        ),
    )
    deprecated_at = models.DateTimeField(
        _("taken off the list"),
        null=True,
        blank=True,
        help_text=_(
            "Set when the type is no longer on the list. It is kept so that old "
            "events and links still work."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ActivityTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity type")
        verbose_name_plural = _("activity types")
        ordering = ["position", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def natural_key(self):
        return (self.code,)

    natural_key.dependencies = ["events.activitytypegroup"]


def earliest_start_going_on(moment, first_day):
    """The earliest start of any event not over at `moment` (SQL, for a filter).

    Events that began before `first_day` (moment's local day) and are not
    over have an end, and their span holds `moment`; any other event not over
    starts on `first_day` or later. On PostgreSQL a GiST index on the span
    (migration 0010) finds the few that hold `moment`; elsewhere the index on
    (ends_at, starts_at) gives the earliest start of those not over.
    """
    if connection.vendor == "postgresql":
        going_on = Event.objects.filter(
            RawSQL(
                "tstzrange(starts_at, ends_at, '[]') @> %s",
                # In UTC, as Django sends datetimes: a local time of 1520 has
                # the zone's mean-time offset, which PostgreSQL refuses.
                [moment.astimezone(datetime.UTC)],
                output_field=models.BooleanField(),
            ),
            ends_at__isnull=False,
        )
    else:
        going_on = Event.objects.filter(ends_at__gte=moment)
    # MIN() as a plain function, not an aggregate: no GROUP BY in the subquery.
    earliest = (
        going_on.order_by()
        .annotate(earliest=Func("starts_at", function="MIN"))
        .values("earliest")
    )
    first_day = Value(first_day, output_field=models.DateTimeField())
    return Least(Coalesce(Subquery(earliest), first_day), first_day)


# Columns of an event that cards do not show (see EventQuerySet.for_cards).
CARD_LEAVES_OUT = [
    *(f"description_{code}" for code, _name in settings.LANGUAGES),
    "search_document",
    "search_title",
    "moderator_comment",
]


class EventQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def published(self):
        """What the public may see: published events, cancelled ones included."""
        return self.filter(publication_status=Event.PublicationStatus.PUBLISHED)

    def overlapping(self, start=None, end=None):
        """Events that take place at any moment of [start, end] (either may be open).

        An event without an end lasts until the end of its first local day.
        """
        events = self
        if end is not None:
            events = events.filter(starts_at__lte=end)
        if start is not None:
            first_day = start_of_local_day(start)
            events = events.filter(
                Q(ends_at__gte=start)
                | Q(ends_at__isnull=True, starts_at__gte=first_day),
                # Implied by the above, but it gives the index on the start a
                # lower bound: without it, the database walks every past event
                # to find the first upcoming one.
                starts_at__gte=earliest_start_going_on(start, first_day),
            )
        return events

    def upcoming(self, now=None):
        """Events not over yet; one without an end stays upcoming all its day."""
        return self.overlapping(start=now or timezone.now())

    def past(self, now=None):
        """Events that are over, the latest first."""
        now = now or timezone.now()
        return self.filter(
            Q(ends_at__lt=now)
            | Q(ends_at__isnull=True, starts_at__lt=start_of_local_day(now)),
            # Implied (an event ends after it starts): the index on the start
            # is then walked back from now, not from the last event planned.
            starts_at__lt=now,
        ).order_by("-starts_at", "-pk")

    def attendance_not_recorded(self, now=None):
        """Published events that are over and took place, without their guests count.

        Cancelled events did not take place, and postponed ones have not yet.
        """
        return (
            self.published()
            .past(now=now)
            .exclude(
                event_status__in=[
                    Event.EventStatus.CANCELLED,
                    Event.EventStatus.POSTPONED,
                ]
            )
            .filter(guests__isnull=True)
        )

    def likely_duplicates(self, *, titles, starts_at, ends_at=None, venue=None):
        """Events at the same venue or in its district, overlapping these dates,
        whose title looks like one of `titles` in any language (or alphabet).
        """
        if venue is None or starts_at is None:
            return []
        ends_at = ends_at or start_of_local_day(starts_at) + datetime.timedelta(days=1)
        place = Q(venue=venue)
        if venue.district_id:
            place |= Q(venue__district_id=venue.district_id)
        ours = canonical_titles(titles)
        if not ours:
            return []
        candidates = (
            self.overlapping(starts_at, ends_at)
            .filter(place)
            .select_related("venue")
            .order_by("starts_at", "pk")[:DUPLICATE_CANDIDATES]
        )
        return [
            event
            for event in candidates
            if titles_look_alike(ours, canonical_titles(event.titles()))
        ]

    def search(self, query):
        """Events whose words begin with every word of the query, title matches first."""
        prefixes = text_search.query_prefixes(query)
        if not prefixes:
            return self
        events, in_title = self, Q()
        for prefix in prefixes:
            events = events.filter(search_document__contains=prefix)
            in_title &= Q(search_title__contains=prefix)
        ordering = events.query.order_by or events.model._meta.ordering
        return events.alias(
            title_match=Case(When(in_title, then=Value(0)), default=Value(1))
        ).order_by("title_match", *ordering)

    def refresh_search(self):
        """Recompute the search words of these events from what they show."""
        events = list(
            self.select_related("venue__district").prefetch_related(
                "organizers", "activity_types__group"
            )
        )
        for event in events:
            event.search_title, event.search_document = event.build_search_words()
        Event.objects.bulk_update(events, ["search_title", "search_document"])

    def free_slug(self, base, *, also_taken=()):
        """`base`, or `base-2`, `base-3`... : the first slug no event has (nor
        is in `also_taken`)."""
        base = base[:110].strip("-")
        taken = set(also_taken) | set(
            Event.objects.filter(slug__startswith=base).values_list("slug", flat=True)
        )
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        return slug

    def editable_by(self, user):
        """Events this staff user may change: all for moderators, else their own."""
        if user.is_superuser or user.has_perm("events.publish_event"):
            return self
        own = Event.objects.filter(organizers__editors=user).values("pk")
        return self.filter(pk__in=own)

    def visible_to(self, user):
        """Published events, plus the drafts a staff user may preview."""
        if not user.is_staff:
            return self.published()
        own = Event.objects.editable_by(user).values("pk")
        return self.filter(
            Q(publication_status=Event.PublicationStatus.PUBLISHED) | Q(pk__in=own)
        )

    def for_cards(self):
        """Everything an event card shows, in a fixed number of queries.

        Not the long texts a card does not show: at a page of twenty events
        their transfer would cost more than the rest of the query.
        """
        return (
            self.select_related("venue__district")
            .prefetch_related("images")
            .defer(*CARD_LEAVES_OUT)
        )


class Event(models.Model):
    """Something to go to: a festival, a concert, a course."""

    class Kind(models.TextChoices):
        FESTIVAL = "festival", _("festival")
        CONCERT = "concert", _("concert")
        PERFORMANCE = "performance", _("performance")
        PREMIERE = "premiere", _("premiere")
        EXHIBITION = "exhibition", _("exhibition")
        FAIR = "fair", _("fair")
        MASTER_CLASS = "master-class", _("master class")
        FORUM = "forum", _("forum")
        HACKATHON = "hackathon", _("hackathon")
        CONTEST = "contest", _("contest")
        COURSE = "course", _("course")
        TOUR = "tour", _("tour")
        OPENING = "opening", _("opening")
        OTHER = "other", _("other")

    class PublicationStatus(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEW = "review", _("in review")
        PUBLISHED = "published", _("published")

    class EventStatus(models.TextChoices):
        """As schema.org's EventStatusType has them."""

        SCHEDULED = "scheduled", _("scheduled")
        CANCELLED = "cancelled", _("cancelled")
        POSTPONED = "postponed", _("postponed")
        RESCHEDULED = "rescheduled", _("rescheduled")
        MOVED_ONLINE = "moved-online", _("moved online")

    class DatePrecision(models.TextChoices):
        TIME = "time", _("date and time")
        DAY = "day", _("date only")
        MONTH = "month", _("month only (approximate)")
        YEAR = "year", _("year only (approximate)")

    class AgeRating(models.TextChoices):
        ALL = "0", "0+"
        SIX = "6", "6+"
        TWELVE = "12", "12+"
        SIXTEEN = "16", "16+"
        EIGHTEEN = "18", "18+"

    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The last part of the event's address on the site, in Latin."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_("One or two sentences shown on event cards and in search results."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Plain text; an empty line starts a new paragraph."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    activity_types = models.ManyToManyField(
        ActivityType,
        verbose_name=_("activity types"),
        related_name="events",
        blank=True,
        help_text=_("The official creative-industry types this event belongs to."),
    )
    date_precision = models.CharField(
        _("date precision"),
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.TIME,
        help_text=_(
            "«Date only» for events without a set time; «month» or «year» when "
            "only that is known: the site then says the date is approximate."
        ),
    )
    starts_at = models.DateTimeField(
        _("starts"), help_text=_("Local time (Asia/Almaty, UTC+5).")
    )
    ends_at = models.DateTimeField(
        _("ends"),
        null=True,
        blank=True,
        help_text=_("Leave empty if unknown: the event then lasts its first day."),
    )
    previous_starts_at = models.DateTimeField(
        _("previous start"),
        null=True,
        blank=True,
        help_text=_("For a rescheduled event: when it was to start before."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
    )
    online_url = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("Stream or video-call address, for online events."),
    )
    organizers = models.ManyToManyField(
        Organization,
        verbose_name=_("organizers"),
        related_name="events",
        blank=True,
        through="EventOrganizer",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        related_name="sub_events",
        null=True,
        blank=True,
        help_text=_("The festival or programme this event is part of."),
    )
    series = models.ForeignKey(
        "self",
        verbose_name=_("series"),
        on_delete=models.PROTECT,
        related_name="occurrences",
        null=True,
        blank=True,
        editable=False,
        help_text=_("The course or regular show this date is one of."),
    )
    follows_series = models.BooleanField(
        _("follows the series"),
        default=True,
        help_text=_(
            "The series' title, summary and description are copied here when the "
            "series is saved. Cleared when they are edited on this date alone."
        ),
    )
    import_uid = models.CharField(
        _("imported UID"),
        max_length=255,
        blank=True,
        editable=False,
        help_text=_("The UID of the calendar entry this event was imported from."),
    )
    is_free = models.BooleanField(_("free entry"), default=False)
    price_from = models.PositiveIntegerField(_("price from, ₸"), null=True, blank=True)
    price_to = models.PositiveIntegerField(
        _("price to, ₸"),
        null=True,
        blank=True,
        help_text=_("Leave empty when there is a single price."),
    )
    ticket_url = models.URLField(_("ticket link"), blank=True)
    age_rating = models.CharField(
        _("age rating"), max_length=2, choices=AgeRating.choices, blank=True
    )
    publication_status = models.CharField(
        _("publication status"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    event_status = models.CharField(
        _("event status"),
        max_length=15,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    moderator_comment = models.TextField(
        _("moderator's comment"),
        blank=True,
        help_text=_(
            "What the editor should change before the event can be published; "
            "the editor sees it at the top of the form."
        ),
    )
    guests = models.PositiveIntegerField(
        _("guests"),
        null=True,
        blank=True,
        help_text=_("Visitors and spectators, recorded after the event."),
    )
    participants = models.PositiveIntegerField(
        _("participants"),
        null=True,
        blank=True,
        help_text=_("Performers, exhibitors, competitors, recorded after the event."),
    )
    participating_countries = CountryField(
        _("participating countries"),
        multiple=True,
        blank=True,
        help_text=_("Countries the participants came from."),
    )
    search_document = models.TextField(
        _("search words"),
        blank=True,
        editable=False,
        help_text=_("Words of the event and its place, organizers and types."),
    )
    search_title = models.TextField(
        _("search words of the title"), blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, editable=False
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        permissions = [("publish_event", _("Can publish, cancel and unpublish events"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event cannot end before it starts."),
                violation_error_code="ends_before_start",
            ),
            models.CheckConstraint(
                condition=Q(price_to__isnull=True)
                | Q(price_from__isnull=False, price_to__gte=models.F("price_from")),
                name="event_price_range",
                violation_error_message=_(
                    "The highest price needs a lowest price and cannot be below it."
                ),
            ),
            models.CheckConstraint(
                condition=Q(is_free=False) | Q(price_from__isnull=True),
                name="event_free_has_no_price",
                violation_error_message=_("A free event has no price."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="event_not_own_parent",
                violation_error_message=_("An event cannot be part of itself."),
            ),
            models.CheckConstraint(
                condition=~Q(series=models.F("pk")),
                name="event_not_own_series",
                violation_error_message=_("An event cannot be a date of itself."),
            ),
            models.UniqueConstraint(
                fields=["import_uid"],
                condition=~Q(import_uid=""),
                name="event_import_uid_unique",
                violation_error_message=_(
                    "Another event was imported from this calendar entry."
                ),
            ),
        ]
        indexes = [
            # Lists in date order. It holds what the list's count and its
            # district and kind facets read, so that they read the index alone,
            # not the wide rows of every upcoming event.
            models.Index(
                fields=[
                    "publication_status",
                    "starts_at",
                    "ends_at",
                    "venue",
                    "kind",
                    "id",
                ],
                name="event_list_idx",
            ),
            # Upcoming lists and the earliest start of what is still going on.
            models.Index(fields=["ends_at", "starts_at"], name="event_end_start_idx"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    natural_key.dependencies = [
        "events.activitytype",
        "organizations.organization",
        "venues.venue",
    ]

    def titles(self):
        """The title in each language, empty where there is none."""
        return [getattr(self, f"title_{code}") or "" for code, _ in settings.LANGUAGES]

    @property
    def is_published(self):
        return self.publication_status == self.PublicationStatus.PUBLISHED

    def has_ended(self, now=None):
        """Whether the event is over, by the same rule as EventQuerySet.past()."""
        now = now or timezone.now()
        if self.ends_at is not None:
            return self.ends_at < now
        return self.starts_at < start_of_local_day(now)

    @property
    def ends_on_another_day(self):
        """Whether the event runs past its first local calendar day."""
        return self.ends_at is not None and timezone.localdate(
            self.ends_at
        ) != timezone.localdate(self.starts_at)

    @property
    def is_date_approximate(self):
        return self.date_precision in (
            self.DatePrecision.MONTH,
            self.DatePrecision.YEAR,
        )

    def build_search_words(self):
        """(title words, all words) in the canonical form of events/search.py."""
        languages = [code for code, _ in settings.LANGUAGES]

        def texts(instance, *fields):
            return [
                getattr(instance, f"{f}_{code}") or ""
                for f in fields
                for code in languages
            ]

        title = text_search.document(*texts(self, "title"))
        related = texts(self, "summary", "description")
        if self.venue:
            related += texts(self.venue, "name", "locality", "address")
            if self.venue.district:
                related += texts(self.venue.district, "name", "centre")
        for organization in self.organizers.all():
            related += texts(organization, "name", "short_name")
        for activity_type in self.activity_types.all():
            related += [activity_type.code, *texts(activity_type, "name")]
            related += texts(activity_type.group, "name")
        return title, text_search.document(title, *related)

    def publication_problems(self, activity_types=None, images=None):
        """What this event lacks to be published, as {field name: message}.

        `activity_types` and `images` are the ones it will have (the saved ones,
        or a form's); with None those checks are left to the caller, who knows
        them. Title and summary problems are reported on the default language's
        field, the first one editors see.
        """
        languages = [code for code, _ in settings.LANGUAGES]
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        problems = {}
        if not any(getattr(self, f"title_{code}") for code in languages):
            problems[f"title_{default}"] = _("Give the title in at least one language.")
        if not any(getattr(self, f"summary_{code}") for code in languages):
            problems[f"summary_{default}"] = _(
                "A published event needs a summary in at least one language."
            )
        if activity_types is not None and not activity_types:
            problems["activity_types"] = _(
                "A published event needs at least one activity type."
            )
        if not self.venue_id and not self.online_url:
            problems["venue"] = _("A published event needs a venue or an online link.")
        if images is not None:
            undescribed = [
                str(number)
                for number, image in enumerate(images, start=1)
                if not any(getattr(image, f"alt_text_{code}") for code in languages)
            ]
            if undescribed:
                problems["images"] = ngettext(
                    "Image %(numbers)s needs a description (alt text).",
                    "Images %(numbers)s need a description (alt text).",
                    len(undescribed),
                ) % {"numbers": ", ".join(undescribed)}
        return problems

    def clean(self):
        super().clean()
        languages = [code for code, _ in settings.LANGUAGES]
        if not any(getattr(self, f"title_{code}") for code in languages):
            # Reported on the default language's field, the first one editors see.
            raise ValidationError(
                {
                    f"title_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}": _(
                        "Give the title in at least one language."
                    )
                }
            )
        if self.is_published and (problems := self.publication_problems()):
            raise ValidationError(problems)
        if self.event_status == self.EventStatus.RESCHEDULED and not (
            self.previous_starts_at
        ):
            raise ValidationError(
                {
                    "previous_starts_at": _(
                        "A rescheduled event needs the start it had before."
                    )
                }
            )
        if self.event_status == self.EventStatus.MOVED_ONLINE and not self.online_url:
            raise ValidationError(
                {"online_url": _("An event moved online needs its online link.")}
            )


class EventOrganizerManager(models.Manager):
    def get_by_natural_key(self, event_slug, organization_slug):
        return self.get(event__slug=event_slug, organization__slug=organization_slug)


class EventOrganizer(models.Model):
    """An organization's part in an event; it keeps the organization from deletion."""

    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="event_organizers",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="event_organizers",
    )

    objects = EventOrganizerManager()

    class Meta:
        verbose_name = _("organizer")
        verbose_name_plural = _("organizers")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization"], name="event_organizer_unique"
            ),
        ]

    def __str__(self):
        return str(self.event)

    def natural_key(self):
        return (*self.event.natural_key(), *self.organization.natural_key())

    natural_key.dependencies = ["events.event", "organizations.organization"]


class EventImage(models.Model):
    """A picture in an event's gallery; the first one is the event's cover."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="images"
    )
    image = models.ImageField(
        _("image"), upload_to="events/%Y/", width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("image description"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, for visitors who cannot see it. Required "
            "before the event is published."
        ),
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, e.g. «Фото: акимат ВКО»."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Renditions, made once on first use and kept in the media storage; never
    # larger than the original.
    card = ImageSpecField(
        source="image",
        processors=[ResizeToFit(480, 320, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )
    card_2x = ImageSpecField(
        source="image",
        processors=[ResizeToFit(960, 640, upscale=False)],
        format="WEBP",
        options={"quality": 75},
    )
    large = ImageSpecField(
        source="image",
        processors=[ResizeToFit(1600, 1200, upscale=False)],
        format="WEBP",
        options={"quality": 80},
    )

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text or self.image.name

    def fitted_width(self, box_width, box_height):
        """The width of a rendition fitted into a box, never wider than the original."""
        if not self.width or not self.height:
            return box_width
        scale = min(box_width / self.width, box_height / self.height, 1)
        return round(self.width * scale)

    @property
    def card_srcset(self):
        return (
            f"{self.card.url} {self.fitted_width(480, 320)}w, "
            f"{self.card_2x.url} {self.fitted_width(960, 640)}w"
        )
