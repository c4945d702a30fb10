"""The ModelAdmin base of the catalog's objects: events, venues, organizations."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modeltranslation.admin import TabbedTranslationAdmin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import is_historic

from backoffice import history
from backoffice.images import CheckedImageField
from backoffice.roles import can_moderate
from backoffice.widgets import FilteredSelectMultiple, ForgivingAutocompleteAdminMixin


class CatalogAdmin(
    ForgivingAutocompleteAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin
):
    """Tabs for the languages, history with revert, relation fields that survive
    rubbish, and uploads checked before they are stored.

    The history page (templates/simple_history/) names columns, values and
    related objects in the reader's language (backoffice/history.py).
    """

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
        version = self.version(object_id, version_id)
        if version is None:
            raise Http404(_("No such version."))
        extra_context = {
            "version_date": date_format(
                timezone.localtime(version.history_date), history.DATETIME_FORMAT
            ),
            **(extra_context or {}),
        }
        return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view_title(self, request, obj):
        return gettext("History: %(object)s") % {"object": obj}

    def history_form_view_title(self, request, obj):
        return gettext("An earlier version: %(object)s") % {"object": obj}

    def save_model(self, request, obj, form, change):
        if is_historic(obj):
            # A version brought back from the history page says so in the history.
            obj._change_reason = history.REVERTED
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        if version := self.reverted_version(request):
            # simple-history would say Django's generic "was changed", whose
            # Russian and Kazakh forms do not agree with every model's name.
            when = date_format(
                timezone.localtime(version.history_date), history.DATETIME_FORMAT
            )
            self.message_user(
                request,
                gettext("«%(object)s»: the version of %(date)s is restored.")
                % {"object": obj, "date": when},
                messages.SUCCESS,
            )
            return self.response_post_save_change(request, obj)
        return super().response_change(request, obj)

    def version(self, object_id, version_id):
        """The recorded version `version_id` of object `object_id`, or None."""
        if not str(version_id).isdigit():
            return None
        pk_name = self.model._meta.pk.attname
        return self.model.history.filter(
            **{pk_name: unquote(object_id), "history_id": version_id}
        ).first()

    def reverted_version(self, request):
        """The version being restored, when `request` is the revert form's post."""
        match = request.resolver_match
        opts = self.model._meta
        if match is None or match.url_name != (
            f"{opts.app_label}_{opts.model_name}_simple_history"
        ):
            return None
        return self.version(*match.args)

    def get_historical_record_context_helper(self, request, historical_record):
        return history.NamedChanges(self.model, historical_record)

    def render_history_view(self, request, template, context, **kwargs):
        if "page_obj" in context:
            # The list of versions: headings and values as staff read them.
            names = context["history_list_display"]
            labels = [history.column_label(name, self) for name in names]
            context["history_columns"] = labels
            for record in context["page_obj"]:
                record.columns = [
                    (label, history.column_value(record, name, self))
                    for label, name in zip(labels, names, strict=True)
                ]
                record.reason = history.reason_display(record)
        return super().render_history_view(request, template, context, **kwargs)


class CountsEventsAdmin(CatalogAdmin):
    """A venue's or organization's admin, whose list counts its events.

    Each user counts only the events they may see (published ones and their
    own), so another organization's drafts show in no one else's numbers.
    """

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if can_moderate(request.user):
            return queryset.annotate(event_count=Count("events", distinct=True))
        events = queryset.model._meta.get_field("events").related_model.objects
        visible = events.visible_to(request.user).values("pk")
        return queryset.annotate(
            event_count=Count("events", filter=Q(events__in=visible), distinct=True)
        )

    @admin.display(description=_("events"), ordering="event_count")
    def event_count(self, obj):
        return obj.event_count
