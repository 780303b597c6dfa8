from django.urls import path

from .views import VillageDetailView, VillageGeoJSONView, VillageListView

app_name = "villages"
urlpatterns = [
    path("", VillageListView.as_view(), name="list"),
    path("map.geojson", VillageGeoJSONView.as_view(), name="geojson"),
    path("<slug:slug>/", VillageDetailView.as_view(), name="detail"),
]
