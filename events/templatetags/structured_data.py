"""What pages say to machines: canonical and hreflang links, schema.org JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import prefetch_related_objects
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from backoffice.sitemaps import index_xml
from events import covers
from events.covers.drawing import HEIGHT, WIDTH
from events.models import Event

register = template.Library()

# The sitemap index's entries (templates/sitemap_index.xml).
register.filter("sitemap_index_xml", index_xml)

# Pages whose query string chooses what they show: their canonical keeps it.
LIST_VIEWS = {"events:list", "events:calendar", "venues:list", "organizations:list"}

OPEN_GRAPH_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_US"}

SCHEMA_EVENT_STATUS = {
    Event.EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    Event.EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    Event.EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    Event.EventStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
    Event.EventStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
}
SCHEMA_EVENT_TYPE = {
    Event.Kind.FESTIVAL: "Festival",
    Event.Kind.EXHIBITION: "ExhibitionEvent",
}
ATTENDANCE_MODE = "https://schema.org/{}EventAttendanceMode"

# As Django's json_script: nothing in the data can close the <script> element.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def canonical_path(request):
    """This page's path; list pages keep their query string, others drop it."""
    match = request.resolver_match
    if match is not None and match.view_name in LIST_VIEWS:
        return request.get_full_path()
    return request.path


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context["request"]
    return request.build_absolute_uri(canonical_path(request))


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """[(hreflang, absolute URL)] of this page in every language, and x-default.

    x-default is the address without a language prefix, which redirects by the
    browser's language, as in the sitemap.
    """
    request = context["request"]
    if request.resolver_match is None:
        return []
    path = canonical_path(request)
    alternates = [
        (code, request.build_absolute_uri(translate_url(path, code)))
        for code, _name in settings.LANGUAGES
    ]
    default = translate_url(path, settings.LANGUAGE_CODE)
    default = default.replace(f"/{settings.LANGUAGE_CODE}/", "/", 1)
    return [*alternates, ("x-default", request.build_absolute_uri(default))]


@register.filter
def open_graph_locale(language_code):
    return OPEN_GRAPH_LOCALES.get(language_code, language_code)


@register.simple_tag(takes_context=True)
def event_share_image(context, event):
    """The event's og:image: {url (absolute), width, height, alt}.

    Its first image cut to 1200 × 630, else its generated cover in the page's
    language, which is that size already (events/covers/).
    """
    prefetch_related_objects([event], "images")
    images = event.images.all()
    if images:
        url, alt = images[0].share.url, images[0].alt_text
    else:
        url, alt = covers.cover_url(event, get_language(), covers.SHARE_VARIANT), ""
    return {
        "url": context["request"].build_absolute_uri(url),
        "width": WIDTH,
        "height": HEIGHT,
        "alt": alt,
    }


def schema_date(event, moment):
    """ISO 8601: with the local offset for timed events, a date for the others."""
    return event.local_date_or_datetime(moment).isoformat()


def schema_place(venue):
    address = {
        "@type": "PostalAddress",
        "streetAddress": venue.address,
        "addressLocality": venue.locality,
    }
    if venue.district is not None:
        # A venue without a district is outside the region, maybe abroad.
        address["addressRegion"] = venue.district.name
        address["addressCountry"] = "KZ"
    place = {
        "@type": "Place",
        "name": venue.name,
        "address": {key: value for key, value in address.items() if value},
    }
    if venue.latitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def schema_offers(event):
    if event.is_free:
        offer = {"@type": "Offer", "price": 0, "priceCurrency": "KZT"}
    elif event.price_to is not None:
        offer = {
            "@type": "AggregateOffer",
            "lowPrice": event.price_from,
            "highPrice": event.price_to,
            "priceCurrency": "KZT",
        }
    elif event.price_from is not None:
        offer = {"@type": "Offer", "price": event.price_from, "priceCurrency": "KZT"}
    elif event.ticket_url:
        offer = {"@type": "Offer"}
    else:
        return None
    if event.ticket_url:
        offer["url"] = event.ticket_url
    return offer


def schema_location(event):
    """The event's Place, VirtualLocation, or both as a list; None if neither."""
    moved_online = event.event_status == Event.EventStatus.MOVED_ONLINE
    locations = []
    if event.venue is not None and not moved_online:
        locations.append(schema_place(event.venue))
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if not locations:
        return None
    return locations[0] if len(locations) == 1 else locations


def event_structured_data(event, request):
    """The event as a schema.org Event, as a dict ready for JSON."""
    prefetch_related_objects([event], "images", "organizers")
    moved_online = event.event_status == Event.EventStatus.MOVED_ONLINE
    if event.online_url and event.venue is not None and not moved_online:
        attendance = "Mixed"
    elif event.online_url or moved_online:
        attendance = "Online"
    else:
        attendance = "Offline"

    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_EVENT_TYPE.get(event.kind, "Event"),
        "name": event.title,
        "description": event.summary,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "startDate": schema_date(event, event.starts_at),
        "endDate": event.ends_at and schema_date(event, event.ends_at),
        "previousStartDate": event.previous_starts_at
        and schema_date(event, event.previous_starts_at),
        "eventStatus": SCHEMA_EVENT_STATUS[event.event_status],
        "eventAttendanceMode": ATTENDANCE_MODE.format(attendance),
        "location": schema_location(event),
        "organizer": [
            {
                "@type": "Organization",
                "name": organization.name,
                "url": request.build_absolute_uri(organization.get_absolute_url()),
            }
            for organization in event.organizers.all()
        ],
        "image": [
            request.build_absolute_uri(image.image.url) for image in event.images.all()
        ],
        "offers": schema_offers(event),
        "isAccessibleForFree": event.is_free or None,
        "typicalAgeRange": event.age_rating and f"{event.age_rating}-",
    }
    if (parent := event.public_parent) is not None:
        # An Event of its own to validators: it needs its start and place too.
        super_event = {
            "@type": SCHEMA_EVENT_TYPE.get(parent.kind, "Event"),
            "name": parent.title,
            "url": request.build_absolute_uri(parent.get_absolute_url()),
            "startDate": schema_date(parent, parent.starts_at),
            "location": schema_location(parent),
        }
        data["superEvent"] = {
            key: value for key, value in super_event.items() if value is not None
        }
    # Leave out what is not known rather than say it is empty.
    return {key: value for key, value in data.items() if value not in (None, "", [])}


@register.simple_tag(takes_context=True)
def event_json_ld(context, event):
    """<script type="application/ld+json"> with the event's schema.org data."""
    data = event_structured_data(event, context["request"])
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )
