from django.urls import path, register_converter

from events import exports, feeds, views
from events.calendar import MonthConverter
from events.map import event_map
from events.proposals import views as proposals

app_name = "events"

register_converter(MonthConverter, "month")

urlpatterns = [
    path("", views.event_list, name="list"),
    path("feed.ics", feeds.event_list_ics, name="feed-ics"),
    path("feed.rss", feeds.EventListFeed(), name="feed-rss"),
    path("export.csv", exports.event_list_csv, name="export-csv"),
    # Before the events' own pages: "calendar", "map" and "submit" are slugs
    # no event may take (events/models/slugs.py).
    path("calendar/", views.event_calendar, name="calendar"),
    path("calendar/<month:month>/", views.event_calendar, name="calendar"),
    path("map/", event_map, name="map"),
    path("submit/", proposals.propose, name="propose"),
    path("submit/sent/", proposals.sent, name="proposal-sent"),
    path("submit/confirm/<str:token>/", proposals.confirm, name="proposal-confirm"),
    path("submit/<str:token>/", proposals.status, name="proposal-status"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/ics", feeds.event_ics, name="ics"),
    path("<slug:slug>/cover/<str:name>", views.event_cover, name="cover"),
]
