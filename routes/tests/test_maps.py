"""Distances, maps, GPX and nearby: a Border Tour a traveller can take along."""

import html
import json
import re
from xml.etree import ElementTree as ET

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from listings.geometry import great_circle_km
from listings.models import Status
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from villages.models import Village
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

GPX = "{http://www.topografix.com/GPX/1/1}"


@pytest.fixture
def tour():
    jian, hunchun = make_region("jian"), make_region("hunchun")
    tomb = make_attraction(
        region=jian, slug="generals-tomb", name_en="General's Tomb", latitude=41.157, longitude=126.187
    )
    bridge = make_attraction(region=jian, slug="rail-bridge", name_en="Rail bridge", latitude=41.156, longitude=126.272)
    hidden = make_attraction(region=jian, slug="hidden", name_en="Hidden draft", status=Status.DRAFT)
    village = make_village(
        region=hunchun, slug="fangchuan-village", name_en="Fangchuan", latitude=42.437, longitude=130.588
    )
    route = make_route(slug="two-days", title_en="Two days", days=[[tomb, bridge, hidden], [village]])
    return {"route": route, "stops": [tomb, bridge, village]}


def svg_of(content):
    return re.search(r'<figure class="map".*?</figure>', content, re.S).group(0)


def test_route_svg_map_has_one_numbered_marker_per_published_stop_in_order(client, tour):
    svg = svg_of(client.get("/en/routes/two-days/").content.decode())
    # The tomb and the rail bridge are 7 km apart: on a phone's map they would touch, so they are one group
    # with both numbers, named in its title; Fangchuan, far east, is its own numbered link.
    group = re.search(r'<g class="map-marker map-group" role="img" data-count="2" data-numbers="1 2">(.*?)</g>', svg)
    assert group, svg
    assert "General&#x27;s Tomb" in group.group(1) and "Rail bridge" in group.group(1)
    assert re.search(r"<text[^>]*>1, 2</text>", group.group(1))
    markers = re.findall(r'<a class="map-marker[^"]*" href="([^"]+)" data-number="(\d+)"', svg)
    with translation.override("en"):
        assert markers == [(tour["stops"][2].get_absolute_url(), "3")]
    assert "Hidden draft" not in svg
    # One line per day, each in its own colour.
    colours = re.findall(r'<polyline class="map-route" points="[^"]+" stroke="([^"]+)"', svg)
    assert len(colours) == 2
    assert colours[0] != colours[1]


def test_route_svg_symbols_are_placed_in_per_cent_and_their_text_is_not_scaled(client, tour):
    """The geometry scales with the page (its own viewBox); the symbols and names do not: they are placed in per cent
    of the map, so the CSS gives their text its size in pixels (12 px on a phone, static/css/site.css "Maps")."""
    svg = svg_of(client.get("/en/routes/two-days/").content.decode())
    outer = re.search(r'<svg class="map-svg"[^>]*>', svg).group(0)
    assert "viewBox" not in outer
    assert re.search(r'<svg class="map-geometry" viewBox="0 0 640 300"', svg)
    for x, y in re.findall(r'<text x="([^"]+)" y="([^"]+)"', svg):
        assert x.endswith("%") and y.endswith("%")
        assert 0 <= float(x[:-1]) <= 100


def test_route_svg_marks_counties_in_corridor_order(client, tour):
    svg = svg_of(client.get("/en/routes/two-days/").content.decode())
    names = re.findall(r'<g class="map-county">.*?<text[^>]*>([^<]+)</text>', svg)
    assert [html.unescape(name) for name in names] == ["Ji'an", "Hunchun"]


def test_place_pages_and_home_carry_an_svg_map(client, tour):
    for url in ["/", "/en/attractions/generals-tomb/", "/ko/villages/fangchuan-village/"]:
        assert svg_of(client.get(url).content.decode())


def test_gpx_has_a_waypoint_per_stop_in_order_and_is_gpx_1_1(client, tour):
    response = client.get("/en/routes/two-days/gpx/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/gpx+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{GPX}gpx"
    assert root.get("version") == "1.1"
    waypoints = root.findall(f"{GPX}wpt")
    assert [w.findtext(f"{GPX}name") for w in waypoints] == ["1. General's Tomb", "2. Rail bridge", "3. Fangchuan"]
    assert [(float(w.get("lat")), float(w.get("lon"))) for w in waypoints] == [
        (place.latitude, place.longitude) for place in tour["stops"]
    ]
    assert "Day 2" in waypoints[2].findtext(f"{GPX}desc")
    assert len(root.findall(f"{GPX}rte/{GPX}rtept")) == 3


def test_gpx_of_a_draft_route_is_a_404(client, tour):
    tour["route"].status = Status.DRAFT
    tour["route"].save()
    assert client.get("/routes/two-days/gpx/").status_code == 404


def test_leg_distances_on_the_page_match_the_great_circle(client, tour):
    content = client.get("/en/routes/two-days/").content.decode()
    first_leg = round(great_circle_km(41.157, 126.187, 41.156, 126.272), 1)
    assert f"{first_leg} km in a straight line" in content


def test_nearby_lists_are_sorted_and_bounded(client):
    region = make_region("hunchun")
    centre = make_attraction(region=region, slug="centre", latitude=42.50, longitude=130.50)
    make_attraction(region=region, slug="two-km", latitude=42.518, longitude=130.50)
    make_attraction(region=region, slug="one-km", latitude=42.509, longitude=130.50)
    make_attraction(region=region, slug="twenty-km", latitude=42.68, longitude=130.50)
    make_village(region=region, slug="village-five-km", latitude=42.545, longitude=130.50)
    content = client.get("/en/attractions/", {"near": centre.slug, "radius": "10"}).content.decode()
    shown = re.findall(r'href="/en/attractions/([a-z0-9-]+)/"', content)
    cards = [slug for slug in dict.fromkeys(shown) if slug in {"centre", "one-km", "two-km", "twenty-km"}]
    assert cards == ["one-km", "two-km"]
    distances = [float(d) for d in re.findall(r"([0-9.]+) km away", content)]
    assert distances == sorted(distances)
    assert all(d <= 10 for d in distances)
    villages = client.get("/en/villages/", {"near": centre.slug, "radius": "10"}).content.decode()
    assert "village-five-km" in villages


def test_nearby_combines_with_other_filters_and_survives_nonsense(client):
    region = make_region("hunchun")
    centre = make_attraction(region=region, slug="centre", latitude=42.50, longitude=130.50)
    make_attraction(region=region, slug="winter-one", latitude=42.51, longitude=130.50, best_seasons=["winter"])
    make_attraction(region=region, slug="summer-one", latitude=42.51, longitude=130.51, best_seasons=["summer"])
    content = client.get("/en/attractions/", {"near": centre.slug, "radius": "30", "season": "winter"}).content.decode()
    assert "winter-one" in content
    assert "/en/attractions/summer-one/" not in content
    for junk in [{"near": "nowhere"}, {"near": "centre", "radius": "abc"}, {"near": "\x00", "radius": "-5"}]:
        assert client.get("/en/attractions/", junk).status_code == 200


def test_list_geojson_takes_the_same_filters_as_the_page(client):
    hunchun, jian = make_region("hunchun"), make_region("jian")
    make_attraction(region=hunchun, slug="in-hunchun")
    make_attraction(region=jian, slug="in-jian")
    make_attraction(region=hunchun, slug="draft-one", status=Status.DRAFT)
    response = client.get("/en/attractions/map.geojson", {"county": "hunchun"})
    assert response["Content-Type"] == "application/geo+json"
    features = json.loads(response.content)["features"]
    assert [f["properties"]["url"] for f in features] == ["/en/attractions/in-hunchun/"]
    everything = json.loads(client.get("/attractions/map.geojson").content)["features"]
    assert len(everything) == 2
    routes = json.loads(client.get("/routes/map.geojson").content)
    assert routes["type"] == "FeatureCollection"


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_route_pages_cost_the_same_queries_whatever_the_route_size(client):
    region = make_region("hunchun")
    make_route(slug="small", days=[[make_attraction(region=region)]])
    big = make_route(
        slug="big",
        days=[[make_attraction(region=region) for _ in range(8)], [make_village(region=region) for _ in range(8)]],
    )
    for suffix in ["", "gpx/"]:
        assert queries(client, f"/routes/small/{suffix}") == queries(client, f"/routes/big/{suffix}")
    assert queries(client, "/routes/map.geojson") <= 6
    make_route(days=[[make_attraction(region=region) for _ in range(5)]])
    few = queries(client, "/routes/map.geojson")
    for _ in range(5):
        make_route(days=[[make_attraction(region=region), make_village(region=region)]])
    assert queries(client, "/routes/map.geojson") == few
    assert big.duration_days == 2


def test_svg_coordinates_are_never_written_with_a_decimal_comma(client, tour):
    """Russian writes 1,5 for 1.5; SVG attributes must keep the dot or the map breaks."""
    for prefix in ["/ru", "/ko", ""]:
        svg = svg_of(client.get(f"{prefix}/routes/two-days/").content.decode())
        for value in re.findall(r' (?:cx|cy|x|y)="([^"]+)"', svg):
            float(value.removesuffix("%"))  # symbols are placed in per cent
        for points in re.findall(r'points="([^"]+)"', svg):
            for pair in points.split():
                x, y = pair.split(",")
                float(x), float(y)


@pytest.mark.parametrize("language", ["zh-hans", "en", "ko", "ru"])
def test_map_points_show_what_the_listing_shows(language):
    """Read without model instances, a map point still has the listing's name in the page's language (or its
    fallback, marked nowhere on a map), its address and its position."""
    hunchun = make_region("hunchun")
    make_attraction(region=hunchun, slug="both", name_zh_hans="防川", name_en="Fangchuan", name_ko="팡촨")
    make_attraction(region=hunchun, slug="chinese-only", name_zh_hans="口岸", name_en="", position_is_approximate=True)
    make_village(region=hunchun, slug="english-too", name_zh_hans="村", name_en="Village", name_ru="Деревня")
    with translation.override(language):
        for model in (Attraction, Village):
            listings = list(model.objects.published().order_by("slug"))
            points = model.objects.published().order_by("slug").map_points()
            assert [
                (p.name, p.url, p.latitude, p.longitude, p.position_is_approximate, str(p), p.get_absolute_url())
                for p in points
            ] == [
                (
                    str(m),
                    m.get_absolute_url(),
                    m.latitude,
                    m.longitude,
                    m.position_is_approximate,
                    str(m),
                    m.get_absolute_url(),
                )
                for m in listings
            ]


def test_place_maps_make_no_model_instances(client):
    """The home page's map and the places' map data read map points: hundreds of markers, no model instances."""
    region = make_region("hunchun")
    for n in range(12):
        make_attraction(region=region, slug=f"place-{n}")
        make_village(region=region, slug=f"village-{n}")
    made = []

    def count(sender, **kwargs):
        made.append(sender)

    post_init.connect(count, sender=Attraction)
    post_init.connect(count, sender=Village)
    try:
        for url in ["/en/attractions/map.geojson", "/villages/map.geojson"]:
            features = json.loads(client.get(url).content)["features"]
            assert len(features) == 12
        assert made == []
        content = client.get("/en/").content.decode()
        # Twelve attractions on one spot and twelve villages on another: two groups of twelve on the map.
        groups = re.findall(r'<g class="map-marker map-group" role="img" data-count="(\d+)">', content)
        assert [int(count) for count in groups] == [12, 12]
        assert '/en/attractions/place-3/"' in content
        # The home page's cards ("good this season") are listings; its map made none.
        assert len(made) <= 6
    finally:
        post_init.disconnect(count, sender=Attraction)
        post_init.disconnect(count, sender=Village)
