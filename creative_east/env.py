"""Typed readers of the environment, for settings.py and gunicorn.conf.py.

An unset or empty variable (`NAME=` in an env file) gives the default. A value
that cannot be read stops start-up with ImproperlyConfigured, naming the
variable and what it expects, rather than with a traceback from int().
"""

import os
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def either(choices: Sequence[str]) -> str:
    """`a, b or c`, for messages."""
    *first, last = choices
    return f"{', '.join(first)} or {last}" if first else last


def env_str(name: str, default: str = "") -> str:
    """The value without surrounding spaces, or `default` when unset or empty."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool) -> bool:
    """1/0, true/false, yes/no or on/off, in any case."""
    value = env_str(name)
    if not value:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0, not {value!r}.")


def env_int(
    name: str,
    default: int,
    expects: str = "a whole number",
    minimum: int = 0,
    maximum: int | None = None,
) -> int:
    """A whole number from `minimum` to `maximum`; `expects` says so in the message."""
    value = env_str(name)
    if not value:
        return default
    if value.isascii() and value.isdigit():
        number = int(value)
        if number >= minimum and (maximum is None or number <= maximum):
            return number
    raise ImproperlyConfigured(f"{name} must be {expects}, not {value!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    """Comma-separated values; empty items are left out."""
    items = [item.strip() for item in env_str(name).split(",")]
    return [item for item in items if item] or default


def env_choice(name: str, choices: Sequence[str], default: str) -> str:
    """One of `choices`, written in any case; returned as written in `choices`."""
    value = env_str(name)
    if not value:
        return default
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(f"{name} must be {either(choices)}, not {value!r}.")


def env_url(name: str, schemes: Sequence[str]) -> str:
    """An address with one of these schemes, or "" when unset."""
    value = env_str(name)
    if value and urlsplit(value).scheme not in schemes:
        raise ImproperlyConfigured(
            f"{name} must be a {either([f'{scheme}://' for scheme in schemes])} "
            "address (the value is not repeated: it may hold a password)."
        )
    return value


def env_rate(name: str, default: str) -> str | None:
    """A rate such as 120/m (per s, m, h or d), or None for off, 0 or none."""
    value = env_str(name, default)
    if value.lower() in {"off", "0", "none"}:
        return None
    if not re.fullmatch(r"[1-9][0-9]*/[0-9]*[smhd]", value):
        raise ImproperlyConfigured(
            f"{name} must look like 120/m or be off, not {value!r}."
        )
    return value


def env_tile_url(name: str, default: str) -> str:
    """A map tile address with {z}, {x} and {y} ({s}: a subdomain), or "" for off."""
    value = env_str(name, default)
    if value.lower() in {"off", "none"}:
        return ""
    if not re.fullmatch(r"https?://(\{s\}\.)?[\w.-]+(:\d+)?/\S*", value) or not all(
        part in value for part in ("{z}", "{x}", "{y}")
    ):
        raise ImproperlyConfigured(
            f"{name} must be an https:// or http:// address with {{z}}, {{x}} and "
            "{y}, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png, or off "
            "(the value is not repeated: it may hold a key)."
        )
    return value


def tile_origin(url: str) -> str:
    """The origin a tile address loads from, as a CSP source ({s} is any)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def env_database(name: str, default: str = "") -> dict | None:
    """Django's DATABASES entry for a database URL, or None when unset."""
    value = env_str(name, default)
    if not value:
        return None
    try:
        # A connection the server dropped (restart, failover) is replaced at the
        # start of the next request instead of failing it.
        return dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except ValueError:
        # Not repeated: the address holds the password.
        raise ImproperlyConfigured(
            f"{name} must be a database address such as "
            "postgres://user:password@host:5432/name or sqlite:///path/to/file."
        ) from None
