from django import template
from django.urls import reverse

from listings.kinds import kind_of

from ..items import TripItemRef

register = template.Library()


@register.inclusion_tag("trips/save_to_trip.html")
def save_to_trip(listing):
    """The "Save to my trip" button of a listing's page (any registered kind), with its no-JavaScript link."""
    kind = kind_of(listing) if listing is not None else None
    if kind is None or not getattr(listing, "is_published", False):
        return {"kind": ""}  # a staff preview of a draft: nothing to save
    return {
        "kind": kind.name,
        "slug": listing.slug,
        "add_url": f"{reverse('trips:trip')}?items={TripItemRef(kind.name, listing.slug)}",
    }
