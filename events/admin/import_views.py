"""The import wizard of the event list: upload a file, preview, import.

The uploaded text waits in the session between the two steps, under a token
the preview page posts back; nothing is saved before "Import". The rules of
reading a file and matching its rows are in events/imports/.
"""

import secrets

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events import imports
from events.admin.forms import ImportForm
from organizations.models import Organization

SESSION_KEY = "events_import"


def import_counts(rows):
    """How many rows of an import preview would be created, updated... ."""
    counts = {"create": 0, "update": 0, "unchanged": 0, "errors": 0}
    for row in rows:
        counts["errors" if row.errors else row.action] += 1
    return counts


def import_template_view(request, *, model_admin):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    response = HttpResponse(
        imports.csv_template(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="events.csv"'
    return response


def import_view(request, *, model_admin):
    """Upload a file → preview what it would do → import (two steps)."""
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    if request.method == "POST" and "confirm" in request.POST:
        return import_confirm(request, model_admin=model_admin)
    posted = request.method == "POST"
    form = ImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        user=request.user,
    )
    rows = None
    if form.is_valid():
        organization = form.cleaned_data["organization"]
        try:
            rows = imports.import_plan(
                content=form.content,
                file_format=form.file_format,
                organization=organization,
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            request.session[SESSION_KEY] = {
                "token": secrets.token_urlsafe(16),
                "content": form.content,
                "file_format": form.file_format,
                "organization": organization.pk,
                "language": form.cleaned_data["language"],
            }
    return TemplateResponse(
        request,
        "admin/events/event/import.html",
        {
            **model_admin.admin_site.each_context(request),
            "title": _("Import events"),
            "opts": model_admin.opts,
            "form": form,
            "rows": rows,
            "counts": import_counts(rows or []),
            "token": request.session.get(SESSION_KEY, {}).get("token"),
            "columns": imports.csv_columns_help(),
            "media": model_admin.media + form.media,
        },
    )


def import_confirm(request, *, model_admin):
    pending = request.session.get(SESSION_KEY) or {}
    organization = (
        Organization.objects.editable_by(request.user)
        .filter(pk=pending.get("organization"))
        .first()
    )
    if (
        not pending
        or pending.get("token") != request.POST.get("token")
        or organization is None
    ):
        model_admin.message_user(
            request,
            _("That preview has expired; upload the file again."),
            messages.ERROR,
        )
        return HttpResponseRedirect(reverse("admin:events_event_import"))
    del request.session[SESSION_KEY]
    try:
        rows = imports.import_plan(
            content=pending["content"],
            file_format=pending["file_format"],
            organization=organization,
            language=pending["language"],
        )
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:events_event_import"))
    counts = imports.events_import(
        rows=rows, organization=organization, user=request.user
    )
    skipped = sum(1 for row in rows if row.errors)
    model_admin.message_user(
        request,
        _(
            "Import done: %(create)d created as drafts, %(update)d updated, "
            "%(unchanged)d unchanged, %(skipped)d skipped for errors."
        )
        % {**counts, "skipped": skipped},
    )
    return HttpResponseRedirect(reverse("admin:events_event_changelist"))
