"""The ModelAdmin base of the catalog's objects: events, venues, organizations."""

from django.core.exceptions import PermissionDenied
from django.db import models
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from backoffice.images import CheckedImageField
from backoffice.widgets import ForgivingAutocompleteAdminMixin


class CatalogAdmin(
    ForgivingAutocompleteAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin
):
    """Tabs for the languages, history with revert, relation fields that survive
    rubbish, and uploads checked before they are stored."""

    # An address typed without a scheme is taken as https://, not http://.
    # Images are checked by decoding them and stored without metadata.
    formfield_overrides = {
        models.URLField: {"assume_scheme": "https"},
        models.ImageField: {"form_class": CheckedImageField},
    }

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history saves a posted version with view permission only.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
