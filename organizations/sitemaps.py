from backoffice.sitemaps import ObjectSitemap
from organizations.models import Organization


class OrganizationSitemap(ObjectSitemap):
    """Every organization's page, in every language."""

    detail_url_name = "organizations:detail"

    def objects(self):
        return Organization.objects.all()
