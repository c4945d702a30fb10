"""What both readers make of a file: one PlannedRow per event, and their limits."""

import dataclasses

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from modeltranslation.utils import get_translation_fields

from events.models import Event

MAX_ROWS = 1000
# The translated texts a row may give, in each language.
TEXTS = ["title", "summary", "description"]


def too_many_rows():
    return ValidationError(
        _("Import at most %(count)d events at a time.") % {"count": MAX_ROWS}
    )


@dataclasses.dataclass
class PlannedRow:
    """One row of an import: what it would do, or why it cannot."""

    number: int
    key: str
    values: dict
    activity_types: list | None = None
    errors: list = dataclasses.field(default_factory=list)
    action: str = ""  # "create", "update" or "unchanged"
    event: Event | None = None

    @property
    def title(self):
        titles = (self.values.get(name) for name in get_translation_fields("title"))
        return next(filter(None, titles), "")
