from django.db import models
from django.utils.translation import gettext_lazy as _
from imagekit.models import ImageSpecField
from pilkit.processors import ResizeToFill, ResizeToFit

from backoffice.images import image_description_field
from events.models.event import Event
from organizations.models import Organization


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


def webp_rendition(width, height, *, quality):
    """The image in WebP, fitted in width × height and never larger than the original;
    made once on first use and kept in the media storage."""
    return ImageSpecField(
        source="image",
        processors=[ResizeToFit(width, height, upscale=False)],
        format="WEBP",
        options={"quality": quality},
    )


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
    alt_text = image_description_field(
        help_text=_(
            "What the image shows, for visitors who cannot see it. Required "
            "before the event is published."
        )
    )
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or source, e.g. «Фото: акимат ВКО»."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Renditions: the list's card, at one and two device pixels per pixel.
    card = webp_rendition(480, 320, quality=80)
    card_2x = webp_rendition(960, 640, quality=75)
    # The admin's preview, shown at most 160 × 120 px (static/css/admin.css):
    # twice that, for sharp screens.
    thumbnail = webp_rendition(320, 240, quality=75)
    large = webp_rendition(1600, 1200, quality=80)
    # The page's og:image, in the 1200 × 630 that link previews (Telegram,
    # WhatsApp, Facebook) show, as the generated covers are (events/covers/).
    share = ImageSpecField(
        source="image",
        processors=[ResizeToFill(1200, 630)],
        format="JPEG",
        options={"quality": 85},
    )

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text or self.image.name

    def fitted_size(self, box_width, box_height):
        """(width, height) of a rendition fitted into a box, never larger than
        the original."""
        if not self.width or not self.height:
            return box_width, box_height
        scale = min(box_width / self.width, box_height / self.height, 1)
        return round(self.width * scale), round(self.height * scale)

    def fitted_width(self, box_width, box_height):
        return self.fitted_size(box_width, box_height)[0]

    @property
    def card_srcset(self):
        return srcset(
            (self.card, self.fitted_width(480, 320)),
            (self.card_2x, self.fitted_width(960, 640)),
        )

    @property
    def page_srcset(self):
        """The renditions for the event page's picture, across its width."""
        return srcset(
            (self.card, self.fitted_width(480, 320)),
            (self.card_2x, self.fitted_width(960, 640)),
            (self.large, self.fitted_width(1600, 1200)),
        )


def srcset(*renditions):
    """An img srcset of (rendition, width); of renditions as wide as one another
    (a small original), only the first, as HTML allows one per width."""
    seen = {}
    for rendition, width in renditions:
        seen.setdefault(width, rendition)
    return ", ".join(f"{rendition.url} {width}w" for width, rendition in seen.items())
