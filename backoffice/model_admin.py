"""The ModelAdmin base of the catalog's objects: events, venues, organizations."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from backoffice.images import CheckedImageField
from backoffice.roles import can_moderate
from backoffice.widgets import FilteredSelectMultiple, ForgivingAutocompleteAdminMixin


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

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        # A list of countries (some 250) gets the admin's two boxes with a
        # filter, as filter_horizontal gives a relation. (A field with choices
        # never reaches formfield_overrides.) Its script is a static file:
        # nothing inline for the Content Security Policy to block.
        if isinstance(db_field, CountryField) and db_field.multiple:
            kwargs.setdefault(
                "widget",
                FilteredSelectMultiple(db_field.verbose_name, is_stacked=False),
            )
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # django-simple-history saves a posted version with view permission only.
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class CountsEventsAdmin(CatalogAdmin):
    """A venue's or organization's admin, whose list counts its events.

    Each user counts only the events they may see (published ones and their
    own), so another organization's drafts show in no one else's numbers.
    """

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        events = queryset.model._meta.get_field("events").related_model.objects
        if can_moderate(request.user):
            return queryset.annotate(event_count=Count("events", distinct=True))
        visible = events.visible_to(request.user).values("pk")
        return queryset.annotate(
            event_count=Count("events", filter=Q(events__in=visible), distinct=True)
        )

    @admin.display(description=_("events"), ordering="event_count")
    def event_count(self, obj):
        return obj.event_count
