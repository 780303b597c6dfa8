"""A county's page: its name in four languages, what the portal holds there (saying when it has none yet), and its
nearest airports and stations with straight-line distances measured only from its exactly placed places, never from
the county's own map-read position nor from a stand-in."""

import datetime
import html as html_text
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime

from attractions.models import Attraction
from attractions.tests.factories import make_attraction
from events.tests.factories import make_event
from hubs.models import HubKind
from hubs.tests.factories import make_hub
from listings.geometry import great_circle_km
from listings.models import Status
from listings.tests.factories import make_region
from ports.tests.factories import make_port
from routes.tests.factories import make_route
from stays.tests.factories import make_stay
from villages.models import Village
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)
YANJI_AIRPORT = (42.882, 129.450)
TUMEN_STATION = (42.960, 129.850)
# A place of Hunchun placed by a source, and one whose position is Hunchun's seat standing in.
BORDER_BRIDGE = (42.870, 130.250)


@pytest.fixture(autouse=True)
def fixed_today(set_day):
    set_day(TODAY)


@pytest.fixture
def hunchun():
    region = make_region(
        "hunchun",
        name_ko="훈춘",
        name_ru="Хуньчунь",
        summary_zh_hans="中俄朝三国交界的边境城市。",
        summary_en="The border city where China, Russia and North Korea meet.",
        summary_ko="중국·러시아·북한 세 나라가 만나는 국경 도시.",
        summary_ru="Пограничный город на стыке Китая, России и КНДР.",
    )
    bridge = make_attraction(
        region=region,
        slug="border-bridge",
        name_zh_hans="边境桥",
        name_en="Border bridge",
        name_ko="국경 다리",
        name_ru="Пограничный мост",
        latitude=BORDER_BRIDGE[0],
        longitude=BORDER_BRIDGE[1],
    )
    # A stand-in position right on Tumen station: were it measured from, Tumen station would be 0 km away.
    make_village(
        region=region,
        slug="stand-in-village",
        name_en="Stand-in village",
        latitude=TUMEN_STATION[0],
        longitude=TUMEN_STATION[1],
        position_is_approximate=True,
    )
    make_attraction(region=region, slug="hidden-draft", name_en="Hidden draft", status=Status.DRAFT)
    make_port(region=region, slug="quanhe-port", name_en="Quanhe port")
    make_event(region=region, slug="hunchun-fair", name_en="Hunchun fair")
    make_route(slug="east-end", title_en="The east end", days=[[bridge]])
    make_hub(
        slug="yanji-airport",
        kind=HubKind.AIRPORT,
        name_zh_hans="延吉机场",
        name_en="Yanji airport",
        latitude=YANJI_AIRPORT[0],
        longitude=YANJI_AIRPORT[1],
    )
    make_hub(slug="tumen-station", name_en="Tumen station", latitude=TUMEN_STATION[0], longitude=TUMEN_STATION[1])
    make_hub(slug="hunchun-station", name_zh_hans="珲春站", name_en="Hunchun station", region=region)
    return region


def page(client, region, language="zh-hans"):
    with translation.override(language):
        url = region.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_county_page_has_an_address_in_every_language(hunchun):
    addresses = []
    for language in ("zh-hans", "en", "ko", "ru"):
        with translation.override(language):
            addresses.append(hunchun.get_absolute_url())
    assert addresses == [
        "/counties/hunchun/",
        "/en/counties/hunchun/",
        "/ko/counties/hunchun/",
        "/ru/counties/hunchun/",
    ]


@pytest.mark.parametrize(
    ("language", "name", "summary"),
    [
        ("zh-hans", "珲春", "中俄朝三国交界的边境城市。"),
        ("en", "Hunchun", "The border city where China, Russia and North Korea meet."),
        ("ko", "훈춘", "중국·러시아·북한 세 나라가 만나는 국경 도시."),
        ("ru", "Хуньчунь", "Пограничный город на стыке Китая, России и КНДР."),
    ],
)
def test_the_county_page_names_and_describes_it_in_the_pages_language(client, hunchun, language, name, summary):
    html = page(client, hunchun, language)
    assert f"<h1>{name}</h1>" in html
    assert summary in html
    if language != "zh-hans":
        assert 'class="chinese-name"' in html and "珲春" in html  # the Chinese name alongside


def test_the_county_page_shows_what_the_portal_holds_there_and_says_what_it_has_none_of(client, hunchun):
    html = page(client, hunchun, "en")
    for shown in ("Border bridge", "Stand-in village", "Quanhe port", "The east end", "Hunchun fair"):
        assert shown in html
    assert "Hidden draft" not in html
    assert "No place to stay in this county is listed yet." in html
    assert "/en/attractions/?county=hunchun" in html


def test_a_place_to_stay_replaces_the_none_yet_sentence(client, hunchun):
    make_stay(region=hunchun, name_en="River hotel", position_is_approximate=True)
    html = page(client, hunchun, "en")
    assert "River hotel" in html
    assert "No place to stay in this county is listed yet." not in html


def hub_lines(html):
    """{hub name: the text after it} of the nearest-hubs section."""
    section = html.split('id="hubs-heading"')[1].split("</section>")[0]
    return {
        html_text.unescape(name): html_text.unescape(" ".join(re.sub(r"<[^>]+>", "", rest).split()))
        for name, rest in re.findall(r'<li><a href="[^"]+">([^<]+)</a>(.*?)</li>', section, re.S)
    }


def test_hub_distances_are_measured_from_the_exactly_placed_place_and_say_so(client, hunchun):
    lines = hub_lines(page(client, hunchun, "zh-hans"))
    to_tumen = round(great_circle_km(*BORDER_BRIDGE, *TUMEN_STATION))
    to_yanji = round(great_circle_km(*BORDER_BRIDGE, *YANJI_AIRPORT))
    assert to_tumen > 0  # not from the stand-in village sitting on the station
    assert lines["枢纽tumen-station"].endswith(f"距边境桥直线约 {to_tumen} 公里")
    assert lines["延吉机场"].endswith(f"距边境桥直线约 {to_yanji} 公里")
    assert list(lines)[:2] == ["枢纽tumen-station", "延吉机场"]  # nearest first
    assert lines["珲春站"].endswith("位置不详，无距离")
    english = hub_lines(page(client, hunchun, "en"))
    assert english["Tumen station"].endswith(f"{to_tumen} km in a straight line from Border bridge")


def test_the_county_seat_is_no_origin(client, hunchun):
    """The county's own position (a map reading) would put Tumen station much nearer than the bridge does."""
    seat = (hunchun.latitude, hunchun.longitude)
    from_seat = round(great_circle_km(*seat, *TUMEN_STATION))
    from_bridge = round(great_circle_km(*BORDER_BRIDGE, *TUMEN_STATION))
    assert from_seat != from_bridge
    assert f"{from_bridge} km" in hub_lines(page(client, hunchun, "en"))["Tumen station"]


def test_a_county_without_an_exactly_placed_place_names_its_hubs_without_distances_and_says_why(client):
    tumen = make_region("tumen")
    make_village(
        region=tumen,
        slug="only-stand-in",
        latitude=TUMEN_STATION[0],
        longitude=TUMEN_STATION[1],
        position_is_approximate=True,
    )
    make_hub(slug="tumen-own-station", name_en="Tumen's own station", region=tumen, latitude=42.96, longitude=129.85)
    make_hub(slug="far-airport", name_en="Far airport", kind=HubKind.AIRPORT, latitude=43.9, longitude=125.6)
    html = page(client, tumen, "en")
    lines = hub_lines(html)
    assert list(lines) == ["Tumen's own station"]
    assert "km" not in lines["Tumen's own station"]
    assert "No place of this county has a position a source gives, so no distance can be measured" in html


def test_an_unknown_county_is_a_404(client):
    assert client.get("/en/counties/atlantis/").status_code == 404


def test_the_county_page_costs_the_same_queries_with_more_listings(client, hunchun, django_assert_max_num_queries):
    page(client, hunchun, "en")
    for n in range(8):
        make_attraction(region=hunchun, slug=f"more-{n}")
        make_village(region=hunchun, slug=f"more-village-{n}")
    with django_assert_max_num_queries(30):
        html = page(client, hunchun, "en")
    assert "See all 9, with filters and a map" in html


def test_place_pages_link_their_county_page(client, hunchun):
    with translation.override("en"):
        url = reverse("attractions:detail", kwargs={"slug": "border-bridge"})
    assert 'href="/en/counties/hunchun/"' in client.get(url).content.decode()


def test_the_sitemap_lists_every_county_page_in_every_language_dated_by_its_latest_listing(client, hunchun):
    empty = make_region("jian")
    sections = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-counties.xml" in sections
    xml = client.get("/sitemap-counties.xml").content.decode()
    for prefix in ("", "/en", "/ko", "/ru"):
        assert f"<loc>http://testserver{prefix}/counties/hunchun/</loc>" in xml
        assert f"<loc>http://testserver{prefix}/counties/jian/</loc>" in xml
    latest = max(
        model.objects.filter(region=hunchun).latest("updated_at").updated_at for model in (Attraction, Village)
    )
    assert f"<lastmod>{localtime(latest).date().isoformat()}" in xml
    assert empty.get_absolute_url() == "/counties/jian/"


def test_searching_a_county_by_name_links_its_page(client, hunchun):
    for query, prefix in (("珲春", ""), ("Hunchun", "/en"), ("훈춘", "/ko"), ("Хуньчунь", "/ru")):
        html = client.get(f"{prefix}/search/", {"q": query}).content.decode()
        assert f'href="{prefix}/counties/hunchun/"' in html, query


# The lists filtered by one county -----------------------------------------------------------------------------


def test_a_list_of_attractions_of_one_county_links_its_page_and_its_places_to_stay(client, hunchun):
    html = client.get("/en/attractions/", {"county": "hunchun"}).content.decode()
    assert 'href="/en/counties/hunchun/"' in html
    assert '<a href="/en/stays/?county=hunchun">Places to stay in Hunchun: none yet</a>' in html
    make_stay(region=hunchun, position_is_approximate=True)
    make_stay(region=hunchun, position_is_approximate=True)
    make_stay(region=hunchun, status=Status.DRAFT)
    html = client.get("/villages/", {"county": "hunchun"}).content.decode()
    assert '<a href="/stays/?county=hunchun">珲春的住宿：2 处</a>' in html
    assert 'href="/counties/hunchun/"' in html


def test_a_list_of_two_counties_or_none_links_no_county(client, hunchun):
    make_region("jian")
    for query in ({}, {"county": ["hunchun", "jian"]}):
        html = client.get("/en/attractions/", query).content.decode()
        assert "county-links" not in html


def test_a_list_of_places_to_stay_of_one_county_links_back_to_its_page(client, hunchun):
    html = client.get("/ko/stays/", {"county": "hunchun"}).content.decode()
    assert 'href="/ko/counties/hunchun/"' in html
    assert "숙소: 아직 없음" not in html  # no link to the list it is on


def test_a_county_with_neither_a_placed_place_nor_a_hub_says_so(client):
    linjiang = make_region("linjiang")
    make_attraction(region=linjiang, slug="somewhere-in-linjiang", position_is_approximate=True)
    make_hub(slug="elsewhere-airport", kind=HubKind.AIRPORT, latitude=43.9, longitude=125.6)
    html = page(client, linjiang, "en")
    assert hub_lines(html) == {}
    assert "No airport or station in this county in our sources." in html
    assert "the nearest airports and stations cannot be measured" in html


def test_the_home_page_and_getting_there_link_every_county_page(client, hunchun):
    jian = make_region("jian")
    for path in ("/en/", "/en/getting-there/"):
        html = client.get(path).content.decode()
        assert 'href="/en/counties/hunchun/"' in html and f'href="/en/counties/{jian.slug}/"' in html, path


def test_hub_and_event_pages_link_their_county_page(client, hunchun):
    assert 'href="/en/counties/hunchun/"' in client.get("/en/getting-there/hunchun-station/").content.decode()
    assert 'href="/en/counties/hunchun/"' in client.get("/en/events/hunchun-fair/").content.decode()
