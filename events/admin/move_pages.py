"""A move's own page, from the event form's button: what visitors will see once
it is made, and what it needs (a comment, a new date, a link); nothing changes
until it is confirmed there.

The moves themselves, their texts and the form's buttons are in moves.py; the
list's actions show the same texts on their own pages (actions.py).
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from events import workflow
from events.admin.moves import (
    MOVES,
    change_url,
    consequences,
    done_message,
    make_move,
    refusal_text,
)


def initial_for(move, event):
    if move == "reschedule":
        return {"starts_at": event.starts_at, "ends_at": event.ends_at}
    if move == "move_online":
        return {"online_url": event.online_url}
    if move == "return_to_draft":
        return {"comment": event.moderator_comment}
    return {}


def move_view(request, object_id, move, *, model_admin):
    """A move's own page: what visitors will see, what it needs; made once confirmed."""
    move = MOVES.get(move)
    if move is None or not move.confirmed:
        raise Http404(_("No such move."))
    event = model_admin.get_object(request, unquote(object_id))
    if not model_admin.has_change_permission(request, event):
        raise PermissionDenied
    if refusal := workflow.move_refusal(event=event, user=request.user, move=move.name):
        model_admin.message_user(
            request,
            _("«%(move)s» is not possible for «%(event)s»: %(problems)s")
            % {"move": move.title, "event": event, "problems": refusal_text(refusal)},
            messages.WARNING,
        )
        return HttpResponseRedirect(change_url(event))
    form = move.form_class(
        request.POST if request.method == "POST" else None,
        initial=initial_for(move.name, event),
    )
    if form.is_valid():
        try:
            make_move(
                move.name,
                event=event,
                user=request.user,
                request=request,
                data=form.cleaned_data,
            )
        except ValidationError as error:
            add_refusal(form, error)
        except PermissionDenied as error:
            model_admin.message_user(request, str(error), messages.WARNING)
            return HttpResponseRedirect(change_url(event))
        else:
            model_admin.message_user(
                request, done_message(move.name, event, request.user), messages.SUCCESS
            )
            return HttpResponseRedirect(change_url(event))
    return TemplateResponse(
        request,
        "admin/events/action_form.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": move.title,
            "opts": model_admin.opts,
            "event": event,
            "events": [event],
            "consequences": consequences(move.name, events=[event], user=request.user),
            "form": form,
            "back_url": change_url(event),
            "media": model_admin.media + form.media,
        },
    )


def add_refusal(form, error):
    """Show a workflow refusal on the field it names, or above the form."""
    if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
        form.add_error(None, error)
    else:
        form.add_error(None, refusal_text(error))
