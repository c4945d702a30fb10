from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from backoffice.model_admin import CatalogAdmin
from organizations.models import Organization


@admin.register(Organization)
class OrganizationAdmin(CatalogAdmin):
    list_display = ["name", "short_name", "kind", "parent", "district", "event_count"]
    list_filter = ["kind", "district"]
    list_select_related = ["parent", "district"]
    search_fields = [
        "name_kk",
        "name_ru",
        "name_en",
        "short_name_kk",
        "short_name_ru",
        "short_name_en",
    ]
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

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_count=Count("events"))

    @admin.display(description=_("events"), ordering="event_count")
    def event_count(self, organization):
        return organization.event_count
