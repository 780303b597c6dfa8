import pytest

from attractions.tests.factories import make_attraction
from corridor_portal.models import Status, great_circle_km
from corridor_portal.tests.factories import make_region
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
