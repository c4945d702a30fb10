from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields

from backoffice.model_admin import CountsEventsAdmin
from venues.models import District, Venue


@admin.register(District)
class DistrictAdmin(TabbedTranslationAdmin):
    list_display = ["name", "kind", "centre", "kato", "is_kato_confirmed"]
    list_filter = ["kind", "is_kato_confirmed"]
    search_fields = [*get_translation_fields("name"), "other_names", "kato"]
    readonly_fields = ["slug"]

    def has_add_permission(self, request):
        # The list is reference data, loaded from fixtures/reference/.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Venue)
class VenueAdmin(CountsEventsAdmin):
    list_display = ["name", "district", "locality", "capacity", "event_count"]
    list_filter = ["district", "is_wheelchair_accessible"]
    list_select_related = ["district"]
    search_fields = [*get_translation_fields("name", "locality"), "address_ru"]
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
