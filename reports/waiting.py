"""The admin home's "waiting for you" section of travellers' reports: the new and confirmed ones in the counties
of the person signed in, oldest first, each linking to the report."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime

from editorial.review import WaitingItem
from listings.roles import in_counties_of

from .models import ProblemReport

WAITING_LIMIT = 20


def sees_reports(request):
    return request.user.has_perm("reports.change_problemreport")


def open_reports_for(request):
    reports = (
        in_counties_of(request.user, ProblemReport.objects.open())
        .select_related("content_type", "region")
        .order_by("created_at")[:WAITING_LIMIT]
    )
    return [
        WaitingItem(
            label=f"{report.get_kind_display()} · {report.listing or report.content_type.name}",
            url=reverse("admin:reports_problemreport_change", args=[report.pk]),
            note=f"{report.get_status_display()} · {date_format(localtime(report.created_at), 'DATE_FORMAT')}",
            comment=report.message[:200],
        )
        for report in reports
    ]
