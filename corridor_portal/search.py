"""Search across attractions, villages and Border Tours."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from attractions.models import Attraction
from routes.models import Route
from villages.models import Village

MAX_QUERY_LENGTH = 100


def clean_query(raw):
    """The visitor's words, without control characters, trimmed to a sensible length."""
    text = "".join(ch for ch in (raw or "") if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def name_matches(query, *fields):
    codes = [code.replace("-", "_") for code in settings.MODELTRANSLATION_LANGUAGES]
    condition = Q(slug__icontains=query.replace(" ", "-"))
    for name in fields:
        for code in codes:
            condition |= Q(**{f"{name}_{code}__icontains": query})
    return condition


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
    query = clean_query(raw_query)
    results = SearchResults(query=query)
    if not query:
        return results
    results.attractions = list(
        Attraction.objects.published().filter(name_matches(query, "name")).for_list_page().along_corridor()[:limit]
    )
    results.villages = list(
        Village.objects.published().filter(name_matches(query, "name")).for_list_page().along_corridor()[:limit]
    )
    results.routes = list(Route.objects.published().filter(name_matches(query, "title")).for_list_page()[:limit])
    return results
