"""The event list's actions: the workflow's moves, made on the events ticked.

Each action makes its move through events/workflow/, one event at a time
(`each_event`), and reports how many were made and why any was refused. An
action that needs more than the choice of events (a comment, a new date), or
that visitors see at once (cancel, postpone), first shows an intermediate page
with its form and what it will do (the texts of the event form's moves,
events/admin/moves.py), as Django's delete action does.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, ngettext_lazy

from events import series, workflow
from events.admin import moves
from events.admin.forms import (
    ConfirmForm,
    MoveOnlineForm,
    RepeatForm,
    RescheduleForm,
    ReturnToDraftForm,
)
from events.models import Event


def refusal_reasons(error):
    """The reasons a workflow refusal gives, as one sentence or a few."""
    if isinstance(error, ValidationError):
        return " ".join(str(message) for message in error.messages)
    return str(error)


def tell_refused(model_admin, request, event, error, template):
    """Tell staff why an action left `event` as it was."""
    model_admin.message_user(
        request,
        template % {"event": event, "problems": refusal_reasons(error)},
        messages.WARNING,
    )


def each_event(model_admin, request, events, move, *, done, refused):
    """Make `move(event)` for each of `events`; report the count and the refusals.

    `done` is the message for the count of events moved (an ngettext_lazy
    counting "count"); `refused` is a message with %(event)s and %(problems)s,
    said for each refusal.
    """
    count = 0
    for event in events:
        try:
            move(event)
        except (PermissionDenied, ValidationError) as error:
            tell_refused(model_admin, request, event, error, refused)
            continue
        count += 1
    model_admin.message_user(request, done % {"count": count})


def intermediate_page(model_admin, request, events, *, action, title, form):
    """The page an action shows to ask for what it needs (Django's pattern)."""
    return TemplateResponse(
        request,
        "admin/events/action_form.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": title,
            "opts": model_admin.model._meta,
            "events": events,
            "consequences": moves.consequences(
                action, events=events, user=request.user
            ),
            "form": form,
            "action": action,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            "media": model_admin.media + form.media,
        },
    )


def ask_then_each(model_admin, request, events, *, action, title, form, **each):
    """Show the action's page until its `form` is filled in, then `each_event`.

    `each` holds each_event's move (given the event and the form's values),
    done and refused.
    """
    if not form.is_valid():
        return intermediate_page(
            model_admin, request, events, action=action, title=title, form=form
        )
    move = each.pop("move")
    each_event(
        model_admin,
        request,
        events,
        lambda event: move(event, form.cleaned_data),
        **each,
    )
    return None


def posted_form(form_class, request, **kwargs):
    """The action's form, bound once its intermediate page has been submitted."""
    return form_class(request.POST if "apply" in request.POST else None, **kwargs)


@admin.action(description=_("Submit for review"), permissions=["change"])
def submit_for_review(model_admin, request, queryset):
    each_event(
        model_admin,
        request,
        queryset.filter(publication_status=Event.PublicationStatus.DRAFT),
        lambda event: workflow.submit_event_for_review(
            event=event, user=request.user, request=request
        ),
        done=ngettext_lazy(
            "%(count)d event submitted for review.",
            "%(count)d events submitted for review.",
            "count",
        ),
        refused=_("«%(event)s» was not submitted: %(problems)s"),
    )


@admin.action(description=_("Publish"), permissions=["publish"])
def publish(model_admin, request, queryset):
    each_event(
        model_admin,
        request,
        queryset.exclude(publication_status=Event.PublicationStatus.PUBLISHED),
        lambda event: workflow.publish_event(
            event=event, user=request.user, request=request
        ),
        done=ngettext_lazy(
            "%(count)d event published.", "%(count)d events published.", "count"
        ),
        refused=_("«%(event)s» was not published: %(problems)s"),
    )


@admin.action(description=_("Return to draft"), permissions=["publish"])
def return_to_draft(model_admin, request, queryset):
    queryset = queryset.exclude(publication_status=Event.PublicationStatus.DRAFT)
    if not queryset.exists():
        model_admin.message_user(
            request, _("The chosen events are drafts already."), messages.WARNING
        )
        return None
    return ask_then_each(
        model_admin,
        request,
        queryset,
        action="return_to_draft",
        title=_("Return to draft with a comment"),
        form=posted_form(ReturnToDraftForm, request),
        move=lambda event, values: workflow.return_event_to_draft(
            event=event, user=request.user, comment=values["comment"], request=request
        ),
        done=ngettext_lazy(
            "%(count)d event returned to draft.",
            "%(count)d events returned to draft.",
            "count",
        ),
        refused=_("«%(event)s» was not returned to draft: %(problems)s"),
    )


@admin.action(description=_("Withdraw from review"), permissions=["change"])
def withdraw_from_review(model_admin, request, queryset):
    each_event(
        model_admin,
        request,
        queryset.filter(publication_status=Event.PublicationStatus.REVIEW),
        lambda event: workflow.withdraw_event_from_review(
            event=event, user=request.user
        ),
        done=ngettext_lazy(
            "%(count)d event withdrawn from review.",
            "%(count)d events withdrawn from review.",
            "count",
        ),
        refused=_("«%(event)s» was not withdrawn: %(problems)s"),
    )


# An organization's editors cancel and postpone their own published events
# too (the workflow says which); visitors see it at once, so both ask first.


def confirmed_status_action(name, title, move, *, done, refused):
    """The action for a status move visitors see at once: it asks to confirm first.

    `move` is the workflow's function (cancel_event, postpone_event).
    """

    @admin.action(description=title, permissions=["change"])
    def action(model_admin, request, queryset):
        return ask_then_each(
            model_admin,
            request,
            queryset,
            action=name,
            title=title,
            form=posted_form(ConfirmForm, request),
            move=lambda event, values: move(
                event=event, user=request.user, request=request
            ),
            done=done,
            refused=refused,
        )

    action.__name__ = name
    return action


cancel = confirmed_status_action(
    "cancel",
    _("Cancel the event"),
    workflow.cancel_event,
    done=ngettext_lazy(
        "%(count)d event marked as cancelled.",
        "%(count)d events marked as cancelled.",
        "count",
    ),
    refused=_("«%(event)s» was not cancelled: %(problems)s"),
)
postpone = confirmed_status_action(
    "postpone",
    _("Postpone (no new date yet)"),
    workflow.postpone_event,
    done=ngettext_lazy(
        "%(count)d event marked as postponed.",
        "%(count)d events marked as postponed.",
        "count",
    ),
    refused=_("«%(event)s» was not postponed: %(problems)s"),
)


@admin.action(description=_("Reschedule to a new date"), permissions=["publish"])
def reschedule(model_admin, request, queryset):
    if queryset.count() != 1:
        model_admin.message_user(
            request,
            _("Reschedule one event at a time: each has its own new date."),
            messages.WARNING,
        )
        return None
    event = queryset.get()
    form = posted_form(
        RescheduleForm,
        request,
        initial={"starts_at": event.starts_at, "ends_at": event.ends_at},
    )
    if form.is_valid():
        try:
            workflow.reschedule_event(
                event=event, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            # The workflow names the field at fault (starts_at, ends_at).
            form.add_error(None, error)
        except PermissionDenied as error:
            tell_refused(
                model_admin,
                request,
                event,
                error,
                _("«%(event)s» was not rescheduled: %(problems)s"),
            )
            return None
        else:
            model_admin.message_user(
                request,
                _("«%(event)s» rescheduled; the previous start is kept.")
                % {"event": event},
            )
            return None
    return intermediate_page(
        model_admin,
        request,
        queryset,
        action="reschedule",
        title=_("Reschedule to a new date"),
        form=form,
    )


@admin.action(description=_("Move online"), permissions=["publish"])
def move_online(model_admin, request, queryset):
    first = queryset.first()
    return ask_then_each(
        model_admin,
        request,
        queryset,
        action="move_online",
        title=_("Move online"),
        form=posted_form(
            MoveOnlineForm,
            request,
            initial={"online_url": first.online_url if first else ""},
        ),
        move=lambda event, values: workflow.move_event_online(
            event=event, user=request.user, online_url=values["online_url"]
        ),
        done=ngettext_lazy(
            "%(count)d event moved online.", "%(count)d events moved online.", "count"
        ),
        refused=_("«%(event)s» was not moved online: %(problems)s"),
    )


@admin.action(description=_("Repeat weekly or monthly"), permissions=["change"])
def repeat(model_admin, request, queryset):
    if queryset.count() != 1:
        model_admin.message_user(
            request,
            _("Repeat one event at a time: each has its own dates."),
            messages.WARNING,
        )
        return None
    event = queryset.get()
    form = posted_form(RepeatForm, request, initial={"frequency": series.WEEKLY})
    if form.is_valid():
        try:
            created = series.event_repeat(
                event=event, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("until", error)
        else:
            model_admin.message_user(
                request,
                ngettext(
                    "%(count)d date of «%(event)s» created as a draft.",
                    "%(count)d dates of «%(event)s» created as drafts.",
                    len(created),
                )
                % {"count": len(created), "event": event},
            )
            return None
    return intermediate_page(
        model_admin,
        request,
        queryset,
        action="repeat",
        title=_("Repeat weekly or monthly"),
        form=form,
    )
