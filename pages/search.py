"""Search across attractions, villages, Border Tours, ports, events and the airports and stations, with the same
querysets as the lists' `q`; and the pages and counties a traveller's words lead to (search_shortcuts.py)."""

from dataclasses import dataclass, field
from functools import partial

from attractions.models import Attraction
from events.models import Event
from hubs.models import TransportHub
from listings.cachetags import depends_on, searched_tags
from listings.fragments import cached_parts_by_tags
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

    What each kind's search found is kept in the fragment cache (listings.fragments.cached_parts_by_tags) under the
    query, the day, the language and the versions of that kind's own tags (searched_tags: its list and its texts):
    an editor's description edited makes every search run that kind's query again, not the seven. Any listing,
    photo, source or county saved, added or deleted bumps one of them, so an edit shows at once.
    """
    query = clean_query(raw_query)
    results = SearchResults(query=query)
    if not query:
        return results
    declare_searched_lists(today)
    results.useful_pages = useful_pages(query)
    results.gateway = gateway_for(query)
    kinds = searched_kinds(today)
    found, results.counties = found_per_kind(query, limit, today, results.gateway, kinds, near_misses=False)
    for kind, rows in found.items():
        setattr(results, kind, rows)
    if not (results.count or results.useful_pages or is_short_wide_query(normalize_for_search(query))):
        # a one- or two-character query has no near misses: asking again would find nothing more
        results.near_misses = True
        for kind, rows in found_per_kind(query, limit, today, None, kinds, near_misses=True)[0].items():
            setattr(results, kind, rows)
    return results


def found_per_kind(query, limit, today, gateway, kinds, near_misses):
    """({kind: the rows found}, the counties the query names) for the kinds searched, each kind kept under its own
    tags. The gateway (a city or county the query names, a function of the query) is kept with the hubs: its hubs
    come first among them, and its counties ride along."""
    parts = {
        kind: (
            (query, limit, str(today), near_misses),
            searched_tags(SEARCHED_MODELS[kind]),
            partial(find_kind, kind, query, limit, today, gateway if kind == "hubs" else None, near_misses),
        )
        for kind in kinds
    }
    found = cached_parts_by_tags(parts)
    found["hubs"], counties = found["hubs"]
    return found, counties


def find_kind(kind, query, limit, today, gateway, near_misses):
    """The published rows of `kind` the query finds (best first), at most `limit`; for the hubs (rows, counties):
    with them the hubs and the counties of the city or county the query names (gateway)."""
    found = list(searched_queryset(kind, today).search(query, near_misses=near_misses)[:limit])
    if kind != "hubs":
        return found
    if gateway is None:
        return found, []
    counties = list(Region.objects.filter(slug__in=gateway.counties).along_corridor())
    # A Korean reading such as 연길 is in no hub's name: the hubs called by the city's Chinese name.
    named = list(TransportHub.objects.published().for_list_page().search(gateway.name_zh)[:limit])
    return [*found, *(row for row in named if row not in found)][:limit], counties


def searched_kinds(today):
    """The kinds searched: events only when the day is known."""
    return [kind for kind in SEARCHED_MODELS if kind != "events" or today is not None]


def searched_queryset(kind, today):
    """The published listings of `kind`, as the search page lists them (events: the coming ones on `today`)."""
    if kind == "ports":
        ports = PortOfEntry.objects.published().for_list_page().along_corridor()
        return ports.with_status_check(today) if today is not None else ports
    if kind == "events":
        return Event.objects.published().coming(today).for_list_page().in_date_order(today)
    published = SEARCHED_MODELS[kind].objects.published().for_list_page()
    if kind == "routes":
        return published.along_corridor()
    if kind == "hubs":
        return published.by_kind()
    return published


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
    tags = [tag for kind in searched_kinds(today) for tag in searched_tags(SEARCHED_MODELS[kind])]
    depends_on(*tags)
    return tags
