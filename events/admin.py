import secrets

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AdminDateWidget, AdminSplitDateTime
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponse, HttpResponseRedirect
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

from events import imports, series, workflow
from events.models import (
    ActivityType,
    ActivityTypeGroup,
    Event,
    EventImage,
    EventOrganizer,
)
from organizations.models import Organization
from venues.images import CheckedImageField
from venues.widgets import ForgivingAutocompleteAdminMixin


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


class EventOrganizerInline(ForgivingAutocompleteAdminMixin, admin.TabularInline):
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
    # Images are checked by decoding them and stored without metadata.
    formfield_overrides = {models.ImageField: {"form_class": CheckedImageField}}
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


def import_counts(rows):
    """How many rows of an import preview would be created, updated... ."""
    counts = {"create": 0, "update": 0, "unchanged": 0, "errors": 0}
    for row in rows:
        counts["errors" if row.errors else row.action] += 1
    return counts


class ProgrammeInline(ForgivingAutocompleteAdminMixin, TranslationTabularInline):
    """A festival's programme: its sub-events, edited on the festival's form.

    An editor sees only the items they may edit. A new item is a draft with the
    festival's organizers and a slug made from the festival's; items are
    removed on their own page, where what depends on them is shown.
    """

    model = Event
    fk_name = "parent"
    fields = ["title", "starts_at", "ends_at", "venue", "kind"]
    autocomplete_fields = ["venue"]
    extra = 1
    can_delete = False
    show_change_link = True
    verbose_name = _("programme item")
    verbose_name_plural = _("programme")

    def get_queryset(self, request):
        return super().get_queryset(request).editable_by(request.user)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # As on the event form: a title in any one language will do.
        default_title = f"title_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"
        formset.form.base_fields[default_title].required = False
        return formset


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


class RepeatForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            (series.WEEKLY, _("every week, on the same day and time")),
            (series.MONTHLY, _("every month, on the same date and time")),
        ],
        widget=forms.RadioSelect,
    )
    until = forms.DateField(label=_("Until"), widget=AdminDateWidget)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Made per request, in the editor's language.
        self.fields["until"].help_text = _(
            "The last date to include. At most %(count)d dates are made at once; "
            "on the 29th–31st a shorter month gets its last day."
        ) % {"count": series.MAX_OCCURRENCES}


class ImportForm(forms.Form):
    MAX_BYTES = 2 * 1024 * 1024

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A CSV file made from the template (UTF-8), or an iCalendar (.ics) "
            "file; at most 2 MB."
        ),
    )
    organization = forms.ModelChoiceField(
        label=_("Organizer"),
        queryset=Organization.objects.none(),
        help_text=_("The organization the imported events are entered for."),
    )
    language = forms.ChoiceField(
        label=_("Language of an .ics file's texts"),
        choices=settings.LANGUAGES,
        initial=settings.MODELTRANSLATION_DEFAULT_LANGUAGE,
        help_text=_("A CSV file has a column for each language."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.editable_by(user).order_by("name")
        self.fields["organization"].queryset = organizations
        if len(organizations[:2]) == 1:
            self.fields["organization"].initial = organizations[0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if name.endswith(".csv"):
            self.file_format = imports.CSV
        elif name.endswith(".ics"):
            self.file_format = imports.ICS
        else:
            raise ValidationError(
                _("Upload a .csv or an .ics file."), code="import_format"
            )
        if upload.size > self.MAX_BYTES:
            raise ValidationError(
                _("The file is larger than 2 MB; split it into several."),
                code="import_size",
            )
        try:
            self.content = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(
                _("The file is not in UTF-8; save it again choosing UTF-8."),
                code="import_encoding",
            ) from None
        if "\x00" in self.content:
            # Not text; and no database keeps a NUL character in text.
            raise ValidationError(
                _("The file contains binary data; upload a text CSV or .ics file."),
                code="import_binary",
            )
        return upload


class ReturnToDraftForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the editor"),
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        help_text=_("What should change before the event can be published."),
    )


@admin.register(Event)
class EventAdmin(
    ForgivingAutocompleteAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin
):
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
        "repeat",
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

    def get_inlines(self, request, obj):
        # The programme is a festival's, or an event's that already has one.
        if obj is not None and (
            obj.kind == Event.Kind.FESTIVAL or obj.sub_events.exists()
        ):
            return [*self.inlines, ProgrammeInline]
        return self.inlines

    def save_formset(self, request, form, formset, change):
        if formset.model is EventImage:
            return self.save_images(request, formset, change)
        if formset.model is not Event:
            return super().save_formset(request, form, formset, change)
        festival = form.instance
        saved = []
        for item in formset.save(commit=False):
            saved.append(item)
            if item.pk is None:
                item.publication_status = Event.PublicationStatus.DRAFT
                item.created_by = request.user
                date = timezone.localdate(item.starts_at).isoformat()
                item.slug = Event.objects.free_slug(f"{festival.slug}-{date}")
                item.save()
                item.organizers.set(festival.organizers.all())
            else:
                item.save()
        if saved:
            Event.objects.filter(pk__in=[item.pk for item in saved]).refresh_search()
        return None

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
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="events_event_import",
            ),
            path(
                "import/template.csv",
                self.admin_site.admin_view(self.import_template_view),
                name="events_event_import_template",
            ),
            *super().get_urls(),
        ]

    IMPORT_SESSION_KEY = "events_import"

    def import_template_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        response = HttpResponse(
            imports.csv_template(), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="events.csv"'
        return response

    def import_view(self, request):
        """Upload a file → preview what it would do → import (two steps).

        The uploaded text waits in the session between the steps, under a
        token the preview page posts back; nothing is saved before "Import".
        """
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self.import_confirm(request)
        form = ImportForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
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
                token = secrets.token_urlsafe(16)
                request.session[self.IMPORT_SESSION_KEY] = {
                    "token": token,
                    "content": form.content,
                    "file_format": form.file_format,
                    "organization": organization.pk,
                    "language": form.cleaned_data["language"],
                }
        return TemplateResponse(
            request,
            "admin/events/event/import.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Import events"),
                "opts": self.opts,
                "form": form,
                "rows": rows,
                "counts": import_counts(rows or []),
                "token": request.session.get(self.IMPORT_SESSION_KEY, {}).get("token"),
                "columns": imports.csv_columns_help(),
                "media": self.media + form.media,
            },
        )

    def import_confirm(self, request):
        pending = request.session.get(self.IMPORT_SESSION_KEY) or {}
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
            self.message_user(
                request,
                _("That preview has expired; upload the file again."),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:events_event_import"))
        del request.session[self.IMPORT_SESSION_KEY]
        try:
            rows = imports.import_plan(
                content=pending["content"],
                file_format=pending["file_format"],
                organization=organization,
                language=pending["language"],
            )
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(reverse("admin:events_event_import"))
        counts = imports.events_import(
            rows=rows, organization=organization, user=request.user
        )
        skipped = sum(1 for row in rows if row.errors)
        self.message_user(
            request,
            _(
                "Import done: %(create)d created as drafts, %(update)d updated, "
                "%(unchanged)d unchanged, %(skipped)d skipped for errors."
            )
            % {**counts, "skipped": skipped},
        )
        return HttpResponseRedirect(reverse("admin:events_event_changelist"))

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
        readonly = [] if can_publish(request.user) else self.EDITOR_READONLY
        if obj is not None and obj.series_id:
            readonly = [*readonly, "series"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.series_id:
            # One date of a series: which, and whether it takes the series' texts.
            fieldsets = [
                *fieldsets,
                (_("Series"), {"fields": ["series", "follows_series"]}),
            ]
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
        edited_texts = set(series.series_text_fields()) & set(form.changed_data)
        if obj.series_id and edited_texts and "follows_series" not in form.changed_data:
            # Edited on this date alone: the series no longer overwrites it.
            obj.follows_series = False
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
        super().save_related(request, form, formsets, change)
        # The search words include the organizers and types, saved just now.
        Event.objects.filter(pk=form.instance.pk).refresh_search()
        self.change_publication_status(request, form.instance)
        texts_edited = set(series.series_text_fields()) & set(form.changed_data)
        if (change and texts_edited) and (
            count := series.series_update_occurrences(series=form.instance)
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

    @admin.action(description=_("Repeat weekly or monthly"), permissions=["change"])
    def repeat(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request,
                _("Repeat one event at a time: each has its own dates."),
                messages.WARNING,
            )
            return None
        event = queryset.get()
        form = RepeatForm(
            request.POST if "apply" in request.POST else None,
            initial={"frequency": series.WEEKLY},
        )
        if form.is_valid():
            try:
                created = series.event_repeat(
                    event=event, user=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error("until", error)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d date of «%(event)s» created as a draft.",
                        "%(count)d dates of «%(event)s» created as drafts.",
                        len(created),
                    )
                    % {"count": len(created), "event": event},
                )
                return None
        return self.intermediate_page(
            request,
            queryset,
            action="repeat",
            title=_("Repeat weekly or monthly"),
            form=form,
        )
