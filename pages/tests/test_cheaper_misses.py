"""What every page shares (the header's menu, the footer, the language links) and search's listings, kept between
renderings (listings/templatetags/shell.py, pages/search.py): with the page cache off, an edit shows at once, and a
page is the same as rendered without them."""

import datetime

import pytest
from django.test import override_settings

from attractions.tests.factories import make_attraction
from events.models import Recurrence
from events.tests.factories import make_event
from listings.models import Status
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def fragment_cache(settings):
    settings.PAGE_CACHE_ENABLED = False  # every page rendered; only the kept parts may come from a cache
    settings.FRAGMENT_CACHE_ENABLED = True


def footer(page):
    return page[page.index('<footer class="site-footer">') : page.index("</footer>")]


def test_pages_with_their_kept_parts_are_the_pages_rendered_without_them(client):
    hunchun = make_region("hunchun")
    make_attraction(region=hunchun, slug="fangchuan", name_en="Fangchuan", name_ko="방천")
    make_village(region=hunchun, slug="jingxin", name_en="Jingxin Village")
    make_route(slug="yalu", title_en="Along the Yalu")
    paths = ["/", "/attractions/", "/villages/", "/routes/", "/search/?q=fangchuan", "/attractions/fangchuan/"]
    for prefix in ("", "/en", "/ko", "/ru"):
        for path in paths:
            with override_settings(FRAGMENT_CACHE_ENABLED=False):
                fresh = client.get(prefix + path).content
            assert client.get(prefix + path).content == fresh, prefix + path  # parts rendered and kept
            assert client.get(prefix + path).content == fresh, prefix + path  # parts taken from where they were kept


def test_a_renamed_or_added_county_shows_in_the_footer_at_once(client):
    county = make_region("hunchun")
    assert "Hunchun" in footer(client.get("/en/villages/").content.decode())
    county.name_en = "Hunchun City"
    county.save()
    assert "Hunchun City" in footer(client.get("/en/villages/").content.decode())
    make_region("changbai", name_en="Changbai Korean Autonomous County")
    page_footer = footer(client.get("/en/villages/").content.decode())
    assert "Hunchun City" in page_footer
    assert "Changbai Korean Autonomous County" in page_footer


def test_the_menu_marks_the_section_of_each_page(client):
    make_region("hunchun")
    for path, section in (("/en/attractions/", "attractions"), ("/en/villages/", "villages"), ("/en/", None)):
        page = client.get(path).content.decode()
        menu = page[page.index('<nav class="main-nav') : page.index("</nav>", page.index('<nav class="main-nav'))]
        marked = [line for line in menu.splitlines() if 'aria-current="page"' in line]
        if section is None:
            assert marked == []
        else:
            assert len(marked) == 1
            assert f'href="/en/{section}/"' in marked[0]


def test_the_language_links_lead_to_the_same_page_in_each_language(client):
    make_region("hunchun")
    client.get("/en/search/?q=yalu")  # the same path asked in another language first
    page = client.get("/ko/search/?q=yalu").content.decode()
    switcher = page[page.index('<nav class="language-switcher') :]
    for link in ('href="/search/?q=yalu"', 'href="/en/search/?q=yalu"', 'href="/ru/search/?q=yalu"'):
        assert link in switcher


def search_page(client, words):
    return client.get(f"/en/search/?q={words}").content.decode()


def test_search_shows_an_edit_an_unpublished_listing_and_a_new_one_at_once(client):
    place = make_attraction(slug="fangchuan", name_en="Fangchuan Scenic Area")
    assert "Fangchuan Scenic Area" in search_page(client, "fangchuan")
    place.name_en = "Fangchuan, where three countries meet"
    place.save()
    page = search_page(client, "fangchuan")
    assert "Fangchuan, where three countries meet" in page
    assert "Fangchuan Scenic Area" not in page
    place.status = Status.DRAFT
    place.save()
    assert "Fangchuan, where three countries meet" not in search_page(client, "fangchuan")
    make_village(slug="fangchuan-village", name_en="Fangchuan Village")
    assert "Fangchuan Village" in search_page(client, "fangchuan")


def test_search_shows_a_renamed_county_at_once(client):
    county = make_region("hunchun")
    make_attraction(region=county, slug="fangchuan", name_en="Fangchuan")
    assert "Hunchun" in search_page(client, "fangchuan")
    county.name_en = "Hunchun City"
    county.save()
    page = search_page(client, "fangchuan")
    assert "Hunchun City" in page[: page.index('<footer class="site-footer">')]  # on the card, not only the footer


def test_search_is_kept_per_language(client):
    make_attraction(
        slug="fangchuan", name_zh_hans="防川风景名胜区", name_en="Fangchuan Scenic Area", name_ko="방천 풍경구"
    )
    assert "Fangchuan Scenic Area" in search_page(client, "fangchuan")
    assert "방천 풍경구" in client.get("/ko/search/?q=fangchuan").content.decode()
    assert "防川风景名胜区" in client.get("/search/?q=fangchuan").content.decode()


def test_search_shows_a_new_event_this_month_and_drops_it_once_over(client, set_day):
    day = datetime.date(2027, 7, 15)
    set_day(day)
    assert "Tumen River Lantern Night" not in search_page(client, "lantern")
    make_event(
        slug="lantern-night",
        name_en="Tumen River Lantern Night",
        recurrence=Recurrence.ONCE,
        usual_month_start=None,
        starts_on=day,
        ends_on=day,
    )
    assert "Tumen River Lantern Night" in search_page(client, "lantern")
    set_day(day + datetime.timedelta(days=2))  # the day changes, no listing does: a coming event no more
    assert "Tumen River Lantern Night" not in search_page(client, "lantern")


def test_a_search_asked_again_costs_one_query_for_its_listings(client, django_assert_num_queries):
    make_attraction(slug="fangchuan", name_en="Fangchuan Scenic Area")
    make_route(slug="yalu", title_en="Along the Yalu")
    search_page(client, "fangchuan")
    # Warm: the stamp of the tables search reads (its listings) and that of the counties (the footer); no other.
    with django_assert_num_queries(2):
        assert "Fangchuan Scenic Area" in search_page(client, "fangchuan")


@override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Nothing listens on port 9: every request to this cache fails at once.
        "down": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"},
    },
    PAGE_CACHE_ALIAS="down",
)
def test_search_with_its_cache_down_still_finds(client):
    make_attraction(slug="fangchuan", name_en="Fangchuan Scenic Area")
    for _ in range(2):
        response = client.get("/en/search/?q=fangchuan")
        assert response.status_code == 200
        assert "Fangchuan Scenic Area" in response.content.decode()
