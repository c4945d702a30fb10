from backoffice.sitemaps import ObjectSitemap
from venues.models import Venue


class VenueSitemap(ObjectSitemap):
    """Every venue's page, in every language."""

    def objects(self):
        return Venue.objects.all()
