"""Search across attractions, villages, Border Tours, ports, events and the airports and stations, with the same
querysets as the lists' `q`; and the pages and counties a traveller's words lead to (search_shortcuts.py)."""

from dataclasses import dataclass, field
from functools import partial

from attractions.models import Attraction
from events.models import Event
from hubs.models import TransportHub
from listings.cachetags import depends_on, searched_tags
from listings.fragments import cached_by_tags
from listings.models import Region
from listings.search import clean_query, is_short_wide_query, normalize_for_search
from ports.models import PortOfEntry
from routes.models import Route
from stays.models import Stay
from villages.models import Village

from .search_shortcuts import gateway_for, useful_pages


@dataclass
class SearchResults:
    query: str
    attractions: list = field(default_factory=list)
    villages: list = field(default_factory=list)
    routes: list = field(default_factory=list)
    ports: list = field(default_factory=list)
    events: list = field(default_factory=list)
    stays: list = field(default_factory=list)
    hubs: list = field(default_factory=list)
    near_misses: bool = False  # nothing matched as written: these are names that look like the query
    # What the words lead to besides listings: [(title, url)] of pages, and a city's or county's counties.
    useful_pages: list = field(default_factory=list)
    gateway: object = None
    counties: list = field(default_factory=list)

    @property
    def count(self):
        listings = (self.attractions, self.villages, self.routes, self.ports, self.events, self.stays, self.hubs)
        return sum(len(found) for found in listings) + len(self.counties)


def search_everything(raw_query, limit=20, today=None):
    """Published listings of each kind whose names (best first) or descriptions match the query.

    Near-miss spellings ("Fangchaun") only when no listing of any kind matches as written: a word that is found
    somewhere is not a typo, and the names of other kinds that merely look like it would only be noise (and a
    fuzzy query each). Events are the coming ones on `today` (without it, none are searched).

    The listings found are kept in the fragment cache (listings.fragments.cached_by_tags) under the query, the day,
    the language and the versions of the page cache's tags of the lists searched (the tags the page declares):
    building the seven kinds' search queries through the ORM cost most of the page, running them little. Any
    listing, photo, source or county saved, added or deleted bumps one of them, so an edit shows at once.
    """
    query = clean_query(raw_query)
    results = SearchResults(query=query)
    if not query:
        return results
    tags = declare_searched_lists(today)
    results.useful_pages = useful_pages(query)
    gateway = gateway_for(query)
    find = partial(find_listings, query, limit, today, gateway, bool(results.useful_pages))
    found = cached_by_tags("search", (query, limit, str(today)), find, tags)
    results.gateway = gateway
    for name, value in found.items():
        setattr(results, name, value)
    return results


def find_listings(query, limit, today, gateway, has_useful_pages):
    """{field of SearchResults: value} for what the query finds among the listings (see search_everything)."""
    results = SearchResults(query=query)
    if gateway is not None:
        add_gateway(results, gateway, limit)
    searched = searched_querysets(today)
    for kind, queryset in searched.items():
        found = list(queryset.search(query, near_misses=False)[:limit])
        setattr(results, kind, [*found, *(row for row in getattr(results, kind) if row not in found)][:limit])
    if not (results.count or has_useful_pages or is_short_wide_query(normalize_for_search(query))):
        # a one- or two-character query has no near misses: asking again would find nothing more
        results.near_misses = True
        for kind, queryset in searched.items():
            setattr(results, kind, list(queryset.search(query, near_misses=True)[:limit]))
    return {name: getattr(results, name) for name in (*SEARCHED_MODELS, "counties", "near_misses")}


def add_gateway(results, gateway, limit):
    """A city or county the query names (延吉, Yanji, 연길…): its counties on the corridor, and the hubs called by its
    Chinese name (a Korean reading such as 연길 is in no hub's name)."""
    results.gateway = gateway
    results.counties = list(Region.objects.filter(slug__in=gateway.counties).along_corridor())
    results.hubs = list(TransportHub.objects.published().for_list_page().search(gateway.name_zh)[:limit])


def searched_querysets(today):
    """The published listings of each kind, as the search page lists them."""
    ports = PortOfEntry.objects.published().for_list_page().along_corridor()
    searched = {
        "attractions": Attraction.objects.published().for_list_page(),
        "villages": Village.objects.published().for_list_page(),
        "stays": Stay.objects.published().for_list_page(),
        "routes": Route.objects.published().for_list_page().along_corridor(),
        "ports": ports.with_status_check(today) if today is not None else ports,
        "hubs": TransportHub.objects.published().for_list_page().by_kind(),
    }
    if today is not None:
        searched["events"] = Event.objects.published().coming(today).for_list_page().in_date_order(today)
    return searched


# The kinds searched (SearchResults' fields), events only when the day is known.
SEARCHED_MODELS = {
    "attractions": Attraction,
    "villages": Village,
    "stays": Stay,
    "routes": Route,
    "ports": PortOfEntry,
    "hubs": TransportHub,
    "events": Event,
}


def declare_searched_lists(today):
    """Declares to the page cache the lists the search page shows (without building their querysets); their tags."""
    models = [model for kind, model in SEARCHED_MODELS.items() if kind != "events" or today is not None]
    tags = [tag for model in models for tag in searched_tags(model)]
    depends_on(*tags)
    return tags
