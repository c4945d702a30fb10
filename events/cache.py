"""The catalog version, and fragments of pages kept under it.

The catalog version is a token of the catalog's current state: saving or
deleting anything the public pages show (events, venues, organizations, the
reference lists; the signals are connected in events/apps.py) sets a new one.
Whatever is kept under a version (the page cache of the site's wiring, the
fragments below) is then never read again, so an edit shows at once on every
server that shares the cache.

`cached_fragment()` keeps a computed value (the event list's counts) under the
current version for FRAGMENT_CACHE_SECONDS, so a page rendered anew may still
take its costliest part from the cache.
"""

import hashlib
import uuid
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

VERSION_KEY = "catalog-version"
# The same for what an event's feed entry, card or API entry shows of other
# rows (its venue, district, activity types, images, organizers): what is kept
# per event and its last change is kept under it, since a venue's change does
# not change its events' `updated_at`.
SURROUNDINGS_VERSION_KEY = "catalog-surroundings-version"
# Such a kept entry is found again by its event's last change; time only evicts.
ENTRY_SECONDS = 24 * 60 * 60
SURROUNDINGS = {
    "venues.Venue",
    "venues.District",
    "events.ActivityType",
    "events.ActivityTypeGroup",
    "events.Event_activity_types",
    "events.EventImage",
    "events.EventOrganizer",
    "organizations.Organization",
}


def is_anonymous_read(request) -> bool:
    """A visitor's GET of a page that may be kept (not the admin, not /healthz)."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(tuple(settings.PAGE_CACHE_EXEMPT_PATHS))
    )


def is_public_page(response) -> bool:
    """A full, shareable answer: no cookie, no private or no-store page."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def current_version(key) -> str:
    version = cache.get(key)
    if version is None:
        # Empty cache (a restart, an eviction): start a version, or take the
        # one another process started first.
        cache.add(key, uuid.uuid4().hex, timeout=None)
        version = cache.get(key)
    # None when the cache is unreachable: a version of this request's own, so
    # nothing kept before is taken for current.
    return version or uuid.uuid4().hex


def catalog_version() -> str:
    """The token of the catalog's current state; a new one after each change."""
    return current_version(VERSION_KEY)


def surroundings_version() -> str:
    """The token of everything events show but their own row."""
    return current_version(SURROUNDINGS_VERSION_KEY)


def set_new_catalog_version(*, event_only=False):
    keys = [VERSION_KEY] if event_only else [VERSION_KEY, SURROUNDINGS_VERSION_KEY]
    cache.set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)


def catalog_changed(sender=None, **kwargs):
    """Something the public pages show has changed: forget the kept pages.

    Connected to the catalog models' save and delete signals (events/apps.py)
    and called by the commands that write in bulk (no sender: everything may
    have changed). A saved event leaves the other events' kept entries alone:
    they are kept by `updated_at`.
    """
    event_only = sender is not None and sender._meta.label not in SURROUNDINGS
    set_new_catalog_version(event_only=event_only)
    # Again once the transaction commits: a page another request rendered in
    # between, from the rows as they were before the commit, was kept under
    # the version set above.
    transaction.on_commit(lambda: set_new_catalog_version(event_only=event_only))


def release_migrated(**kwargs):
    """After `migrate` (post_migrate, which every release runs): what was kept
    was rendered by the code before it, whose templates may differ."""
    set_new_catalog_version()


def cached_fragment(name: str, compute):
    """compute(), kept FRAGMENT_CACHE_SECONDS under the catalog version.

    For values that public pages show alike to everyone: `name` tells them
    apart (e.g. the list's filters); nothing private may go in.
    """
    timeout = settings.FRAGMENT_CACHE_SECONDS
    if not timeout:
        return compute()
    digest = hashlib.sha256(name.encode()).hexdigest()
    key = f"fragment.{catalog_version()}.{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def kept_fragments(request):
    """What templates key the fragments they keep with (a context processor):
    how long to keep one (0 without a shared cache) and the catalog version,
    asked for only by a page that keeps one (Django's {% cache %}).

    The list's filter panel, whose counts are kept under the catalog version
    for FRAGMENT_CACHE_SECONDS (events/views.py list_counts), is kept as long,
    as HTML (templates/events/event_list.html). Event cards are kept per event
    by {% event_cards %} (events/templatetags/event_cards.py).
    """
    return {
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        "catalog_version": SimpleLazyObject(catalog_version),
    }


def kept_key(kind, place, *moments):
    """Where something kept per event is: its kind, the surroundings version,
    the language, `place` (the site's address, or the page's) and the moments
    it varies with (a datetime by its timestamp; None, True...: as written)."""
    return ".".join(
        ["kept", kind, surroundings_version(), get_language() or "", place]
        + [
            str(moment.timestamp()) if isinstance(moment, datetime) else str(moment)
            for moment in moments
        ]
    )


def kept_per_event(request, kind, listed, fetch, build):
    """build(event) for each event of `listed`, in its order, kept per event.

    `listed`: (pk, *moments) of each event: its last change, and that of any
    other event the entry shows (None: none), or any other value the entry
    varies with (True for the first card of a page). `fetch(pks)`: those events with
    everything `build` reads. An entry is kept ENTRY_SECONDS under its
    event, moments, the surroundings version, the language and the site's
    address, so a list after an edit builds the edited event's entry only and
    fetches no other event. Without a shared cache, every entry is built.
    """
    keys = {
        pk: kept_key(kind, request.get_host(), pk, *moments) for pk, *moments in listed
    }
    found = (
        cache.get_many(list(keys.values())) if settings.FRAGMENT_CACHE_SECONDS else {}
    )
    missing = [pk for pk, key in keys.items() if key not in found]
    if missing:
        built = {keys[event.pk]: build(event) for event in fetch(missing)}
        if settings.FRAGMENT_CACHE_SECONDS:
            cache.set_many(built, ENTRY_SECONDS)
        found.update(built)
    return [found[key] for key in keys.values() if key in found]


def kept_page(request, kind, moments, render):
    """render() (a view's response), its bytes kept per page and its moments.

    For a page about one event that a visitor reads (not staff, not a POST):
    `moments()` tells what it shows that a catalog change elsewhere leaves
    alone (its last change, its parent's and its programme's, whether it is
    over; None: nothing to keep, e.g. no such event), so an edit of another
    event, which makes every page of the page cache unread
    (creative_east/page_cache.py), leaves this one kept. Kept ENTRY_SECONDS
    under the surroundings version, the language and the page's full address;
    an answer that may not be shared (a cookie, private) is not kept.
    """
    if not (settings.FRAGMENT_CACHE_SECONDS and is_anonymous_read(request)):
        return render()
    if (moments := moments()) is None:
        return render()
    address = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    key = kept_key(kind, address, *moments)
    content = cache.get(key)
    if content is not None:
        return HttpResponse(content)
    response = render()
    if hasattr(response, "render"):
        response.render()
    if is_public_page(response):
        cache.set(key, response.content, ENTRY_SECONDS)
    return response
