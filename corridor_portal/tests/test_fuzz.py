"""Random query strings never make a list or the search page fail (status < 500), nor does any list's filter
set on any other list."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attractions.filters import AttractionFilterSet
from attractions.tests.factories import make_attraction
from events.filters import EventFilterSet
from listings.tests.factories import make_region
from ports.filters import PortFilterSet
from routes.filters import RouteFilterSet
from routes.tests.factories import make_route
from villages.filters import VillageFilterSet
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

FILTER_NAMES = ["q", "category", "county", "season", "a_level", "free", "sort", "page", "culture", "homestays"]
FILTER_NAMES += ["days", "theme", "transport", "partial", "county[]", "", "csrfmiddlewaretoken"]
REAL_VALUES = ["hunchun", "tumen", "winter", "border", "5", "1", "0", "name", "a_level", "newest", "korean", "7"]

values = st.one_of(
    st.sampled_from(REAL_VALUES),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.just("\x00"),
    st.just("a" * 5000),
    st.sampled_from(["%", "%00", "'", '"', "<script>", "999999999999999999999", "-1", "1e9", "NaN", "[]"]),
)
pairs = st.lists(st.tuples(st.one_of(st.sampled_from(FILTER_NAMES), st.text(max_size=10)), values), max_size=8)


def query_string(items):
    return "&".join(f"{quote(key, safe='')}={quote(value, safe='')}" for key, value in items)


@pytest.fixture
def corridor():
    hunchun, tumen = make_region("hunchun"), make_region("tumen")
    attraction = make_attraction(region=hunchun, best_seasons=["winter"], a_level=4, ticket_price=0)
    village = make_village(region=tumen, homestays=4)
    make_route(days=[[attraction], [village]], best_seasons=["winter"])


@pytest.mark.parametrize("path", ["/attractions/", "/villages/", "/routes/", "/search/", "/en/attractions/"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=pairs)
def test_random_query_strings_never_fail(client, corridor, path, items):
    response = client.get(f"{path}?{query_string(items)}")
    assert response.status_code < 500, (path, items)


def every_filter_with_a_valid_value():
    """(name, value) of every filter of every list, with a value its own list accepts."""
    valid = {"county": "hunchun", "month": "this", "days": "1", "near": "somewhere", "radius": "10", "q": "雪村"}
    pairs = set()
    for filterset in (AttractionFilterSet, VillageFilterSet, RouteFilterSet, PortFilterSet, EventFilterSet):
        for name, declared in filterset.base_filters.items():
            choices = list(declared.extra.get("choices") or ())
            pairs.add((name, valid.get(name) or (str(choices[0][0]) if choices else "1")))
    return sorted(pairs)


@pytest.mark.parametrize("path", ["/attractions/", "/villages/", "/routes/", "/ports/", "/events/", "/search/"])
def test_every_lists_filters_on_every_list(client, corridor, path):
    # A filter another list has (a season on the villages, say) is left out, never a 500.
    for name, value in every_filter_with_a_valid_value():
        response = client.get(path, {name: value})
        assert response.status_code == 200, (path, name, value)
        response = client.get(f"{path}map.geojson", {name: value}) if path in ("/attractions/", "/villages/") else None
        assert response is None or response.status_code == 200, (path, "map", name, value)
