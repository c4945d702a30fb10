from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modeltranslation.utils import get_translation_fields

from events.models import requirements
from events.models.activity_types import ActivityType
from events.models.querysets import EventQuerySet, start_of_local_day
from events.models.slugs import validate_not_reserved
from organizations.models import Organization
from venues.models import Venue


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
        validators=[validate_not_reserved],
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
            # district and kind facets read, and (included, on PostgreSQL)
            # what a page of cards, a feed or the API reads first (each event's
            # last change, and its parent's id), so that they read the index
            # alone, not the wide rows of every upcoming event.
            models.Index(
                fields=[
                    "publication_status",
                    "starts_at",
                    "ends_at",
                    "venue",
                    "kind",
                    "id",
                ],
                include=["updated_at", "parent"],
                name="event_list_idx",
            ),
            # The latest change of the published events (the sitemap index,
            # the API's updated_since): without it, a read of every wide row
            # (300 ms at 100,000 events).
            models.Index(
                fields=["publication_status", "updated_at"], name="event_changed_idx"
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
        return [getattr(self, name) or "" for name in get_translation_fields("title")]

    @property
    def is_published(self):
        return self.publication_status == self.PublicationStatus.PUBLISHED

    @property
    def public_parent(self):
        """The festival or programme this event is part of, if it is published.

        Pages, feeds and the API name only this: a parent still in draft or in
        review may be another organization's, and is nobody else's to read.
        """
        parent = self.parent
        return parent if parent is not None and parent.is_published else None

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

    def local_date_or_datetime(self, moment):
        """`moment` (the start, end...) as precisely as the event's dates are known.

        The local date and time for an event with a time, the local date for the
        others: what JSON-LD, iCalendar and the CSV export each write in their
        format. People read the dates in templates/includes/event_dates.html.
        """
        if self.date_precision == self.DatePrecision.TIME:
            return timezone.localtime(moment)
        return timezone.localdate(moment)

    def publication_problems(self, activity_types=None, images=None):
        """What this event lacks to be published, as {field name: message}.

        The rules are events/models/requirements.py's; with None for
        `activity_types` or `images` their checks are left to the caller.
        """
        return requirements.publication_problems(
            self, activity_types=activity_types, images=images
        )

    def clean(self):
        super().clean()
        problems = requirements.title_problems(self)
        if not problems and self.is_published:
            problems = self.publication_problems()
        if problems := problems or requirements.status_problems(self):
            raise ValidationError(problems)
