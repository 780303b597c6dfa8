from django.urls import path

from .views import StayDetailView, StayGeoJSONView, StayListView

app_name = "stays"
urlpatterns = [
    path("", StayListView.as_view(), name="list"),
    path("map.geojson", StayGeoJSONView.as_view(), name="geojson"),
    path("<slug:slug>/", StayDetailView.as_view(), name="detail"),
]
