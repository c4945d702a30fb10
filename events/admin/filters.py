"""The event list's filters: what needs staff attention, and the long lists."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class OneChoiceFilter(admin.SimpleListFilter):
    """A filter with one choice besides "All": `choice` (value, label) keeps the
    events `matching()` returns."""

    choice = None

    def lookups(self, request, model_admin):
        return [self.choice]

    def queryset(self, request, queryset):
        if self.value() == self.choice[0]:
            return self.matching(queryset)
        return queryset


class AttendanceFilter(OneChoiceFilter):
    title = _("attendance")
    parameter_name = "attendance"
    choice = ("not-recorded", _("Ended, attendance not recorded"))

    def matching(self, events):
        return events.attendance_not_recorded()


class PendingChangeFilter(OneChoiceFilter):
    title = _("changes waiting for review")
    parameter_name = "pending_change"
    choice = ("waiting", _("Changes waiting for review"))

    def matching(self, events):
        return events.filter(pending_change__isnull=False)


class FoldedRelatedFilter(admin.RelatedFieldListFilter):
    """A long list (43 activity types, every organizer) that stays folded
    until it is used, so the sidebar does not run thousands of pixels below
    the events. Django's filters.js remembers a filter opened by hand."""

    template = "admin/filter_folded.html"


class ProposalFilter(admin.SimpleListFilter):
    """Events proposed by visitors without an account (events/proposals/)."""

    title = _("public proposals")
    parameter_name = "proposal"

    def lookups(self, request, model_admin):
        return [("public", _("Public proposals"))]

    def queryset(self, request, queryset):
        if self.value() == "public":
            return queryset.filter(proposal__isnull=False)
        return queryset
