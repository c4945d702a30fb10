from django.urls import path

from events import exports, feeds, views
from events.proposals import views as proposals

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("feed.ics", feeds.event_list_ics, name="feed-ics"),
    path("feed.rss", feeds.EventListFeed(), name="feed-rss"),
    path("export.csv", exports.event_list_csv, name="export-csv"),
    path("submit/", proposals.propose, name="propose"),
    path("submit/sent/", proposals.sent, name="proposal-sent"),
    path("submit/confirm/<str:token>/", proposals.confirm, name="proposal-confirm"),
    path("submit/<str:token>/", proposals.status, name="proposal-status"),
    path("<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/ics", feeds.event_ics, name="ics"),
]
