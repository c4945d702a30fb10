from django.http import HttpResponse
from django.urls import path

from creative_east.urls import urlpatterns as site_urlpatterns


def floor(request):
    """The least a request costs in this app: the same middleware, no work."""
    return HttpResponse("ok", content_type="text/plain")


# The site's own patterns are appended as they are: i18n_patterns cannot be
# include()d.
urlpatterns = [path("benchmark-floor/", floor), *site_urlpatterns]
