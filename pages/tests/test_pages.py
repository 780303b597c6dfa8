"""Every public page answers, hides drafts, and costs the same queries whatever the table size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from attractions.tests.factories import make_attraction
from listings.models import Status
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db


@pytest.fixture
def corridor():
    jian, hunchun = make_region("jian"), make_region("hunchun")
    attraction = make_attraction(region=jian, slug="generals-tomb", name_zh_hans="将军坟", name_en="General's Tomb")
    village = make_village(region=hunchun, slug="fangchuan-village", name_zh_hans="防川村", name_en="Fangchuan")
    draft = make_attraction(region=hunchun, slug="secret-draft", name_en="Secret draft place", status=Status.DRAFT)
    route = make_route(slug="whole-border", title_en="Whole border", days=[[attraction], [village, draft]])
    return {"attraction": attraction, "village": village, "draft": draft, "route": route}


@pytest.mark.parametrize(
    "url_name",
    ["home", "search", "attractions:list", "villages:list", "routes:list"],
)
def test_public_pages_answer(client, corridor, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert b"Secret draft place" not in response.content


def test_detail_pages_show_their_listing(client, corridor):
    assert "将军坟" in client.get("/attractions/generals-tomb/").content.decode()
    assert "防川村" in client.get("/villages/fangchuan-village/").content.decode()
    page = client.get("/routes/whole-border/").content.decode()
    assert "将军坟" in page
    assert "防川村" in page


def test_a_draft_is_a_404_and_absent_from_lists_and_routes(client, corridor):
    assert client.get("/attractions/secret-draft/").status_code == 404
    assert "Secret draft place" not in client.get("/en/attractions/").content.decode()
    assert "Secret draft place" not in client.get("/en/routes/whole-border/").content.decode()
    assert "Secret draft place" not in client.get("/en/search/?q=secret").content.decode()


def test_attraction_page_lists_nearby_places_and_its_tours(client, corridor):
    make_attraction(region=corridor["attraction"].region, slug="next-door", name_en="Next door")
    page = client.get("/en/attractions/generals-tomb/").content.decode()
    assert "Next door" in page
    assert "Whole border" in page


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/en/attractions/no-such-place/")
    assert response.status_code == 404
    assert "Back to the home page" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "999999", "-1", "0"])
def test_bad_page_numbers_are_404_not_500(client, corridor, page):
    assert client.get("/attractions/", {"page": page}).status_code == 404


def test_pagination_keeps_the_other_parameters(client):
    region = make_region("jian")
    for _ in range(30):
        make_attraction(region=region)
    page = client.get("/attractions/?sort=name").content.decode()
    assert "?sort=name&amp;page=2" in page


def test_search_finds_by_chinese_and_english_name(client, corridor):
    assert "将军坟" in client.get("/search/", {"q": "将军"}).content.decode()
    assert "General" in client.get("/en/search/", {"q": "general"}).content.decode()


@pytest.mark.parametrize("q", ["\x00", "a" * 5000, "%00", "<script>alert(1)</script>"])
def test_search_survives_strange_input(client, corridor, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(n):
    """n more published attractions and villages in several counties, each on a route."""
    regions = [make_region(slug) for slug in ("jian", "linjiang", "changbai", "helong", "tumen", "hunchun")]
    for i in range(n):
        attraction = make_attraction(region=regions[i % len(regions)], best_seasons=["summer", "winter"])
        village = make_village(region=regions[i % len(regions)])
        make_route(days=[[attraction, village]])


# Every public page that grows with the data: lists with several filters (and their facet counts),
# search, and the detail pages of listings that sit among the others and on routes.
GROWING_PAGES = [
    "/",
    "/attractions/",
    "/attractions/?county=hunchun&county=tumen&season=winter&category=natural&free=1&a_level=0&sort=name",
    "/en/attractions/?q=Attraction&season=summer&sort=a_level&page=1",
    "/villages/",
    "/villages/?county=jian&culture=korean&homestays=1&q=village&sort=newest",
    "/routes/",
    "/routes/?days=1&season=winter&theme=border&transport=self-drive&county=helong&sort=name",
    "/search/?q=Attraction",
    "/en/search/?q=Atraction",
    "/attractions/first-attraction/",
    "/villages/first-village/",
    "/routes/first-route/",
]

# Pinned so an extra query per page is a decision, not an accident.
EXPECTED_QUERIES = {
    # Every page: one reads the counties for the footer (all of them, from the database).
    # Counties with their counts (the totals are their sums); two draw the corridor map's places; one finds
    # the ports open today, one this month's events; the attractions good this season have photos on every day;
    # one reads the airports and stations of every county; one finds the season's picture (a photo with its place).
    "/": 12,
    # The number of results comes with the facet counts, in one aggregate.
    "/attractions/": 5,
    "/villages/": 5,
    "/routes/": 6,
    # Seven kinds of listing (places to stay, the airports and stations too), each searched as written; photos.
    "/search/?q=Attraction": 9,
    # Nothing spelt so: the seven kinds again, for near misses.
    "/en/search/?q=Atraction": 16,
}


def test_every_page_costs_the_same_queries_with_5_or_200_listings(client, any_day):
    region = make_region("hunchun")
    # Good in every season, so "good this season" on the home page has a card (and its photos) on any day.
    attraction = make_attraction(
        region=region, slug="first-attraction", best_seasons=["spring", "summer", "autumn", "winter"]
    )
    village = make_village(region=region, slug="first-village")
    make_route(slug="first-route", days=[[attraction, village], [village]])
    grow(4)
    for url in GROWING_PAGES:  # once to warm the process's caches (content types), whichever test ran before
        client.get(url)
    few = {url: queries_for(client, url) for url in GROWING_PAGES}
    grow(196)
    many = {url: queries_for(client, url) for url in GROWING_PAGES}
    assert many == few
    assert {url: few[url] for url in EXPECTED_QUERIES} == EXPECTED_QUERIES
    # A misspelt search (seven kinds searched as written, then for near misses), a village page (its notes and events),
    # each with the footer's counties.
    assert max(few.values()) <= 16


def test_detail_pages_cost_the_same_queries_whatever_their_size(client):
    region = make_region("hunchun")
    small = make_route(slug="small", days=[[make_attraction(region=region)]])
    big = make_route(
        slug="big",
        days=[[make_attraction(region=region) for _ in range(6)], [make_village(region=region) for _ in range(6)]],
    )
    assert queries_for(client, small.get_absolute_url()) == queries_for(client, big.get_absolute_url())
    attraction = make_attraction(region=region, slug="centre")
    few = queries_for(client, attraction.get_absolute_url())
    for _ in range(10):
        make_attraction(region=region)
        make_village(region=region)
    assert queries_for(client, attraction.get_absolute_url()) == few


def test_the_footer_lists_every_county_from_the_database_in_road_order(client):
    """All of them, Hunjiang too, with its uncertain place in the order said where the order is shown."""
    make_region("hunchun")
    make_region("jian")
    make_region("hunjiang", name_en="Hunjiang", corridor_order=2, order_confidence="low")
    footer = client.get("/en/villages/").content.decode().split('<footer class="site-footer">')[1]
    assert footer.index("Ji&#x27;an") < footer.index("Hunjiang") < footer.index("Hunchun")
    assert 'Hunjiang <small class="muted">(position in the road order uncertain)</small>' in footer
    assert footer.count("uncertain") == 1
    home = client.get("/en/").content.decode()
    assert "position in the road order uncertain" in home.split('id="counties-heading"')[1]


@pytest.mark.parametrize(
    ("prefix", "uncertain"),
    [
        ("", "在公路沿线顺序中的位置不确定"),
        ("/ko", "도로 순서상 위치 불확실"),
        ("/ru", "место в порядке по дороге не установлено"),
    ],
)
def test_the_uncertain_road_order_is_said_in_every_language(client, prefix, uncertain):
    make_region("hunjiang", name_en="Hunjiang", corridor_order=2, order_confidence="low")
    assert uncertain in client.get(f"{prefix}/villages/").content.decode()
