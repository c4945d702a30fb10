from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from backoffice.model_admin import CountsEventsAdmin
from backoffice.roles import can_moderate
from organizations.models import Organization


@admin.register(Organization)
class OrganizationAdmin(CountsEventsAdmin):
    list_display = ["name", "short_name", "kind", "parent", "district", "event_count"]
    list_filter = ["kind", "district"]
    list_select_related = ["parent", "district"]
    search_fields = get_translation_fields("name", "short_name")
    autocomplete_fields = ["parent", "district", "editors"]
    prepopulated_fields = {"slug": ["name_ru"]}
    fieldsets = [
        (
            None,
            {"fields": ["name", "short_name", "slug", "kind", "parent", "district"]},
        ),
        (_("About"), {"fields": ["description", "logo"]}),
        (_("Contacts"), {"fields": ["address", "phone", "email", "website"]}),
        (_("Staff"), {"fields": ["editors"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if can_moderate(request.user) or (
            obj is not None and obj.editors.filter(pk=request.user.pk).exists()
        ):
            return fieldsets
        # Who works for another organization is not an editor's to read.
        return [
            fieldset for fieldset in fieldsets if "editors" not in fieldset[1]["fields"]
        ]
