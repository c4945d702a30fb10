"""Cards of events, each kept under its event's last change (events/cache.py).

    {% load event_cards %}
    {% event_cards page_obj.object_list eager_first=True %}

A page of cards costs one round trip to the cache: only the cards not kept
(their event edited, or never shown) are rendered, and only their events are
read in full, so a view may pass events that carry nothing but their last
change (EventQuerySet.for_kept_cards()).
"""

from django import template
from django.utils.safestring import mark_safe

from events.cache import kept_per_event
from events.models import Event

register = template.Library()

CARD = "includes/event_card.html"


@register.simple_tag(takes_context=True)
def event_cards(context, events, eager_first=False, heading="h3"):
    """The cards of `events`, in order. The first card's image loads at once
    (`eager_first`: it is above the fold); `heading`: the cards' title tag."""
    events = list(events)
    eager = events[0].pk if events and eager_first else None
    card = context.template.engine.get_template(CARD)

    def fetch(pks):
        given = [event for event in events if event.pk in pks]
        if any("title" in event.get_deferred_fields() for event in given):
            return Event.objects.filter(pk__in=pks).for_cards()
        return given  # full already (for_cards())

    def build(event):
        with context.push(event=event, eager=event.pk == eager, heading=heading):
            return card.render(context)

    return mark_safe(
        "".join(
            kept_per_event(
                context.request,
                f"card-{heading}",
                [(event.pk, event.updated_at, event.pk == eager) for event in events],
                fetch,
                build,
            )
        )
    )
