"""The sitemap sections of the public pages, in every language: one shape for all."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import get_language

# Stands for an object's slug in its address, worked out once per language.
SLUG = "0slug0"


class LanguagesSitemap(Sitemap):
    """Each address in every language, with its alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True


class ObjectsInEveryLanguage:
    """(object, language) of each object of a queryset in each language, in
    the order Django's i18n sitemaps list them, read a page at a time.

    Django's own list holds every object of the catalog in every language, to
    count them and then slice one page (at 100,000 events, 3.5 s of CPU for
    each page and for the index); the paginator counts this one with a COUNT
    and reads a page with a query of that page's objects.
    """

    def __init__(self, objects, languages):
        self.objects = objects
        self.languages = languages

    def count(self):
        return self.objects.count() * len(self.languages)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step is not None:
            raise TypeError("Only a page (a slice) of a sitemap is read.")
        each = len(self.languages)
        start, stop = index.start or 0, index.stop
        first = start // each
        objects = self.objects[first : -(-stop // each)]
        pairs = [(item, language) for item in objects for language in self.languages]
        skipped = start - first * each
        return pairs[skipped : skipped + stop - start]


class ObjectSitemap(LanguagesSitemap):
    """The page of each object that `objects()` returns, dated by `updated_at`.

    A subclass says which objects are public (venues: all; events: published)
    and the name of their pages' URL (`detail_url_name`, taking the slug).
    Split into pages of `limit` addresses (`?p=2`...; each object has one in
    every language), which the index lists: with its alternates an address
    takes about 700 bytes, so a page stays about 2 MB whatever the catalog's
    size (at 20,000 events, one answer was 25 MB and took 12 s). The page
    cache keeps each page under the catalog version like any public page.
    """

    limit = 3000
    detail_url_name = None

    def objects(self):
        raise NotImplementedError

    @property
    def paginator(self):
        languages = [code for code, _name in settings.LANGUAGES]
        return Paginator(ObjectsInEveryLanguage(self.items(), languages), self.limit)

    def location(self, item):
        """The object's address in the active language: one reverse() per
        language, not one per address and alternate (a page lists thousands)."""
        language = get_language()
        patterns = self.__dict__.setdefault("_address_patterns", {})
        if language not in patterns:
            patterns[language] = reverse(self.detail_url_name, kwargs={"slug": SLUG})
        return patterns[language].replace(SLUG, item.slug)

    def items(self):
        # Only what the addresses and dates need: this lists every object.
        return self.objects().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.objects().aggregate(latest=Max("updated_at"))["latest"]
