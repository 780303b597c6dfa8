import math

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from attractions.tests.factories import make_attraction
from listings.geometry import great_circle_km
from listings.models import Season, Status
from routes.models import RouteDay, RouteStop
from routes.tests.factories import make_route
from villages.tests.factories import make_village

from .factories import make_region

pytestmark = pytest.mark.django_db


def spherical_law_of_cosines_km(lat1, lon1, lat2, lon2, radius=6371.0088):
    """An independent formula for the same distance, to check the haversine against."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    d_lon = math.radians(lon2 - lon1)
    return radius * math.acos(math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(d_lon))


def test_great_circle_distance_from_jian_to_hunchun():
    """Ji'an to Hunchun county seats: about 395 km in a straight line."""
    expected = spherical_law_of_cosines_km(41.12, 126.19, 42.86, 130.36)
    assert great_circle_km(41.12, 126.19, 42.86, 130.36) == pytest.approx(expected, abs=0.01)
    assert 390 < expected < 400


def test_one_degree_along_the_equator_is_about_111_km():
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)


def test_distance_in_sql_matches_python():
    jian = make_region("jian")
    here = make_attraction(region=jian, latitude=41.157, longitude=126.187)
    far = make_attraction(region=make_region("hunchun"), latitude=42.437, longitude=130.588)
    found = type(far).objects.near(here, 1000).get(pk=far.pk)
    assert found.distance_km == pytest.approx(here.distance_km_to(far), abs=0.001)


def test_near_excludes_the_place_itself_and_respects_the_radius():
    region = make_region("hunchun")
    centre = make_attraction(region=region, latitude=42.50, longitude=130.50)
    close = make_attraction(region=region, latitude=42.51, longitude=130.50)  # about 1.1 km
    make_attraction(region=region, latitude=42.80, longitude=130.50)  # about 33 km
    found = list(type(centre).objects.near(centre, 5))
    assert found == [close]


def test_region_order_runs_west_to_east():
    for slug in ("hunchun", "jian", "tumen", "changbai"):
        make_region(slug)
    from listings.models import Region

    assert list(Region.objects.along_corridor().values_list("slug", flat=True)) == [
        "jian",
        "changbai",
        "tumen",
        "hunchun",
    ]


def test_slugs_are_unique():
    make_attraction(slug="fangchuan")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_attraction(slug="fangchuan")


def test_negative_ticket_price_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_attraction(ticket_price=-5)


def test_position_outside_the_globe_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_attraction(latitude=120)


def test_position_outside_jilin_gives_an_editor_a_clear_message():
    attraction = make_attraction()
    attraction.latitude = 31.2  # Shanghai
    with translation.override("en"), pytest.raises(ValidationError) as error:
        attraction.full_clean()
    assert "outside Jilin" in str(error.value.message_dict["latitude"])


def test_a_stop_is_exactly_one_place():
    attraction, village = make_attraction(), make_village()
    route = make_route(days=[[attraction]])
    day = route.days.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        RouteStop.objects.create(day=day, position=5, attraction=attraction, village=village)
    with pytest.raises(IntegrityError), transaction.atomic():
        RouteStop.objects.create(day=day, position=6)


def test_day_numbers_are_unique_per_route():
    route = make_route(days=[[make_attraction()]])
    with pytest.raises(IntegrityError), transaction.atomic():
        RouteDay.objects.create(route=route, number=1, title_zh_hans="重复")


def test_first_publication_date_is_kept_when_unpublished_and_published_again():
    attraction = make_attraction(status=Status.DRAFT)
    assert attraction.first_published_at is None
    attraction.status = Status.PUBLISHED
    attraction.save()
    first = attraction.first_published_at
    assert first is not None
    attraction.status = Status.DRAFT
    attraction.save()
    attraction.status = Status.PUBLISHED
    attraction.save()
    attraction.refresh_from_db()
    assert attraction.first_published_at == first


@pytest.mark.parametrize(
    ("month", "season"),
    [(1, Season.WINTER), (3, Season.WINTER), (5, Season.SPRING), (7, Season.SUMMER), (10, Season.AUTUMN)],
)
def test_season_of_a_month(month, season):
    assert Season.for_month(month) == season
