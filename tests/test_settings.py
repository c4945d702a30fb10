import os
import subprocess
import sys

import pytest
from django.conf import settings

PROJECT_DIR = settings.BASE_DIR


def run_check(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") or key == "DJANGO_SETTINGS_MODULE"
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("environment", "missing"),
    [
        ({}, "DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_SECRET_KEY": "s" * 50}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": "events.example.kz"}, "DJANGO_SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_secret_and_hosts(environment, missing):
    result = run_check(DJANGO_DEBUG="0", **environment)

    assert result.returncode != 0
    assert f"DJANGO_DEBUG=0 (production) needs {missing} to be set" in result.stderr


def test_production_starts_with_secret_and_hosts():
    result = run_check(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-long-random-production-secret-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="events.example.kz",
    )

    assert result.returncode == 0, result.stderr


def test_a_mistyped_boolean_is_refused_with_its_name():
    result = run_check(DJANGO_DEBUG="maybe")

    assert result.returncode != 0
    assert "DJANGO_DEBUG must be 1 or 0, not 'maybe'." in result.stderr


def test_languages_and_time_zone():
    assert [code for code, _ in settings.LANGUAGES] == ["kk", "ru", "en"]
    assert settings.TIME_ZONE == "Asia/Almaty"
    assert settings.USE_TZ is True


def test_a_page_cache_time_that_is_not_a_number_is_refused():
    result = run_check(DJANGO_PAGE_CACHE_SECONDS="five minutes")

    assert result.returncode != 0
    assert (
        "DJANGO_PAGE_CACHE_SECONDS must be a number of seconds (0: off), "
        "not 'five minutes'." in result.stderr
    )
