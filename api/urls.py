from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"

urlpatterns = [
    path("", views.ApiRoot.as_view(), name="root"),
    path("docs/", views.ApiDocumentation.as_view(), name="docs"),
    path("schema/", SpectacularAPIView.as_view(authentication_classes=[]), name="schema"),
    path("attractions/", views.AttractionList.as_view(), name="attraction-list"),
    path("attractions/<slug:slug>/", views.AttractionDetail.as_view(), name="attraction-detail"),
    path("villages/", views.VillageList.as_view(), name="village-list"),
    path("villages/<slug:slug>/", views.VillageDetail.as_view(), name="village-detail"),
    path("routes/", views.RouteList.as_view(), name="route-list"),
    path("routes/<slug:slug>/", views.RouteDetail.as_view(), name="route-detail"),
    path("ports/", views.PortList.as_view(), name="port-list"),
    path("ports/<slug:slug>/", views.PortDetail.as_view(), name="port-detail"),
    path("events/", views.EventList.as_view(), name="event-list"),
    path("events/<slug:slug>/", views.EventDetail.as_view(), name="event-detail"),
    path("stays/", views.StayList.as_view(), name="stay-list"),
    path("stays/<slug:slug>/", views.StayDetail.as_view(), name="stay-detail"),
]
