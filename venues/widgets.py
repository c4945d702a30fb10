"""Admin autocomplete that shows a refused form again whatever was posted.

Django's autocomplete widgets look up the posted value to show it; a value that
is no id ("x", 10**30) makes that lookup fail with a server error while the form
is only being redisplayed with its message. These show such a value as unchosen.
The venues app holds them because every app's admin uses them (venues imports
from no other app).
"""

from django.contrib.admin import widgets
from django.db import DatabaseError, transaction


class ForgivingAutocompleteMixin:
    def optgroups(self, name, value, attr=None):
        try:
            # A savepoint, so that PostgreSQL's failed lookup does not break the
            # admin view's transaction.
            with transaction.atomic(using=self.db):
                return super().optgroups(name, value, attr)
        except (ValueError, TypeError, OverflowError, DatabaseError):
            return super().optgroups(name, [], attr)


class AutocompleteSelect(ForgivingAutocompleteMixin, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(
    ForgivingAutocompleteMixin, widgets.AutocompleteSelectMultiple
):
    pass


class ForgivingAutocompleteAdminMixin:
    """For a ModelAdmin or inline: its autocomplete fields use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = AutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
