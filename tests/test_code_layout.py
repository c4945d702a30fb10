"""Rules of the code's layout that a review would otherwise have to remember."""

import re

import pytest
from django.conf import settings

APPS = ["backoffice", "events", "organizations", "venues"]
IMPORTS_WIRING = re.compile(r"^\s*(from|import)\s+creative_east\b", re.MULTILINE)


@pytest.mark.parametrize("app", APPS)
def test_an_app_never_imports_the_wiring(app):
    """creative_east/ wires the apps together; they never reach back into it."""
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for path in (settings.BASE_DIR / app).rglob("*.py")
        if IMPORTS_WIRING.search(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []
