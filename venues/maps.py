"""Venues on a map: the data static/js/event-map.js reads from the page.

The page holds it as JSON (`json_script`), never as script, so the Content
Security Policy needs no exception; the script loads Leaflet (vendored in
static/vendor/leaflet/) off the page's critical path and draws one marker per
venue on the tiles of settings.MAP_TILE_URL, or on a plain background.
"""

from django.conf import settings
from django.templatetags.static import static
from django.utils.translation import gettext


def map_marker(venue):
    """One venue as a marker: where it is and where its page is."""
    return {
        "name": venue.name,
        "url": venue.get_absolute_url(),
        "lat": float(venue.latitude),
        "lng": float(venue.longitude),
    }


def map_data(markers):
    """What the map script needs: the markers, the tiles and its labels."""
    return {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION if settings.MAP_TILE_URL else "",
        "labels": {
            "zoomIn": gettext("Zoom in"),
            "zoomOut": gettext("Zoom out"),
            "close": gettext("Close"),
        },
        "markers": markers,
        # Addresses as collectstatic names them (with their hash in production).
        "leaflet": {
            "css": static("vendor/leaflet/leaflet.css"),
            "js": static("vendor/leaflet/leaflet.js"),
        },
    }
