from django.urls import path

from .views import AttractionDetailView, AttractionGeoJSONView, AttractionListView

app_name = "attractions"
urlpatterns = [
    path("", AttractionListView.as_view(), name="list"),
    path("map.geojson", AttractionGeoJSONView.as_view(), name="geojson"),
    path("<slug:slug>/", AttractionDetailView.as_view(), name="detail"),
]
