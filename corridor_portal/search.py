"""Search across attractions, villages and Border Tours, with the same querysets as the lists' `q`."""

from dataclasses import dataclass, field

from attractions.models import Attraction
from routes.models import Route
from villages.models import Village

from .models import clean_query


@dataclass
class SearchResults:
    query: str
    attractions: list = field(default_factory=list)
    villages: list = field(default_factory=list)
    routes: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.attractions) + len(self.villages) + len(self.routes)


def search_everything(raw_query, limit=20):
    """Published listings of each kind whose names (best first) or descriptions match the query."""
    query = clean_query(raw_query)
    results = SearchResults(query=query)
    if not query:
        return results
    results.attractions = list(Attraction.objects.published().for_list_page().search(query)[:limit])
    results.villages = list(Village.objects.published().for_list_page().search(query)[:limit])
    results.routes = list(Route.objects.published().for_list_page().along_corridor().search(query)[:limit])
    return results
