"""The parts of an event edited on its form: organizers, images, programme."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modeltranslation.admin import TranslationTabularInline

from backoffice.history import save_with_reason
from backoffice.images import CheckedImageField
from backoffice.roles import can_moderate
from backoffice.widgets import ForgivingAutocompleteAdminMixin
from events import pending_changes
from events.models import Event, EventImage, EventOrganizer
from organizations.models import Organization


class ModeratedOncePublished:
    """An inline part of a published event is the moderators' to change: an
    editor's changes to the event wait for review (events/pending_changes.py),
    and these parts are not part of such a change."""

    def is_locked(self, request, obj):
        return obj is not None and pending_changes.goes_to_review(
            event=obj, user=request.user
        )

    def has_add_permission(self, request, obj=None):
        locked = self.is_locked(request, obj)
        return not locked and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        locked = self.is_locked(request, obj)
        return not locked and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        locked = self.is_locked(request, obj)
        return not locked and super().has_delete_permission(request, obj)


class EventOrganizerForm(forms.ModelForm):
    def has_changed(self):
        # A new row's organization counts as entered even when it was the one
        # preselected (a formset saves only the new rows that changed).
        if self.instance.pk is None and self["organization"].value():
            return True
        return super().has_changed()


class EventOrganizerInline(
    ModeratedOncePublished, ForgivingAutocompleteAdminMixin, admin.TabularInline
):
    model = EventOrganizer
    form = EventOrganizerForm
    extra = 0
    verbose_name = _("organizer")
    verbose_name_plural = _("organizers")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None or can_moderate(request.user):
            return formset
        organizations = list(Organization.objects.editable_by(request.user)[:2])
        if len(organizations) != 1:
            return formset
        # An editor of one organization enters its events: it is preselected
        # on a new event's first row (not on rows added later).
        initial = [{"organization": organizations[0].pk}]

        class PreselectedFormSet(formset):
            def __init__(self, *args, **kwargs):
                kwargs.setdefault("initial", initial)
                super().__init__(*args, **kwargs)

        return PreselectedFormSet

    def get_autocomplete_fields(self, request):
        return ["organization"] if can_moderate(request.user) else []

    def get_min_num(self, request, obj=None, **kwargs):
        # An organization editor enters events for their own organizations.
        return 0 if can_moderate(request.user) else 1

    def get_extra(self, request, obj=None, **kwargs):
        # One empty row on a new event; an editor's comes from min_num.
        return 1 if obj is None and can_moderate(request.user) else 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organization" and not can_moderate(request.user):
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


class EventImageInline(ModeratedOncePublished, TranslationTabularInline):
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
        try:
            url = event_image.thumbnail.url  # made on first use
        except OSError:
            # The stored file is lost: the form must still open to replace it.
            return "—"
        # Sized by a class: the site's Content Security Policy ignores inline styles.
        return format_html('<img src="{}" alt="" class="image-preview">', url)


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


def save_programme(formset, *, festival, user):
    """Save a festival's programme; a new item is a draft of the festival's organizers."""
    for item in formset.save(commit=False):
        if item.pk is None:
            item.publication_status = Event.PublicationStatus.DRAFT
            item.created_by = user
            date = timezone.localdate(item.starts_at).isoformat()
            item.slug = Event.objects.free_slug(f"{festival.slug}-{date}")
            save_with_reason(item, gettext_noop("Added to a festival's programme"))
            item.organizers.set(festival.organizers.all())
        else:
            save_with_reason(item, gettext_noop("Edited in a festival's programme"))
