from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from events.models import Event


class PageSitemap(Sitemap):
    """The site's pages that show no single object, in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return [
            "home",
            "events:list",
            "activity-types",
            "venues:list",
            "organizations:list",
        ]

    def location(self, url_name):
        return reverse(url_name)


class EventSitemap(Sitemap):
    """Every published event, past ones too, in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        # Only what the addresses and dates need: this lists every event.
        return Event.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, event):
        return event.updated_at

    def get_latest_lastmod(self):
        return Event.objects.published().aggregate(latest=Max("updated_at"))["latest"]
