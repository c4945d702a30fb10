"""The public pages of a proposal: the form, the confirmation, the status.

None of them is kept in the page cache (never_cache: private, no-store): they
carry a CSRF token, and the status page a proposal only its proposer may read.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from backoffice.visitors import client_ip
from events.models import EventProposal
from events.proposals import submit, tokens
from events.proposals.forms import CorrectionForm, ProposalForm

RATE_WINDOW = 60 * 60


def rate_key(request):
    return f"proposals-per-hour.{client_ip(request)}"


def over_the_limit(request):
    """Whether this address sent its hour's proposals already."""
    return (cache.get(rate_key(request)) or 0) >= settings.PROPOSALS_PER_HOUR


def count_proposal(request):
    """One more proposal sent from this address this hour (forms sent back
    with errors are not counted: people correct them)."""
    key = rate_key(request)
    if not cache.add(key, 1, RATE_WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, RATE_WINDOW)


def step(request, name, heading, *, status=200, **context):
    """A page of events/proposals/ that only says where a proposal stands."""
    return render(
        request,
        f"events/proposals/{name}.html",
        {"heading": heading, **context},
        status=status,
    )


@never_cache
def propose(request):
    if not settings.PROPOSALS_ENABLED:
        return step(
            request,
            "closed",
            _("Propose an event"),
            contact=settings.PROPOSALS_CONTACT,
        )
    form = ProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_robot():
            # Answered as if it worked, so the robot learns nothing.
            return redirect("events:proposal-sent")
        if over_the_limit(request):
            return step(request, "too_many", _("Too many proposals"), status=429)
        if form.is_valid():
            submit.create_proposal(form, language=get_language(), request=request)
            count_proposal(request)
            return redirect("events:proposal-sent")
    return render(request, "events/proposals/form.html", {"form": form})


@never_cache
def sent(request):
    return step(request, "sent", _("Check your e-mail"))


@never_cache
def confirm(request, token):
    pk = tokens.confirmed_pk(token)
    proposal = EventProposal.objects.filter(pk=pk).select_related("event").first()
    if proposal is None:
        return step(request, "bad_link", _("This link does not work"), status=404)
    if request.method == "POST":
        # A POST, so that a mail scanner following the link confirms nothing.
        confirmed_now = submit.confirm(proposal, request=request)
        return step(
            request,
            "confirmed",
            _("Proposal confirmed"),
            confirmed_now=confirmed_now,
            status_token=tokens.status_token(proposal),
        )
    return step(
        request,
        "confirm",
        _("Confirm your proposal"),
        proposal=proposal,
        already=proposal.confirmed_at is not None,
    )


def proposal_for(token):
    pk = tokens.status_pk(token)
    proposal = (
        EventProposal.objects.filter(pk=pk)
        .select_related("event", "event__venue")
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


@never_cache
def status(request, token):
    proposal = proposal_for(token)
    event = proposal.event
    context = {"proposal": proposal, "event": event, "token": token}
    if submit.may_change(proposal):
        form = ProposalForm(
            request.POST or None,
            request.FILES or None,
            initial=submit.initial_data(proposal),
        )
        if request.method == "POST" and form.is_valid():
            submit.change_proposal(proposal, form, request=request)
            return redirect(f"{request.path}?saved=1")
        context["form"] = form
    else:
        correction = CorrectionForm(request.POST or None)
        if request.method == "POST" and correction.is_valid():
            submit.suggest_correction(
                proposal, correction.cleaned_data["note"], request=request
            )
            return redirect(f"{request.path}?sent=1")
        context["correction"] = correction
    context["saved"] = "saved" in request.GET
    context["correction_sent"] = "sent" in request.GET
    return render(request, "events/proposals/status.html", context)
