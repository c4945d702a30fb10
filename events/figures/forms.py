"""The Figures page's choice of period and filters."""

import datetime
from functools import cached_property
from urllib.parse import urlencode

from django import forms
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.figures.compute import FILTER_PARAMETERS, latest_year
from events.filters import OUTSIDE_REGION
from events.models import ActivityType, ActivityTypeGroup, Event
from organizations.models import Organization
from venues.models import District

FIRST_YEAR, LAST_YEAR = 2000, 2100
LONGEST_PERIOD = datetime.timedelta(days=3653)  # ten years


class FiguresForm(forms.Form):
    """The period (a year, quarter or month of it, or any dates) and the filters."""

    year = forms.IntegerField(
        label=gettext_lazy("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    quarter = forms.TypedChoiceField(
        label=gettext_lazy("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[
            ("", gettext_lazy("whole year")),
            (1, gettext_lazy("1st quarter")),
            (2, gettext_lazy("2nd quarter")),
            (3, gettext_lazy("3rd quarter")),
            (4, gettext_lazy("4th quarter")),
        ],
    )
    month = forms.TypedChoiceField(
        label=gettext_lazy("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—"), *MONTHS.items()],
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy(
            "Any period: give both dates. They take precedence over the year."
        ),
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    district = forms.ChoiceField(label=gettext_lazy("District"), required=False)
    group = forms.ChoiceField(label=gettext_lazy("Activity-type group"), required=False)
    activity_type = forms.ChoiceField(
        label=gettext_lazy("Activity type"), required=False
    )
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    organization = forms.ChoiceField(label=gettext_lazy("Organization"), required=False)

    def __init__(self, data=None, *, today=None):
        self.today = today or timezone.localdate()
        # Without parameters: the default year, as if asked for.
        super().__init__(data or {"year": str(self.default_year)})
        everything = ("", _("all"))
        self.fields["district"].choices = [
            everything,
            *District.objects.values_list("slug", "name"),
            (OUTSIDE_REGION, _("outside the region")),
        ]
        self.fields["group"].choices = [
            everything,
            *ActivityTypeGroup.objects.values_list("slug", "name"),
        ]
        self.fields["activity_type"].choices = [
            everything,
            *(
                (activity_type.code, str(activity_type))
                for activity_type in ActivityType.objects.all()
            ),
        ]
        self.fields["kind"].choices = [everything, *Event.Kind.choices]
        self.fields["organization"].choices = [
            everything,
            *(
                (organization.slug, str(organization))
                for organization in Organization.objects.all()
            ),
        ]

    @cached_property
    def default_year(self):
        """The latest year with events counted, up to this one (an empty new
        year would open the page on nothing)."""
        return latest_year(today=self.today)

    def clean_date_from(self):
        return self.clean_day("date_from")

    def clean_date_to(self):
        return self.clean_day("date_to")

    def clean_day(self, name):
        day = self.cleaned_data.get(name)
        if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise forms.ValidationError(
                _("Choose a day from %(first)d to %(last)d.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return day

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        first, last = data.get("date_from"), data.get("date_to")
        if first or last:
            if not first:
                self.add_error("date_from", _("Give the first day of the period too."))
            elif not last:
                self.add_error("date_to", _("Give the last day of the period too."))
            elif last < first:
                self.add_error("date_to", _("The period cannot end before it starts."))
            elif last - first > LONGEST_PERIOD:
                self.add_error("date_to", _("A period can be at most ten years long."))
            else:
                data["period"] = first, last
            return data
        year = data.get("year") or self.default_year
        quarter, month = data.get("quarter"), data.get("month")
        if quarter and month:
            self.add_error("month", _("Choose a quarter or a month, not both."))
            return data
        first_month, months = 1, 12
        if quarter:
            first_month, months = quarter * 3 - 2, 3
        elif month:
            first_month, months = month, 1
        first = datetime.date(year, first_month, 1)
        after = datetime.date(
            year + (first_month + months - 1) // 12,
            (first_month + months - 1) % 12 + 1,
            1,
        )
        data["period"] = first, after - datetime.timedelta(days=1)
        return data

    PERIOD_FIELDS = ("year", "quarter", "month", "date_from", "date_to")

    def period_fields(self):
        return [self[name] for name in self.PERIOD_FIELDS]

    def filter_fields(self):
        return [
            self[name]
            for name in ("district", "group", "activity_type", "kind", "organization")
        ]

    @property
    def period(self):
        return self.cleaned_data["period"]

    @property
    def filters(self):
        return {
            name: self.cleaned_data[name]
            for name in FILTER_PARAMETERS
            if self.cleaned_data.get(name)
        }

    def query(self):
        """The form's values as a query string, for the download links."""
        return urlencode(
            {
                name: value
                for name, value in self.data.items()
                if name in self.fields and value not in ("", None)
            }
        )
