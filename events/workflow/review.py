"""Review and publishing: draft → in review → published, or back to draft.

An editor submits a draft, or withdraws it from review to change it; a
moderator publishes a complete event or returns it to draft with a comment.
The editor or the moderators are e-mailed as each move says.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from backoffice.history import save_with_reason
from backoffice.roles import can_moderate
from events import notifications
from events.models import Event
from events.proposals import mail as proposal_mail
from events.workflow.reasons import Reason

Status = Event.PublicationStatus


def saved_status(event):
    """The publication status the event has in the database (a new one: draft)."""
    if event.pk is None:
        return Status.DRAFT
    saved = Event.objects.filter(pk=event.pk).values_list("publication_status")
    return saved.first()[0] if saved.exists() else Status.DRAFT


def status_change_refusal(*, current, user, status):
    """Why `user` may not move an event from `current` to `status`, or None."""
    if status == current:
        return None
    if status == Status.PUBLISHED and not can_moderate(user):
        return _("Only a moderator can publish. Submit the event for review.")
    if status == Status.DRAFT and not can_moderate(user):
        return _("Only a moderator can return an event to draft.")
    if status == Status.REVIEW and current != Status.DRAFT:
        return _("Only a draft can be submitted for review.")
    return None


def check_editable(*, event, user):
    if not Event.objects.editable_by(user).filter(pk=event.pk).exists():
        raise PermissionDenied(_("This event is not yours to change."))


def check_may_change(*, event, user, status):
    check_editable(event=event, user=user)
    refusal = status_change_refusal(
        current=event.publication_status, user=user, status=status
    )
    if refusal:
        raise PermissionDenied(refusal)


def image_list(event):
    return list(event.images.all())


def check_may_submit(*, event, user):
    check_may_change(event=event, user=user, status=Status.REVIEW)
    if event.publication_status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))


def submit_event_for_review(*, event, user, request=None):
    """An editor hands a draft to the moderators, who are e-mailed."""
    check_may_submit(event=event, user=user)
    event.publication_status = Status.REVIEW
    save_with_reason(event, Reason.SUBMITTED)
    notifications.event_submitted(event=event, actor=user, request=request)
    return event


def submit_proposal_for_review(*, event):
    """A visitor's proposal, its address confirmed, joins the review queue.

    No user makes this move: the signed link of the proposal's e-mail is the
    proposer's right to it. events/proposals/ tells the moderators.
    """
    if event.publication_status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted for review."))
    event.publication_status = Status.REVIEW
    save_with_reason(event, Reason.PROPOSED)
    return event


def check_may_withdraw(*, event, user):
    # The event's own editors, or a moderator: anyone who may change it.
    check_editable(event=event, user=user)
    if event.publication_status != Status.REVIEW:
        raise ValidationError(_("Only an event in review can be withdrawn from it."))


def withdraw_event_from_review(*, event, user):
    """The editor takes an event back from review, to change it before resubmitting.

    Nobody is e-mailed: the event simply leaves the moderators' review queue.
    """
    check_may_withdraw(event=event, user=user)
    event.publication_status = Status.DRAFT
    save_with_reason(event, Reason.WITHDRAWN)
    return event


def check_may_publish(*, event, user):
    check_may_change(event=event, user=user, status=Status.PUBLISHED)
    if event.is_published:
        raise ValidationError(_("The event is already published."))


def publish_event(*, event, user, request=None):
    """A moderator publishes a complete event; its editor is e-mailed.

    Raises ValidationError({field: message}) naming everything the event lacks.
    """
    check_may_publish(event=event, user=user)
    problems = event.publication_problems(
        activity_types=list(event.activity_types.all()), images=image_list(event)
    )
    if problems:
        raise ValidationError(problems)
    event.publication_status = Status.PUBLISHED
    # The comment asked for changes that have now been made.
    event.moderator_comment = ""
    save_with_reason(event, Reason.PUBLISHED)
    notifications.event_published(event=event, actor=user, request=request)
    proposal_mail.decision_made(event, request)
    return event


def check_may_return(*, event, user):
    check_may_change(event=event, user=user, status=Status.DRAFT)
    if event.publication_status == Status.DRAFT:
        raise ValidationError(_("The event is already a draft."))


def return_event_to_draft(*, event, user, comment, request=None):
    """A moderator sends an event back to its editor with a comment, e-mailed to them."""
    check_may_return(event=event, user=user)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError(
            {"moderator_comment": _("Say what the editor should change.")}
        )
    event.publication_status = Status.DRAFT
    event.moderator_comment = comment
    save_with_reason(event, Reason.RETURNED)
    notifications.event_returned(event=event, actor=user, request=request)
    proposal_mail.decision_made(event, request)
    return event


def change_publication_status(*, event, status, user, comment="", request=None):
    """Move `event` to the publication `status` asked for, by the move that leads there.

    For the event form, whose status field says where the event should stand:
    nothing if it stands there already; a comment is needed to return to draft.
    """
    if status == event.publication_status:
        return event
    if status == Status.REVIEW:
        return submit_event_for_review(event=event, user=user, request=request)
    if status == Status.PUBLISHED:
        return publish_event(event=event, user=user, request=request)
    return return_event_to_draft(
        event=event, user=user, comment=comment, request=request
    )
