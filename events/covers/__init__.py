"""Generated covers: a poster for an event that has no image of its own.

A cover is drawn with Pillow from the event's activity group (a colour and a
pictogram), its title and its dates, in one language, with the Noto Sans font
that ships in events/fonts/ (it has every Kazakh letter). The same picture,
1200 × 630, is the page's og:image, so a shared link shows a card.

A cover is made once and kept in the media storage under a name made of a hash
of what it shows (`cover_key()`): a new title, date or group gives a new name,
so a changed event never shows a stale cover and browsers may keep a cover for
ever. Covers are made

- after an event is saved or its activity types change (the signals below,
  once the transaction commits, in every language);
- by `manage.py make_event_covers` (bin/run runs it after loading the demo
  data);
- and otherwise on first request: pages link to the `events:cover` view, which
  makes a missing cover and serves the kept file. Pages themselves never touch
  the storage, so a card costs no query and no storage call.
"""

import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext, override
from modeltranslation.utils import resolution_order
from PIL import Image

from events.covers.drawing import WIDTH, draw_cover

# Part of every cover's name: drawing covers differently makes every one anew.
DESIGN_VERSION = 1

FOLDER = "covers"

# The files of one cover: the 1200 × 630 PNG is the og:image (Telegram and
# WhatsApp read PNG and JPEG); pages show the WebP ones.
VARIANTS = {
    "1200.png": ("PNG", WIDTH, {"optimize": True}),
    "1200.webp": ("WEBP", WIDTH, {"quality": 82}),
    "900.webp": ("WEBP", 900, {"quality": 82}),
    "600.webp": ("WEBP", 600, {"quality": 82}),
}
SHARE_VARIANT = "1200.png"
# A phone's screen (390 px at 2 or 3 device pixels a px) takes the 900 or 1200.
CARD_VARIANTS = ("600.webp", "900.webp", "1200.webp")
PAGE_VARIANTS = ("600.webp", "900.webp", "1200.webp")
CONTENT_TYPES = {"png": "image/png", "webp": "image/webp"}


# What a cover shows


def cover_group(event) -> str | None:
    """The event's group slug, as EventQuerySet.with_cover_group() annotates
    it (cards, the event page), or looked up."""
    if hasattr(event, "cover_group"):
        return event.cover_group
    first = (
        event.activity_types.order_by("group__position", "position", "code")
        .values_list("group__slug", flat=True)
        .first()
    )
    return first


def cover_title(event, language) -> str:
    """The title in `language`, or in the first language that has one."""
    for code in resolution_order(language):
        if text := getattr(event, f"title_{code}", None):
            return text
    return ""


def cover_dates(event, language) -> str:
    """The dates as the event's pages write them (includes/event_dates.html)."""
    with override(language):
        html = render_to_string("includes/event_dates.html", {"event": event})
    return " ".join(strip_tags(html).split())


def cover_site_name(language) -> str:
    with override(language):
        return gettext("Creative East")


def dates_drawn_from(event) -> str:
    """What the cover's dates are written from (cover_dates()), in one line.

    Cheaper than the written dates, which take a template to render, and every
    card and page works out its cover's key: a change to how dates are written
    raises DESIGN_VERSION instead.
    """
    ends_at = event.ends_at.isoformat() if event.ends_at else ""
    return (
        f"{event.date_precision} {event.starts_at.isoformat()} {ends_at} "
        f"{settings.TIME_ZONE}"
    )


def cover_key(event, language) -> str:
    """The name of the event's cover in `language`: a hash of all it shows."""
    parts = (
        str(DESIGN_VERSION),
        language,
        cover_title(event, language),
        dates_drawn_from(event),
        cover_group(event) or "",
        cover_site_name(language),
    )
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]


def cover_storage_name(key, variant) -> str:
    return f"{FOLDER}/{key}-{variant}"


def cover_urls(event, language, variants) -> dict[str, str]:
    """The addresses of the cover's files (the `events:cover` view, under the
    language's prefix), by variant."""
    key = cover_key(event, language)
    with override(language):
        return {
            variant: reverse(
                "events:cover", kwargs={"slug": event.slug, "name": f"{key}-{variant}"}
            )
            for variant in variants
        }


def cover_url(event, language, variant) -> str:
    return cover_urls(event, language, [variant])[variant]


def encode(image, variant) -> bytes:
    file_format, width, options = VARIANTS[variant]
    if width != image.width:
        image = image.resize(
            (width, round(image.height * width / image.width)),
            Image.Resampling.LANCZOS,
        )
    buffer = io.BytesIO()
    image.save(buffer, file_format, **options)
    return buffer.getvalue()


# Keeping them


def ensure_cover(event, language, variant=SHARE_VARIANT) -> str:
    """The event's cover in `language`, made and stored if its `variant` is
    missing; its key."""
    key = cover_key(event, language)
    # The PNG is written last: when it is there, so are the others, unless
    # a variant was added since.
    if default_storage.exists(cover_storage_name(key, variant)):
        return key
    image = draw_cover(
        title=cover_title(event, language),
        dates=cover_dates(event, language),
        group=cover_group(event),
        site_name=cover_site_name(language),
    )
    for variant in sorted(VARIANTS, key=lambda name: name == SHARE_VARIANT):
        name = cover_storage_name(key, variant)
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(encode(image, variant)))
    return key


def ensure_covers(event):
    """The event's covers in every language of the site."""
    for language, _name in settings.LANGUAGES:
        ensure_cover(event, language)


def make_covers_after_commit(event_pk):
    """Make the event's covers once the transaction commits (never for a rolled
    back one). A second call in the same transaction finds them made."""

    def make():
        from events.models import Event

        event = Event.objects.with_cover_group().filter(pk=event_pk).first()
        if event is not None:
            ensure_covers(event)

    transaction.on_commit(make)


def event_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: make_event_covers makes them after the load
        return
    make_covers_after_commit(instance.pk)


def activity_types_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        make_covers_after_commit(instance.pk)
    elif pk_set:  # types given events through the activity type's side
        for event_pk in pk_set:
            make_covers_after_commit(event_pk)


def connect_signals():
    """Called from EventsConfig.ready(): a saved title, date or group makes the
    event's covers anew."""
    from events.models import Event

    post_save.connect(event_saved, sender=Event, dispatch_uid="covers.event_saved")
    m2m_changed.connect(
        activity_types_changed,
        sender=Event.activity_types.through,
        dispatch_uid="covers.activity_types_changed",
    )
