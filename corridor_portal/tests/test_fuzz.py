"""Random query strings never make a list or the search page fail (status < 500)."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attractions.tests.factories import make_attraction
from corridor_portal.tests.factories import make_region
from routes.tests.factories import make_route
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
