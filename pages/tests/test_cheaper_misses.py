"""What every page shares (the header's menu, the footer, the language links) and search's listings, kept between
renderings (listings/templatetags/shell.py, pages/search.py): with the page cache off, an edit shows at once, and a
page is the same as rendered without them."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from attractions.models import AttractionPhoto
from attractions.tests.factories import make_attraction
from events.tests.factories import make_event, make_one_day_event
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
    make_one_day_event(day, slug="lantern-night", name_en="Tumen River Lantern Night")
    assert "Tumen River Lantern Night" in search_page(client, "lantern")
    set_day(day + datetime.timedelta(days=2))  # the day changes, no listing does: a coming event no more
    assert "Tumen River Lantern Night" not in search_page(client, "lantern")


def test_search_shows_a_new_cover_photo_text_though_the_listing_was_not_saved(client):
    place = make_attraction(slug="fangchuan", name_en="Fangchuan Scenic Area")
    photo = AttractionPhoto.objects.create(
        attraction=place, image="photos/2026/01/lake.jpg", width=1600, height=1200, alt_text_en="Blue water"
    )
    assert 'alt="Blue water"' in search_page(client, "fangchuan")
    photo.alt_text_en = "The river under snow"
    photo.save()
    page = search_page(client, "fangchuan")
    assert 'alt="The river under snow"' in page
    assert "Blue water" not in page


def test_a_search_asked_again_runs_one_query_on_any_day(client, any_day, django_assert_num_queries):
    make_attraction(slug="fangchuan", name_en="Fangchuan Scenic Area")
    make_route(slug="yalu", title_en="Along the Yalu")
    make_event(slug="fangchuan-festival", name_en="Fangchuan Festival")
    cold = CaptureQueriesContext(connection)
    with cold:
        search_page(client, "fangchuan")
    assert len(cold) == 10  # the counties' stamp and the counties (the footer), and search's eight queries
    # Warm: only the stamp of the counties the footer names; the listings found come with the tags' versions.
    with django_assert_num_queries(1):
        assert "Fangchuan Scenic Area" in search_page(client, "fangchuan")


def test_search_with_its_cache_down_still_finds(client, page_cache_down):
    make_attraction(slug="fangchuan", name_en="Fangchuan Scenic Area")
    for _ in range(2):
        response = client.get("/en/search/?q=fangchuan")
        assert response.status_code == 200
        assert "Fangchuan Scenic Area" in response.content.decode()


# The home page's content, kept under the day, the language and the stamp of every table it shows -----------------

WINTER_DAY, SUMMER_DAY = datetime.date(2027, 1, 15), datetime.date(2027, 7, 15)


def home_content(client, path="/en/"):
    page = client.get(path).content.decode()
    return page[page.index('<main id="main"') : page.index('<footer class="site-footer">')]


def test_home_shows_an_edited_place_county_and_tour_at_once(client, set_day):
    set_day(WINTER_DAY)
    county = make_region("hunchun")
    place = make_attraction(region=county, slug="fangchuan", name_en="Fangchuan", best_seasons=["winter"])
    make_attraction(region=county, slug="museum", name_en="Border Museum", best_seasons=["winter"])
    route = make_route(slug="yalu", title_en="Along the Yalu")
    content = home_content(client)
    assert "Fangchuan" in content and "Along the Yalu" in content and "Hunchun" in content
    place.name_en = "Fangchuan Dragon Lookout"
    place.save()
    assert "Fangchuan Dragon Lookout" in home_content(client)
    county.name_en = "Hunchun City"
    county.save()
    assert "Hunchun City" in home_content(client)
    route.title_en = "The Yalu in two days"
    route.save()
    content = home_content(client)
    assert "The Yalu in two days" in content and "Along the Yalu" not in content
    place.status = Status.DRAFT
    place.save()
    content = home_content(client)
    assert "Dragon Lookout" not in content  # neither on a card nor on the map
    assert "Border Museum" in content


def test_home_shows_a_new_event_this_month_at_once(client, set_day):
    set_day(SUMMER_DAY)
    make_region("hunchun")
    assert "Tumen River Lantern Night" not in home_content(client)
    make_one_day_event(SUMMER_DAY, slug="lantern-night", name_en="Tumen River Lantern Night")
    assert "Tumen River Lantern Night" in home_content(client)


def good_this_season(content):
    section = content[content.index('id="season-heading"') :]
    section = section[: section.index("</section>")]
    return [name for name in ("Snow Park", "River Beach") if name in section]


def test_home_changes_its_season_with_the_day(client, set_day):
    make_region("hunchun")
    make_attraction(slug="snow-park", name_en="Snow Park", best_seasons=["winter"])
    make_attraction(slug="river-beach", name_en="River Beach", best_seasons=["summer"])
    set_day(WINTER_DAY)
    content = home_content(client)
    assert "Plan a winter trip" in content
    assert good_this_season(content) == ["Snow Park"]
    set_day(SUMMER_DAY)  # no table changed: the day alone gives the page its summer
    content = home_content(client)
    assert "Plan a summer trip" in content
    assert good_this_season(content) == ["River Beach"]


def test_home_is_kept_per_language(client):
    make_region("hunchun")
    make_route(slug="yalu", title_en="Along the Yalu", title_ko="압록강 따라", title_zh_hans="鸭绿江之旅")
    assert "Along the Yalu" in home_content(client, "/en/")
    assert "압록강 따라" in home_content(client, "/ko/")
    assert "鸭绿江之旅" in home_content(client, "/")


def test_home_shown_again_runs_one_query_on_any_day(client, any_day, django_assert_num_queries):
    make_region("hunchun")
    make_attraction(slug="fangchuan", name_en="Fangchuan", best_seasons=["winter", "summer", "spring", "autumn"])
    make_route(slug="yalu", title_en="Along the Yalu")
    cold = CaptureQueriesContext(connection)
    with cold:
        client.get("/en/")
    assert len(cold) == 13  # the counties' stamp and the counties (the footer), and the content's eleven queries
    # Warm: only the stamp of the counties the footer names; the content comes with the tags' versions.
    with django_assert_num_queries(1):
        assert "Along the Yalu" in client.get("/en/").content.decode()


def test_home_with_its_cache_down_still_shows_everything(client, page_cache_down):
    make_region("hunchun")
    make_route(slug="yalu", title_en="Along the Yalu")
    for _ in range(2):
        response = client.get("/en/")
        assert response.status_code == 200
        assert "Along the Yalu" in response.content.decode()


def rendered_parts(response):
    return sorted(
        t.name.removeprefix("home/").removesuffix(".html") for t in response.templates if t.name.startswith("home/")
    )


def test_a_saved_tour_renders_again_only_the_parts_that_show_tours(client, set_day):
    set_day(WINTER_DAY)
    make_region("hunchun")
    make_attraction(slug="fangchuan", name_en="Fangchuan", best_seasons=["winter"])
    route = make_route(slug="yalu", title_en="Along the Yalu")
    first = client.get("/en/")
    assert rendered_parts(first) == ["counties", "events", "hero", "seasonal", "tours", "ways_in"]
    assert rendered_parts(client.get("/en/")) == []  # every part from the cache
    route.title_en = "The Yalu in two days"
    route.save()
    response = client.get("/en/")
    assert rendered_parts(response) == ["tours"]
    assert "The Yalu in two days" in response.content.decode()


def test_signed_in_staff_see_an_edit_at_once_on_home_and_search(client, superuser):
    client.force_login(superuser)
    make_region("hunchun")
    route = make_route(slug="yalu", title_en="Along the Yalu", title_zh_hans="鸭绿江之旅")
    assert "Along the Yalu" in client.get("/en/").content.decode()
    assert "Along the Yalu" in search_page(client, "yalu")
    route.title_en = "The Yalu in two days"
    route.save()
    for page in (client.get("/en/").content.decode(), search_page(client, "yalu")):
        assert "The Yalu in two days" in page
        assert "Along the Yalu" not in page
