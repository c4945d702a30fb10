from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from events import workflow
from events.models import (
    ActivityType,
    ActivityTypeGroup,
    Event,
    EventImage,
    EventOrganizer,
)
from organizations.models import Organization


def can_publish(user):
    return user.has_perm("events.publish_event")


@admin.register(ActivityTypeGroup)
class ActivityTypeGroupAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name_kk", "name_ru", "name_en", "slug"]


@admin.register(ActivityType)
class ActivityTypeAdmin(TabbedTranslationAdmin):
    list_display = [
        "code",
        "name",
        "group",
        "is_membership_confirmed",
        "is_name_kk_official",
        "is_current",
    ]
    list_filter = [
        "group",
        "is_membership_confirmed",
        "is_name_kk_official",
        ("deprecated_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["group"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        # The list is reference data: new types come with fixtures/reference/.
        return False

    def has_delete_permission(self, request, obj=None):
        # A withdrawn type is deprecated, never deleted, so old events keep it.
        return False

    @admin.display(description=_("on the list"), boolean=True)
    def is_current(self, activity_type):
        return activity_type.deprecated_at is None


class AttendanceFilter(admin.SimpleListFilter):
    title = _("attendance")
    parameter_name = "attendance"

    def lookups(self, request, model_admin):
        return [("not-recorded", _("Ended, attendance not recorded"))]

    def queryset(self, request, queryset):
        if self.value() == "not-recorded":
            return queryset.attendance_not_recorded()
        return queryset


class EventOrganizerInline(admin.TabularInline):
    model = EventOrganizer
    extra = 0
    verbose_name = _("organizer")
    verbose_name_plural = _("organizers")

    def get_autocomplete_fields(self, request):
        return ["organization"] if can_publish(request.user) else []

    def get_min_num(self, request, obj=None, **kwargs):
        # An organization editor enters events for their own organizations.
        return 0 if can_publish(request.user) else 1

    def get_extra(self, request, obj=None, **kwargs):
        # One empty row on a new event; an editor's comes from min_num.
        return 1 if obj is None and can_publish(request.user) else 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization" and not can_publish(request.user):
            kwargs["queryset"] = Organization.objects.editable_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class EventImageFormSet(BaseInlineFormSet):
    """Refuses images without a description on an event that is to be published."""

    def clean(self):
        super().clean()
        event = self.instance
        if not event.is_published:
            return
        images = [
            form.instance
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.instance.image
        ]
        if problem := event.publication_problems(images=images).get("images"):
            raise ValidationError(problem, code="image_alt_text")


class EventImageInline(TranslationTabularInline):
    model = EventImage
    formset = EventImageFormSet
    extra = 0
    fields = ["preview", "image", "alt_text", "credit", "position"]
    readonly_fields = ["preview"]

    @admin.display(description=_("preview"))
    def preview(self, event_image):
        if not event_image.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" style="max-width: 120px; max-height: 80px">',
            event_image.image.url,
        )


class EventAdminForm(forms.ModelForm):
    """Checks what only a form knows: the activity types and who is saving.

    A change of publication status is checked here by the rules of
    events/workflow.py and made by EventAdmin.save_related through them.
    """

    # Shown with the duplicates warning (templates/admin/events/event/change_form.html).
    save_anyway = forms.BooleanField(
        label=_("Save anyway: it is a different event"), required=False
    )
    # What makes two events look alike; a change to any of it is checked again.
    DUPLICATE_FIELDS = [
        "title_kk",
        "title_ru",
        "title_en",
        "starts_at",
        "ends_at",
        "venue",
    ]

    duplicates = ()

    @cached_property
    def saved_status(self):
        # From the database: the instance may be an earlier version being restored.
        return workflow.saved_status(self.instance)

    def clean_publication_status(self):
        status = self.cleaned_data["publication_status"]
        refusal = workflow.status_change_refusal(
            current=self.saved_status, user=self.user, status=status
        )
        if refusal:
            raise ValidationError(refusal, code="publication_status")
        return status

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("publication_status")
        if status == Event.PublicationStatus.PUBLISHED:
            problems = self.instance.publication_problems(
                activity_types=cleaned_data.get("activity_types")
            )
            # The other rules are the model's own (Event.clean); report the rest.
            if "activity_types" in problems:
                self.add_error("activity_types", problems["activity_types"])
        self.check_duplicates(cleaned_data)
        returned = (
            status == Event.PublicationStatus.DRAFT
            and self.saved_status != Event.PublicationStatus.DRAFT
        )
        comment = (cleaned_data.get("moderator_comment") or "").strip()
        if returned and "moderator_comment" in self.fields and not comment:
            self.add_error(
                "moderator_comment",
                _("Say what the editor should change before returning the event."),
            )
        return cleaned_data

    def check_duplicates(self, cleaned_data):
        """Warn of events that look like this one, unless told to save anyway."""
        if cleaned_data.get("save_anyway"):
            return
        if self.instance.pk and not set(self.DUPLICATE_FIELDS) & set(self.changed_data):
            return
        candidates = Event.objects.exclude(pk=self.instance.pk)
        if not can_publish(self.user):
            # An editor is not shown other organizations' drafts.
            candidates = candidates.filter(
                Q(publication_status=Event.PublicationStatus.PUBLISHED)
                | Q(pk__in=Event.objects.editable_by(self.user).values("pk"))
            )
        self.duplicates = candidates.likely_duplicates(
            titles=[
                cleaned_data.get(f"title_{code}") for code, _ in settings.LANGUAGES
            ],
            starts_at=cleaned_data.get("starts_at"),
            ends_at=cleaned_data.get("ends_at"),
            venue=cleaned_data.get("venue"),
        )
        for event in self.duplicates:
            editable = Event.objects.editable_by(self.user).filter(pk=event.pk)
            event.link = (
                reverse("admin:events_event_change", args=[event.pk])
                if editable.exists()
                else event.get_absolute_url()
            )
        if self.duplicates:
            self.add_error(
                None,
                ValidationError(
                    _(
                        "This event looks like one already in the catalog. Check "
                        "the events listed above; if it is a different event, tick "
                        "«Save anyway» and save again."
                    ),
                    code="duplicate",
                ),
            )


class RescheduleForm(forms.Form):
    starts_at = forms.SplitDateTimeField(
        label=_("New start"),
        widget=AdminSplitDateTime,
        help_text=_("Local time (Asia/Almaty, UTC+5)."),
    )
    ends_at = forms.SplitDateTimeField(
        label=_("New end"),
        widget=AdminSplitDateTime,
        required=False,
        help_text=_("Leave empty if unknown: the event then lasts its first day."),
    )

    def clean(self):
        cleaned_data = super().clean()
        starts_at, ends_at = cleaned_data.get("starts_at"), cleaned_data.get("ends_at")
        if starts_at and ends_at and ends_at < starts_at:
            self.add_error("ends_at", _("The event cannot end before it starts."))
        return cleaned_data


class MoveOnlineForm(forms.Form):
    online_url = forms.URLField(
        label=_("Online link"),
        assume_scheme="https",
        max_length=200,
        help_text=_("Stream or video-call address where the event now takes place."),
    )


class ReturnToDraftForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the editor"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("What should change before the event can be published."),
    )


@admin.register(Event)
class EventAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    # An address typed without a scheme is taken as https://, not http://.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    form = EventAdminForm
    list_display = [
        "title",
        "when",
        "venue",
        "district",
        "kind",
        "publication_status",
        "event_status",
    ]
    list_filter = [
        "publication_status",
        "event_status",
        AttendanceFilter,
        "kind",
        ("venue__district", admin.RelatedOnlyFieldListFilter),
        "activity_types__group",
        "activity_types",
        "starts_at",
        "organizers",
    ]
    list_select_related = ["venue__district"]
    ordering = ["-starts_at"]
    date_hierarchy = "starts_at"
    search_fields = [
        "title_kk",
        "title_ru",
        "title_en",
        "summary_kk",
        "summary_ru",
        "summary_en",
        "venue__name_kk",
        "venue__name_ru",
        "venue__name_en",
        "organizers__name_kk",
        "organizers__name_ru",
        "organizers__name_en",
        "activity_types__code",
    ]
    search_help_text = _("Title, summary, venue, organizer or OKED code.")
    prepopulated_fields = {"slug": ["title_ru"]}
    inlines = [EventOrganizerInline, EventImageInline]
    actions = [
        "submit_for_review",
        "publish",
        "return_to_draft",
        "cancel",
        "postpone",
        "reschedule",
        "move_online",
    ]
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

    autocomplete_fields = ["venue", "activity_types", "parent"]
    # What only moderators set; an editor sees it read-only.
    EDITOR_READONLY = ["event_status", "moderator_comment"]
    history_list_display = ["publication_status", "event_status"]

    def get_urls(self):
        return [
            path(
                "deleted/",
                self.admin_site.admin_view(self.deleted_events_view),
                name="events_event_deleted",
            ),
            *super().get_urls(),
        ]

    def history_access(self, request, object_id):
        """Raise 404 unless this user may see the history of event `object_id`.

        Another organization's event is "not found"; a deleted event's history
        is for moderators.
        """
        try:
            pk = int(unquote(object_id))
        except ValueError:
            raise Http404(_("No such event.")) from None
        if self.get_queryset(request).filter(pk=pk).exists():
            return
        if can_publish(request.user) and not Event.objects.filter(pk=pk).exists():
            return
        raise Http404(_("No such event, or it is not yours to edit."))

    def history_view(self, request, object_id, extra_context=None):
        self.history_access(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.history_access(request, object_id)
        if not version_id.isdigit():
            raise Http404(_("No such version."))
        # django-simple-history saves a posted version with view permission only.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        response = super().history_form_view(
            request, object_id, version_id, extra_context
        )
        if request.method == "POST" and response.status_code == 302:
            # The version is saved without the inlines and save_related.
            event = Event.objects.get(pk=unquote(object_id))
            Event.objects.filter(pk=event.pk).refresh_search()
            if status := getattr(request, "_restored_publication_status", None):
                event._new_publication_status = status
                self.change_publication_status(request, event)
        return response

    def deleted_events_view(self, request):
        """Deleted events, each restorable from its last version (moderators)."""
        if not (can_publish(request.user) and self.has_delete_permission(request)):
            raise PermissionDenied
        if request.method == "POST":
            self.restore_deleted_event(request, request.POST.get("event", ""))
            return HttpResponseRedirect(request.path)
        return TemplateResponse(
            request,
            "admin/events/event/deleted.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Deleted events"),
                "opts": self.opts,
                "deletions": workflow.deleted_events(),
            },
        )

    def restore_deleted_event(self, request, event_id):
        try:
            event = workflow.restore_deleted_event(
                event_id=int(event_id), user=request.user
            )
        except (ValueError, Event.DoesNotExist):
            self.message_user(request, _("No such deleted event."), messages.ERROR)
            return
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(
            request,
            format_html(
                _('«{}» restored. <a href="{}">Open it</a>.'),
                event,
                reverse("admin:events_event_change", args=[event.pk]),
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        if can_publish(request.user):
            return []
        return self.EDITOR_READONLY

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # The moderator's comment comes first: it is what the editor has to do.
        if can_publish(request.user) or (obj is not None and obj.moderator_comment):
            comment = (
                _("Moderator's comment"),
                {
                    "fields": ["moderator_comment"],
                    "description": _(
                        "Returning an event to draft needs a comment; the editor "
                        "is e-mailed it and sees it here."
                    )
                    if can_publish(request.user)
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
        if status_field is not None and not can_publish(request.user):
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

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        # The new publication status is set by the workflow in save_related,
        # once the activity types and images it checks are saved.
        obj._new_publication_status = obj.publication_status
        request._restored_publication_status = obj.publication_status
        obj.publication_status = workflow.saved_status(obj)
        if not can_publish(request.user):
            # An earlier version being restored must not bring back what an
            # editor may not set.
            saved = Event.objects.filter(pk=obj.pk).values(*self.EDITOR_READONLY)
            for name, value in (saved.first() or {}).items():
                setattr(obj, name, value)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The search words include the organizers and types, saved just now.
        Event.objects.filter(pk=form.instance.pk).refresh_search()
        self.change_publication_status(request, form.instance)

    def change_publication_status(self, request, event):
        """Make the move to the status the form asked for, through the workflow."""
        status = getattr(event, "_new_publication_status", event.publication_status)
        if status == event.publication_status:
            return
        if status == Event.PublicationStatus.REVIEW:
            workflow.submit_event_for_review(
                event=event, user=request.user, request=request
            )
        elif status == Event.PublicationStatus.PUBLISHED:
            workflow.publish_event(event=event, user=request.user, request=request)
        else:
            workflow.return_event_to_draft(
                event=event,
                user=request.user,
                comment=event.moderator_comment,
                request=request,
            )

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.display(description=_("when"), ordering="starts_at")
    def when(self, event):
        starts = timezone.localtime(event.starts_at)
        if event.date_precision == Event.DatePrecision.YEAR:
            return _("%(date)s (approximate)") % {"date": starts.year}
        if event.date_precision == Event.DatePrecision.MONTH:
            return _("%(date)s (approximate)") % {"date": date_format(starts, "F Y")}
        if event.date_precision == Event.DatePrecision.DAY:
            return date_format(starts, "DATE_FORMAT")
        return date_format(starts, "DATETIME_FORMAT")

    @admin.display(description=_("district"), ordering="venue__district")
    def district(self, event):
        if event.venue is None:
            return "—"
        return event.venue.district or _("outside the region")

    def refusal_message(self, request, event, error, template):
        """Tell staff why an action left `event` as it was."""
        if isinstance(error, ValidationError):
            reasons = " ".join(str(message) for message in error.messages)
        else:
            reasons = str(error)
        self.message_user(
            request,
            template % {"event": event, "problems": reasons},
            messages.WARNING,
        )

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        count = 0
        for event in queryset.filter(publication_status=Event.PublicationStatus.DRAFT):
            try:
                workflow.submit_event_for_review(
                    event=event, user=request.user, request=request
                )
            except (PermissionDenied, ValidationError) as error:
                self.refusal_message(
                    request,
                    event,
                    error,
                    _("«%(event)s» was not submitted: %(problems)s"),
                )
                continue
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d event submitted for review.",
                "%(count)d events submitted for review.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Publish"), permissions=["publish"])
    def publish(self, request, queryset):
        published = 0
        for event in queryset.exclude(
            publication_status=Event.PublicationStatus.PUBLISHED
        ):
            try:
                workflow.publish_event(event=event, user=request.user, request=request)
            except (PermissionDenied, ValidationError) as error:
                self.refusal_message(
                    request,
                    event,
                    error,
                    _("«%(event)s» was not published: %(problems)s"),
                )
                continue
            published += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d event published.", "%(count)d events published.", published
            )
            % {"count": published},
        )

    def intermediate_page(self, request, queryset, *, action, title, form):
        """The page an action shows to ask for what it needs (Django's pattern)."""
        return TemplateResponse(
            request,
            "admin/events/action_form.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                "events": queryset,
                "form": form,
                "action": action,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "media": self.media + form.media,
            },
        )

    @admin.action(description=_("Return to draft"), permissions=["publish"])
    def return_to_draft(self, request, queryset):
        queryset = queryset.exclude(publication_status=Event.PublicationStatus.DRAFT)
        if not queryset.exists():
            self.message_user(
                request, _("The chosen events are drafts already."), messages.WARNING
            )
            return None
        form = ReturnToDraftForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            return self.intermediate_page(
                request,
                queryset,
                action="return_to_draft",
                title=_("Return to draft with a comment"),
                form=form,
            )
        count = 0
        for event in queryset:
            try:
                workflow.return_event_to_draft(
                    event=event,
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                    request=request,
                )
            except (PermissionDenied, ValidationError) as error:
                self.refusal_message(
                    request,
                    event,
                    error,
                    _("«%(event)s» was not returned to draft: %(problems)s"),
                )
                continue
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d event returned to draft.",
                "%(count)d events returned to draft.",
                count,
            )
            % {"count": count},
        )

    def change_each(self, request, queryset, change, done_message, refused_message):
        """Apply a workflow `change` to each event; report what was refused."""
        count = 0
        for event in queryset:
            try:
                change(event)
            except (PermissionDenied, ValidationError) as error:
                self.refusal_message(request, event, error, refused_message)
                continue
            count += 1
        self.message_user(request, done_message(count) % {"count": count})

    @admin.action(description=_("Cancel the event"), permissions=["publish"])
    def cancel(self, request, queryset):
        self.change_each(
            request,
            queryset,
            lambda event: workflow.cancel_event(event=event, user=request.user),
            lambda count: ngettext(
                "%(count)d event marked as cancelled.",
                "%(count)d events marked as cancelled.",
                count,
            ),
            _("«%(event)s» was not cancelled: %(problems)s"),
        )

    @admin.action(description=_("Postpone (no new date yet)"), permissions=["publish"])
    def postpone(self, request, queryset):
        self.change_each(
            request,
            queryset,
            lambda event: workflow.postpone_event(event=event, user=request.user),
            lambda count: ngettext(
                "%(count)d event marked as postponed.",
                "%(count)d events marked as postponed.",
                count,
            ),
            _("«%(event)s» was not postponed: %(problems)s"),
        )

    @admin.action(description=_("Reschedule to a new date"), permissions=["publish"])
    def reschedule(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request,
                _("Reschedule one event at a time: each has its own new date."),
                messages.WARNING,
            )
            return None
        event = queryset.get()
        form = RescheduleForm(
            request.POST if "apply" in request.POST else None,
            initial={"starts_at": event.starts_at, "ends_at": event.ends_at},
        )
        if form.is_valid():
            try:
                workflow.reschedule_event(
                    event=event, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, error)
            except PermissionDenied as error:
                self.refusal_message(
                    request,
                    event,
                    error,
                    _("«%(event)s» was not rescheduled: %(problems)s"),
                )
                return None
            else:
                self.message_user(
                    request,
                    _("«%(event)s» rescheduled; the previous start is kept.")
                    % {"event": event},
                )
                return None
        return self.intermediate_page(
            request,
            queryset,
            action="reschedule",
            title=_("Reschedule to a new date"),
            form=form,
        )

    @admin.action(description=_("Move online"), permissions=["publish"])
    def move_online(self, request, queryset):
        first = queryset.first()
        form = MoveOnlineForm(
            request.POST if "apply" in request.POST else None,
            initial={"online_url": first.online_url if first else ""},
        )
        if not form.is_valid():
            return self.intermediate_page(
                request,
                queryset,
                action="move_online",
                title=_("Move online"),
                form=form,
            )
        online_url = form.cleaned_data["online_url"]
        self.change_each(
            request,
            queryset,
            lambda event: workflow.move_event_online(
                event=event, user=request.user, online_url=online_url
            ),
            lambda count: ngettext(
                "%(count)d event moved online.",
                "%(count)d events moved online.",
                count,
            ),
            _("«%(event)s» was not moved online: %(problems)s"),
        )
        return None
