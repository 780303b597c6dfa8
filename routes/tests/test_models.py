import pytest
from django.utils import translation

from attractions.tests.factories import make_attraction
from listings.geometry import great_circle_km
from listings.models import Status
from listings.tests.factories import make_region
from routes.models import Route
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


def test_itinerary_measures_legs_days_and_the_whole_route():
    jian, hunchun = make_region("jian"), make_region("hunchun")
    a = make_attraction(region=jian, latitude=41.157, longitude=126.187)
    b = make_attraction(region=jian, latitude=41.166, longitude=126.159)
    c = make_village(region=hunchun, latitude=42.437, longitude=130.588, position_is_approximate=True)
    route = make_route(days=[[a, b], [c]])
    itinerary = Route.objects.for_detail_page().get(pk=route.pk).itinerary()

    first_leg = itinerary.days[0].stops[1].leg_from_previous
    assert first_leg.km == round(great_circle_km(41.157, 126.187, 41.166, 126.159), 1)
    assert not first_leg.is_road_distance
    assert not first_leg.touches_approximate_position
    second_leg = itinerary.days[1].stops[0].leg_from_previous
    assert second_leg.touches_approximate_position
    # To a county seat standing in for the village: no distance, counted as unknown.
    assert second_leg.km is None
    assert itinerary.days[0].stops[0].leg_from_previous is None
    assert itinerary.km == first_leg.km
    assert itinerary.unknown_legs == 1


def test_road_distance_given_by_an_editor_replaces_the_straight_line():
    a, b = make_attraction(), make_attraction()
    route = make_route(days=[[a, b]])
    stop = route.days.get().stops.get(attraction=b)
    stop.road_km_from_previous = 42.5
    stop.save()
    leg = Route.objects.for_detail_page().get(pk=route.pk).itinerary().days[0].stops[1].leg_from_previous
    assert leg.km == 42.5
    assert leg.is_road_distance


def test_itinerary_leaves_out_unpublished_places():
    shown, hidden = make_attraction(), make_attraction(status=Status.DRAFT)
    route = make_route(days=[[shown, hidden]])
    itinerary = Route.objects.for_detail_page().get(pk=route.pk).itinerary()
    assert [entry.place for entry in itinerary.stops] == [shown]


def test_a_stop_out_of_the_tours_seasons_is_named_in_a_warning():
    """A summer and autumn tour stopping at a winter-only sight: the warning names the stop and its day."""
    antu = make_region("antu")
    mojie = make_attraction(region=antu, name_en="Mojie Rime Area", best_seasons=["winter"])
    lake = make_attraction(region=antu, name_en="Laolike Lake", best_seasons=["autumn", "winter"])
    unknown = make_attraction(region=antu, name_en="Season unknown", best_seasons=[])
    route = make_route(days=[[lake, unknown], [mojie, make_village(region=antu)]], best_seasons=["summer", "autumn"])
    with translation.override("en"):
        [warning] = route.season_warnings()
    assert "Mojie Rime Area (day 2) is best in Winter" in warning
    assert "Summer, Autumn" in warning
    assert [stop.attraction for stop in route.stops_out_of_season()] == [mojie]


def test_a_tour_of_unknown_seasons_gets_no_season_warning():
    route = make_route(days=[[make_attraction(best_seasons=["winter"])]], best_seasons=[])
    assert route.season_warnings() == []
