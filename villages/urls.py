from django.urls import path

from .views import VillageDetailView, VillageListView

app_name = "villages"
urlpatterns = [
    path("", VillageListView.as_view(), name="list"),
    path("<slug:slug>/", VillageDetailView.as_view(), name="detail"),
]
