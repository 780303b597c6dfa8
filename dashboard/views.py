"""The dashboard in the admin, its export and the privacy note."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.generic import TemplateView, View

from corridor_portal import clock
from sharing import seo

from . import charts, counting, exports
from .figures import CAPACITY_COLUMNS, KINDS, PUBLISHED_COLUMNS, STALE_FACT_COLUMNS, WORK, WORK_COLUMNS, Dashboard


def may_see_dashboard(user):
    """Staff who read attractions or villages: province editors, publishers, county editors, superusers."""
    return (
        user.is_active
        and user.is_staff
        and (user.has_perm("attractions.view_attraction") or user.has_perm("villages.view_village"))
    )


class DashboardMixin:
    """The dashboard of the signed-in staff member, its page views flushed first (this process's, then Redis)."""

    def dispatch(self, request, *args, **kwargs):
        if not may_see_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_dashboard(self):
        counting.flush_quietly()
        return Dashboard(self.request.user, clock.today())


class DashboardView(DashboardMixin, TemplateView):
    """Every county's figures, linking to the admin lists they count, with charts and page views."""

    template_name = "dashboard/dashboard.html"

    def get_context_data(self, **kwargs):
        dashboard = self.get_dashboard()
        rows = dashboard.rows
        capacity_data = [(row.region.name, row.figures) for row in rows]
        views_per_day = dashboard.views_per_day()
        overview_columns = PUBLISHED_COLUMNS + CAPACITY_COLUMNS
        return super().get_context_data(
            **admin.site.each_context(self.request),
            title=gettext("The corridor at a glance"),
            dashboard=dashboard,
            rows=rows,
            overview_columns=overview_columns,
            overview_rows=[(row.region, row.cells(overview_columns)) for row in rows],
            overview_totals=dashboard.totals.cells(overview_columns),
            work_kind_labels=[label for _kind, _model, label in KINDS],
            work_labels=[label for _key, label, _params in WORK],
            work_rows=[(row.region, row.cells(WORK_COLUMNS)) for row in rows],
            work_totals=dashboard.totals.cells(WORK_COLUMNS),
            stale_fact_columns=STALE_FACT_COLUMNS,
            stale_fact_rows=[(row.region, row.cells(STALE_FACT_COLUMNS)) for row in rows],
            stale_fact_totals=dashboard.totals.cells(STALE_FACT_COLUMNS),
            homestays_chart=charts.horizontal_bars(
                gettext("Homestays by county"),
                [gettext("now"), gettext("12 months ago")],
                [(name, [f["homestays_now"].value, f["homestays_year_ago"].value]) for name, f in capacity_data],
            ),
            beds_chart=charts.horizontal_bars(
                gettext("Beds by county"),
                [gettext("now"), gettext("12 months ago")],
                [(name, [f["beds_now"].value, f["beds_year_ago"].value]) for name, f in capacity_data],
            ),
            categories_chart=charts.horizontal_bars(
                gettext("Attractions by category"),
                [gettext("published"), gettext("draft or in review")],
                [(label, [published, other]) for label, published, other in dashboard.categories()],
                stacked=True,
            ),
            views_chart=charts.columns_over_time(gettext("Page views per day, last 30 days"), views_per_day),
            views_total=sum(views for _day, views in views_per_day),
            views_per_language=dashboard.views_per_language(),
            most_viewed=dashboard.most_viewed(),
        )


class DashboardExportView(DashboardMixin, View):
    """The dashboard's table as CSV or XLSX, with the same figures and the same counties as the page."""

    formats = {
        "csv": ("text/csv; charset=utf-8", exports.as_csv),
        "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.as_xlsx),
    }

    def get(self, request, file_format):
        content_type, write = self.formats[file_format]
        dashboard = self.get_dashboard()
        response = HttpResponse(write(dashboard), content_type=content_type)
        filename = f"g331-dashboard-{dashboard.today.isoformat()}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class PrivacyView(TemplateView):
    """What the portal counts about visits, and what it does not."""

    template_name = "dashboard/privacy.html"

    def get_context_data(self, **kwargs):
        title = gettext("Privacy: what we count")
        description = gettext(
            "The portal counts how often each page is viewed, per language and day. No cookies, no addresses, "
            "nothing that tells visitors apart."
        )
        return super().get_context_data(
            seo=seo.build(
                self.request,
                title=title,
                description=description,
                canonical_path=reverse("privacy"),
                image_path=reverse("preview_site"),
            ),
            page_title=title,
            **kwargs,
        )
