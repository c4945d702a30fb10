from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from organizations.models import Organization


class OrganizationSitemap(Sitemap):
    """Every organization's page, in every language."""

    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return Organization.objects.only("slug", "updated_at").order_by("pk")

    def lastmod(self, organization):
        return organization.updated_at

    def get_latest_lastmod(self):
        return Organization.objects.aggregate(latest=Max("updated_at"))["latest"]
