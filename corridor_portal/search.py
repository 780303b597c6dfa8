"""Search across attractions, villages and Border Tours, with the same querysets as the lists' `q`."""

from dataclasses import dataclass, field

from attractions.models import Attraction
from events.models import Event
from ports.models import PortOfEntry
from routes.models import Route
from villages.models import Village

from .models import clean_query


@dataclass
class SearchResults:
    query: str
    attractions: list = field(default_factory=list)
    villages: list = field(default_factory=list)
    routes: list = field(default_factory=list)
    ports: list = field(default_factory=list)
    events: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.attractions) + len(self.villages) + len(self.routes) + len(self.ports) + len(self.events)


def search_everything(raw_query, limit=20, today=None):
    """Published listings of each kind whose names (best first) or descriptions match the query.

    Events are the coming ones on `today` (without it, none are searched).
    """
    query = clean_query(raw_query)
    results = SearchResults(query=query)
    if not query:
        return results
    results.attractions = Attraction.objects.published().for_list_page().best_matches(query, limit)
    results.villages = Village.objects.published().for_list_page().best_matches(query, limit)
    results.routes = Route.objects.published().for_list_page().along_corridor().best_matches(query, limit)
    ports = PortOfEntry.objects.published().for_list_page().along_corridor()
    results.ports = (ports.with_status_check(today) if today is not None else ports).best_matches(query, limit)
    if today is not None:
        events = Event.objects.published().coming(today).for_list_page().in_date_order(today)
        results.events = events.best_matches(query, limit)
    return results
