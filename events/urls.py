from django.urls import path

from events import exports, feeds, views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("feed.ics", feeds.event_list_ics, name="feed-ics"),
    path("feed.rss", feeds.EventListFeed(), name="feed-rss"),
    path("export.csv", exports.event_list_csv, name="export-csv"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/ics", feeds.event_ics, name="ics"),
    path("<slug:slug>/cover/<str:name>", views.event_cover, name="cover"),
]
