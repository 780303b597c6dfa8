"""A county's page: what the portal holds in one county along the G331, and the airports and stations nearest it.

The county page needs every kind of listing, so it lives here, above the kinds. Distances to the hubs are never
measured from the county's own position (Region.latitude/longitude: a map reading, no source gives it) nor from a
place whose position is a stand-in: only from the county's places a source places exactly (hubs.models
HubQuerySet.nearest_to_any).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from attractions.models import Attraction
from events.models import Event
from hubs.models import TransportHub
from ports.models import PortOfEntry
from routes.models import Route
from stays.models import Stay
from villages.models import Village

# What a county's page draws from, for the page cache: its county's tag moves with every listing in it; the
# tours through it and the hubs near it are in other counties too, so their whole lists.
COUNTY_SHOWS = (Attraction, Village, Route, Event, PortOfEntry, Stay, TransportHub)

# How many cards each shelf of the page shows; the rest are one link away, on the list filtered by the county.
SHELF_SIZE = 6


@dataclass
class Shelf:
    """One kind of listing on a county's page: a few cards, how many there are, and the whole list's address."""

    key: str
    title: str
    items: list
    count: int
    list_url: str
    card_template: str
    none_yet: str  # what the page says when the county has none of this kind yet

    @property
    def has_more(self):
        return self.count > len(self.items)


def filtered_list_url(url_name, region):
    return f"{reverse(url_name)}?{urlencode({'county': region.slug})}"


def shelf(key, title, queryset, url_name, region, card_template, none_yet):
    """The first SHELF_SIZE rows of `queryset`; counted only when there are more (one query for most counties)."""
    items = list(queryset[: SHELF_SIZE + 1])
    count = len(items) if len(items) <= SHELF_SIZE else queryset.count()
    return Shelf(key, title, items[:SHELF_SIZE], count, filtered_list_url(url_name, region), card_template, none_yet)


def county_shelves(region, today):
    """What the portal holds in `region`, kind by kind, in the order a traveller reads a destination's page."""
    county = [region.slug]
    return [
        shelf(
            "attractions",
            _("Attractions"),
            Attraction.objects.published().filter(region=region).for_list_page().best_rated_first(),
            "attractions:list",
            region,
            "includes/place_card.html",
            _("No attraction of this county is listed yet."),
        ),
        shelf(
            "villages",
            _("Border villages"),
            Village.objects.published().filter(region=region).for_list_page().along_corridor(),
            "villages:list",
            region,
            "includes/place_card.html",
            _("No village of this county is listed yet."),
        ),
        shelf(
            "routes",
            _("Border Tours through it"),
            Route.objects.published().passing_through(county).for_list_page().along_corridor(),
            "routes:list",
            region,
            "includes/route_card.html",
            _("No Border Tour passes through this county yet."),
        ),
        shelf(
            "events",
            _("What's on"),
            Event.objects.published().coming(today).filter(region=region).for_list_page().in_date_order(today),
            "events:list",
            region,
            "events/includes/event_card.html",
            _("No coming event in this county is listed yet."),
        ),
        shelf(
            "ports",
            _("Ports of entry"),
            PortOfEntry.objects.published()
            .filter(region=region)
            .for_list_page()
            .with_status_check(today)
            .along_corridor(),
            "ports:list",
            region,
            "ports/includes/port_card.html",
            _("This county has no port of entry listed."),
        ),
        shelf(
            "stays",
            _("Places to stay"),
            Stay.objects.published().filter(region=region).for_list_page().along_corridor(),
            "stays:list",
            region,
            "includes/place_card.html",
            _("No place to stay in this county is listed yet."),
        ),
    ]


def exactly_placed(region):
    """The county's published places whose own position a source gives: where hub distances are measured from."""
    return [
        place
        for model in (Attraction, Village, PortOfEntry, Stay)
        for place in model.objects.published().filter(region=region).with_known_position().for_map().order_by("slug")
    ]


def nearest_hubs(region):
    """(hubs, measured): the hubs nearest the county's exactly placed places, or its own hubs without distances
    when it has no such place (measured False)."""
    origins = exactly_placed(region)
    hubs = TransportHub.objects.published().nearest_to_any(origins, region.pk)
    return hubs, bool(origins)
