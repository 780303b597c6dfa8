from django.urls import path

from .views import AttractionDetailView, AttractionListView

app_name = "attractions"
urlpatterns = [
    path("", AttractionListView.as_view(), name="list"),
    path("<slug:slug>/", AttractionDetailView.as_view(), name="detail"),
]
