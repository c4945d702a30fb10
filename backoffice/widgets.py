"""Admin widgets: relation fields that show a refused form again whatever was
posted, and a long multiple choice with a filter.

Django's autocomplete widgets look up the posted value to show it; a value that
is no id ("x", 10**30) makes that lookup fail with a server error while the form
is only being redisplayed with its message. These show such a value as unchosen,
and give Select2 its messages in Kazakh, which Django has no file for.
"""

from django import forms
from django.contrib.admin import widgets
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.html import format_html
from django.utils.translation import get_language

# Ids are 64-bit integers; a longer number would fail in the database itself.
LARGEST_ID = 2**63 - 1


def is_possible_id(value):
    try:
        return abs(int(value)) <= LARGEST_ID
    except (TypeError, ValueError):
        return True  # not a number: Django's own check refuses it properly


class ModelChoiceField(forms.ModelChoiceField):
    """Refuses an id too large for the database as an invalid choice."""

    def to_python(self, value):
        if self.to_field_name is None and not is_possible_id(value):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for item in value or []:
            if self.to_field_name is None and not is_possible_id(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)


class ForgivingAutocompleteMixin:
    def optgroups(self, name, value, attr=None):
        try:
            # A savepoint, so that PostgreSQL's failed lookup does not break the
            # admin view's transaction.
            with transaction.atomic(using=self.db):
                return super().optgroups(name, value, attr)
        except (ValueError, TypeError, OverflowError, DatabaseError):
            return super().optgroups(name, [], attr)


# Languages whose Select2 messages are our own static files, at the path of
# Django's (static/admin/js/vendor/select2/i18n/): Django ships none for them.
SELECT2_TRANSLATIONS = {"kk": "kk"}


class Select2LanguageMixin:
    """Select2's messages (no results, searching...) in Kazakh too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.i18n_name = self.i18n_name or SELECT2_TRANSLATIONS.get(get_language())


class AutocompleteSelect(
    Select2LanguageMixin, ForgivingAutocompleteMixin, widgets.AutocompleteSelect
):
    pass


class AutocompleteSelectMultiple(
    Select2LanguageMixin,
    ForgivingAutocompleteMixin,
    widgets.AutocompleteSelectMultiple,
):
    pass


class ForgivingAutocompleteAdminMixin:
    """For a ModelAdmin or inline: relation fields that any posted value leaves whole.

    Autocomplete fields use the widgets above; every relation field refuses an
    id too large for the database as an invalid choice.
    """

    def relation_kwargs(self, db_field, request, kwargs, form_class, widget_class):
        """`kwargs` for a relation's form field, with our form class and widget."""
        kwargs.setdefault("form_class", form_class)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = widget_class(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self.relation_kwargs(
            db_field, request, kwargs, ModelChoiceField, AutocompleteSelect
        )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self.relation_kwargs(
            db_field,
            request,
            kwargs,
            ModelMultipleChoiceField,
            AutocompleteSelectMultiple,
        )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class FilteredSelectMultiple(widgets.FilteredSelectMultiple):
    """The admin's two boxes with a filter, for a multiple choice that is no relation.

    SelectFilter2.js puts its boxes first in the select's parent element; a
    relation's select has a wrapper of its own, this one gets one too, or the
    boxes would come before the field's label.
    """

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<div class="filtered-select">{}</div>',
            super().render(name, value, attrs, renderer),
        )
