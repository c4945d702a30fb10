from backoffice.sitemaps import ObjectSitemap
from venues.models import Venue


class VenueSitemap(ObjectSitemap):
    """Every venue's page, in every language."""

    detail_url_name = "venues:detail"

    def objects(self):
        return Venue.objects.all()
