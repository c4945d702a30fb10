"""The sitemap sections of the public pages, in every language: one shape for all."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max


class LanguagesSitemap(Sitemap):
    """Each address in every language, with its alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True


class ObjectSitemap(LanguagesSitemap):
    """The page of each object that `objects()` returns, dated by `updated_at`.

    A subclass says which objects are public (venues: all; events: published).
    Split into pages of `limit` addresses (`?p=2`...; each object has one in
    every language), which the index lists: with its alternates an address
    takes about 700 bytes, so a page stays about 2 MB whatever the catalog's
    size (at 20,000 events, one answer was 25 MB and took 12 s). The page
    cache keeps each page under the catalog version like any public page.
    """

    limit = 3000

    def objects(self):
        raise NotImplementedError

    def items(self):
        # Only what the addresses and dates need: this lists every object.
        return self.objects().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.objects().aggregate(latest=Max("updated_at"))["latest"]
