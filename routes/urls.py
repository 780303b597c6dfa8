from django.urls import path

from .views import RouteDetailView, RouteGeoJSONView, RouteGpxView, RouteListView

app_name = "routes"
urlpatterns = [
    path("", RouteListView.as_view(), name="list"),
    path("map.geojson", RouteGeoJSONView.as_view(), name="geojson"),
    path("<slug:slug>/", RouteDetailView.as_view(), name="detail"),
    path("<slug:slug>/gpx/", RouteGpxView.as_view(), name="gpx"),
]
