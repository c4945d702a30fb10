"""The event form's checks, and the forms of the event list's actions and import."""

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminDateWidget, AdminSplitDateTime
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from backoffice.roles import can_moderate
from events import imports, pending_changes, series, workflow
from events.models import Event, PendingChange
from organizations.models import Organization


class EventAdminForm(forms.ModelForm):
    """Checks what only a form knows: the activity types and who is saving.

    A change of publication status is checked here by the rules of
    events/workflow/ and made by EventAdmin.save_related through them.
    """

    # Shown with the duplicates warning (templates/admin/events/event/change_form.html).
    save_anyway = forms.BooleanField(
        label=_("Save anyway: it is a different event"), required=False
    )
    # What makes two events look alike; a change to any of it is checked again.
    DUPLICATE_FIELDS = [
        *get_translation_fields("title"),
        "starts_at",
        "ends_at",
        "venue",
    ]

    duplicates = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        change = self.instance.pk and (
            PendingChange.objects.filter(event=self.instance.pk).first()
        )
        if change and not can_moderate(self.user):
            # The editor goes on from the change they proposed, not from the
            # published version.
            self.initial.update(pending_changes.form_initial(change))

    @cached_property
    def saved_status(self):
        # From the database: the instance may be an earlier version being restored.
        return workflow.saved_status(self.instance)

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = Event.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if taken.exists() and not taken.visible_to(self.user).exists():
            # Taken by an event this user may not see: another free address,
            # rather than an error that tells them of that event.
            return Event.objects.free_slug(slug)
        return slug

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
        if not can_moderate(self.user):
            # An editor is not shown other organizations' drafts.
            candidates = candidates.filter(
                Q(publication_status=Event.PublicationStatus.PUBLISHED)
                | Q(pk__in=Event.objects.editable_by(self.user).values("pk"))
            )
        self.duplicates = candidates.likely_duplicates(
            titles=[cleaned_data.get(name) for name in get_translation_fields("title")],
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


class ConfirmForm(forms.Form):
    """A move that needs nothing but its confirmation (cancel, postpone)."""


class RescheduleForm(forms.Form):
    """The new dates; workflow.reschedule_event checks them by the model's rules."""

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
