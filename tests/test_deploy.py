"""Production settings: check --deploy, security headers, static files, media, cache."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

PROJECT_DIR = settings.BASE_DIR
PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Qz" * 10,
    "DJANGO_ALLOWED_HOSTS": "events.example.kz",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://events.example.kz",
    "DJANGO_BEHIND_HTTPS_PROXY": "1",
}
POLICY = {
    "default-src": "'self'",
    # The map's tiles: OpenStreetMap's, the default DJANGO_MAP_TILE_URL.
    "img-src": "'self' data: https://tile.openstreetmap.org",
    "style-src": "'self'",
    "script-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def run(*command, **environment):
    """A command in the project folder with only the given DJANGO_* variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_REPLICA"))
        or key == "DJANGO_SETTINGS_MODULE"
    }
    env.update(environment)
    return subprocess.run(
        command, cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def directives(header):
    """A Content-Security-Policy header as {directive: sources}."""
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


def manage(*arguments, **environment):
    return run(sys.executable, "manage.py", *arguments, **environment)


def production_settings(*names, **environment):
    """The values of these settings when the site starts with the environment."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}, default=str))"
    )
    result = manage("shell", "--no-imports", "-c", code, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def unmigrated_database(tmp_path_factory):
    """A new, empty database of the kind the tests run on (SQLite or PostgreSQL):
    deploy pipelines run the checks before they migrate."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        yield f"sqlite:///{tmp_path_factory.mktemp('deploy') / 'empty.sqlite3'}"
        return
    server = urlsplit(os.environ["DATABASE_URL"])
    name = f"{server.path.strip('/')}_unmigrated"
    with psycopg.connect(
        server._replace(path="/postgres").geturl(), autocommit=True
    ) as maintenance:
        maintenance.execute(f'DROP DATABASE IF EXISTS "{name}"')
        maintenance.execute(f'CREATE DATABASE "{name}"')
        yield server._replace(path=f"/{name}").geturl()
        maintenance.execute(f'DROP DATABASE "{name}"')


def check_deploy(database, **environment):
    """`manage.py check --deploy`, failing on warnings, with `database`."""
    return manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DATABASE_URL=database,
        **environment,
    )


def test_check_deploy_finds_no_issue_on_a_database_not_migrated_yet(
    unmigrated_database,
):
    result = check_deploy(unmigrated_database, **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr == ""


def test_check_deploy_warns_when_debug_is_on(unmigrated_database):
    result = check_deploy(unmigrated_database, DJANGO_DEBUG="1")

    assert result.returncode != 0
    assert "security.W018" in result.stderr


def test_production_redirects_to_https_and_sends_hsts_with_secure_cookies():
    values = production_settings(
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "LANGUAGE_COOKIE_SECURE",
        **PRODUCTION,
    )

    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "LANGUAGE_COOKIE_SECURE": True,
    }


def test_x_forwarded_proto_is_trusted_only_behind_a_declared_proxy():
    values = production_settings(
        "SECURE_PROXY_SSL_HEADER", **{**PRODUCTION, "DJANGO_BEHIND_HTTPS_PROXY": "0"}
    )

    assert values == {"SECURE_PROXY_SSL_HEADER": None}


def test_production_serves_compressed_fingerprinted_static_files(tmp_path):
    static_root = tmp_path / "static"
    environment = {**PRODUCTION, "DJANGO_STATIC_ROOT": str(static_root)}
    collected = manage("collectstatic", "--noinput", **environment)
    assert collected.returncode == 0, collected.stderr

    code = """
import json
from django.templatetags.static import static
from django.test import Client
url = static("css/site.css")
response = Client().get(
    url, headers={"accept-encoding": "gzip"}, secure=True, HTTP_HOST="events.example.kz"
)
print(json.dumps([url, response.status_code, response.get("Content-Encoding"),
                  response["Cache-Control"]]))
"""
    result = manage("shell", "--no-imports", "-c", code, **environment)

    assert result.returncode == 0, result.stderr
    url, status, encoding, cache_control = json.loads(result.stdout.splitlines()[-1])
    assert url.startswith("/static/css/site.") and url.endswith(".css")
    assert url != "/static/css/site.css"
    assert (status, encoding) == (200, "gzip")
    assert cache_control == "max-age=315360000, public, immutable"
    assert (static_root / (url.removeprefix("/static/") + ".gz")).exists()


def test_tests_and_development_serve_static_files_without_collectstatic(client):
    response = client.get("/static/css/site.css")

    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content)
        == (settings.BASE_DIR / "static" / "css" / "site.css").read_bytes()
    )
    assert settings.STORAGES["staticfiles"]["BACKEND"] == (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def test_public_pages_send_the_content_security_policy_and_security_headers(client):
    response = client.get("/en/")

    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_the_admin_login_page_sends_the_content_security_policy(client):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == POLICY
    assert response["X-Frame-Options"] == "DENY"


# Media on an S3-compatible storage: the least the settings need.
S3 = {
    "DJANGO_MEDIA_STORAGE": "s3",
    "DJANGO_S3_BUCKET": "creative-east-media",
    "DJANGO_S3_ENDPOINT_URL": "https://storage.example.kz",
    "DJANGO_S3_ACCESS_KEY_ID": "key-id",
    "DJANGO_S3_SECRET_ACCESS_KEY": "secret",
}


def served_from_s3(**environment):
    """With media on S3 and `environment`: the storage's class, an upload's
    address and the policy's img-src, as the site reads its settings."""
    code = """
from django.conf import settings
from django.core.files.storage import default_storage
default_storage._setup()
print(type(default_storage._wrapped).__name__)
print(default_storage.url("events/2025/poster.png"))
print(" ".join(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]))
"""
    result = manage("shell", "--no-imports", "-c", code, **S3, **environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-3:]


def test_media_on_s3_behind_a_cdn_is_served_from_the_cdn_and_allowed_by_the_policy():
    assert served_from_s3(
        DJANGO_S3_REGION="kz-east-1", DJANGO_S3_CUSTOM_DOMAIN="media.events.example.kz"
    ) == [
        "S3Storage",
        "https://media.events.example.kz/events/2025/poster.png",
        "'self' data: https://media.events.example.kz https://tile.openstreetmap.org",
    ]


def test_media_on_s3_without_a_cdn_is_served_from_the_endpoint():
    assert served_from_s3() == [
        "S3Storage",
        "https://storage.example.kz/creative-east-media/events/2025/poster.png",
        "'self' data: https://storage.example.kz https://tile.openstreetmap.org",
    ]


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        (
            {"DJANGO_MEDIA_STORAGE": "s3"},
            "DJANGO_MEDIA_STORAGE=s3 needs DJANGO_S3_BUCKET to be set",
        ),
        (
            {"DJANGO_MEDIA_STORAGE": "ftp"},
            "DJANGO_MEDIA_STORAGE must be local or s3, not 'ftp'.",
        ),
        (
            {"DJANGO_CACHE_URL": "memcached://127.0.0.1:11211"},
            "DJANGO_CACHE_URL must be a redis://, rediss:// or unix:// address",
        ),
    ],
)
def test_a_wrong_storage_or_cache_setting_stops_start_up_with_its_name(
    environment, message
):
    result = manage("check", **environment)

    assert result.returncode != 0
    assert message in result.stderr


def test_redis_holds_the_cache_and_sessions_when_configured():
    values = production_settings(
        "CACHES", "SESSION_ENGINE", DJANGO_CACHE_URL="redis://10.0.0.5:6379/1"
    )

    cache = values["CACHES"]["default"]
    assert cache["BACKEND"] == "django_redis.cache.RedisCache"
    assert cache["LOCATION"] == "redis://10.0.0.5:6379/1"
    # What it does without Redis: tests/test_redis_outage.py.
    assert cache["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_a_replica_url_adds_the_replica_and_its_router():
    values = production_settings(
        "DATABASES",
        "DATABASE_ROUTERS",
        DATABASE_REPLICA_URL="postgres://reader:secret@10.0.0.6:5432/creative_east",
    )

    replica = values["DATABASES"]["replica"]
    assert (replica["HOST"], replica["NAME"], replica["USER"]) == (
        "10.0.0.6",
        "creative_east",
        "reader",
    )
    assert replica["TEST"]["MIRROR"] == "default"
    assert values["DATABASE_ROUTERS"] == [
        "creative_east.db_router.PrimaryReplicaRouter"
    ]


def test_without_a_replica_there_is_one_database_and_no_router():
    values = production_settings("DATABASES", "DATABASE_ROUTERS")

    assert list(values["DATABASES"]) == ["default"]
    assert values["DATABASE_ROUTERS"] == []


def test_gunicorn_reads_its_settings_from_the_environment():
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    result = run(
        gunicorn, "--print-config", HOST="127.0.0.1", PORT="8700", WEB_CONCURRENCY="3"
    )

    assert result.returncode == 0, result.stderr
    config = {
        name.strip(): value.strip()
        for name, _, value in (
            line.partition("=") for line in result.stdout.splitlines()
        )
    }
    assert config["bind"] == "['127.0.0.1:8700']"
    assert config["workers"] == "3"
    assert config["accesslog"] == "-"
    assert config["wsgi_app"] == "creative_east.wsgi:application"
