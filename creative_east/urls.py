from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from events import views as event_views

admin.site.site_header = _("Creative East administration")
admin.site.site_title = _("Creative East")
admin.site.index_title = _("Events, places and organizations")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", event_views.home, name="home"),
    path("events/", include("events.urls")),
    path("activity-types/", event_views.activity_type_list, name="activity-types"),
    path("venues/", include("venues.urls")),
    path("organizations/", include("organizations.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
