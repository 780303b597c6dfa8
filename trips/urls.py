from django.urls import path

from . import views

app_name = "trips"

urlpatterns = [
    path("", views.TripView.as_view(), name="trip"),
    path("gpx/", views.TripGpxView.as_view(), name="gpx"),
    path("ics/", views.TripIcsView.as_view(), name="ics"),
]
