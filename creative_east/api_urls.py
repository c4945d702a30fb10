"""The open-data API, /api/v1/: endpoints, OpenAPI schema, documentation page."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from events.api import views as api

router = DefaultRouter()
router.include_format_suffixes = False
router.register("events", api.EventViewSet, basename="event")
router.register("venues", api.VenueViewSet, basename="venue")
router.register("organizations", api.OrganizationViewSet, basename="organization")
router.register("activity-types", api.ActivityTypeViewSet, basename="activity-type")
router.register("districts", api.DistrictViewSet, basename="district")

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's start-up script as a file of its own (docs/?script): the
    # Content Security Policy allows no inline script.
    path(
        "docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"
    ),
    path("", include(router.urls)),
]
