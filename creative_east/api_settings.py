"""The open-data API's settings (/api/v1/): public, read-only, JSON only, no
sessions; its OpenAPI schema (drf-spectacular); who may read it from a
browser (django-cors-headers). settings.py takes them from here: they read
nothing from the environment.
"""

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SCHEMA = {
    "TITLE": "Creative East open data API",
    "DESCRIPTION": (
        "Published events, venues, organizations, activity types and districts "
        "of the Creative East catalog, read-only. The events endpoint takes the "
        "public list's parameters."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from our own static files: the docs page loads nothing from
    # the internet, and asks no online validator about the schema.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No deep links: Swagger UI puts each operation's link inside its summary
    # button, controls nested in a control (axe: nested-interactive, serious).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "validatorUrl": None},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "events.api.parameters.add_database_values",
    ],
}
# Any site may read the API from a browser script; nothing else is shared:
# CORS_URLS_REGEX, CORS_ALLOW_ALL_ORIGINS, CORS_ALLOW_METHODS.
CORS = (r"^/api/.*$", True, ["GET", "HEAD", "OPTIONS"])
