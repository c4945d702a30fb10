"""The event form's workflow buttons, what each move will do and does, and what
the form says after saving.

The buttons under the form's Save row are the moves events/workflow/ lets
this user make on this event: a moderator is offered the review's decisions
(publish, return to draft) and an editor the submissions (submit, withdraw);
both the status moves the workflow allows them. Every button saves the form
first, as every button of the row does, so nothing typed is lost. "Publish",
"Submit for review" and "Withdraw from review" are then made at once; the
others open a page of their own, which says what visitors will see and asks
for what the move needs (a comment, a new date, a link): nothing changes
until it is confirmed there (move_pages.py). The list's actions show the same
pages' texts.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from backoffice.roles import can_moderate
from events import workflow
from events.admin.forms import (
    ConfirmForm,
    MoveOnlineForm,
    RescheduleForm,
    ReturnToDraftForm,
)
from events.models import Event

MOVE_FIELD = "_move"


@dataclass(frozen=True)
class Move:
    name: str
    label: str  # the form's button
    title: str = ""  # its page's title and confirming button; none: made at once
    form_class: type[forms.Form] = ConfirmForm

    @property
    def confirmed(self):
        return bool(self.title)


MOVES = {
    move.name: move
    for move in [
        Move("submit", gettext_lazy("Submit for review")),
        Move("publish", gettext_lazy("Publish")),
        Move(
            "return_to_draft",
            gettext_lazy("Return to draft…"),
            gettext_lazy("Return to draft with a comment"),
            ReturnToDraftForm,
        ),
        Move("withdraw", gettext_lazy("Withdraw from review")),
        Move(
            "cancel",
            gettext_lazy("Cancel the event…"),
            gettext_lazy("Cancel the event"),
        ),
        Move(
            "postpone",
            gettext_lazy("Postpone…"),
            gettext_lazy("Postpone (no new date yet)"),
        ),
        Move(
            "reschedule",
            gettext_lazy("Reschedule…"),
            gettext_lazy("Reschedule to a new date"),
            RescheduleForm,
        ),
        Move(
            "move_online",
            gettext_lazy("Move online…"),
            gettext_lazy("Move online"),
            MoveOnlineForm,
        ),
    ]
}
PUBLICATION_MOVES = ["submit", "publish", "return_to_draft", "withdraw"]
# Moderators decide on what is in review (return to draft says why); submitting
# and withdrawing are the editor's side of it.
EDITORS_ONLY = {"submit", "withdraw"}


def form_moves(event, user):
    """The moves the event's form offers `user`, as (publication, status) lists."""
    names = workflow.available_moves(event=event, user=user)
    if can_moderate(user):
        names = [name for name in names if name not in EDITORS_ONLY]
    moves = [MOVES[name] for name in names]
    return (
        [move for move in moves if move.name in PUBLICATION_MOVES],
        [move for move in moves if move.name not in PUBLICATION_MOVES],
    )


def consequences(move, *, events, user):
    """What visitors (and others) will see once `move` is made, sentence by sentence."""
    by_organizer = not can_moderate(user)
    if move == "return_to_draft":
        if any(event.is_published for event in events):
            said = [
                _(
                    "The event leaves the site at once: its page, the lists and "
                    "the calendar feeds no longer show it until it is published "
                    "again."
                )
            ]
        else:
            said = [_("The event is not on the site and stays off it.")]
        return [
            *said,
            _(
                "It goes back to its editor as a draft, with your comment, "
                "e-mailed to them."
            ),
        ]
    if move == "cancel":
        said = [
            _(
                "The event stays listed, marked «Cancelled»; its page says it is "
                "cancelled; calendar subscribers see it cancelled."
            )
        ]
        if by_organizer:
            said.append(
                _(
                    "The moderators are e-mailed. Only a moderator can undo a "
                    "cancellation."
                )
            )
        return said
    if move == "postpone":
        said = [
            _(
                "The event stays listed at its original date, marked «Postponed»; "
                "its page says the new date is not known yet; calendar "
                "subscribers see it as tentative."
            )
        ]
        if by_organizer:
            said.append(
                _(
                    "The moderators are e-mailed. When the new date is known, tell "
                    "them: they reschedule the event."
                )
            )
        return said
    if move == "reschedule":
        return [
            _(
                "The event moves to its new date in the lists, marked "
                "«Rescheduled»; its page gives the new date and says when it was "
                "first planned; calendar subscribers see the new date."
            )
        ]
    if move == "move_online":
        return [
            _(
                "The event is marked «Moved online»; its page gives the online link "
                "and still names the venue where it was planned. Calendar entries "
                "keep the venue as the place."
            )
        ]
    return []


def make_move(move, *, event, user, request, data=None):
    """Make `move` through the workflow; `data` is its page's cleaned form."""
    data = data or {}
    if move == "submit":
        return workflow.submit_event_for_review(event=event, user=user, request=request)
    if move == "publish":
        return workflow.publish_event(event=event, user=user, request=request)
    if move == "withdraw":
        return workflow.withdraw_event_from_review(event=event, user=user)
    if move == "return_to_draft":
        return workflow.return_event_to_draft(
            event=event, user=user, comment=data["comment"], request=request
        )
    if move == "cancel":
        return workflow.cancel_event(event=event, user=user, request=request)
    if move == "postpone":
        return workflow.postpone_event(event=event, user=user, request=request)
    if move == "reschedule":
        return workflow.reschedule_event(event=event, user=user, **data)
    if move == "move_online":
        return workflow.move_event_online(event=event, user=user, **data)
    raise ValueError(move)


def done_message(move, event, user):
    """What the move did, and what happens next."""
    values = {"event": event}
    if move == "submit":
        return _("«%(event)s» sent for review; the moderators have been told.") % values
    if move == "publish":
        return _("«%(event)s» published; it is on the site now.") % values
    if move == "withdraw":
        return (
            _(
                "«%(event)s» withdrawn from review: it is a draft again; submit it "
                "when it is ready."
            )
            % values
        )
    if move == "return_to_draft":
        return _("«%(event)s» returned to draft with your comment.") % values
    told = "" if can_moderate(user) else " " + _("The moderators have been told.")
    if move == "cancel":
        return _("«%(event)s» is cancelled; visitors see it so.") % values + told
    if move == "postpone":
        return _("«%(event)s» is postponed; visitors see it so.") % values + told
    if move == "reschedule":
        return _("«%(event)s» rescheduled; the previous start is kept.") % values
    return _("«%(event)s» moved online.") % values


def saved_message(event, user):
    """What a plain save did to `event`, and what happens next.

    The event's latest version says what this save did: the form's change of
    publication status is recorded with its move's reason, a plain save as
    "Created" or "Edited".
    """
    latest = event.history.first()
    reason = latest.history_change_reason if latest else None
    moved = {
        workflow.Reason.SUBMITTED: "submit",
        workflow.Reason.PUBLISHED: "publish",
        workflow.Reason.RETURNED: "return_to_draft",
    }
    if reason in moved:
        return done_message(moved[reason], event, user)
    values = {"event": event}
    moderator = can_moderate(user)
    if event.publication_status == Event.PublicationStatus.DRAFT:
        if moderator:
            return (
                _("«%(event)s» saved as a draft; publish it when it is ready.") % values
            )
        return (
            _("«%(event)s» saved as a draft; submit it for review when it is ready.")
            % values
        )
    if event.publication_status == Event.PublicationStatus.REVIEW:
        if moderator:
            return (
                _(
                    "«%(event)s» saved; it waits for review: publish it or return "
                    "it to draft."
                )
                % values
            )
        return _("«%(event)s» saved; it waits for a moderator's review.") % values
    return _("«%(event)s» saved; the changes are on the site.") % values


def refusal_text(error):
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error)


def change_url(event):
    return reverse("admin:events_event_change", args=[event.pk])


def move_url(event, move):
    return reverse("admin:events_event_move", args=[event.pk, move])


def respond_after_save(model_admin, request, obj, *, add):
    """The answer to a saved event form: its message, and where to go next.

    For the form's Save buttons and its moves alike (EventAdmin.response_add
    and response_change hand everything but popups and reverts to this).
    """
    move = MOVES.get(request.POST.get(MOVE_FIELD, ""))
    if move is not None and not add:
        if move.confirmed:
            return HttpResponseRedirect(move_url(obj, move.name))
        return make_immediate_move(model_admin, request, obj, move)

    model_admin.message_user(
        request, saved_message(obj, request.user), messages.SUCCESS
    )
    if "_continue" in request.POST:
        return HttpResponseRedirect(preserved(model_admin, request, change_url(obj)))
    if "_addanother" in request.POST:
        add_url = reverse("admin:events_event_add")
        return HttpResponseRedirect(preserved(model_admin, request, add_url))
    if add:
        return model_admin.response_post_save_add(request, obj)
    return model_admin.response_post_save_change(request, obj)


# Where the moves made at once leave the event.
LEADS_TO = {
    "submit": Event.PublicationStatus.REVIEW,
    "publish": Event.PublicationStatus.PUBLISHED,
    "withdraw": Event.PublicationStatus.DRAFT,
}


def make_immediate_move(model_admin, request, obj, move):
    """Publish, submit or withdraw the event the form has just saved."""
    # The event as saved: the move is made on what the database holds.
    event = model_admin.get_queryset(request).filter(pk=obj.pk).first() or obj
    back_to_form = HttpResponseRedirect(
        preserved(model_admin, request, change_url(event))
    )
    if event.publication_status == LEADS_TO[move.name]:
        # The form's status field made the move already.
        model_admin.message_user(
            request, saved_message(event, request.user), messages.SUCCESS
        )
        return model_admin.response_post_save_change(request, event)
    try:
        make_move(move.name, event=event, user=request.user, request=request)
    except (PermissionDenied, ValidationError) as error:
        model_admin.message_user(
            request,
            _("«%(event)s» was saved, but «%(move)s» was refused: %(problems)s")
            % {"event": event, "move": move.label, "problems": refusal_text(error)},
            messages.WARNING,
        )
        return back_to_form
    model_admin.message_user(
        request, done_message(move.name, event, request.user), messages.SUCCESS
    )
    if move.name == "withdraw":
        # Withdrawn to be changed: back to the form.
        return back_to_form
    return model_admin.response_post_save_change(request, event)


def preserved(model_admin, request, url):
    """`url` keeping the change list's filters, as Django's own redirects do."""
    return add_preserved_filters(
        {
            "preserved_filters": model_admin.get_preserved_filters(request),
            "opts": model_admin.opts,
        },
        url,
    )
