from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from venues.models import Venue


class VenueSitemap(Sitemap):
    """Every venue's page, in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Venue.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, venue):
        return venue.updated_at

    def get_latest_lastmod(self):
        return Venue.objects.aggregate(latest=Max("updated_at"))["latest"]
