"""Where the site's log records go: one line each, on standard output.

gunicorn writes its access log there too; systemd's journal or the container
runtime keeps both.
"""


def logging_config(level: str) -> dict:
    """LOGGING for records of `level` and above, Django's own included."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "line",
            }
        },
        "root": {"handlers": ["console"], "level": level},
        # Django's records go to the same handler, once (not also to the
        # console handler Django adds in debug mode).
        "loggers": {"django": {"handlers": [], "level": level, "propagate": True}},
    }
