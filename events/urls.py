from django.urls import path

from .views import EventDetailView, EventFeedView, EventIcsView, EventListView

app_name = "events"
urlpatterns = [
    path("", EventListView.as_view(), name="list"),
    path("feed.ics", EventFeedView.as_view(), name="feed"),
    path("<slug:slug>/", EventDetailView.as_view(), name="detail"),
    path("<slug:slug>/event.ics", EventIcsView.as_view(), name="ics"),
]
