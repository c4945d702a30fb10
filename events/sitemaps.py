from django.urls import reverse

from backoffice.sitemaps import LanguagesSitemap, ObjectSitemap
from events.models import Event


class PageSitemap(LanguagesSitemap):
    """The site's pages that show no single object, in every language."""

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


class EventSitemap(ObjectSitemap):
    """Every published event, past ones too, in every language."""

    detail_url_name = "events:detail"

    def objects(self):
        return Event.objects.published()
