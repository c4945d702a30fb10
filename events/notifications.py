"""E-mails of the workflow: to the moderators, and to the event's editor.

Sent through Django's e-mail framework (the console in development, SMTP from
the DJANGO_EMAIL_* settings in production), after the transaction commits, so
a change that is rolled back e-mails nobody. A mail server that is down is
logged and does not undo the change that was made.
"""

import logging
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from backoffice.roles import MODERATORS

logger = logging.getLogger(__name__)


def moderator_addresses():
    """The e-mail addresses of the active moderators who have one."""
    moderators = get_user_model().objects.filter(
        groups__name=MODERATORS, is_active=True
    )
    return sorted(set(moderators.exclude(email="").values_list("email", flat=True)))


def editor_addresses(editor, *, actor):
    """The editor's address (who created the event, or proposed a change), unless
    they made the change themselves."""
    if editor is None or editor == actor or not editor.is_active or not editor.email:
        return []
    return [editor.email]


def absolute(path, request):
    return request.build_absolute_uri(path) if request is not None else path


def send_later(template, recipients, context):
    """Render `template`'s subject and body now, send them once the change commits."""
    if not recipients:
        return
    subject = " ".join(
        render_to_string(f"email/{template}_subject.txt", context).split()
    )
    body = render_to_string(f"email/{template}_body.txt", context)

    def send():
        try:
            send_mail(subject, body, None, recipients)
        except Exception:
            logger.exception("Could not send the e-mail %r to %s", subject, recipients)

    transaction.on_commit(send)


def base_context(event, actor, request):
    return {
        "event": event,
        "actor_name": actor.get_full_name() or actor.get_username(),
        "change_url": absolute(
            reverse("admin:events_event_change", args=[event.pk]), request
        ),
    }


def event_submitted(*, event, actor, request=None):
    queue = reverse("admin:events_event_changelist")
    queue += "?" + urlencode({"publication_status__exact": "review"})
    send_later(
        "event_submitted",
        moderator_addresses(),
        {**base_context(event, actor, request), "queue_url": absolute(queue, request)},
    )


def event_published(*, event, actor, request=None):
    send_later(
        "event_published",
        editor_addresses(event.created_by, actor=actor),
        {
            **base_context(event, actor, request),
            "public_url": absolute(event.get_absolute_url(), request),
        },
    )


def event_returned(*, event, actor, request=None):
    send_later(
        "event_returned",
        editor_addresses(event.created_by, actor=actor),
        {**base_context(event, actor, request), "comment": event.moderator_comment},
    )


def change_proposed(*, event, actor, request=None):
    review = reverse("admin:events_event_pending_change", args=[event.pk])
    send_later(
        "change_proposed",
        moderator_addresses(),
        {
            **base_context(event, actor, request),
            "review_url": absolute(review, request),
        },
    )


def change_approved(*, event, actor, editor, request=None):
    send_later(
        "change_approved",
        editor_addresses(editor, actor=actor),
        {
            **base_context(event, actor, request),
            "public_url": absolute(event.get_absolute_url(), request),
        },
    )


def change_returned(*, event, actor, editor, request=None):
    send_later(
        "change_returned",
        editor_addresses(editor, actor=actor),
        {**base_context(event, actor, request), "comment": event.moderator_comment},
    )


def event_cancelled_by_organizer(*, event, actor, request=None):
    """An editor cancelled their organization's event: the moderators should know."""
    organizer_changed_status(
        "event_cancelled", event=event, actor=actor, request=request
    )


def event_postponed_by_organizer(*, event, actor, request=None):
    """An editor postponed their organization's event; a moderator reschedules it."""
    organizer_changed_status(
        "event_postponed", event=event, actor=actor, request=request
    )


def organizer_changed_status(template, *, event, actor, request):
    send_later(
        template,
        moderator_addresses(),
        {
            **base_context(event, actor, request),
            "organizers": ", ".join(str(o) for o in event.organizers.all()),
            "public_url": absolute(event.get_absolute_url(), request),
        },
    )
