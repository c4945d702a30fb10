from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from backoffice.model_admin import CatalogAdmin
from organizations.models import Organization


@admin.register(Organization)
class OrganizationAdmin(CatalogAdmin):
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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Events are found by the name of their organization too.
        obj.events.all().refresh_search()

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_count=Count("events"))

    @admin.display(description=_("events"), ordering="event_count")
    def event_count(self, organization):
        return organization.event_count
