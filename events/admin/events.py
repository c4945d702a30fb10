"""The event list and form: what staff scan, enter and move through the workflow.

The rules the form and the list's actions apply are in events/workflow/; this
module decides what each role is shown. The actions are in actions.py, the
form's workflow buttons and its messages after saving in moves.py, their
confirmation pages in move_pages.py, the form's checks in forms.py, its
inline parts in inlines.py.
"""

from functools import partial

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.db import transaction
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.utils import get_translation_fields
from simple_history.models import is_historic

from backoffice.model_admin import CatalogAdmin
from backoffice.roles import can_moderate
from events import pending_changes, series, workflow
from events.admin import actions, columns, history, import_views, moves, pending_views
from events.admin.filters import (
    AttendanceFilter,
    FoldedRelatedFilter,
    PendingChangeFilter,
    ProposalFilter,
)
from events.admin.forms import EventAdminForm
from events.admin.inlines import (
    EventImageInline,
    EventOrganizerInline,
    ProgrammeInline,
    save_programme,
)
from events.admin.move_pages import move_view
from events.models import Event, EventImage, EventOrganizer


def is_autocomplete_for(request, field_name):
    """Whether `request` is the admin's autocomplete for an event form's field."""
    return (
        request.resolver_match.url_name == "autocomplete"
        and request.GET.get("field_name") == field_name
        and request.GET.get("model_name") == "event"
    )


@admin.register(Event)
class EventAdmin(CatalogAdmin):
    form = EventAdminForm
    list_display = [
        columns.title,
        "when",
        columns.venue,
        columns.publication_status,
    ]
    list_filter = [
        "publication_status",
        "event_status",
        AttendanceFilter,
        PendingChangeFilter,
        ProposalFilter,
        "kind",
        ("venue__district", admin.RelatedOnlyFieldListFilter),
        ("activity_types__group", FoldedRelatedFilter),
        ("activity_types", FoldedRelatedFilter),
        "starts_at",
        ("organizers", FoldedRelatedFilter),
    ]
    list_select_related = ["venue__district"]
    ordering = ["-starts_at"]
    date_hierarchy = "starts_at"
    search_fields = [
        *get_translation_fields("title", "summary", "venue__name", "organizers__name"),
        "activity_types__code",
    ]
    search_help_text = _("Title, summary, venue, organizer or OKED code.")
    prepopulated_fields = {"slug": ["title_ru"]}
    inlines = [EventOrganizerInline, EventImageInline]
    actions = [
        actions.submit_for_review,
        actions.withdraw_from_review,
        actions.publish,
        actions.return_to_draft,
        actions.cancel,
        actions.postpone,
        actions.reschedule,
        actions.move_online,
        actions.repeat,
    ]
    autocomplete_fields = ["venue", "activity_types", "parent"]
    history_list_display = ["publication_status", "event_status"]
    # What only moderators set; an editor sees it read-only.
    EDITOR_READONLY = ["event_status", "moderator_comment"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "description", "kind"]}),
        (_("Activity types"), {"fields": ["activity_types"]}),
        (
            _("When"),
            {
                "fields": [
                    "date_precision",
                    "starts_at",
                    "ends_at",
                    "previous_starts_at",
                ]
            },
        ),
        (_("Where"), {"fields": ["venue", "online_url"]}),
        (_("Programme"), {"fields": ["parent"]}),
        (
            _("Tickets"),
            {
                "fields": [
                    "is_free",
                    "price_from",
                    "price_to",
                    "ticket_url",
                    "age_rating",
                ]
            },
        ),
        (_("Status"), {"fields": ["publication_status", "event_status"]}),
        (
            _("After the event"),
            {"fields": ["guests", "participants", "participating_countries"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def get_object(self, request, object_id, from_field=None):
        # Another organization's event is "not found", not a redirect.
        event = super().get_object(request, object_id, from_field)
        if event is None:
            raise Http404(_("No such event, or it is not yours to edit."))
        return event

    def has_publish_permission(self, request):
        return can_moderate(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            # Only an event this user may see can be named as the programme:
            # another organization's draft is not theirs to read or to tie to.
            kwargs["queryset"] = Event.objects.visible_to(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        if is_autocomplete_for(request, "parent"):
            # The programme a new event joins may be another organization's
            # published festival, not only an event this user may edit.
            queryset = Event.objects.visible_to(request.user)
        return super().get_search_results(request, queryset, search_term)

    # The event list's own pages: (address, view, name after "events_event_").
    PAGES = [
        ("deleted/", history.deleted_events_view, "deleted"),
        ("import/", import_views.import_view, "import"),
        ("import/template.csv", import_views.import_template_view, "import_template"),
        (
            "<path:object_id>/pending-change/",
            pending_views.pending_change_view,
            "pending_change",
        ),
        ("<path:object_id>/move/<slug:move>/", move_view, "move"),
    ]

    def get_urls(self):
        pages = [
            path(
                route,
                self.admin_site.admin_view(partial(view, model_admin=self)),
                name=f"events_event_{name}",
            )
            for route, view, name in self.PAGES
        ]
        return [*pages, *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            pending_views.tell_of_pending_change(request, object_id, model_admin=self)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        history.check_history_access(request, object_id, model_admin=self)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        history.check_history_access(request, object_id, model_admin=self)
        if not version_id.isdigit():
            raise Http404(_("No such version."))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_inlines(self, request, obj):
        # The programme is a festival's, or an event's that already has one.
        if obj is not None and (
            obj.kind == Event.Kind.FESTIVAL or obj.sub_events.exists()
        ):
            return [*self.inlines, ProgrammeInline]
        return self.inlines

    def get_readonly_fields(self, request, obj=None):
        readonly = [] if can_moderate(request.user) else self.EDITOR_READONLY
        if obj is not None and obj.series_id:
            readonly = [*readonly, "series"]
        if obj is not None and is_historic(obj):
            # Restoring a version brings back what the event said; where it
            # stands in review and publishing moves only through the workflow.
            readonly = [*readonly, "publication_status"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.starts_at > timezone.now():
            # Guests, participants and countries are counted once it has started.
            fieldsets = [
                fieldset
                for fieldset in fieldsets
                if "guests" not in fieldset[1]["fields"]
            ]
        if obj is not None and obj.series_id:
            # One date of a series: which, and whether it takes the series' texts.
            fieldsets = [
                *fieldsets,
                (_("Series"), {"fields": ["series", "follows_series"]}),
            ]
        # The moderator's comment comes first: it is what the editor has to do.
        moderator = can_moderate(request.user)
        if obj is not None and (moderator or obj.moderator_comment):
            comment = (
                _("Moderator's comment"),
                {
                    "fields": ["moderator_comment"],
                    "description": _(
                        "Returning an event to draft needs a comment; the editor "
                        "is e-mailed it and sees it here."
                    )
                    if moderator
                    else _(
                        "The moderator returned this event to draft. Change what "
                        "the comment asks, then submit the event for review again."
                    ),
                },
            )
            fieldsets = [comment, *fieldsets]
        return fieldsets

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        # modeltranslation requires the default language's title; a Kazakh-only
        # event is fine, and Event.clean asks for a title in some language.
        default_title = f"title_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"
        form.base_fields[default_title].required = False
        status_field = form.base_fields.get("publication_status")
        if status_field is not None and not can_moderate(request.user):
            # Offer an editor only the moves they may make; the form still
            # checks a posted value against the workflow's rules.
            current = workflow.saved_status(obj or Event())
            status_field.widget.choices = [
                (value, label)
                for value, label in status_field.choices
                if not workflow.status_change_refusal(
                    current=current, user=request.user, status=value
                )
                and (value == current or value == Event.PublicationStatus.REVIEW)
            ]
        return form

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if obj is not None and not is_historic(obj):
            publication_moves, status_moves = moves.form_moves(obj, request.user)
            context.update(
                publication_moves=publication_moves,
                status_moves=status_moves,
                move_field=moves.MOVE_FIELD,
                proposal=can_moderate(request.user) and getattr(obj, "proposal", None),
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if IS_POPUP_VAR in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return moves.respond_after_save(self, request, obj, add=True)

    def response_change(self, request, obj):
        if IS_POPUP_VAR in request.POST or self.reverted_version(request):
            return super().response_change(request, obj)
        moving = request.POST.get(moves.MOVE_FIELD)
        if not moving and pending_changes.goes_to_review(event=obj, user=request.user):
            # save_model kept the editor's change for review, rather than saving it.
            self.message_user(
                request, pending_views.proposed_message(obj), messages.SUCCESS
            )
            return self.response_post_save_change(request, obj)
        return moves.respond_after_save(self, request, obj, add=False)

    def save_model(self, request, obj, form, change):
        if pending_changes.goes_to_review(event=obj, user=request.user):
            # The published event stays as it is; the change waits for review.
            pending_changes.propose_change(
                event=Event.objects.get(pk=obj.pk),
                proposed=obj,
                field_names=form.fields,
                activity_types=form.cleaned_data.get("activity_types"),
                user=request.user,
                request=request,
            )
            return
        if not change:
            obj.created_by = request.user
        edited_texts = set(series.series_text_fields()) & set(form.changed_data)
        if obj.series_id and edited_texts and "follows_series" not in form.changed_data:
            # Edited on this date alone: the series no longer overwrites it.
            obj.follows_series = False
        # The event keeps the status it has until save_related moves it through
        # the workflow, once the activity types and images it checks are saved.
        obj.publication_status = form.saved_status
        if not can_moderate(request.user):
            # An earlier version being restored must not bring back what an
            # editor may not set.
            saved = Event.objects.filter(pk=obj.pk).values(*self.EDITOR_READONLY)
            for name, value in (saved.first() or {}).items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is EventImage:
            return self.save_images(request, formset, change)
        if formset.model is Event:
            return save_programme(formset, festival=form.instance, user=request.user)
        saved = super().save_formset(request, form, formset, change)
        if formset.model is EventOrganizer:
            history.record_organizers(form.instance, formset)
        return saved

    def save_images(self, request, formset, change):
        """Save the gallery; a file the storage refuses (a full disk) keeps the event."""
        try:
            # A savepoint: the event and its other parts stay saved either way.
            with transaction.atomic():
                return super().save_formset(request, None, formset, change)
        except OSError as error:
            self.message_user(
                request,
                _(
                    "The event was saved, but its images could not be stored "
                    "(%(reason)s). Try adding them again later."
                )
                % {"reason": error.strerror or error},
                messages.ERROR,
            )

    def save_related(self, request, form, formsets, change):
        event = form.instance
        if pending_changes.goes_to_review(event=event, user=request.user):
            # save_model kept the change for review, types included. The
            # inlines are read-only here (their forms report no change), so
            # saving them writes nothing; the change message reads them.
            for formset in formsets:
                formset.save()
            return
        super().save_related(request, form, formsets, change)
        workflow.change_publication_status(
            event=event,
            status=form.cleaned_data.get("publication_status", form.saved_status),
            user=request.user,
            comment=event.moderator_comment,
            request=request,
        )
        texts_edited = set(series.series_text_fields()) & set(form.changed_data)
        if (change and texts_edited) and (
            count := series.series_update_occurrences(series=event)
        ):
            self.message_user(
                request,
                ngettext(
                    "%(count)d date of the series updated.",
                    "%(count)d dates of the series updated.",
                    count,
                )
                % {"count": count},
            )

    @admin.display(description=_("when"), ordering="starts_at")
    def when(self, event):
        # As the public pages write it, whatever the precision.
        return render_to_string("includes/event_dates.html", {"event": event})
