"""The moderators' page for an editor's change to a published event."""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from backoffice.roles import can_moderate
from events import pending_changes
from events.models import Event, PendingChange


class ReturnChangeForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the editor"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Why the change is not approved, and what would be."),
    )


def pending_change_view(request, object_id, *, model_admin):
    """What changed, field by field, with "Approve" and "Return with a comment"."""
    if not can_moderate(request.user):
        raise PermissionDenied
    event = model_admin.get_object(request, unquote(object_id))
    change = PendingChange.objects.filter(event=event).first()
    if change is None:
        raise Http404(_("No change of this event is waiting for review."))
    form = ReturnChangeForm(request.POST if "return" in request.POST else None)
    if request.method == "POST" and ("approve" in request.POST or form.is_valid()):
        try:
            if "approve" in request.POST:
                pending_changes.approve_change(
                    event=event, user=request.user, request=request
                )
                done = _("The change is approved: visitors see it now.")
            else:
                pending_changes.return_change(
                    event=event,
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                    request=request,
                )
                done = _("The change is returned to its editor with your comment.")
        except ValidationError as error:
            model_admin.message_user(
                request,
                _("The change cannot be approved: %(problems)s")
                % {"problems": " ".join(error.messages)},
                messages.ERROR,
            )
        else:
            model_admin.message_user(request, done, messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:events_event_change", args=[event.pk])
            )
    return TemplateResponse(
        request,
        "admin/events/event/pending_change.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Change waiting for review"),
            "opts": Event._meta,
            "original": event,
            "change": change,
            "rows": pending_changes.change_rows(change),
            "form": form,
        },
    )


def tell_of_pending_change(request, object_id, *, model_admin):
    """Say on the form that a change of this published event waits for review."""
    change = (
        PendingChange.objects.filter(event__in=model_admin.get_queryset(request))
        .filter(event=object_id if str(object_id).isdigit() else None)
        .first()
    )
    if change is None:
        return
    if can_moderate(request.user):
        message = format_html(
            _('A change by {} waits for review. <a href="{}">See what changed</a>.'),
            change.proposed_by or "—",
            reverse("admin:events_event_pending_change", args=[change.event_id]),
        )
    else:
        message = _(
            "Your change waits for a moderator's review: the form shows it; "
            "visitors see the published version until it is approved."
        )
    model_admin.message_user(request, message, messages.WARNING)


def proposed_message(event):
    """What an editor is told after saving a published event."""
    if PendingChange.objects.filter(event=event).exists():
        return _(
            "Sent to the moderators for review; visitors see the published "
            "version until a moderator approves your change."
        )
    return _("Nothing changed: the event stays as it was published.")
