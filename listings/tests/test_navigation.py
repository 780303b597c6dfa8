"""Opening a place in the navigation apps used in China: coordinates converted as each app expects."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation

from attractions.tests.factories import make_attraction
from events.tests.factories import make_event
from hubs.tests.factories import make_hub
from listings.navigation import gcj02_to_bd09, navigation_links, wgs84_to_bd09, wgs84_to_gcj02

from .factories import make_region

# The published test values of wandergis/coordtransform (test/app.js), the conversions most Chinese map code uses.
PUBLISHED = [
    (wgs84_to_gcj02, (116.404, 39.915), (116.41024449916938, 39.91640428150164)),
    (gcj02_to_bd09, (116.404, 39.915), (116.41036949371029, 39.92133699351021)),
]


@pytest.mark.parametrize(("convert", "position", "expected"), PUBLISHED)
def test_conversions_give_the_published_values(convert, position, expected):
    assert convert(*position) == pytest.approx(expected, abs=1e-9)


def test_on_the_corridor_the_offset_is_hundreds_of_metres_north_east_and_baidu_adds_its_own():
    longitude, latitude = 129.85, 42.96  # Tumen
    gcj_longitude, gcj_latitude = wgs84_to_gcj02(longitude, latitude)
    assert 0.002 < gcj_longitude - longitude < 0.01
    assert 0.0005 < gcj_latitude - latitude < 0.005
    bd_longitude, bd_latitude = wgs84_to_bd09(longitude, latitude)
    assert bd_longitude > gcj_longitude and bd_latitude > gcj_latitude


def query_of(url):
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


def test_a_known_position_opens_in_amap_in_gcj02_in_baidu_in_bd09_and_elsewhere_in_wgs84():
    amap, baidu, geo = navigation_links("图们江", "图们", 42.96, 129.85, approximate=False)
    gcj_longitude, gcj_latitude = wgs84_to_gcj02(129.85, 42.96)
    assert query_of(amap.url)["position"] == f"{gcj_longitude:.6f},{gcj_latitude:.6f}"
    assert query_of(amap.url)["coordinate"] == "gaode"
    bd_longitude, bd_latitude = wgs84_to_bd09(129.85, 42.96)
    assert query_of(baidu.url)["location"] == f"{bd_latitude:.6f},{bd_longitude:.6f}"
    assert query_of(baidu.url)["coord_type"] == "bd09ll"
    assert geo.url == "geo:42.960000,129.850000?q=42.960000,129.850000"


def test_an_approximate_position_is_never_given_to_an_app_it_searches_the_name_in_the_county():
    links = navigation_links("钱湾村", "集安", 41.12, 126.18, approximate=True)
    assert [query_of(link.url) for link in links[:2]] == [
        {"keyword": "钱湾村", "city": "集安", "callnative": "1"},
        {"query": "钱湾村", "region": "集安", "output": "html", "src": "webapp.g331corridor.portal"},
    ]
    assert "41.12" not in " ".join(link.url for link in links)
    assert links[2].url == "geo:0,0?q=%E9%92%B1%E6%B9%BE%E6%9D%91%20%E9%9B%86%E5%AE%89"


@pytest.mark.django_db
def test_a_place_page_offers_the_apps_in_the_visitors_language(client):
    tumen = make_region("tumen", name_zh_hans="图们")
    exact = make_attraction(region=tumen, slug="riverside", name_zh_hans="图们江广场", latitude=42.96, longitude=129.85)
    content = client.get("/en" + exact.get_absolute_url()).content.decode()
    assert "Open in AMap" in content and "Open in Baidu Maps" in content
    assert "uri.amap.com/marker" in content

    approximate = make_attraction(region=tumen, slug="somewhere", name_zh_hans="某地", position_is_approximate=True)
    with translation.override("zh-hans"):
        address = approximate.get_absolute_url()
    content = client.get(address).content.decode()
    assert "在高德地图中搜索" in content
    assert "uri.amap.com/marker" not in content


@pytest.mark.django_db
def test_an_event_offers_its_venues_apps_and_a_hub_its_own(client):
    tumen = make_region("tumen", name_zh_hans="图们")
    venue = make_attraction(region=tumen, slug="riverside", name_zh_hans="图们江广场", latitude=42.96, longitude=129.85)
    event = make_event(attraction=venue, slug="river-festival")
    assert "uri.amap.com/marker" in client.get("/en" + event.get_absolute_url()).content.decode()
    located = make_hub(region=tumen, slug="tumen-airport", name_zh_hans="图们机场", latitude=42.9, longitude=129.8)
    assert located.has_position
    assert "uri.amap.com/marker" in client.get("/en/getting-there/tumen-airport/").content.decode()
    unknown = make_hub(region=tumen, slug="tumen-north", name_zh_hans="图们北站", latitude=None, longitude=None)
    assert not unknown.has_position
    content = client.get("/en/getting-there/tumen-north/").content.decode()
    assert "uri.amap.com/search" in content and "uri.amap.com/marker" not in content
