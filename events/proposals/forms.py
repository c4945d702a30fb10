"""The proposal form: every field limited in size, no dates in the past, a
venue or a typed place with its district, up to three checked images."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from backoffice.images import CheckedImageField
from events.models import ActivityType, Event
from venues.models import District, Venue

MAX_IMAGES = 3
MAX_PRICE = 10_000_000
IMAGE_NUMBERS = range(1, MAX_IMAGES + 1)

PARTS = {
    "event": (_("The event"), ["title", "summary", "description", "kind"]),
    "when": (_("When"), ["day", "time", "last_day"]),
    "tickets": (_("Tickets"), ["is_free", "price_from", "ticket_url"]),
}


class GroupedTypes(forms.ModelMultipleChoiceField):
    """Activity types, offered under their groups as the list's filter offers
    them (includes/type_groups.html walks `groups`), a group open when one of
    its types is chosen."""

    def groups(self):
        chosen = {str(value) for value in (self.initial_values or [])}
        grouped = {}
        for activity_type in self.queryset.select_related("group"):
            grouped.setdefault(activity_type.group, []).append(
                {
                    "value": activity_type.pk,
                    "label": activity_type.name,
                    "code": activity_type.code,
                    "checked": str(activity_type.pk) in chosen,
                }
            )
        return [
            {
                "label": group.name,
                "open": any(option["checked"] for option in options),
                "activity_types": options,
            }
            for group, options in grouped.items()
        ]


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        label=_("In one or two sentences"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    activity_types = GroupedTypes(
        label=_("Activity types"),
        queryset=ActivityType.objects.current(),
        widget=forms.CheckboxSelectMultiple,
    )
    day = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    time = forms.TimeField(
        label=_("Start time (if known)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    last_day = forms.DateField(
        label=_("Last day (for events of several days)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.select_related("district").order_by("name"),
        required=False,
        empty_label=_("— not in the list —"),
    )
    place = forms.CharField(
        label=_("Or the place, if it is not in the list"),
        max_length=255,
        required=False,
    )
    district = forms.ModelChoiceField(
        label=_("District of that place"),
        queryset=District.objects.all(),
        required=False,
        empty_label=_("— choose the district —"),
    )
    is_free = forms.BooleanField(label=_("Free entry"), required=False)
    price_from = forms.IntegerField(
        label=_("Price from, ₸"), min_value=0, max_value=MAX_PRICE, required=False
    )
    ticket_url = forms.URLField(
        label=_("Ticket link"), max_length=200, required=False, assume_scheme="https"
    )
    proposer_name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organization_name = forms.CharField(
        label=_("Organization"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Your phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    # The honeypot: hidden from people, filled by robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in IMAGE_NUMBERS:
            self.fields[f"image_{number}"] = CheckedImageField(
                label=_("Image %(number)d") % {"number": number}, required=False
            )
            self.fields[f"alt_{number}"] = forms.CharField(
                label=_("What image %(number)d shows") % {"number": number},
                max_length=255,
                required=False,
            )
        types = self.fields["activity_types"]
        types.initial_values = self["activity_types"].value()
        # In the order of their names in this language, quotes aside.
        self.venues = sorted(
            self.fields["venue"].queryset,
            key=lambda venue: venue.name.lstrip('«"').casefold(),
        )
        self.fields["venue"].choices = self.venues_by_district()

    def venues_by_district(self):
        """The venues under their districts' names, those outside the region
        last: the choice offered without JavaScript."""
        grouped = {}
        for venue in self.venues:
            grouped.setdefault(venue.district, []).append((venue.pk, venue.name))
        outside = grouped.pop(None, [])
        districts = sorted(grouped, key=lambda district: district.position)
        choices = [
            ("", self.fields["venue"].empty_label),
            *((district.name, grouped[district]) for district in districts),
        ]
        if outside:
            choices.append((_("outside the region"), outside))
        return choices

    def venue_finder_data(self):
        """The venues for the picker that finds them as you type
        (static/js/venue-picker.js): each shown by its name in this language,
        its district and address, and found by its name in any language."""
        languages = [code for code, _name in settings.LANGUAGES]
        return [
            {
                "id": venue.pk,
                "name": venue.name,
                "district": venue.district.name
                if venue.district
                else str(capfirst(_("outside the region"))),
                "address": venue.address,
                "words": " ".join(
                    getattr(venue, f"{field}_{language}") or ""
                    for field in ("name", "locality")
                    for language in languages
                ),
            }
            for venue in self.venues
        ]

    def parts(self):
        """The form's plain parts, as the admin's fieldsets: each a legend and
        its fields (events/proposals/part.html); the template lays out the
        others (types, place, images, the proposer) itself."""
        return {
            key: {"legend": legend, "fields": [self[name] for name in names]}
            for key, (legend, names) in PARTS.items()
        }

    def image_rows(self):
        return [
            (self[f"image_{number}"], self[f"alt_{number}"]) for number in IMAGE_NUMBERS
        ]

    def is_robot(self):
        return bool(self.data.get("website"))

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The date has passed."))
        return day

    def clean(self):
        data = super().clean()
        day, last_day = data.get("day"), data.get("last_day")
        if day and last_day and last_day < day:
            self.add_error("last_day", _("The last day cannot come before the first."))
        if not data.get("venue") and not data.get("place"):
            self.add_error(
                "venue", _("Pick the venue, or type the place and pick its district.")
            )
        if data.get("place") and not data.get("venue") and not data.get("district"):
            self.add_error("district", _("Pick the district of the place."))
        if data.get("is_free") and data.get("price_from") is not None:
            self.add_error("price_from", _("A free event has no price."))
        for number in IMAGE_NUMBERS:
            if data.get(f"image_{number}") and not data.get(f"alt_{number}"):
                self.add_error(
                    f"alt_{number}",
                    _("Say what the image shows, for visitors who cannot see it."),
                )
        return data

    def images(self):
        return [
            (self.cleaned_data[f"image_{number}"], self.cleaned_data[f"alt_{number}"])
            for number in IMAGE_NUMBERS
            if self.cleaned_data.get(f"image_{number}")
        ]


class CorrectionForm(forms.Form):
    note = forms.CharField(
        label=_("What should be corrected"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
