"""Wiring-level middleware: what the site answers when it cannot or will not serve.

- ``DatabaseUnavailableMiddleware``: the database went away (restart, failover,
  network): a small 503 page with Retry-After instead of a 500 or a traceback.
  Nothing is kept from the failure: Django opens a new connection on the next
  request (CONN_HEALTH_CHECKS drops a dead persistent one), so the site recovers
  by itself when the database is back.
- ``RateLimitMiddleware``: a burst of requests from one address to the search,
  the feeds, the CSV export, the sitemaps or the API answers 429 with
  Retry-After (django-ratelimit, counted in the default cache, shared by every
  server when it is Redis; RATELIMIT_SEARCH). Each view costs what it does:
  an export or a sitemap page as much as five searches.
"""

import logging

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django_ratelimit.core import get_usage

from backoffice.visitors import client_ip

logger = logging.getLogger(__name__)

# Seconds a client is asked to wait before trying again after a 503.
DATABASE_RETRY_AFTER = 30

# What a request costs of an address's allowance (RATELIMIT_SEARCH), by URL
# name: the views a scraper would hammer, weighted by the work they do. Others
# cost nothing; the list only with a search.
EVENT_VIEW_COSTS = {"list": 1, "feed-ics": 2, "feed-rss": 2, "export-csv": 5}
API_COST = 1
SITEMAP_COST = 5
SITEMAP_VIEWS = {"sitemap", "sitemap-section"}


# RFC 9457 problem details of the API's refusals (its own errors come from
# Django REST framework as {"detail": ...}).
API_PROBLEMS = {
    429: ("Too Many Requests", "Too many requests from this address; retry later."),
    503: ("Service Unavailable", "The database does not answer; retry later."),
}


def is_api_request(request):
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return "api" in match.namespaces
    return request.path_info.startswith("/api/")


def _static_page(request, template_name, status, retry_after):
    """A page rendered without the database (no request context, no queries):
    HTML for the site, problem details (JSON) for the API."""
    if is_api_request(request):
        title, detail = API_PROBLEMS[status]
        response = JsonResponse(
            {"type": "about:blank", "title": title, "status": status, "detail": detail},
            status=status,
            content_type="application/problem+json",
        )
    else:
        response = HttpResponse(
            render_to_string(template_name, {"retry_after": retry_after}),
            status=status,
            content_type="text/html; charset=utf-8",
        )
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error(
            "The database does not answer (%s %s): %s",
            request.method,
            request.path,
            exception,
        )
        return _static_page(request, "503.html", 503, DATABASE_RETRY_AFTER)


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    @staticmethod
    def cost(request, match):
        if "api" in match.namespaces:
            return API_COST
        if not match.namespaces and match.url_name in SITEMAP_VIEWS:
            return SITEMAP_COST
        if match.url_name == "embed-events" and request.GET.get("q", "").strip():
            return EVENT_VIEW_COSTS["list"]  # the list, framed (events/embed.py)
        if match.namespaces == ["events"]:
            if match.url_name == "list" and not request.GET.get("q", "").strip():
                return 0
            return EVENT_VIEW_COSTS.get(match.url_name, 0)
        return 0

    def process_view(self, request, view_func, view_args, view_kwargs):
        rate = getattr(settings, "RATELIMIT_SEARCH", None)
        match = request.resolver_match
        cost = self.cost(request, match) if rate and match is not None else 0
        usage = None
        # django-ratelimit counts one at a time (in the shared cache when
        # there is one): a request that costs more counts more times.
        for _ in range(cost):
            usage = get_usage(
                request, group="public-search", key="ip", rate=rate, increment=True
            )
        if usage is None or not usage["should_limit"]:
            return None
        logger.warning(
            "Rate limit %s reached by %s on %s", rate, client_ip(request), request.path
        )
        return _static_page(request, "429.html", 429, max(1, usage["time_left"]))
