"""The public pages' cache and HTTP caching headers (the site's middleware).

A page an anonymous visitor asks for is rendered once and kept in the default
cache (Redis, shared by every application server, when DJANGO_CACHE_URL is set)
for PAGE_CACHE_SECONDS, under the current *catalog version*. Saving or deleting
anything the public pages show (events, venues, organizations, the reference
lists) sets a new version, so the next request renders anew: an edit appears at
once, and the pages kept under the old version expire unread. The time limit
bounds what time alone changes: an event that has ended leaving "upcoming".

Every public answer also carries Last-Modified (when it was rendered) and an
ETag, with ``Cache-Control: no-cache``: a browser keeps the page but asks again
each time, and ConditionalGetMiddleware answers 304 when nothing changed.

Staff (anyone with a session cookie) are never served from, nor stored in, the
cache: they see drafts and previews.

The catalog version and the kept fragments are the catalog's own
(events/cache.py), and so is the rule of who is served what is kept
(is_anonymous_read, is_public_page); this middleware reads them.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language

from events.cache import (
    VERSION_KEY,
    catalog_version,
    is_anonymous_read,
    is_public_page,
)

# What a view's decorators leave on its response for the middleware around
# this one: django-csp's per-view policy (csp.decorators, e.g. the embed
# pages' frame-ancestors) and Django's xframe_options_exempt. Kept with the
# page, so that a kept page gets the same headers as the one rendered.
RESPONSE_MARKS = (
    "xframe_options_exempt",
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_exempt",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt_ro",
)


def page_key(request, version) -> str:
    """Where a page is kept: its catalog version, language and absolute URL.

    Nothing else may change what a public page shows to a visitor (a view
    whose page depends on more marks it Cache-Control: private).
    """
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page.{version}.{get_language()}.{url}"


class PublicPageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache; see the module doc.

    It comes after LocaleMiddleware, whose language is part of the cache key,
    and before the middleware it makes unnecessary on a kept page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # The catalog version this process saw last: asked for together with
        # the page kept under it, a kept page costs one round trip to Redis.
        self.last_version = None

    def __call__(self, request):
        if not is_anonymous_read(request):
            return self.get_response(request)
        timeout = settings.PAGE_CACHE_SECONDS
        if timeout:
            version, kept = self.look_up(request)
            if kept is not None:
                # (A page kept by the previous release has no marks.)
                content, headers, *marks = kept
                response = HttpResponse(content, headers=headers)
                for name, value in (marks[0] if marks else {}).items():
                    setattr(response, name, value)
                return response
        response = self.get_response(request)
        if not is_public_page(response):
            return response
        response["Last-Modified"] = http_date()
        patch_cache_control(response, no_cache=True)
        set_response_etag(response)
        if timeout:
            # The bytes and headers only: a pickled response object would carry
            # what made it (an API response's data) and cost more to read.
            marks = {
                name: getattr(response, name)
                for name in RESPONSE_MARKS
                if hasattr(response, name)
            }
            kept = (response.content, dict(response.items()), marks)
            cache.set(page_key(request, version), kept, timeout)
        return response

    def look_up(self, request):
        """(the current catalog version, the page kept under it or None)."""
        guess = self.last_version
        guessed_key = page_key(request, guess)
        found = cache.get_many([VERSION_KEY, guessed_key])
        version = found.get(VERSION_KEY) or catalog_version()
        if version == guess:
            return version, found.get(guessed_key)
        self.last_version = version
        return version, cache.get(page_key(request, version))
