"""Settings from the environment: each variable read once with its type, its
default when unset, and start-up refused, naming the variable, when a value
cannot be read."""

import gc
import os
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from creative_east.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_str,
    env_url,
)

PROJECT_DIR = Path(django_settings.BASE_DIR)
SETTINGS = PROJECT_DIR / "creative_east" / "settings.py"
GUNICORN = PROJECT_DIR / "gunicorn.conf.py"
ENV_EXAMPLE = dict(
    re.findall(r"^([A-Z_]+)=(.*)$", (PROJECT_DIR / ".env.example").read_text(), re.M)
)
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Qz" * 10,
    "DJANGO_ALLOWED_HOSTS": "events.example.kz",
}
PORT = ("a port number from 1 to 65535", 1, 65535)


@pytest.fixture
def environment(monkeypatch):
    """Sets variables for one test, over an environment without any of the site's."""
    for name in list(os.environ):
        if name in ENV_EXAMPLE or (
            name.startswith(("DJANGO_", "DATABASE_"))
            and name != "DJANGO_SETTINGS_MODULE"
        ):
            monkeypatch.delenv(name)

    def set_variables(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)

    return set_variables


@pytest.fixture
def start(environment):
    """The settings as the site reads them at start-up with only these variables."""

    def start(path=SETTINGS, **variables):
        environment(**variables)
        return runpy.run_path(str(path))

    return start


def refused(message):
    return pytest.raises(ImproperlyConfigured, match=f"^{re.escape(message)}$")


def names_read(path):
    """The variables a module reads through the readers of creative_east/env.py."""
    return re.findall(r'\benv_\w+\(\s*"([A-Z_]+)"', path.read_text())


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("Yes", True),
        (" on ", True),
        ("0", False),
        ("FALSE", False),
        ("no", False),
        ("off", False),
    ],
)
def test_a_boolean_is_read_in_any_of_its_spellings(environment, value, expected):
    environment(DJANGO_EMAIL_USE_TLS=value)

    assert env_bool("DJANGO_EMAIL_USE_TLS", not expected) is expected


@pytest.mark.parametrize("value", ["maybe", "2", "yes please"])
def test_a_boolean_that_cannot_be_read_is_refused_with_its_name(environment, value):
    environment(DJANGO_DEBUG=value)

    with refused(f"DJANGO_DEBUG must be 1 or 0, not {value!r}."):
        env_bool("DJANGO_DEBUG", True)


@pytest.mark.parametrize("value", [None, "", "   "])
def test_an_unset_or_empty_variable_gives_the_default(environment, value):
    if value is not None:
        environment(DJANGO_EMAIL_PORT=value)

    assert env_bool("DJANGO_EMAIL_PORT", True) is True
    assert env_bool("DJANGO_EMAIL_PORT", False) is False
    assert env_int("DJANGO_EMAIL_PORT", 25, *PORT) == 25
    assert env_str("DJANGO_EMAIL_PORT", "localhost") == "localhost"
    assert env_list("DJANGO_EMAIL_PORT", ["localhost"]) == ["localhost"]
    assert env_choice("DJANGO_EMAIL_PORT", ["local", "s3"], "local") == "local"
    assert env_url("DJANGO_EMAIL_PORT", ["redis"]) == ""
    assert env_database("DJANGO_EMAIL_PORT") is None


def test_a_string_is_read_without_surrounding_spaces(environment):
    environment(DJANGO_EMAIL_HOST="  smtp.example.kz \n")

    assert env_str("DJANGO_EMAIL_HOST", "localhost") == "smtp.example.kz"


@pytest.mark.parametrize(
    ("value", "expected"), [("1", 1), (" 587 ", 587), ("65535", 65535)]
)
def test_a_whole_number_is_read_within_its_bounds(environment, value, expected):
    environment(DJANGO_EMAIL_PORT=value)

    assert env_int("DJANGO_EMAIL_PORT", 25, *PORT) == expected


@pytest.mark.parametrize("value", ["abc", "25.0", "-1", "0", "65536", "1e3", "٢٥"])
def test_a_number_that_cannot_be_read_is_refused_with_what_it_expects(
    environment, value
):
    environment(DJANGO_EMAIL_PORT=value)

    with refused(
        f"DJANGO_EMAIL_PORT must be a port number from 1 to 65535, not {value!r}."
    ):
        env_int("DJANGO_EMAIL_PORT", 25, *PORT)


def test_a_list_is_comma_separated_in_order_without_empty_items(environment):
    environment(DJANGO_ALLOWED_HOSTS=" events.example.kz,, www.events.example.kz ,")

    assert env_list("DJANGO_ALLOWED_HOSTS", ["localhost"]) == [
        "events.example.kz",
        "www.events.example.kz",
    ]


def test_a_choice_is_read_in_any_case_and_returned_as_listed(environment):
    environment(DJANGO_MEDIA_STORAGE="S3", DJANGO_LOG_LEVEL="debug")

    assert env_choice("DJANGO_MEDIA_STORAGE", ["local", "s3"], "local") == "s3"
    assert env_choice("DJANGO_LOG_LEVEL", ["DEBUG", "INFO"], "INFO") == "DEBUG"


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        (["local", "s3"], "DJANGO_MEDIA_STORAGE must be local or s3, not 'ftp'."),
        (
            ["local", "s3", "gcs"],
            "DJANGO_MEDIA_STORAGE must be local, s3 or gcs, not 'ftp'.",
        ),
    ],
)
def test_a_value_that_is_not_a_choice_is_refused_with_the_choices(
    environment, choices, message
):
    environment(DJANGO_MEDIA_STORAGE="ftp")

    with refused(message):
        env_choice("DJANGO_MEDIA_STORAGE", choices, "local")


def test_an_address_is_read_with_its_scheme(environment):
    environment(DJANGO_CACHE_URL="rediss://cache.example.kz:6380/0")

    assert env_url("DJANGO_CACHE_URL", ["redis", "rediss"]) == (
        "rediss://cache.example.kz:6380/0"
    )


@pytest.mark.parametrize(
    "value", ["memcached://cache:hunter2@10.0.0.5:11211", "localhost:6379", "hunter2"]
)
def test_an_address_with_another_scheme_is_refused_without_repeating_it(
    environment, value
):
    environment(DJANGO_CACHE_URL=value)

    with refused(
        "DJANGO_CACHE_URL must be a redis://, rediss:// or unix:// address "
        "(the value is not repeated: it may hold a password)."
    ):
        env_url("DJANGO_CACHE_URL", ["redis", "rediss", "unix"])


def test_a_database_address_becomes_a_kept_checked_connection(environment):
    environment(DATABASE_URL="postgres://reader:hunter2@10.0.0.6:5432/creative_east")

    database = env_database("DATABASE_URL")

    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "10.0.0.6",
        5432,
        "creative_east",
    )
    assert (database["USER"], database["PASSWORD"]) == ("reader", "hunter2")
    assert (database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]) == (60, True)


@pytest.mark.parametrize(
    "value",
    [
        "mongodb://reader:hunter2@10.0.0.6/creative_east",
        "postgres://reader:hunter2@10.0.0.6:port/creative_east",
        "hunter2",
    ],
)
def test_a_database_address_that_cannot_be_read_is_refused_without_repeating_it(
    environment, value
):
    environment(DATABASE_URL=value)

    with pytest.raises(ImproperlyConfigured) as refusal:
        env_database("DATABASE_URL")

    assert str(refusal.value) == (
        "DATABASE_URL must be a database address such as "
        "postgres://user:password@host:5432/name or sqlite:///path/to/file."
    )


def test_development_needs_no_variable(start):
    site = start()

    assert site["DEBUG"] is True
    assert site["SECRET_KEY"] == (PROJECT_DIR / ".dev-secret-key").read_text().strip()
    assert len(site["SECRET_KEY"]) >= 50
    assert site["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1", "[::1]", "testserver"]
    assert site["DATABASES"]["default"]["NAME"] == str(PROJECT_DIR / "db.sqlite3")
    assert site["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert site["SECURE_SSL_REDIRECT"] is False


@pytest.mark.parametrize(
    ("variables", "missing"),
    [
        ({}, "DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_SECRET_KEY": "s" * 50}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_ALLOWED_HOSTS": "events.example.kz"}, "DJANGO_SECRET_KEY"),
        (
            {"DJANGO_SECRET_KEY": "  ", "DJANGO_ALLOWED_HOSTS": " , "},
            "DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS",
        ),
    ],
)
def test_production_refuses_to_start_without_secret_and_hosts(
    start, variables, missing
):
    with refused(
        f"DJANGO_DEBUG=0 (production) needs {missing} to be set; see .env.example."
    ):
        start(DJANGO_DEBUG="0", **variables)


def test_production_starts_with_secret_and_hosts(start):
    site = start(
        **{**PRODUCTION, "DJANGO_ALLOWED_HOSTS": "events.example.kz, vko.example.kz"}
    )

    assert site["DEBUG"] is False
    assert site["SECRET_KEY"] == PRODUCTION["DJANGO_SECRET_KEY"]
    assert site["ALLOWED_HOSTS"] == ["events.example.kz", "vko.example.kz"]
    assert site["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert site["SECURE_SSL_REDIRECT"] is True


def test_behind_an_https_proxy_production_trusts_its_forwarded_headers(start):
    site = start(**PRODUCTION, DJANGO_BEHIND_HTTPS_PROXY="1")

    assert site["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert site["RATELIMIT_TRUST_X_FORWARDED_FOR"] is True


def test_without_a_declared_proxy_forwarded_headers_are_the_clients_claim(start):
    site = start(**PRODUCTION)

    assert "SECURE_PROXY_SSL_HEADER" not in site
    assert site["RATELIMIT_TRUST_X_FORWARDED_FOR"] is False


def test_development_never_takes_https_from_a_header(start):
    site = start(DJANGO_BEHIND_HTTPS_PROXY="1")

    assert "SECURE_PROXY_SSL_HEADER" not in site


def test_production_can_leave_the_https_redirect_to_the_proxy(start):
    assert (
        start(**PRODUCTION, DJANGO_SECURE_SSL_REDIRECT="0")["SECURE_SSL_REDIRECT"]
        is False
    )


def test_a_mistyped_production_only_variable_is_refused_in_development_too(start):
    with refused("DJANGO_SECURE_SSL_REDIRECT must be 1 or 0, not 'sometimes'."):
        start(DJANGO_SECURE_SSL_REDIRECT="sometimes")


def test_the_mail_server_is_read_with_its_port_as_a_number(start):
    site = start(DJANGO_EMAIL_PORT="587", DJANGO_EMAIL_USE_TLS="1")

    assert (site["EMAIL_PORT"], site["EMAIL_USE_TLS"]) == (587, True)


@pytest.mark.parametrize(
    ("variables", "page", "fragment"),
    [
        ({}, 0, 0),
        ({"DJANGO_CACHE_URL": "redis://10.0.0.5:6379/1"}, 300, 60),
        (
            {
                "DJANGO_CACHE_URL": "redis://10.0.0.5:6379/1",
                "DJANGO_PAGE_CACHE_SECONDS": "0",
                "DJANGO_FRAGMENT_CACHE_SECONDS": "30",
            },
            0,
            30,
        ),
    ],
)
def test_kept_pages_and_fragments_are_on_by_default_only_with_a_shared_cache(
    start, variables, page, fragment
):
    site = start(**variables)

    assert (site["PAGE_CACHE_SECONDS"], site["FRAGMENT_CACHE_SECONDS"]) == (
        page,
        fragment,
    )


def test_a_page_cache_time_that_is_not_a_number_is_refused(start):
    with refused(
        "DJANGO_PAGE_CACHE_SECONDS must be a number of seconds (0: off), "
        "not 'five minutes'."
    ):
        start(DJANGO_PAGE_CACHE_SECONDS="five minutes")


def test_the_log_level_applies_to_the_sites_and_djangos_records(start):
    logging = start(DJANGO_LOG_LEVEL="info")["LOGGING"]

    assert logging["root"]["level"] == "INFO"
    assert logging["loggers"]["django"]["level"] == "INFO"


def test_an_unknown_log_level_is_refused(start):
    with refused(
        "DJANGO_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not 'loud'."
    ):
        start(DJANGO_LOG_LEVEL="loud")


def test_an_s3_endpoint_without_its_scheme_is_refused(start):
    with refused(
        "DJANGO_S3_ENDPOINT_URL must be a https:// or http:// address "
        "(the value is not repeated: it may hold a password)."
    ):
        start(
            DJANGO_MEDIA_STORAGE="s3",
            DJANGO_S3_BUCKET="creative-east-media",
            DJANGO_S3_ENDPOINT_URL="storage.example.kz",
        )


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        (
            {"DJANGO_EMAIL_PORT": "abc"},
            "DJANGO_EMAIL_PORT must be a port number from 1 to 65535, not 'abc'.",
        ),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG must be 1 or 0, not 'maybe'."),
        (
            {"DJANGO_DEBUG": "0"},
            "DJANGO_DEBUG=0 (production) needs DJANGO_SECRET_KEY and "
            "DJANGO_ALLOWED_HOSTS to be set; see .env.example.",
        ),
    ],
)
def test_a_value_that_cannot_be_read_stops_the_start_with_its_message(
    environment, variables, message
):
    environment(**variables)

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"django.core.exceptions.ImproperlyConfigured: {message}"
    )
    assert "ValueError" not in result.stderr


@pytest.mark.parametrize("path", [SETTINGS, GUNICORN], ids=lambda path: path.name)
def test_each_variable_is_read_once_through_a_typed_reader(path):
    names = names_read(path)

    assert names
    assert sorted(names) == sorted(set(names))
    assert "os.environ" not in path.read_text()
    assert "getenv" not in path.read_text()


def test_env_example_and_the_readme_list_every_variable_read():
    read = {*names_read(SETTINGS), *names_read(GUNICORN)}
    readme = (PROJECT_DIR / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = {
        name
        for row in re.findall(r"^\| (.+?) \|", table, re.M)
        for name in re.findall(r"`([A-Z_]+)`", row)
    }

    assert set(ENV_EXAMPLE) == read
    assert documented == read


def test_the_values_written_in_env_example_are_the_defaults(start):
    def read(**variables):
        site = start(**variables)
        gunicorn = start(GUNICORN)
        return {
            **{name: value for name, value in site.items() if name.isupper()},
            **{name: gunicorn[name] for name in ("bind", "workers", "loglevel")},
        }

    defaults = read()

    assert read(**ENV_EXAMPLE) == defaults


def test_the_map_uses_openstreetmaps_tiles_by_default_and_lets_their_host_in(start):
    site = start()

    assert site["MAP_TILE_URL"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert site["MAP_TILE_ATTRIBUTION"] == "© OpenStreetMap contributors"
    assert site["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == [
        "'self'",
        "data:",
        "https://tile.openstreetmap.org",
    ]


def test_map_tiles_off_leave_the_image_policy_as_it_was(start):
    site = start(DJANGO_MAP_TILE_URL="off")

    assert site["MAP_TILE_URL"] == ""
    assert site["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == [
        "'self'",
        "data:",
    ]


def test_another_tile_server_is_let_in_with_its_subdomains(start):
    site = start(
        DJANGO_MAP_TILE_URL="https://{s}.tiles.example.kz:8443/{z}/{x}/{y}.png",
        DJANGO_MAP_TILE_ATTRIBUTION="© Example maps",
    )

    assert site["MAP_TILE_ATTRIBUTION"] == "© Example maps"
    assert site["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["img-src"] == [
        "'self'",
        "data:",
        "https://*.tiles.example.kz:8443",
    ]


@pytest.mark.parametrize(
    "value",
    [
        "tiles.example.kz/{z}/{x}/{y}.png",
        "ftp://tiles.example.kz/{z}/{x}/{y}.png",
        "https://tiles.example.kz/tiles.png?key=secret",
    ],
)
def test_a_tile_address_that_is_not_one_is_refused_without_repeating_it(start, value):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_MAP_TILE_URL") as refusal:
        start(DJANGO_MAP_TILE_URL=value)

    assert value not in str(refusal.value)


def test_a_worker_sets_the_loaded_app_apart_from_the_garbage_collector(start):
    threshold = gc.get_threshold()
    try:
        start(GUNICORN)["post_worker_init"](worker=None)

        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (7000, 10, 10)
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
