"""The sitemap sections of the public pages, in every language: one shape for all."""

import html

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import override

from events.cache import cached_fragment

# Stands for an object's slug in its address, worked out once per language.
SLUG = "0slug0"


def alternates_xml(lastmod, alternates):
    """What follows the <loc> of each address of one page in a sitemap, as
    Django's sitemap.xml writes it (the date a local one). `alternates`:
    (hreflang, address) pairs."""
    day = (
        f"<lastmod>{timezone.localdate(lastmod):%Y-%m-%d}</lastmod>" if lastmod else ""
    )
    links = "".join(
        f'<xhtml:link rel="alternate" hreflang="{code}" href="{html.escape(address)}"/>'
        for code, address in alternates
    )
    return f"{day}{links}</url>\n"


def url_xml(location, rest):
    """One <url>, made in Python: each section's get_urls() returns these, and
    templates/sitemap.xml only joins them (thousands of addresses through the
    template language took a second, then a loop over them 6 ms a page)."""
    return mark_safe(f"<url><loc>{html.escape(location)}</loc>{rest}")


def index_xml(sitemaps):
    """The <sitemap> entries of the index (Django's SitemapIndexItem), made in
    Python: templates/sitemap_index.xml writes them as Django's own template
    would, which looped over hundreds of pages in 15 ms at 100,000 events."""
    entries = []
    for sitemap in sitemaps:
        lastmod = ""
        if sitemap.last_mod:
            moment = timezone.localtime(sitemap.last_mod).isoformat()
            lastmod = f"<lastmod>{moment}</lastmod>"
        location = html.escape(sitemap.location)
        entries.append(f"<sitemap><loc>{location}</loc>{lastmod}</sitemap>\n")
    return mark_safe("".join(entries))


class LanguagesSitemap(Sitemap):
    """Each address in every language, with its alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True

    def get_urls(self, page=1, site=None, protocol=None):
        urls = []
        for url in super().get_urls(page=page, site=site, protocol=protocol):
            alternates = [(a["lang_code"], a["location"]) for a in url["alternates"]]
            rest = alternates_xml(url["lastmod"], alternates)
            urls.append(url_xml(url["location"], rest))
        return urls


class ObjectsInEveryLanguage:
    """(object, language) of each object of a queryset in each language, in
    the order Django's i18n sitemaps list them, read a page at a time.

    Django's own list holds every object of the catalog in every language, to
    count them and then slice one page (at 100,000 events, 3.5 s of CPU for
    each page and for the index); the paginator counts this one with a COUNT
    and reads a page with a query of that page's objects.
    """

    def __init__(self, objects, languages, name):
        self.objects = objects
        self.languages = languages
        self.name = name

    def count(self):
        # Kept like the event list's counts: every page and the index ask.
        count = cached_fragment(f"sitemap-count {self.name}", self.objects.count)
        return count * len(self.languages)

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
    every language), which the index lists: with its four alternates an
    address takes about 480 bytes, so a page of 500 (2,500 URLs) is about
    240 KB and 4 ms of CPU whatever the catalog's size (at 20,000 events, one
    answer was 25 MB and took 12 s; a page of 1,000 kept by the page cache
    still served at 0.4 of the floor's throughput, for its size alone). The
    page cache keeps each page under the catalog version like any public page.
    """

    limit = 500
    detail_url_name = None

    def objects(self):
        raise NotImplementedError

    @property
    def paginator(self):
        languages = [code for code, _name in settings.LANGUAGES]
        return Paginator(
            ObjectsInEveryLanguage(self.items(), languages, type(self).__name__),
            self.limit,
        )

    def address_patterns(self, origin):
        """{language: the address of an object in it, SLUG for its slug}."""
        patterns = {}
        for code, _name in settings.LANGUAGES:
            with override(code):
                path = reverse(self.detail_url_name, kwargs={"slug": SLUG})
            patterns[code] = origin + path
        return patterns

    def get_urls(self, page=1, site=None, protocol=None):
        """Each address with its <url> made (url_xml), from one reverse() per
        language rather than Django's one per address and alternate (a page
        lists thousands)."""
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        patterns = self.address_patterns(origin)
        default = settings.LANGUAGE_CODE
        patterns["x-default"] = patterns[default].replace(f"/{default}/", "/", 1)
        urls = []
        previous = None
        for item, language in self.paginator.page(page).object_list:
            if item is not previous:
                # An object's addresses in every language follow each other.
                slug, updated_at = previous = item
                addresses = {
                    code: pattern.replace(SLUG, slug)
                    for code, pattern in patterns.items()
                }
                rest = alternates_xml(updated_at, list(addresses.items()))
                # What the sitemap view's Last-Modified header reads.
                self.latest_lastmod = max(self.latest_lastmod or updated_at, updated_at)
            urls.append(url_xml(addresses[language], rest))
        return urls

    latest_lastmod = None

    def items(self):
        # Only what the addresses and dates need, not model instances: a page
        # lists hundreds of objects.
        return self.objects().order_by("pk").values_list("slug", "updated_at")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.objects().aggregate(latest=Max("updated_at"))["latest"]
