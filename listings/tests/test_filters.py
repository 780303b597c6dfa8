"""The lists' filters: a season filter only on the kinds that have seasons, every filter counted in the facets from
its own declaration, `near` any kind of place and no port, and no forged value answering 500."""

import pytest
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from attractions.filters import AttractionFilterSet
from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from events.filters import EventFilterSet
from events.tests.factories import make_event
from listings.filters import ChoiceFilter, FacetedFilterSet, SeasonFilterMixin
from listings.kinds import place_models
from listings.tests.factories import make_region
from ports.filters import PortFilterSet
from ports.tests.factories import make_port
from routes.filters import RouteFilterSet
from routes.tests.factories import make_route
from villages.filters import VillageFilterSet
from villages.models import Village
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

FILTER_SETS = (AttractionFilterSet, VillageFilterSet, RouteFilterSet, PortFilterSet, EventFilterSet)
LISTS_WITHOUT_SEASONS = ["/en/villages/", "/en/ports/", "/en/events/"]
FORGED_VALUES = ["\x00", "a" * 5000, "-1", "999999999999999999999", "1e400", "NaN", "<script>'%", ""]


@pytest.fixture
def corridor():
    hunchun, tumen = make_region("hunchun"), make_region("tumen")
    attraction = make_attraction(region=hunchun, slug="snow-valley", best_seasons=["winter"], ticket_price=0)
    village = make_village(region=tumen, slug="baijin", homestays=4)
    make_route(days=[[attraction], [village]], best_seasons=["winter"])
    make_port(region=hunchun, slug="quanhe")
    make_event(region=hunchun, slug="kite-festival")


def facet_names(response):
    return [group.name for group in response.context["facet_groups"]]


def test_only_the_kinds_with_seasons_have_a_season_filter():
    assert "season" in AttractionFilterSet.base_filters
    assert "season" in RouteFilterSet.base_filters
    for filterset in (VillageFilterSet, PortFilterSet, EventFilterSet, FacetedFilterSet):
        assert "season" not in filterset.base_filters, filterset
    # Composed in, not inherited and switched off with `season = None`.
    for filterset in FILTER_SETS:
        for cls in filterset.__mro__:
            assert vars(cls).get("season", "absent") is not None, cls
    assert issubclass(AttractionFilterSet, SeasonFilterMixin) and issubclass(RouteFilterSet, SeasonFilterMixin)


@pytest.mark.parametrize("path", LISTS_WITHOUT_SEASONS)
def test_a_season_on_a_list_without_seasons_is_ignored(client, corridor, path):
    plain = client.get(path)
    response = client.get(path, {"season": "winter"})
    assert response.status_code == 200
    assert list(response.context["object_list"]) == list(plain.context["object_list"])
    assert response.context["result_count"] == plain.context["result_count"]
    assert "season" not in facet_names(response)
    assert response.context["chips"] == [] and response.context["active_filter_count"] == 0
    assert response.context["seasons_not_known"] is None
    assert 'name="season"' not in response.content.decode()


def test_villages_in_winter_answer_200_with_the_villages(client, corridor):
    response = client.get("/en/villages/?season=winter")
    assert response.status_code == 200
    assert [village.slug for village in response.context["object_list"]] == ["baijin"]


@pytest.mark.parametrize("path", ["/en/attractions/", "/en/routes/"])
def test_the_kinds_with_seasons_offer_and_apply_it(client, corridor, path):
    response = client.get(path, {"season": "summer"})
    assert response.status_code == 200
    assert "season" in facet_names(response)
    assert response.context["result_count"] == 0
    assert client.get(path, {"season": "winter"}).context["result_count"] == 1


@pytest.mark.parametrize("filterset", FILTER_SETS, ids=lambda filterset: filterset.__name__)
def test_a_forged_value_in_any_filter_never_fails(client, corridor, filterset):
    path = {
        AttractionFilterSet: "/attractions/",
        VillageFilterSet: "/villages/",
        RouteFilterSet: "/routes/",
        PortFilterSet: "/ports/",
        EventFilterSet: "/events/",
    }[filterset]
    for name in filterset.base_filters:
        for value in FORGED_VALUES:
            # A single-valued filter reads the last value; a multiple-valued one gets a known value too.
            query = {name: ["hunchun", value]}
            response = client.get(path, query)
            assert response.status_code == 200 or 400 <= response.status_code < 500, (path, name, value)
            if path in ("/attractions/", "/villages/"):
                response = client.get(f"{path}map.geojson", query)
                assert response.status_code == 200 or 400 <= response.status_code < 500, (path, name, value)


def test_near_names_a_place_of_any_kind_and_never_a_port(client, corridor):
    assert place_models() == [Attraction, Village]
    response = client.get("/en/attractions/", {"near": "baijin", "radius": "100"})
    assert response.context["nearby"]["place"].slug == "baijin"
    response = client.get("/en/villages/", {"near": "snow-valley", "radius": "100"})
    assert response.context["nearby"]["place"].slug == "snow-valley"
    response = client.get("/en/attractions/", {"near": "quanhe"})
    assert response.status_code == 200
    assert response.context["nearby"] == {}
    assert any("quanhe" in problem for problem in response.context["filter_problems"])


class FreeCategoryFilterSet(FacetedFilterSet):
    """A list with one more faceted filter, declared once: no condition method of its own."""

    category = ChoiceFilter(label=_("Category"), choices=[("natural", "Natural"), ("history", "History")])
    cheap = ChoiceFilter(label=_("Price"), choices=[("free", "Free")], condition=lambda value: Q(ticket_price=0))

    facets = ("county", "category", "cheap")

    class Meta:
        model = Attraction
        fields = ["q", "county", "category", "cheap", "sort"]


def test_a_declared_filter_is_applied_and_counted_in_the_facets(corridor):
    make_attraction(region=make_region("tumen"), slug="museum", category="history", ticket_price=30)
    queryset = Attraction.objects.published()
    filterset = FreeCategoryFilterSet({"cheap": "free"}, queryset=queryset)
    assert [attraction.slug for attraction in filterset.qs] == ["snow-valley"]
    counts = {group.name: {o.value: o.count for o in group.options} for group in filterset.facet_groups()}
    # Each option keeps the other filters: the category counts are of the free attractions.
    assert counts["category"] == {"": 1, "natural": 1, "history": 0}
    assert counts["cheap"] == {"": 2, "free": 1}
    assert filterset.result_count() == 1
