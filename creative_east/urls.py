from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from creative_east.health import healthz
from events import views as event_views
from events.figures import views as figures_views
from events.sitemaps import EventSitemap, PageSitemap
from organizations.sitemaps import OrganizationSitemap
from venues.sitemaps import VenueSitemap

admin.site.site_header = _("Creative East administration")
admin.site.site_title = _("Creative East")
admin.site.index_title = _("Events, places and organizations")

SITEMAPS = {
    "pages": PageSitemap,
    "events": EventSitemap,
    "venues": VenueSitemap,
    "organizations": OrganizationSitemap,
}

urlpatterns = [
    # Staff reports under /admin/, routed before the admin's catch-all.
    path("admin/figures/", figures_views.figures_page, name="admin-figures"),
    path(
        "admin/figures/figures.xlsx",
        figures_views.figures_download,
        {"file_format": "xlsx"},
        name="admin-figures-xlsx",
    ),
    path(
        "admin/figures/figures.csv",
        figures_views.figures_download,
        {"file_format": "csv"},
        name="admin-figures-csv",
    ),
    path("admin/", admin.site.urls),
    # For load balancers and monitoring: 200 when the database answers.
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The open-data API, one address for every language.
    path("api/v1/", include("creative_east.api_urls")),
    # An index: one sitemap holds at most 50,000 addresses, three per event.
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="robots.txt", content_type="text/plain; charset=utf-8"
        ),
        name="robots",
    ),
]

urlpatterns += i18n_patterns(
    path("", event_views.home, name="home"),
    path("events/", include("events.urls")),
    path("activity-types/", event_views.activity_type_list, name="activity-types"),
    path("venues/", include("venues.urls")),
    path("organizations/", include("organizations.urls")),
    # The catalog on partners' sites: the only pages another site may frame.
    path("embed/", include("events.embed")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
