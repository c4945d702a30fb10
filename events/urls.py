from django.urls import path

from events import exports, feeds, views
from events.map import event_map

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("feed.ics", feeds.event_list_ics, name="feed-ics"),
    path("feed.rss", feeds.EventListFeed(), name="feed-rss"),
    path("export.csv", exports.event_list_csv, name="export-csv"),
    path("map/", event_map, name="map"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/ics", feeds.event_ics, name="ics"),
]
