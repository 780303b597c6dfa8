from datetime import timedelta

from django import template

from corridor_portal import clock
from dashboard import charts, counting
from dashboard.models import PageView

register = template.Library()

TREND_DAYS = 90


@register.inclusion_tag("dashboard/includes/trend.html")
def page_view_trend(listing):
    """A listing's page views per day over the last 90 days, as a sparkline with its numbers."""
    if listing is None or listing.pk is None:
        return {"trend": None}
    counting.flush_quietly()
    today = clock.today()
    first = today - timedelta(days=TREND_DAYS - 1)
    counts = PageView.objects.of_listing(listing).between(first, today).per_day()
    points = [(day, counts.get(day, 0)) for day in (first + timedelta(n) for n in range(TREND_DAYS))]
    last_30 = sum(views for _day, views in points[-30:])
    return {"trend": charts.sparkline(points), "days": TREND_DAYS, "last_30": last_30, "listing": listing}
