"""Settings for Creative East, read once from the environment.

Each variable is read once, here, with its type (creative_east/env.py), and is
listed with its default in `.env.example` and in the README. Without any of
them the site runs in development mode on an SQLite file.
"""

import datetime
import secrets
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from creative_east import api_settings
from creative_east.caches import redis_caches
from creative_east.env import (
    env_bool,
    env_choice,
    env_database,
    env_int,
    env_list,
    env_origins,
    env_rate,
    env_str,
    env_tile_url,
    env_url,
    tile_origin,
)
from creative_east.logging_config import logging_config
from creative_east.media_storage import s3_media_storage

BASE_DIR = Path(__file__).resolve().parent.parent


def development_secret_key() -> str:
    """A random key kept in a git-ignored file, so sessions survive restarts."""
    path = BASE_DIR / ".dev-secret-key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", [])
if DEBUG:
    SECRET_KEY = SECRET_KEY or development_secret_key()
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]", "testserver"]
elif missing := [
    name
    for name, value in [
        ("DJANGO_SECRET_KEY", SECRET_KEY),
        ("DJANGO_ALLOWED_HOSTS", ALLOWED_HOSTS),
    ]
    if not value
]:
    raise ImproperlyConfigured(
        f"DJANGO_DEBUG=0 (production) needs {' and '.join(missing)} to be set; "
        "see .env.example."
    )

# A proxy (nginx) in front terminates HTTPS and sets X-Forwarded-Proto and
# X-Forwarded-For; only then are those headers trusted, otherwise they are the
# client's claim. The rate limit and the login lockout read the visitor's
# address alike (backoffice.visitors.client_ip).
BEHIND_HTTPS_PROXY = env_bool("DJANGO_BEHIND_HTTPS_PROXY", False)

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver serves static files through WhiteNoise too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "django_filters",
    "imagekit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    # Versions of events, venues and organizations, with who changed them.
    "simple_history",
    # Locks the admin login after repeated wrong passwords (django-axes, under
    # a heading in the admin's language: backoffice/login_attempts.py).
    "backoffice.login_attempts.LoginAttemptsConfig",
    "venues",
    "organizations",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files are answered here, before sessions and the rest.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 304 Not Modified when the browser's copy (ETag, Last-Modified) is current.
    "django.middleware.http.ConditionalGetMiddleware",
    "csp.middleware.CSPMiddleware",
    # As high as possible, before anything that can answer (CommonMiddleware).
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Public pages from the cache, after the language is known (page_cache.py).
    "creative_east.page_cache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Tells django-simple-history who made a change outside the admin's forms.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
    # 429 for bursts on search, feeds, export and API (before the view runs).
    "creative_east.middleware.RateLimitMiddleware",
    # 503 page with Retry-After when the database does not answer.
    "creative_east.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "creative_east.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "events.cache.kept_fragments",
            ],
        },
    },
]

WSGI_APPLICATION = "creative_east.wsgi.application"

DATABASES = {
    "default": env_database("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
# A read replica of the same database: anonymous visitors' reads go to it
# (creative_east/db_router.py); writes, the admin and logged-in staff use
# "default". Tests read the default database through it.
if replica := env_database("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {**replica, "TEST": {"MIRROR": "default"}}
    if replica["ENGINE"].endswith("postgresql"):
        # A replica that went away is noticed in 2 s, then the primary reads.
        options = {"connect_timeout": 2, **replica.get("OPTIONS", {})}
        DATABASES["replica"]["OPTIONS"] = options
    DATABASE_ROUTERS = ["creative_east.db_router.PrimaryReplicaRouter"]
    # After AuthenticationMiddleware: it needs to know who is asking.
    MIDDLEWARE.append("creative_east.db_router.PublicReadsMiddleware")

# Redis shared by every application server, for the cache and (read through
# it, kept in the database) the sessions; the site carries on without it
# (creative_east/caches.py). Unset: each process has its own.
if CACHE_URL := env_url("DJANGO_CACHE_URL", ["redis", "rediss", "unix"]):
    CACHES = redis_caches(CACHE_URL)
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Seconds a public page is kept for anonymous visitors (page_cache.py); a
# change to the catalog drops them at once. On by default only with the shared
# cache: a per-process cache cannot tell the other workers of a change.
seconds = "a number of seconds (0: off)"
PAGE_CACHE_SECONDS = env_int(
    "DJANGO_PAGE_CACHE_SECONDS", 300 if CACHE_URL else 0, seconds
)
# The same for the event list's count and facet counts, alike on every page of
# results; they follow the catalog version too, and time moves them.
FRAGMENT_CACHE_SECONDS = env_int(
    "DJANGO_FRAGMENT_CACHE_SECONDS", 60 if CACHE_URL else 0, seconds
)
# Never looked up in the page cache: staff pages, and answers about this moment.
PAGE_CACHE_EXEMPT_PATHS = ["/admin/", "/healthz", "/i18n/"]
# Rows of one CSV export answer (events/exports.py); the next page is named in
# its Link header, so no answer outlasts the app server's timeout.
EXPORT_MAX_ROWS = env_int("DJANGO_EXPORT_MAX_ROWS", 10_000, "a number of rows", 1)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Languages: Kazakh, Russian, English. Russian is the default because most
# source material (press releases, the akimat's reports) is written in it.
LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
# Kept apart from locale/, which makemessages rewrites: Kazakh country names
# (django-countries has none), and hand-kept translations of the libraries'
# strings their catalogs lack or get wrong. Earlier paths win, and every one
# wins over the apps' catalogs.
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "countries_locale",
    BASE_DIR / "admin_locale",
]
# 24-hour times in Kazakh and Russian, and Kazakh dates (Django has no kk formats).
FORMAT_MODULE_PATH = ["creative_east.formats"]
USE_I18N = True

# Kazakhstan has one zone, UTC+5, since 2024-03-01; Asia/Almaty knows the history.
TIME_ZONE = "Asia/Almaty"
USE_TZ = True

# Content translations: a missing one falls back to the others, Russian first,
# so a text written in a single language is shown in that language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("ru", "kk", "en")
# The admin's translation tabs use jQuery UI: a pinned copy (1.14.1, from npm)
# instead of modeltranslation's default CDN address.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")

# Uploads on the local disk (MEDIA_ROOT), or in an S3-compatible bucket, then
# usually behind a CDN, when several application servers share them.
# MEDIA_ORIGINS: where images are served from, for the Content Security Policy.
MEDIA_STORAGE = env_choice("DJANGO_MEDIA_STORAGE", ["local", "s3"], "local")
if MEDIA_STORAGE == "local":
    MEDIA_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGINS = []
elif not (S3_BUCKET := env_str("DJANGO_S3_BUCKET")):
    raise ImproperlyConfigured(
        "DJANGO_MEDIA_STORAGE=s3 needs DJANGO_S3_BUCKET to be set; see .env.example."
    )
else:
    MEDIA_BACKEND, MEDIA_ORIGINS = s3_media_storage(
        bucket=S3_BUCKET,
        endpoint_url=env_url("DJANGO_S3_ENDPOINT_URL", ["https", "http"]),
        region=env_str("DJANGO_S3_REGION"),
        access_key=env_str("DJANGO_S3_ACCESS_KEY_ID"),
        secret_key=env_str("DJANGO_S3_SECRET_ACCESS_KEY"),
        custom_domain=env_str("DJANGO_S3_CUSTOM_DOMAIN"),
    )

STORAGES = {
    "default": MEDIA_BACKEND,
    # Production: compressed files with their hash in the name (collectstatic
    # makes them). Development and tests: the files as they are.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Development and tests: files found where runserver finds them, no STATIC_ROOT.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

# Uploads larger than this are streamed to disk instead of held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend"
)
# The review workflow's e-mails (events/notifications.py) go through this server.
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25, "a port number from 1 to 65535", 1, 65535)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str(
    "DJANGO_DEFAULT_FROM_EMAIL", "Creative East <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Public proposals (events/proposals/): the form on or off, the department's
# contact the page gives instead, proposals per address an hour, days contacts are kept.
PROPOSALS_ENABLED = env_bool("DJANGO_PROPOSALS_ENABLED", True)
PROPOSALS_CONTACT = env_str("DJANGO_PROPOSALS_CONTACT")
PROPOSALS_PER_HOUR = env_int("DJANGO_PROPOSALS_PER_HOUR", 5, "a number from 1", 1)
PROPOSAL_CONTACTS_DAYS = env_int(
    "DJANGO_PROPOSAL_CONTACTS_DAYS", 30, "days, 1 or more", 1
)

LOGIN_URL = "admin:login"
# Where a login without `next` lands: staff log in to work in the admin.
LOGIN_REDIRECT_URL = "admin:index"

# Password guessing: after AXES_FAILURE_LIMIT wrong passwords for one username
# from one address, that pair is refused for AXES_COOLOFF_TIME (django-axes;
# the attempts are kept in the database, visible in the admin). The address is
# the visitor's, so one client cannot lock a user out for all.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "backoffice.visitors.client_ip"
# 429 with Retry-After and the time the lock ends; each wrong password during
# the lockout starts the cool-off again (axes' default, which that time needs).
AXES_LOCKOUT_CALLABLE = "creative_east.lockout.lockout_response"
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = True
AXES_RESET_ON_SUCCESS = True

# Scraping bursts: requests per address to the search, feeds, CSV and API,
# counted in the default cache (Redis, if set); if it fails, requests pass.
RATELIMIT_SEARCH = env_rate("DJANGO_RATELIMIT_SEARCH", "120/m")
RATELIMIT_IP_META_KEY = "backoffice.visitors.client_ip"
RATELIMIT_TRUST_X_FORWARDED_FOR = BEHIND_HTTPS_PROXY
RATELIMIT_FAIL_OPEN = True

# The open-data API (/api/v1/): Django REST framework, its OpenAPI schema and
# who may read it from a browser, in creative_east/api_settings.py.
REST_FRAMEWORK, SPECTACULAR_SETTINGS = api_settings.REST_FRAMEWORK, api_settings.SCHEMA
CORS_URLS_REGEX, CORS_ALLOW_ALL_ORIGINS, CORS_ALLOW_METHODS = api_settings.CORS

# One line per record on standard output (creative_east/logging_config.py).
LOG_LEVEL = env_choice(
    "DJANGO_LOG_LEVEL", ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"], "WARNING"
)
LOGGING = logging_config(LOG_LEVEL)

# Headers and cookies, in development too: a page the policy breaks shows early.
SECURE_CONTENT_TYPE_NOSNIFF = True
# Other sites (ticket sellers) learn a visitor came from here, not which page.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Who may frame the /<lang>/embed/ pages (events/embed.py); no other page.
EMBED_ALLOWED_ORIGINS = env_origins("DJANGO_EMBED_ALLOWED_ORIGINS", ["*"])
SESSION_COOKIE_HTTPONLY = True
# No script reads the CSRF token from the cookie: forms carry it.
CSRF_COOKIE_HTTPONLY = True
# /healthz answers load balancers that probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Nothing from another site: no CDN, no inline script or style. Event pages'
# JSON-LD is data, not script, and is not blocked.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "style-src": [SELF],
        "script-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The background of the event map and the venue pages' maps: a tile server's
# address with {z}, {x} and {y} (and {s} for its subdomains), and the credit
# its licence asks for. "off": no tiles, the markers on a plain background
# (the tests, a machine offline). The policy above lets its host serve images
# only when tiles are on.
MAP_TILE_URL = env_tile_url(
    "DJANGO_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
)
MAP_TILE_ATTRIBUTION = env_str(
    "DJANGO_MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors"
)
if MAP_TILE_URL:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(tile_origin(MAP_TILE_URL))

# Production only. Read in development too, so that a mistyped value shows.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True) and not DEBUG
if not DEBUG:
    if BEHIND_HTTPS_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
