"""What an event needs, said once for the model, the admin and the workflow.

A title in some language, to be saved at all; to be published, a summary, an
activity type, a venue or an online link, and a description of every image;
for a rescheduled or moved-online status, the previous start or the link.
Each is reported as {field name: message}, a translated text's on its default
language's field, the first one editors see.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.utils import build_localized_fieldname, get_translation_fields


def is_written(instance, field):
    """Whether the translated `field` of `instance` is written in some language."""
    return any(getattr(instance, name) for name in get_translation_fields(field))


def in_default_language(field):
    """The default language's column of `field`: the first one editors see."""
    return build_localized_fieldname(field, settings.MODELTRANSLATION_DEFAULT_LANGUAGE)


def title_problems(event):
    """{field name: message} if `event` has no title in any language."""
    if is_written(event, "title"):
        return {}
    return {in_default_language("title"): _("Give the title in at least one language.")}


def publication_problems(event, *, activity_types=None, images=None):
    """What `event` lacks to be published, as {field name: message}.

    `activity_types` and `images` are the ones it will have (the saved ones,
    or a form's); with None those checks are left to the caller, who knows
    them.
    """
    problems = title_problems(event)
    if not is_written(event, "summary"):
        problems[in_default_language("summary")] = _(
            "A published event needs a summary in at least one language."
        )
    if activity_types is not None and not activity_types:
        problems["activity_types"] = _(
            "A published event needs at least one activity type."
        )
    if not event.venue_id and not event.online_url:
        problems["venue"] = _("A published event needs a venue or an online link.")
    if images is not None:
        undescribed = [
            str(number)
            for number, image in enumerate(images, start=1)
            if not is_written(image, "alt_text")
        ]
        if undescribed:
            problems["images"] = ngettext(
                "Image %(numbers)s needs a description (alt text).",
                "Images %(numbers)s need a description (alt text).",
                len(undescribed),
            ) % {"numbers": ", ".join(undescribed)}
    return problems


def status_problems(event):
    """What `event` lacks for its event status, as {field name: message}."""
    if event.event_status == event.EventStatus.RESCHEDULED and not (
        event.previous_starts_at
    ):
        return {
            "previous_starts_at": _(
                "A rescheduled event needs the start it had before."
            )
        }
    if event.event_status == event.EventStatus.MOVED_ONLINE and not event.online_url:
        return {"online_url": _("An event moved online needs its online link.")}
    return {}
