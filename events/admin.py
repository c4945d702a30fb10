from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

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


class EventImageInline(TranslationTabularInline):
    model = EventImage
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
    """Checks what only a form knows: the activity types and who is saving."""

    def clean_publication_status(self):
        status = self.cleaned_data["publication_status"]
        newly_published = (
            status == Event.PublicationStatus.PUBLISHED
            and self.initial.get("publication_status") != status
        )
        if newly_published and not can_publish(self.user):
            raise ValidationError(
                _("Only a moderator can publish. Submit the event for review."),
                code="publish_permission",
            )
        return status

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("publication_status") == Event.PublicationStatus.PUBLISHED:
            problems = self.instance.publication_problems(
                activity_types=cleaned_data.get("activity_types")
            )
            # The venue rule is the model's own (Event.clean); report the rest.
            if "activity_types" in problems:
                self.add_error("activity_types", problems["activity_types"])
        return cleaned_data


@admin.register(Event)
class EventAdmin(TabbedTranslationAdmin):
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
    actions = ["submit_for_review", "publish", "return_to_draft", "cancel"]
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

    def get_readonly_fields(self, request, obj=None):
        if can_publish(request.user):
            return []
        return ["event_status"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        # modeltranslation requires the default language's title; a Kazakh-only
        # event is fine, and Event.clean asks for a title in some language.
        default_title = f"title_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"
        form.base_fields[default_title].required = False
        return form

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The search words include the organizers and types, saved just now.
        Event.objects.filter(pk=form.instance.pk).refresh_search()

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

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset):
        count = queryset.filter(
            publication_status=Event.PublicationStatus.DRAFT
        ).update(publication_status=Event.PublicationStatus.REVIEW)
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
        for event in queryset.prefetch_related("activity_types"):
            problems = event.publication_problems(
                activity_types=list(event.activity_types.all())
            )
            if problems:
                self.message_user(
                    request,
                    _("«%(event)s» was not published: %(problems)s")
                    % {
                        "event": event,
                        "problems": " ".join(map(str, problems.values())),
                    },
                    messages.WARNING,
                )
                continue
            event.publication_status = Event.PublicationStatus.PUBLISHED
            event.save()
            published += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d event published.", "%(count)d events published.", published
            )
            % {"count": published},
        )

    @admin.action(description=_("Return to draft"), permissions=["publish"])
    def return_to_draft(self, request, queryset):
        count = queryset.update(publication_status=Event.PublicationStatus.DRAFT)
        self.message_user(
            request,
            ngettext(
                "%(count)d event returned to draft.",
                "%(count)d events returned to draft.",
                count,
            )
            % {"count": count},
        )

    @admin.action(description=_("Cancel the event"), permissions=["publish"])
    def cancel(self, request, queryset):
        count = queryset.update(event_status=Event.EventStatus.CANCELLED)
        self.message_user(
            request,
            ngettext(
                "%(count)d event marked as cancelled.",
                "%(count)d events marked as cancelled.",
                count,
            )
            % {"count": count},
        )
