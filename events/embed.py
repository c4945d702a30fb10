"""The catalog on partners' sites: the framable list and the page that builds it.

`/<lang>/embed/events/` is the list in a compact page of its own, without the
site's header and footer, for an <iframe> on another site (an akimat's, a
library's): the list's parameters (one FilterSet, events/filters.py) and
`limit`, `theme` and `target`. It is the only page another site may frame, and
only a site of settings.EMBED_ALLOWED_ORIGINS: CSP frame-ancestors, and no
X-Frame-Options. Its links open the catalog in the top window (or a new tab),
never inside the frame. static/embed.js puts the frame on a partner's page and
sizes it to its content (static/js/embed-frame.js tells it the height).

`/<lang>/embed/` is where a partner chooses the filters, sees the widget and
copies a snippet.
"""

from functools import wraps
from urllib.parse import urljoin

from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.http import QueryDict
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from events.cache import cached_fragment
from events.filters import EventFilterSet, Period
from events.models import Event
from events.views import filter_panel, with_value, without

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
THEMES = ("light", "dark")
# The parameters of the embed page on top of the list's; the list ignores them.
EMBED_PARAMETERS = ("limit", "theme", "target")
# The height of a plain <iframe> snippet, which nothing resizes, and of the
# frame before its page tells static/embed.js its height.
FRAME_HEIGHT = 600


def framable_by_partners(view):
    """Lets the sites of EMBED_ALLOWED_ORIGINS (and the catalog itself, for the
    builder's preview) frame the page: every other page keeps the site's
    `frame-ancestors 'none'` and X-Frame-Options: DENY."""

    @xframe_options_exempt
    @wraps(view)
    def framable(request, *args, **kwargs):
        # Read at each request, so that a changed setting (a test) applies.
        ancestors = [SELF, *settings.EMBED_ALLOWED_ORIGINS]
        return csp_replace({"frame-ancestors": ancestors})(view)(
            request, *args, **kwargs
        )

    return framable


def embed_options(query):
    """(limit, theme, target, the list's filters) read from `query`.

    A value that cannot be read gives the default, never an error: the page is
    pasted into other sites by hand.
    """
    try:
        limit = min(max(int(query.get("limit", "")), 1), MAX_LIMIT)
    except ValueError:
        limit = DEFAULT_LIMIT
    theme = query.get("theme") if query.get("theme") in THEMES else THEMES[0]
    target = "blank" if query.get("target") == "blank" else "top"
    filters = query.copy()
    for name in (*EMBED_PARAMETERS, "page"):
        filters.pop(name, None)
    return limit, theme, target, filters


def chosen_filters(filterset):
    """(parameter, its values) of the filters the FilterSet read, but the
    default period, which the builder's form sends."""
    for name in filterset.filters:
        values = [value for value in filterset.data.getlist(name) if value]
        if values and values != [Period.UPCOMING]:
            yield name, values


def embed_query(filterset, *, limit, theme, target):
    """The embed page's query string: the filters, then the options not at
    their defaults."""
    query = QueryDict(mutable=True)
    for name, values in chosen_filters(filterset):
        query.setlist(name, values)
    if limit != DEFAULT_LIMIT:
        query["limit"] = str(limit)
    if theme != THEMES[0]:
        query["theme"] = theme
    if target != "top":
        query["target"] = target
    return query.urlencode()


@framable_by_partners
def embed_events(request):
    """The list's first `limit` events, compact, for a frame on another site.

    A fixed number of queries, whatever the number of events.
    """
    limit, theme, target, filters = embed_options(request.GET)
    filterset = EventFilterSet(
        filters, queryset=Event.objects.published(), now=timezone.now()
    )
    query = without(filterset.data, "page", None)
    events = list(filterset.qs.for_cards()[:limit])
    # As on the list: when nothing upcoming matches, the latest past events.
    in_the_past = not events and not filterset.has_period
    if in_the_past:
        filterset = filterset.in_the_past()
        events = list(filterset.qs.for_cards()[:limit])
        query = with_value(filterset.data, "when", Period.PAST)
    list_url = reverse("events:list")
    return render(
        request,
        "events/embed_events.html",
        {
            "events": events,
            "in_the_past": in_the_past,
            "theme": theme,
            "target": "_blank" if target == "blank" else "_top",
            "more_url": f"{list_url}?{query}" if query else list_url,
        },
    )


def embed_builder(request):
    """For partners: the filters and options of a widget, its preview and the
    two snippets (the script, or a plain <iframe>) to paste."""
    limit, theme, target, filters = embed_options(request.GET)
    filterset = EventFilterSet(
        filters, queryset=Event.objects.published(), now=timezone.now()
    )
    query = without(filterset.data, "page", None)
    facets = cached_fragment(f"embed-builder-facets?{query}", filterset.facet_counts)
    language = get_language()
    embed_path = reverse("embed-events")
    full_query = embed_query(filterset, limit=limit, theme=theme, target=target)
    preview_path = f"{embed_path}?{full_query}" if full_query else embed_path
    # The script's address without the static files' hash: partners keep it.
    script_url = urljoin(
        urljoin(request.build_absolute_uri("/"), settings.STATIC_URL), "embed.js"
    )
    # The script's data-* attributes: a repeated parameter as a, b, c.
    attributes = [("data-lang", language)] + [
        (f"data-{name.replace('_', '-')}", ",".join(values))
        for name, values in chosen_filters(filterset)
    ]
    if limit != DEFAULT_LIMIT:
        attributes.append(("data-limit", str(limit)))
    if theme != THEMES[0]:
        attributes.append(("data-theme", theme))
    if target != "top":
        attributes.append(("data-target", target))
    title = _("Creative East: events")
    div = "".join(f' {name}="{escape(value)}"' for name, value in attributes)
    frame_url = request.build_absolute_uri(preview_path)
    return render(
        request,
        "events/embed_builder.html",
        {
            **filter_panel(filterset, facets, filterset.active()),
            "limit": limit,
            "max_limit": MAX_LIMIT,
            "theme": theme,
            "target": target,
            "preview_path": preview_path,
            "frame_title": title,
            "frame_height": FRAME_HEIGHT,
            # Shown as text, to be copied: what a partner pastes.
            "script_snippet": (
                f"<div data-creative-east{div}></div>\n"
                f'<script src="{escape(script_url)}" async></script>'
            ),
            "iframe_snippet": (
                f'<iframe src="{escape(frame_url)}" title="{escape(title)}" '
                f'width="100%" height="{FRAME_HEIGHT}" style="border:0" '
                'loading="lazy"></iframe>'
            ),
        },
    )


urlpatterns = [
    path("", embed_builder, name="embed-builder"),
    path("events/", embed_events, name="embed-events"),
]
