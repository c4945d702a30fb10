"""The reference lists staff may correct but not extend: activity types and groups."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields

from events.models import ActivityType, ActivityTypeGroup


@admin.register(ActivityTypeGroup)
class ActivityTypeGroupAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = [*get_translation_fields("name"), "slug"]


@admin.register(ActivityType)
class ActivityTypeAdmin(TabbedTranslationAdmin):
    list_display = [
        "code",
        "name",
        "group",
        "is_membership_confirmed",
        "is_by_analogy",
        "is_name_kk_official",
        "is_current",
    ]
    list_filter = [
        "group",
        "is_membership_confirmed",
        "is_by_analogy",
        "is_name_kk_official",
        ("deprecated_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["group"]
    search_fields = ["code", *get_translation_fields("name")]
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
