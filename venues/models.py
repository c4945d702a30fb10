from urllib.parse import urlencode

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from backoffice.images import image_description_field


class DistrictManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class District(models.Model):
    """A city of regional significance or a district of the region (reference data)."""

    class Kind(models.TextChoices):
        CITY = "city", _("city of regional significance")
        DISTRICT = "district", _("district")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    other_names = models.CharField(
        _("other names"),
        max_length=255,
        blank=True,
        help_text=_(
            "Alternative and former names, in any language, separated by commas. "
            "Search finds the district by them; pages show only its name."
        ),
    )
    centre = models.CharField(_("administrative centre"), max_length=200, blank=True)
    kato = models.CharField(
        _("KATO code"),
        max_length=9,
        blank=True,
        help_text=_("Classifier of administrative-territorial objects, 9 digits."),
    )
    is_kato_confirmed = models.BooleanField(
        _("KATO code confirmed"),
        default=False,
        help_text=_("Whether the code was checked against an official source."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    notes = models.TextField(_("notes"), blank=True)

    objects = DistrictManager()

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


def coordinate_field(verbose_name, *, limit):
    """Degrees north or east (negative: south or west) to six decimals, about 10 cm."""
    return models.DecimalField(
        verbose_name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-limit), MaxValueValidator(limit)],
    )


class VenueManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Venue(models.Model):
    """A place where events happen: a hall, a museum, a field near a village."""

    name = models.CharField(_("name"), max_length=255)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the venue's address on the site, in Latin."),
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="venues",
        null=True,
        blank=True,
        help_text=_("Leave empty for a place outside the East Kazakhstan Region."),
    )
    locality = models.CharField(
        _("locality"),
        max_length=200,
        blank=True,
        help_text=_("City, town or village, e.g. «село Бозанбай»."),
    )
    address = models.CharField(
        _("address"),
        max_length=255,
        blank=True,
        help_text=_("Street and house number. Leave empty rather than guess."),
    )
    latitude = coordinate_field(_("latitude"), limit=90)
    longitude = coordinate_field(_("longitude"), limit=180)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        help_text=_("Number of seats or visitors the place holds, if known."),
    )
    is_wheelchair_accessible = models.BooleanField(
        _("wheelchair accessible"),
        null=True,
        blank=True,
        help_text=_("Step-free entrance and an accessible toilet. Empty if unknown."),
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_(
            "What a visitor with a disability should know: ramps, lifts, "
            "hearing loops, parking."
        ),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    image = models.ImageField(_("image"), upload_to="venues/", blank=True)
    image_alt = image_description_field(
        help_text=_("What the image shows, for visitors who cannot see it.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = VenueManager()

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="venue_coordinates_both_or_none",
                violation_error_message=_(
                    "Give both latitude and longitude, or neither."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("venues:detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def openstreetmap_url(self):
        """The place on OpenStreetMap: a pin where coordinates are known, else a search."""
        if self.has_coordinates:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}"
                f"&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"
            )
        query = ", ".join(
            part for part in (self.name, self.address, self.locality) if part
        )
        return f"https://www.openstreetmap.org/search?{urlencode({'query': query})}"
