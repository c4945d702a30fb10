from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice.roles import can_moderate
from venues.models import District


class OrganizationQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def editable_by(self, user):
        """The organizations whose events this user may edit."""
        if can_moderate(user):
            return self
        return self.filter(editors=user)


class Organization(models.Model):
    """A body that organizes events: a theatre, a library, a support centre."""

    class Kind(models.TextChoices):
        SUPPORT_CENTRE = "support_centre", _("creative-industry support centre")
        THEATRE = "theatre", _("theatre")
        CONCERT = "concert", _("concert organization")
        LIBRARY = "library", _("library")
        MUSEUM = "museum", _("museum")
        UNIVERSITY = "university", _("university")
        SCHOOL = "school", _("school or club")
        GOVERNMENT = "government", _("government body")
        NGO = "ngo", _("non-governmental organization")
        BUSINESS = "business", _("business")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(
        _("short name"),
        max_length=100,
        blank=True,
        help_text=_("The name people use, e.g. «ВКТУ»; shown in lists."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of the organization's address on the site, in Latin."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        on_delete=models.PROTECT,
        related_name="departments",
        null=True,
        blank=True,
        help_text=_("For a department: the organization it belongs to."),
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="organizations",
        null=True,
        blank=True,
    )
    description = models.TextField(_("description"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organizations/", blank=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editors"),
        related_name="organizations",
        blank=True,
        help_text=_("Staff users who enter and update this organization's events."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="organization_not_own_parent",
                violation_error_message=_("An organization cannot be its own parent."),
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)
