from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from backoffice.model_admin import CatalogAdmin
from venues.models import District, Venue


@admin.register(District)
class DistrictAdmin(TabbedTranslationAdmin):
    list_display = ["name", "kind", "centre", "kato", "is_kato_confirmed"]
    list_filter = ["kind", "is_kato_confirmed"]
    search_fields = ["name_kk", "name_ru", "name_en", "kato"]
    readonly_fields = ["slug"]

    def has_add_permission(self, request):
        # The list is reference data, loaded from fixtures/reference/.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Venue)
class VenueAdmin(CatalogAdmin):
    list_display = ["name", "district", "locality", "capacity", "event_count"]
    list_filter = ["district", "is_wheelchair_accessible"]
    list_select_related = ["district"]
    search_fields = [
        "name_kk",
        "name_ru",
        "name_en",
        "locality_kk",
        "locality_ru",
        "locality_en",
        "address_ru",
    ]
    autocomplete_fields = ["district"]
    prepopulated_fields = {"slug": ["name_ru"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "district", "locality", "address"]}),
        (_("Map"), {"fields": ["latitude", "longitude"]}),
        (
            _("Visitors"),
            {"fields": ["capacity", "is_wheelchair_accessible", "accessibility"]},
        ),
        (_("Contacts"), {"fields": ["phone", "email", "website"]}),
        (_("Image"), {"fields": ["image", "image_alt"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(event_count=Count("events"))

    @admin.display(description=_("events"), ordering="event_count")
    def event_count(self, venue):
        return venue.event_count
