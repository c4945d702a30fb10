"""Versions (django-simple-history) as staff read them: why, and what changed.

Every version says why it was recorded. The reason is kept as its English
text, marked for translation but not translated when saved, and translated
when shown: staff reading the history in Kazakh see Kazakh reasons whoever
made the change. A save that gives no reason gets one from what it did
(`default_reason`, connected in events/apps.py).

Links changed from the other side (`activity_type.events.add(event)`) are
recorded as a version of each event they reach (`BothSidesHistoricalRecords`).

The history page shows each change with the field's name and the value as the
form shows it: a choice's label, a date in local time, a related object's
name rather than its id, "—" for nothing.
"""

import datetime
from dataclasses import replace

from django.contrib.admin.utils import display_for_value, label_for_field
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_noop
from modeltranslation.translator import NotRegistered, translator
from simple_history.models import DeletedObject, HistoricalRecords
from simple_history.template_utils import HistoricalRecordContextHelper

CREATED = gettext_noop("Created")
EDITED = gettext_noop("Edited")
DELETED = gettext_noop("Removed from the catalog")
REVERTED = gettext_noop("Earlier version restored")

REASON_BY_TYPE = {"+": CREATED, "~": EDITED, "-": DELETED}

EMPTY = "—"
# As the public pages write dates (Django has no Kazakh formats of its own).
DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"


class BothSidesHistoricalRecords(HistoricalRecords):
    """Also records the versions many-to-many changes made from the other side.

    django-simple-history records a version when an object's links change
    through its own field (`event.activity_types.add(...)`); from the other side
    (`activity_type.events.add(event)`) it takes the activity type for the
    object, and fails, or records that object instead. Here each object the
    change reaches gets its version, as if changed through its own field.
    """

    def m2m_changed(self, instance, action, attr, pk_set, reverse, model, **kwargs):
        if not reverse:
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        elif action == "pre_clear":
            # Cleared from the other side, the signals do not say which objects
            # lose a link: remove them first, by name, and the clear finds none.
            links = getattr(instance, self.reverse_accessor(attr))
            links.remove(*links.all())
        elif action in ("post_add", "post_remove"):
            for changed in model._default_manager.filter(pk__in=pk_set):
                super().m2m_changed(changed, action, attr, pk_set, False, **kwargs)

    def reverse_accessor(self, attr):
        """The other side's name for the links of field `attr` (`events`)."""
        return self.cls._meta.get_field(attr).remote_field.get_accessor_name()


def save_with_reason(instance, reason):
    """Save `instance`; its version records `reason` (an untranslated text)."""
    # django-simple-history keeps the reason set here with the version.
    instance._change_reason = reason
    instance.save()


def default_reason(sender, history_instance, **kwargs):
    """A version recorded without a reason gets one from its type.

    Connected to simple-history's pre_create_historical_record.
    """
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = REASON_BY_TYPE.get(
            history_instance.history_type, EDITED
        )


def reason_display(record):
    """Why `record` was recorded, in the reader's language."""
    reason = record.history_change_reason or REASON_BY_TYPE.get(record.history_type)
    return gettext(reason) if reason else EMPTY


def column_label(name, model_admin):
    """The heading of a history_list_display column: the field's or method's name."""
    return capfirst(label_for_field(name, model_admin.model, model_admin))


def column_value(record, name, model_admin):
    """A history_list_display value of `record`, as the change list would show it."""
    attribute = getattr(model_admin, name, None)
    if callable(attribute):
        return attribute(record)
    try:
        field = record._meta.get_field(name)
    except models.FieldDoesNotExist:
        return getattr(record, name, EMPTY)
    return display_value(field, getattr(record, field.attname))


def display_value(field, value):
    """`value` of `field` as staff read it (plain text, not escaped)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, list | tuple):
        names = [display_name(item) for item in value]
        return ", ".join(names) if names else EMPTY
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return date_format(value, DATE_FORMAT)
    return display_name(value)


def display_name(value):
    """A country or related object by its name; a deleted one by its last name."""
    if isinstance(value, DeletedObject):
        history = getattr(value.model, "history", None)
        last = history.filter(pk=value.pk).first() if history is not None else None
        name = last.instance if last else value.model._meta.verbose_name
        return gettext("%(name)s (deleted)") % {"name": name}
    name = getattr(value, "name", None)
    if name is not None and not isinstance(value, models.Model):
        return str(name)  # a django-countries Country
    return str(display_for_value(value, EMPTY))


def same_text(old, new):
    """Whether two versions of a text differ only in line endings, or in
    being empty rather than missing."""
    texts = [value for value in (old, new) if value is not None]
    if not all(isinstance(value, str) for value in texts):
        return False
    old, new = ((value or "").replace("\r\n", "\n") for value in (old, new))
    return old == new


class NamedChanges(HistoricalRecordContextHelper):
    """The changes between two versions with names and labels, not ids and codes.

    simple-history gives a relation's change as the related objects (or, for
    many-to-many, rows of the through table) and a choice as its stored code.
    """

    def context_for_delta_changes(self, delta):
        """Only what an editor changed: each language's field, not the field
        modeltranslation mirrors from one of them, and no text whose only
        change is the browser's line endings (a textarea posts CRLF)."""
        try:
            mirrored = set(translator.get_options_for_model(self.model).fields)
        except NotRegistered:
            mirrored = set()
        changes = [
            change
            for change in delta.changes
            if change.field not in mirrored and not same_text(change.old, change.new)
        ]
        return super().context_for_delta_changes(replace(delta, changes=changes))

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if isinstance(field, models.ManyToManyField):
            related = super().prepare_delta_change_value(change, value)
            names = sorted(display_name(item) for item in related)
            return ", ".join(names) if names else EMPTY
        return display_value(field, value)

    def stringify_delta_change_values(self, change, old, new):
        field = self.model._meta.get_field(change.field)
        if field.is_relation or field.choices:
            # Names are shown whole; only long texts are shortened.
            return conditional_escape(old), conditional_escape(new)
        return super().stringify_delta_change_values(change, old, new)
