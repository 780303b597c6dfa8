from django.urls import path

from .views import HubDetailView, HubListView

app_name = "hubs"
urlpatterns = [
    path("", HubListView.as_view(), name="list"),
    path("<slug:slug>/", HubDetailView.as_view(), name="detail"),
]
