"""The dashboard's pages inside the admin (/admin/dashboard/); the privacy note is in the root URLconf
(corridor_portal/urls.py)."""

from django.contrib import admin
from django.urls import path, re_path

from .views import DashboardExportView, DashboardView

app_name = "dashboard"
urlpatterns = [
    # admin_view: the admin's sign-in, never cached, staff only; the views then check the role.
    path("", admin.site.admin_view(DashboardView.as_view()), name="index"),
    re_path(
        r"^export\.(?P<file_format>csv|xlsx)$",
        admin.site.admin_view(DashboardExportView.as_view()),
        name="export",
    ),
]
