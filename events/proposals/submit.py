"""A proposal made into a draft event, confirmed into review, changed by its proposer."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from events import workflow
from events.models import Event, EventImage, EventProposal
from events.proposals import mail
from events.search import to_latin

Status = Event.PublicationStatus
# What the proposer may change, on the event and on the proposal.
PROPOSAL_FIELDS = ["proposer_name", "organization_name", "email", "phone"]


def latin_slug(title, day):
    words = " ".join(to_latin(word) for word in title.lower().split())
    return Event.objects.free_slug(slugify(words) or f"event-{day.isoformat()}")


def fill_event(event, data, language):
    """Set `event`'s fields from the form's cleaned `data`, texts in `language`."""
    for field in ("title", "summary", "description"):
        setattr(event, f"{field}_{language}", data[field])
    event.kind = data["kind"]
    start = datetime.datetime.combine(data["day"], data["time"] or datetime.time())
    event.starts_at = timezone.make_aware(start)
    event.date_precision = (
        Event.DatePrecision.TIME if data["time"] else Event.DatePrecision.DAY
    )
    last_day = data.get("last_day")
    event.ends_at = (
        timezone.make_aware(datetime.datetime.combine(last_day, datetime.time(23, 59)))
        if last_day and last_day != data["day"]
        else None
    )
    event.venue = data["venue"]
    event.is_free = data["is_free"]
    event.price_from = data["price_from"]
    event.ticket_url = data["ticket_url"]


def fill_proposal(proposal, data):
    for field in PROPOSAL_FIELDS:
        setattr(proposal, field, data[field])
    proposal.place = "" if data["venue"] else data["place"]
    proposal.district = None if data["venue"] else data["district"]


def save_images(event, images, language):
    for position, (upload, alt_text) in enumerate(images):
        EventImage.objects.create(
            event=event,
            image=upload,
            position=position,
            **{f"alt_text_{language}": alt_text},
        )


@transaction.atomic
def create_proposal(form, *, language, request):
    """A draft event and its proposal from a valid form; the proposer is asked
    to confirm their address."""
    data = form.cleaned_data
    event = Event(publication_status=Status.DRAFT)
    fill_event(event, data, language)
    event.slug = latin_slug(data["title"], data["day"])
    event.save()
    event.activity_types.set(data["activity_types"])
    save_images(event, form.images(), language)
    proposal = EventProposal(event=event, language=language)
    fill_proposal(proposal, data)
    proposal.save()
    mail.ask_to_confirm(proposal, request)
    return proposal


@transaction.atomic
def confirm(proposal, *, request):
    """The proposer followed the link: the proposal goes to review. False when
    it was confirmed already (a link used twice)."""
    proposal = EventProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.confirmed_at is not None:
        return False
    proposal.confirmed_at = timezone.now()
    proposal.save(update_fields=["confirmed_at"])
    workflow.submit_proposal_for_review(event=proposal.event)
    mail.proposal_confirmed(proposal, request)
    return True


def may_change(proposal):
    return not proposal.event.is_published


@transaction.atomic
def change_proposal(proposal, form, *, request):
    """The proposer's changes before publication. A returned proposal goes back
    to review; new images replace the ones sent before."""
    event = proposal.event
    data = form.cleaned_data
    fill_event(event, data, proposal.language)
    event.save()
    event.activity_types.set(data["activity_types"])
    if images := form.images():
        event.images.all().delete()
        save_images(event, images, proposal.language)
    fill_proposal(proposal, data)
    proposal.save()
    if proposal.confirmed_at and event.publication_status == Status.DRAFT:
        proposal.decided_at = None
        proposal.save(update_fields=["decided_at"])
        workflow.submit_proposal_for_review(event=event)
        mail.proposal_confirmed(proposal, request)


def suggest_correction(proposal, note, *, request):
    """After publication, a change comes as a note to the moderators."""
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    proposal.corrections = f"{proposal.corrections}\n\n{stamp}\n{note}".strip()
    proposal.save(update_fields=["corrections"])
    mail.correction_suggested(proposal, request, note)


def initial_data(proposal):
    """The form's values for the proposer changing their proposal."""
    event, language = proposal.event, proposal.language
    local_start = timezone.localtime(event.starts_at)
    return {
        "title": getattr(event, f"title_{language}"),
        "summary": getattr(event, f"summary_{language}"),
        "description": getattr(event, f"description_{language}"),
        "kind": event.kind,
        "activity_types": list(event.activity_types.values_list("pk", flat=True)),
        "day": local_start.date(),
        "time": local_start.time()
        if event.date_precision == Event.DatePrecision.TIME
        else None,
        "last_day": timezone.localdate(event.ends_at) if event.ends_at else None,
        "venue": event.venue_id,
        "place": proposal.place,
        "district": proposal.district_id,
        "is_free": event.is_free,
        "price_from": event.price_from,
        "ticket_url": event.ticket_url,
        **{field: getattr(proposal, field) for field in PROPOSAL_FIELDS},
    }
