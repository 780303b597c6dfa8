"""Approximate positions never pretend (issue #20): a county seat standing in for a place's unknown position
yields no distance, no GPX point, no `geo`, no pin and no line; the data's note on a position is shown."""

import json
import re
from io import StringIO
from xml.etree import ElementTree as ET

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from listings.geometry import great_circle_km
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

PREFIXES = ["", "/en", "/ko", "/ru"]
GPX = "{http://www.topografix.com/GPX/1/1}"


@pytest.fixture
def hunchun():
    """Two known positions near Fangchuan, a stand-in attraction and a stand-in village on Hunchun's county seat."""
    region = make_region("hunchun")
    fangchuan = make_attraction(
        region=region,
        slug="fangchuan",
        name_en="Fangchuan",
        latitude=42.437,
        longitude=130.588,
        position_note_en="nearby border marker 423",
    )
    tower = make_attraction(region=region, slug="tower", name_en="Tower", latitude=42.45, longitude=130.60)
    seat = {"latitude": region.latitude, "longitude": region.longitude, "position_is_approximate": True}
    museum = make_attraction(region=region, slug="museum", name_en="Museum", **seat)
    village = make_village(region=region, slug="stand-in-village", name_en="Stand-in village", **seat)
    return {"region": region, "fangchuan": fangchuan, "tower": tower, "museum": museum, "village": village}


def item_of(content, href):
    """The text of the <li> that links to `href`, without its link's address."""
    match = re.search(rf'<li><a href="{re.escape(href)}">.*?</li>', content, re.S)
    assert match, href
    return match.group(0).replace(href, "")


def url_in(prefix, listing):
    with translation.override({"": "zh-hans", "/en": "en", "/ko": "ko", "/ru": "ru"}[prefix]):
        return listing.get_absolute_url()


# Nearby and "near" ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_nearby_gives_no_distance_to_a_stand_in(client, hunchun, prefix):
    content = client.get(url_in(prefix, hunchun["fangchuan"])).content.decode()
    tower = item_of(content, url_in(prefix, hunchun["tower"]))
    assert re.search(r"\d", tower), "a known position keeps its distance"
    for stand_in in ("museum", "village"):
        listed = item_of(content, url_in(prefix, hunchun[stand_in]))
        assert not re.search(r"\d", listed), f"{stand_in} is given a distance: {listed}"


def test_nearby_says_why_the_stand_ins_have_no_distance(client, hunchun):
    content = client.get("/en/attractions/fangchuan/").content.decode()
    assert "Also in Hunchun, exact position not known" in content


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_stand_ins_page_measures_no_distance_at_all(client, hunchun, prefix):
    content = client.get(url_in(prefix, hunchun["museum"])).content.decode()
    nearby = content[content.index('id="nearby-heading"') :]
    for other in ("fangchuan", "tower", "village"):
        assert not re.search(r"\d", item_of(nearby, url_in(prefix, hunchun[other])))
    assert "0.0" not in nearby and "0,0" not in nearby


def test_near_a_known_place_lists_no_stand_in_and_no_distance_from_one(client, hunchun):
    content = client.get("/en/attractions/", {"near": "fangchuan", "radius": "100"}).content.decode()
    assert "/en/attractions/tower/" in content
    assert "/en/attractions/museum/" not in content
    assert "0.0 km away" not in content


def test_near_a_stand_in_is_its_county_without_distances(client, hunchun):
    make_attraction(region=make_region("jian"), slug="far-away", name_en="Far away")
    content = client.get("/en/attractions/", {"near": "museum", "radius": "10"}).content.decode()
    for slug in ("fangchuan", "tower"):
        assert f"/en/attractions/{slug}/" in content
    assert "/en/attractions/far-away/" not in content
    assert "km away" not in content
    assert "its exact position is not known" in content
    villages = client.get("/en/villages/", {"near": "museum"}).content.decode()
    assert "/en/villages/stand-in-village/" in villages
    assert "km away" not in villages


def test_queryset_distances_are_none_to_and_from_a_stand_in(hunchun):
    fangchuan, museum = hunchun["fangchuan"], hunchun["museum"]
    assert fangchuan.distance_km_to(museum) is None
    assert museum.distance_km_to(fangchuan) is None
    assert list(Attraction.objects.near(museum, 500)) == []
    assert museum not in Attraction.objects.near(fangchuan, 500)
    distances = dict(Attraction.objects.with_distance_from(42.437, 130.588).values_list("slug", "distance_km"))
    assert distances["museum"] is None
    assert distances["tower"] == pytest.approx(great_circle_km(42.437, 130.588, 42.45, 130.60), abs=0.01)


# Border Tours ---------------------------------------------------------------------------------------------


@pytest.fixture
def mixed_tour(hunchun):
    """Day 1: Fangchuan → Tower (known) → Museum (stand-in) → Fangchuan; day 2: the stand-in village."""
    h = hunchun
    return make_route(slug="mixed", days=[[h["fangchuan"], h["tower"], h["museum"], h["fangchuan"]], [h["village"]]])


def test_tour_counts_only_known_legs_and_says_how_many_are_unknown(client, mixed_tour):
    content = client.get("/en/routes/mixed/").content.decode()
    known = f"{round(great_circle_km(42.437, 130.588, 42.45, 130.60), 1):.1f}"
    assert f"This day: at least {known} km; 2 legs without a known position" in content
    assert "This day: not known (1 leg without a known position)" in content
    assert f"at least {known} km; 3 legs without a known position, in straight lines between the stops" in content
    assert "This day: 0.0 km" not in content
    assert "Distance not known: the exact position of a stop is not known" in content


def test_a_day_of_one_stop_claims_no_distance(client, hunchun):
    make_route(slug="one-stop", days=[[hunchun["fangchuan"]]])
    content = client.get("/en/routes/one-stop/").content.decode()
    assert "0.0 km" not in content
    assert "This day:" not in content


@pytest.mark.parametrize(
    ("prefix", "day_one", "day_two"),
    [
        ("", "；2 段路程没有已知位置", "当日行程：距离未知（1 段路程没有已知位置）"),
        ("/ko", "위치를 알 수 없는 구간 2개", "이날 이동 거리: 알 수 없음(위치를 알 수 없는 구간 1개)"),
        (
            "/ru",
            "; 2 участка без известного положения",
            "За день: расстояние неизвестно (1 участок без известного положения)",
        ),
    ],
)
def test_tour_distances_in_every_language(client, mixed_tour, prefix, day_one, day_two):
    content = client.get(f"{prefix}/routes/mixed/").content.decode()
    assert day_one in content
    assert day_two in content
    assert "0.0" not in content.split("itinerary-heading")[1].replace("0.0.", "")


def test_gpx_has_no_point_for_a_stand_in_and_names_what_it_leaves_out(client, mixed_tour):
    root = ET.fromstring(client.get("/en/routes/mixed/gpx/").content)
    names = [w.findtext(f"{GPX}name") for w in root.findall(f"{GPX}wpt")]
    assert names == ["1. Fangchuan", "2. Tower", "4. Fangchuan"]
    points = [(float(p.get("lat")), float(p.get("lon"))) for p in root.findall(f"{GPX}rte/{GPX}rtept")]
    seat = (mixed_tour.start_region.latitude, mixed_tour.start_region.longitude)
    assert len(points) == 3
    assert (42.86, 130.36) not in points and seat not in points
    description = root.findtext(f"{GPX}metadata/{GPX}desc")
    assert "Museum (Hunchun)" in description and "Stand-in village (Hunchun)" in description


def test_route_map_draws_no_line_to_or_from_a_stand_in(client, mixed_tour):
    content = client.get("/en/routes/mixed/").content.decode()
    svg = re.search(r'<figure class="map".*?</figure>', content, re.S).group(0)
    lines = re.findall(r'<polyline class="map-route" points="([^"]+)"', svg)
    assert len(lines) == 1  # Fangchuan → Tower; everything else touches a stand-in
    assert len(lines[0].split()) == 2
    # Stops 3 and 5 are both somewhere in Hunchun: one dashed ring for the county, both numbers in it.
    (ring,) = re.findall(r'<g class="[^"]*map-marker-county[^"]*"[^>]*data-numbers="([\d ]+)">(.*?)</g>', svg, re.S)
    assert ring[0] == "3 5"
    assert "2 places in Hunchun (approximate positions)" in ring[1]
    assert re.search(r"<text[^>]*>3, 5</text>", ring[1])
    data = json.loads(re.search(r'<script id="map-data" type="application/json">(.*?)</script>', content).group(1))
    assert [line["points"] for line in data["lines"]] == [[[42.437, 130.588], [42.45, 130.6]]]
    assert [m["county"] for m in data["markers"] if m["approximate"]] == ["Hunchun", "Hunchun"]


def test_route_geojson_joins_only_known_positions(client, mixed_tour):
    feature = json.loads(client.get("/en/routes/map.geojson").content)["features"][0]
    assert feature["properties"]["approximate"] is True
    assert feature["geometry"]["type"] == "LineString"
    assert feature["geometry"]["coordinates"] == [[130.588, 42.437], [130.6, 42.45]]


# Structured data, map data, maps -------------------------------------------------------------------------


def structured(client, url):
    content = client.get(url).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    return [json.loads(block) for block in blocks]


def test_json_ld_has_no_geo_for_a_stand_in(client, mixed_tour):
    (museum,) = [d for d in structured(client, "/en/attractions/museum/") if d.get("@type") == "TouristAttraction"]
    assert "geo" not in museum
    (village,) = [d for d in structured(client, "/en/villages/stand-in-village/") if d["@type"] == "TouristDestination"]
    assert "geo" not in village
    (fangchuan,) = [d for d in structured(client, "/en/attractions/fangchuan/") if d["@type"] == "TouristAttraction"]
    assert fangchuan["geo"] == {"@type": "GeoCoordinates", "latitude": 42.437, "longitude": 130.588}
    (trip,) = [d for d in structured(client, "/en/routes/mixed/") if d["@type"] == "TouristTrip"]
    stops = {item["item"]["name"]: item["item"] for item in trip["itinerary"]["itemListElement"]}
    assert "geo" not in stops["Museum"] and "geo" in stops["Tower"]


def test_geojson_gives_a_stand_in_its_county_not_a_point(client, hunchun):
    features = json.loads(client.get("/en/attractions/map.geojson").content)["features"]
    by_url = {feature["properties"]["url"]: feature for feature in features}
    museum = by_url["/en/attractions/museum/"]
    assert museum["geometry"] is None
    assert museum["properties"]["approximate"] is True
    assert museum["properties"]["county"] == {"name": "Hunchun", "coordinates": [130.36, 42.86]}
    assert by_url["/en/attractions/fangchuan/"]["geometry"] == {"type": "Point", "coordinates": [130.588, 42.437]}
    villages = json.loads(client.get("/en/villages/map.geojson").content)["features"]
    assert [feature["geometry"] for feature in villages] == [None]


def test_place_map_draws_a_stand_in_as_its_county(client, hunchun):
    svg = re.search(r'<figure class="map".*?</figure>', client.get("/en/attractions/museum/").content.decode(), re.S)
    marker = re.search(r'<a class="([^"]+)" href="/en/attractions/museum/">(.*?)</a>', svg.group(0), re.S)
    assert "map-marker-county" in marker.group(1)
    assert "somewhere in Hunchun, exact position not known" in marker.group(2)


# The note on a position -----------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_note_on_a_position_is_shown_next_to_it(client, hunchun, prefix):
    content = client.get(url_in(prefix, hunchun["fangchuan"])).content.decode()
    position = re.search(r'<p class="position">.*?</p>', content, re.S).group(0)
    assert "nearby border marker 423" in position


@pytest.mark.parametrize("prefix", PREFIXES)
def test_a_stand_ins_position_says_it_is_not_known(client, hunchun, prefix):
    content = client.get(url_in(prefix, hunchun["museum"])).content.decode()
    position = re.search(r'<p class="position">.*?</p>', content, re.S).group(0)
    assert "42.860" not in position and "130.360" not in position
    if prefix == "/en":
        assert "Position: not known exactly, somewhere in Hunchun" in position


def test_editors_edit_the_note_in_the_admin(admin_client, hunchun):
    page = admin_client.get(reverse("admin:attractions_attraction_change", args=[hunchun["fangchuan"].pk]))
    content = page.content.decode()
    assert 'name="position_note_en"' in content
    assert "位置的来源或存疑之处" in content  # the help text, in the admin's language
    village_page = admin_client.get(reverse("admin:villages_village_change", args=[hunchun["village"].pk]))
    assert 'name="position_note_zh_hans"' in village_page.content.decode()


def test_demo_data_keeps_the_sources_coordinate_notes():
    call_command("load_demo_data", stdout=StringIO())
    notes = dict(Attraction.objects.exclude(position_note_en="").values_list("name_en", "position_note_en"))
    assert "nearby border marker 423" in notes.values()
    assert "one revision gives 41.164 126.116" in notes.values()
    assert len(notes) == 4
    zhanggufeng = Attraction.objects.get(slug="zhanggufeng-battle-site")
    assert zhanggufeng.position_note_zh_hans == "附近有423号界碑"  # the team's translation, from translations.json
    assert zhanggufeng.position_note_ru == "рядом пограничный знак 423"
