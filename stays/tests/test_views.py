"""The places to stay as visitors see them: /stays/ with its filters, a stay's page, a village's page."""

import pytest

from listings.models import Status
from listings.tests.factories import make_region
from stays.models import SpokenLanguage, StayKind, WinterOpening
from stays.tests.factories import make_stay
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


@pytest.fixture
def stays():
    helong, hunchun = make_region("helong", name_ko="허룽", name_ru="Хэлун"), make_region("hunchun")
    make_region("tumen")  # no place to stay yet
    nanping = make_village(region=helong, slug="nanping-village", name_zh_hans="南坪村", name_en="Nanping")
    hotel = make_stay(
        region=helong,
        village=nanping,
        slug="nanmao-hotel",
        name_zh_hans="南茂酒店",
        name_en="Nanmao Hotel",
        name_ko="난마오 호텔",
        name_ru="Гостиница Наньмао",
        kind=StayKind.HOTEL,
        winter_opening=WinterOpening.OPEN,
        languages_spoken=[SpokenLanguage.CHINESE, SpokenLanguage.KOREAN],
        beds=40,
        phone="0433-512 3456",
        booking_url="https://example.org/book",
    )
    homestay = make_stay(
        region=hunchun,
        slug="fangchuan-homestay",
        name_zh_hans="防川农家乐",
        name_en="Fangchuan Farm Stay",
        kind=StayKind.HOMESTAY,
        beds=None,
    )
    make_stay(region=hunchun, slug="draft-stay", name_en="Draft stay", status=Status.DRAFT)
    return {"hotel": hotel, "homestay": homestay, "nanping": nanping}


def names(response):
    assert response.status_code == 200
    return [stay.name_en for stay in response.context["object_list"]]


def test_the_list_shows_published_stays_west_to_east(client, stays):
    assert names(client.get("/en/stays/")) == ["Nanmao Hotel", "Fangchuan Farm Stay"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("county=hunchun", ["Fangchuan Farm Stay"]),
        ("kind=hotel", ["Nanmao Hotel"]),
        ("kind=homestay&kind=hotel", ["Nanmao Hotel", "Fangchuan Farm Stay"]),
        ("winter=open", ["Nanmao Hotel"]),
        ("winter=unknown", ["Fangchuan Farm Stay"]),
        ("language=ko", ["Nanmao Hotel"]),
        ("language=unknown", ["Fangchuan Farm Stay"]),
        ("language=ru", []),
        ("village=nanping-village", ["Nanmao Hotel"]),
        ("beds=10", ["Nanmao Hotel"]),  # unknown beds never count as enough
        ("q=Fangchuan", ["Fangchuan Farm Stay"]),
    ],
)
def test_each_filter(client, stays, query, expected):
    assert names(client.get(f"/en/stays/?{query}")) == expected


@pytest.mark.parametrize(
    "query",
    ["beds=abc", "kind=palace", "winter=sometimes", "village=atlantis", "language=klingon", "county=mars"],
)
def test_a_filter_it_cannot_read_is_left_out_and_said_so(client, stays, query):
    response = client.get(f"/en/stays/?{query}")
    assert response.status_code == 200
    assert "could not be understood" in response.content.decode()
    assert len(names(response)) == 2


@pytest.mark.parametrize("query", ["q=%00hotel", "beds=%00", "page=999999", "page=abc", "radius=1e999&near=x"])
def test_bad_input_is_never_a_server_error(client, stays, query):
    assert client.get(f"/en/stays/?{query}").status_code in (200, 400, 404)
    assert client.get(f"/en/stays/map.geojson?{query}").status_code in (200, 400, 404)


def test_a_county_without_stays_says_so_and_points_to_its_homestay_villages(client, stays):
    tumen = make_region("tumen")
    make_village(region=tumen, slug="tumen-homestays", name_en="Tumen village", summary_zh_hans="朝鲜族民宿村。")
    make_village(region=tumen, slug="tumen-quiet", name_en="Quiet village", summary_zh_hans="边境小村。")
    content = client.get("/stays/?county=tumen").content.decode()
    assert "图们暂无住宿信息。" in content
    assert "/villages/tumen-homestays/" in content
    assert "/villages/tumen-quiet/" not in content
    assert "暂无住宿信息" not in client.get("/stays/?county=hunchun").content.decode()


def test_a_county_without_stays_nor_homestay_villages_points_to_its_villages(client, stays):
    content = client.get("/en/stays/?county=tumen").content.decode()
    assert "Tumen has no places to stay listed yet." in content
    assert "/en/villages/?county=tumen" in content


@pytest.mark.parametrize(
    ("prefix", "name", "unknown_beds"),
    [
        ("", "南茂酒店", "<dt>床位数</dt><dd>未知</dd>"),
        ("/en", "Nanmao Hotel", "<dt>Number of beds</dt><dd>Unknown</dd>"),
        ("/ko", "난마오 호텔", "<dt>침대 수</dt><dd>알 수 없음</dd>"),
        ("/ru", "Гостиница Наньмао", "<dt>Число спальных мест</dt><dd>неизвестно</dd>"),
    ],
)
def test_the_list_and_the_page_in_four_languages(client, stays, prefix, name, unknown_beds):
    assert name in client.get(f"{prefix}/stays/").content.decode()
    page = client.get(f"{prefix}/stays/nanmao-hotel/")
    assert page.status_code == 200
    assert name in page.content.decode()
    assert unknown_beds in client.get(f"{prefix}/stays/fangchuan-homestay/").content.decode()


def test_the_page_gives_the_facts_contact_and_booking(client, stays):
    content = client.get("/en/stays/nanmao-hotel/").content.decode()
    assert 'href="tel:04335123456"' in content
    assert 'href="https://example.org/book" rel="nofollow noopener"' in content
    assert "Chinese, Korean" in content
    assert "Open all winter" in content
    assert 'href="/en/villages/nanping-village/"' in content
    assert '"@type": "LodgingBusiness"' in content or '"@type":"LodgingBusiness"' in content


def test_unknown_facts_are_said_to_be_unknown(client, stays):
    content = client.get("/stays/fangchuan-homestay/").content.decode()
    for label in ("床位数", "房间数", "冬季", "可用语言", "电话", "预订", "价格"):
        assert f"<dt>{label}</dt><dd>未知</dd>" in content


def test_a_draft_is_not_shown(client, stays):
    assert client.get("/en/stays/draft-stay/").status_code == 404


def test_the_village_page_lists_its_stays(client, stays):
    content = client.get("/villages/nanping-village/").content.decode()
    assert "在这里住宿" in content
    assert "/stays/nanmao-hotel/" in content


def test_the_navigation_and_the_sitemap_name_the_stays(client, stays):
    assert 'href="/en/stays/"' in client.get("/en/").content.decode()
    assert "/stays/nanmao-hotel/" in client.get("/sitemap-stays.xml").content.decode()


def queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_and_a_page_cost_the_same_queries_with_few_or_many_stays(client, stays):
    urls = [
        "/stays/",
        "/en/stays/?county=helong&kind=hotel&winter=open&language=ko&beds=10&village=nanping-village&sort=name",
        "/stays/?county=tumen",
        "/stays/nanmao-hotel/",
        "/villages/nanping-village/",
    ]
    for url in urls:  # warm the process's caches (content types) first
        client.get(url)
    few = {url: queries_for(client, url) for url in urls}
    helong = stays["nanping"].region
    for _ in range(30):
        make_stay(region=helong, village=stays["nanping"], languages_spoken=["ko"], beds=20, winter_opening="open")
    assert {url: queries_for(client, url) for url in urls} == few


def test_an_attraction_page_lists_the_stays_near_it_with_known_positions_only(client, stays):
    from attractions.tests.factories import make_attraction

    helong = stays["nanping"].region
    make_attraction(region=helong, slug="xianjingtai", latitude=42.60, longitude=129.05)
    make_stay(region=helong, slug="near-inn", name_en="Near Inn", latitude=42.61, longitude=129.05)
    make_stay(
        region=helong,
        slug="somewhere-inn",
        name_en="Somewhere Inn",
        latitude=helong.latitude,
        longitude=helong.longitude,
        position_is_approximate=True,
    )
    content = client.get("/en/attractions/xianjingtai/").content.decode()
    assert "Places to stay nearby" in content
    assert "/en/stays/near-inn/" in content and "1.1 km" in content
    assert "/en/stays/somewhere-inn/" not in content  # a stand-in position is near nothing
