"""The creative-industry activity types (OKED classes) and their 12 groups.

The official list of 43 was not found: the rows are a reconstruction, see
fixtures/reference/README.md and `ActivityType.is_membership_confirmed`.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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

    def with_event_counts(self, now=None):
        """Each type with `upcoming_count`, its published events not over yet,
        and `last_12_months_count`, those over that took place in the twelve
        months before `now` (from the start of the same day a year earlier,
        local time; 29 February counts from 28 February)."""
        now = now or timezone.now()
        events = self.model._meta.get_field("events").related_model.objects
        today = timezone.localdate(now)
        try:
            a_year_earlier = today.replace(year=today.year - 1)
        except ValueError:  # 29 February
            a_year_earlier = today.replace(year=today.year - 1, day=28)
        since = timezone.make_aware(
            datetime.datetime.combine(a_year_earlier, datetime.time.min)
        )
        upcoming = events.published().upcoming(now=now).values("pk")
        held = events.published().past(now=now).overlapping(start=since).values("pk")
        return self.annotate(
            upcoming_count=models.Count("events", filter=Q(events__in=upcoming)),
            last_12_months_count=models.Count("events", filter=Q(events__in=held)),
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
    is_by_analogy = models.BooleanField(
        _("included by analogy"),
        default=False,
        help_text=_(
            "The sources name this activity's sector, not this code: it was put on "
            "the list as the classifier's nearest class. The public page marks it "
            "«by analogy»."
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
