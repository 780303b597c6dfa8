from django.urls import path

from .views import ReportProblemView, ReportStatusView

app_name = "reports"

urlpatterns = [
    # Before the form's pattern: "status" would otherwise read as a kind of listing.
    path("status/<str:token>/", ReportStatusView.as_view(), name="status"),
    path("<slug:kind>/<slug:slug>/", ReportProblemView.as_view(), name="new"),
]
