"""Event addresses that the catalog's own pages already use.

`/<lang>/events/<slug>/` shares its folder with the list's other views
(the month calendar, the map, the proposal form), so an event may not take
their names: its page would never be reached.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

RESERVED_SLUGS = frozenset({"calendar", "map", "submit"})


def validate_not_reserved(slug):
    if slug in RESERVED_SLUGS:
        raise ValidationError(
            _(
                "“%(slug)s” is the address of one of the catalog's pages; choose another."
            ),
            code="reserved",
            params={"slug": slug},
        )
