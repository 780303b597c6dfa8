from django import template
from django.urls import reverse

from listings import kinds

register = template.Library()


@register.inclusion_tag("reports/includes/report_link.html")
def report_problem_link(listing):
    """The "report a problem" link under a listing's page."""
    kind = kinds.kind_of(listing)
    url = reverse("reports:new", args=[kind.name, listing.slug]) if kind else ""
    return {"url": url}
