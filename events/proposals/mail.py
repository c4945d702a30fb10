"""The e-mails of a public proposal, each in the language it goes out in.

To the proposer (in the language they wrote in): the confirmation link, then
the moderator's decision. To the moderators: a confirmed proposal waiting for
review, a correction suggested after publication.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone, translation

from events.notifications import absolute, moderator_addresses, send_later
from events.proposals import tokens


def proposer_links(proposal, request):
    with translation.override(proposal.language):
        return {
            "status_url": absolute(
                reverse("events:proposal-status", args=[tokens.status_token(proposal)]),
                request,
            ),
            "confirm_url": absolute(
                reverse(
                    "events:proposal-confirm", args=[tokens.confirm_token(proposal)]
                ),
                request,
            ),
        }


def to_proposer(template, proposal, request, **context):
    if not proposal.email:
        return
    with translation.override(proposal.language):
        send_later(
            template,
            [proposal.email],
            {
                "event": proposal.event,
                "proposal": proposal,
                **proposer_links(proposal, request),
                **context,
            },
        )


def to_moderators(template, proposal, request, **context):
    event = proposal.event
    queue = (
        reverse("admin:events_event_changelist")
        + "?"
        + urlencode({"proposal": "public"})
    )
    send_later(
        template,
        moderator_addresses(),
        {
            "event": event,
            "proposal": proposal,
            "change_url": absolute(
                reverse("admin:events_event_change", args=[event.pk]), request
            ),
            "queue_url": absolute(queue, request),
            **context,
        },
    )


def ask_to_confirm(proposal, request):
    to_proposer("proposal_confirm", proposal, request)


def proposal_confirmed(proposal, request):
    to_moderators("proposal_submitted", proposal, request)


def correction_suggested(proposal, request, note):
    to_moderators("proposal_correction", proposal, request, note=note)


def decision_made(event, request):
    """The moderator published or returned a proposed event: its proposer hears."""
    proposal = getattr(event, "proposal", None)
    if proposal is None:
        return
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["decided_at"])
    if event.is_published:
        with translation.override(proposal.language):
            public_url = absolute(event.get_absolute_url(), request)
        to_proposer("proposal_published", proposal, request, public_url=public_url)
    else:
        to_proposer(
            "proposal_returned", proposal, request, comment=event.moderator_comment
        )
