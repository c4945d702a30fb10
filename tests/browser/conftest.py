"""A real Chromium, driven by Playwright, against the app on pytest-django's live_server.

The browser is Debian's Chromium (/usr/bin/chromium, or the CHROMIUM variable;
`apt-get install chromium`); Playwright is only the driver: never run
`playwright install`. Without Chromium the tests skip, except under CI, where a
missing browser is a failure. CHROMIUM_ARGS below says why each flag is needed.
"""

import importlib
import io
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from playwright.sync_api import expect, sync_playwright

from events.models import ActivityType
from tests.factories import PASSWORD
from venues.models import District

DEFAULT_CHROMIUM = "/usr/bin/chromium"
DEMO = Path(settings.BASE_DIR) / "fixtures" / "demo.json"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Headless, as root (no sandbox), with no network beyond loopback and a fresh
# profile (Playwright makes one). Even so Chromium tries to reach update and
# account hosts: the last two flags keep every request on the machine, so no
# test waits on a host that cannot answer.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
]


def find_chromium():
    """The Chromium executable to drive, or None."""
    configured = os.environ.get("CHROMIUM")
    if configured:
        return shutil.which(configured)
    return shutil.which(DEFAULT_CHROMIUM) or shutil.which("chromium")


@pytest.fixture(scope="package")
def browser():
    executable = find_chromium()
    if executable is None:
        reason = (
            f"no Chromium at {os.environ.get('CHROMIUM') or DEFAULT_CHROMIUM} "
            "(install Debian's chromium or set CHROMIUM)"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI needs the browser tests: {reason}")
        pytest.skip(reason)
    # Playwright's sync API keeps an event loop running in this thread, which
    # Django's guard against sync database calls from async code would refuse
    # (the demo data, the live_server's flush). Nothing here is async code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo_catalog(transactional_db):
    """The real demo catalog (an exception to the no-fixtures rule: these tests
    look at the pages a visitor of the demo site sees)."""
    # live_server's transactional database is flushed after each test; the
    # post_migrate handlers put the reference data back, which demo.json needs.
    assert District.objects.filter(slug="ulan").exists()
    assert ActivityType.objects.filter(code="13.93").exists()
    call_command("loaddata", DEMO, verbosity=0)
    call_command("refresh_search_words", stdout=io.StringIO())


def open_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="en-US")
    page = context.new_page()
    # The app answers on loopback in milliseconds: fail fast, not after 30 s.
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def new_page(browser):
    """Opens pages (desktop-sized unless a viewport is given), each in a fresh
    browser profile; all are closed after the test."""
    contexts = []

    def new_page(viewport=DESKTOP):
        context, page = open_page(browser, viewport)
        contexts.append(context)
        return page

    yield new_page
    for context in contexts:
        context.close()


@pytest.fixture
def new_desktop_page(new_page):
    """Opens desktop-sized pages; all are closed after the test."""
    return new_page


@pytest.fixture
def page(new_desktop_page, live_server, demo_catalog):
    """A desktop-sized page in a fresh browser profile."""
    return new_desktop_page()


@pytest.fixture
def phone_page(browser, live_server, demo_catalog):
    """A page 390 px wide, as on a phone."""
    context, page = open_page(browser, PHONE)
    yield page
    context.close()


@pytest.fixture
def staff_roles(transactional_db):
    """The two staff groups with their permissions, made again for live_server.

    live_server's flush wipes the groups migration events/0002_roles made (its
    post_migrate brings back the permissions). The migration's create_roles is
    not called on the real app registry: it leaves the apps' models_module at
    None, and later flushes would then skip their post_migrate handlers.
    """
    roles = importlib.import_module("events.migrations.0002_roles")
    for name, permissions_by_app in roles.ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in permissions_by_app.items():
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )


@pytest.fixture
def log_in(live_server):
    """Logs a staff user in through the admin's form: log_in(page, username, path)."""

    def log_in(page, username, next_path):
        page.goto(f"{live_server.url}/admin/login/?next={next_path}")
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#login-form input[type=submit]").click()
        expect(page).to_have_url(f"{live_server.url}{next_path}")

    return log_in
