"""The event list's filters: what needs staff attention, and the long lists."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class AttendanceFilter(admin.SimpleListFilter):
    title = _("attendance")
    parameter_name = "attendance"

    def lookups(self, request, model_admin):
        return [("not-recorded", _("Ended, attendance not recorded"))]

    def queryset(self, request, queryset):
        if self.value() == "not-recorded":
            return queryset.attendance_not_recorded()
        return queryset


class PendingChangeFilter(admin.SimpleListFilter):
    title = _("changes waiting for review")
    parameter_name = "pending_change"

    def lookups(self, request, model_admin):
        return [("waiting", _("Changes waiting for review"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(pending_change__isnull=False)
        return queryset


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
