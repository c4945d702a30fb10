"""The official list of creative-industry activity types (OKED) and its groups."""

from django.db import models
from django.db.models import Q
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

    def with_upcoming_counts(self, now=None):
        """Each type with `upcoming_count`, its published events not over yet."""
        events = self.model._meta.get_field("events").related_model.objects
        upcoming = events.published().upcoming(now=now).values("pk")
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
