"""What the hubs' templates ask of a hub, and the nearest hubs of a port's page."""

from django import template

from ..models import TransportHub

register = template.Library()


@register.filter
def stale_on(hub, today):
    """Whether the hub's newest dated source is more than twelve months old on `today`."""
    return hub.is_stale_on(today)


@register.inclusion_tag("hubs/includes/nearest_hubs.html")
def nearest_hubs_of(listing):
    """The hubs nearest a place that is not an attraction or a village (a port): its page has no place sections."""
    return {"nearest_hubs": list(TransportHub.objects.published().nearest_to(listing)), "listing": listing}
