from django.urls import path

from .views import PortDetailView, PortListView

app_name = "ports"
urlpatterns = [
    path("", PortListView.as_view(), name="list"),
    path("<slug:slug>/", PortDetailView.as_view(), name="detail"),
]
