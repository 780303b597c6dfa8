"""Search across attractions, villages and Border Tours, with the same querysets as the lists' `q`."""

from dataclasses import dataclass, field

from attractions.models import Attraction
from events.models import Event
from listings.search import clean_query, is_short_wide_query, normalize_for_search
from ports.models import PortOfEntry
from routes.models import Route
from stays.models import Stay
from villages.models import Village


@dataclass
class SearchResults:
    query: str
    attractions: list = field(default_factory=list)
    villages: list = field(default_factory=list)
    routes: list = field(default_factory=list)
    ports: list = field(default_factory=list)
    events: list = field(default_factory=list)
    stays: list = field(default_factory=list)
    near_misses: bool = False  # nothing matched as written: these are names that look like the query

    @property
    def count(self):
        kinds = (self.attractions, self.villages, self.routes, self.ports, self.events, self.stays)
        return sum(len(found) for found in kinds)


def search_everything(raw_query, limit=20, today=None):
    """Published listings of each kind whose names (best first) or descriptions match the query.

    Near-miss spellings ("Fangchaun") only when no listing of any kind matches as written: a word that is found
    somewhere is not a typo, and the names of other kinds that merely look like it would only be noise (and a
    fuzzy query each). Events are the coming ones on `today` (without it, none are searched).
    """
    query = clean_query(raw_query)
    results = SearchResults(query=query)
    if not query:
        return results
    searched = searched_querysets(today)
    for kind, queryset in searched.items():
        setattr(results, kind, list(queryset.search(query, near_misses=False)[:limit]))
    if results.count or is_short_wide_query(normalize_for_search(query)):
        return results  # a one- or two-character query has no near misses: asking again would find nothing more
    results.near_misses = True
    for kind, queryset in searched.items():
        setattr(results, kind, list(queryset.search(query, near_misses=True)[:limit]))
    return results


def searched_querysets(today):
    """The published listings of each kind, as the search page lists them."""
    ports = PortOfEntry.objects.published().for_list_page().along_corridor()
    searched = {
        "attractions": Attraction.objects.published().for_list_page(),
        "villages": Village.objects.published().for_list_page(),
        "stays": Stay.objects.published().for_list_page(),
        "routes": Route.objects.published().for_list_page().along_corridor(),
        "ports": ports.with_status_check(today) if today is not None else ports,
    }
    if today is not None:
        searched["events"] = Event.objects.published().coming(today).for_list_page().in_date_order(today)
    return searched
