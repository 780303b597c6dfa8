"""A list page's parts kept by its cleaned filters (listings.fragments.KeptParts, `{% keep_part %}` in
includes/browse.html): with the page cache off and the fragment cache on, a list shown again is the page rendered
without them, an edit shows at once, and no language, filter, page or day gets a part kept for another."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from attractions.tests.factories import make_attraction
from events.tests.factories import make_event, make_one_day_event
from listings.models import Status, Theme
from listings.tests.factories import make_region
from routes.tests.factories import make_route
from villages.tests.factories import make_village

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]

FILTERED = "/en/attractions/?county=hunchun&category=natural"


@pytest.fixture
def fragment_cache(settings):
    settings.PAGE_CACHE_ENABLED = False  # every page rendered; only the kept parts may come from a cache
    settings.FRAGMENT_CACHE_ENABLED = True
    settings.FACET_CACHE_ENABLED = True  # as in production: the counts kept by the same tags


def fresh(client, path, **headers):
    """The page rendered without any kept part."""
    with override_settings(FRAGMENT_CACHE_ENABLED=False):
        return client.get(path, headers=headers).content.decode()


def shown(client, path, **headers):
    """The page as a visitor gets it; it must be the page rendered without kept parts."""
    page = client.get(path, headers=headers).content.decode()
    assert page == fresh(client, path, **headers), path
    return page


def rendered(response, template):
    return any(t.name == template for t in response.templates)


def test_a_list_shown_again_takes_its_parts_from_the_cache_and_is_the_same_page(client):
    hunchun, changbai = make_region("hunchun"), make_region("changbai")
    fangchuan = make_attraction(region=hunchun, slug="fangchuan", name_en="Fangchuan", name_ko="방천")
    make_attraction(region=changbai, slug="tianchi", name_en="Heaven Lake", category=Theme.WINTER)
    make_village(region=hunchun, slug="jingxin", name_en="Jingxin Village")
    make_route(slug="yalu", title_en="Along the Yalu")
    make_event(region=hunchun, slug="lantern", name_en="Lantern Night")
    paths = [
        "/attractions/",
        "/attractions/?county=hunchun&category=natural",
        "/attractions/?category=natural&county=hunchun&utm_source=mail",  # the same filters, written otherwise
        "/attractions/?county=nowhere&season=summer",  # a county not known: a notice
        f"/attractions/?near={fangchuan.slug}",
        "/attractions/?q=fang",
        "/villages/",
        "/routes/",
        "/events/",
    ]
    for prefix in ("", "/en", "/ko", "/ru"):
        for path in paths:
            expected = fresh(client, prefix + path)
            first = client.get(prefix + path)  # the parts rendered and kept
            again = client.get(prefix + path)  # the parts from the cache
            assert first.content.decode() == expected, prefix + path
            assert again.content.decode() == expected, prefix + path
            assert not rendered(again, "includes/filter_form.html"), prefix + path
    # The part filters.js swaps in (the fragment header) is kept the same way.
    for _ in range(2):
        shown(client, FILTERED, X_REQUESTED_WITH="fetch")


def test_an_edit_shows_at_once_on_a_filtered_list(client):
    hunchun = make_region("hunchun")
    place = make_attraction(region=hunchun, slug="fangchuan", name_en="Fangchuan Scenic Area")
    make_attraction(region=hunchun, slug="other", name_en="Other Place")
    assert "Fangchuan Scenic Area" in shown(client, FILTERED)
    assert "Fangchuan Scenic Area" in shown(client, "/en/attractions/")

    place.name_en = "Fangchuan, Where Three Countries Meet"  # renamed
    place.save()
    for path in (FILTERED, "/en/attractions/"):  # a list filtered by its county, and the whole list
        page = shown(client, path)
        assert "Fangchuan, Where Three Countries Meet" in page
        assert "Fangchuan Scenic Area" not in page

    place.status = Status.DRAFT  # unpublished
    place.save()
    page = shown(client, FILTERED)
    assert "Fangchuan, Where Three Countries Meet" not in page
    assert "1 attraction" in page

    make_attraction(region=hunchun, slug="new-one", name_en="Hunchun Wetland")  # a new listing in the filtered set
    page = shown(client, FILTERED)
    assert "Hunchun Wetland" in page
    assert "2 attractions" in page

    hunchun.name_en = "Hunchun City"  # the county renamed: its filter's option, the cards, the map
    hunchun.save()
    page = shown(client, FILTERED)
    form = page[page.index('<form class="filters"') : page.index("</form>")]
    assert "Hunchun City" in form
    assert page.count("Hunchun City") > form.count("Hunchun City")  # the cards and the map too


def test_no_list_gets_a_part_kept_for_another_language_filter_or_page(client):
    hunchun = make_region("hunchun")
    for n in range(26):  # two pages of 24
        make_attraction(region=hunchun, slug=f"natural-{n:02}", name_en=f"Natural {n:02}", name_ko=f"자연 {n:02}")
    make_attraction(region=hunchun, slug="border", name_en="Border Gate", category=Theme.BORDER)
    pages = {
        "/en/attractions/?category=natural": "Natural 00",
        "/ko/attractions/?category=natural": "자연 00",
        "/en/attractions/?category=border": "Border Gate",
        "/en/attractions/?category=natural&page=2": "Natural 25",
    }
    for path in pages:
        client.get(path)  # every part kept
    for path, name in pages.items():
        page = shown(client, path)
        assert name in page
    assert "Natural 25" not in shown(client, "/en/attractions/?category=natural")
    assert "Natural" not in shown(client, "/en/attractions/?category=border").split('id="results"')[1]
    assert "Natural 00" not in shown(client, "/ko/attractions/?category=natural")


def test_stray_parameters_share_the_kept_parts_but_keep_their_own_links(client):
    make_attraction(region=make_region("hunchun"), slug="fangchuan", name_en="Fangchuan")
    client.get(FILTERED)
    response = client.get(FILTERED + "&utm_source=mail")
    assert not rendered(response, "includes/filter_form.html")  # the same cleaned filters: the same kept form
    page = response.content.decode()
    assert page == fresh(client, FILTERED + "&utm_source=mail")
    assert 'href="?county=hunchun&amp;utm_source=mail"' in page  # the chip that removes the category keeps it


def test_a_list_near_a_place_shows_the_place_moved_at_once(client):
    hunchun = make_region("hunchun")
    village = make_village(region=hunchun, slug="jingxin", name_en="Jingxin Village")
    make_attraction(
        region=hunchun,
        slug="close",
        name_en="Close By",
        latitude=village.latitude + 0.01,
        longitude=village.longitude,
    )
    path = f"/en/attractions/?near={village.slug}&radius=10"
    assert "Close By" in shown(client, path)
    village.latitude += 1.5  # moved far from it
    village.save()
    assert "Close By" not in shown(client, path)


def test_the_events_list_drops_an_event_once_it_is_over(client, set_day):
    day = datetime.date(2027, 7, 15)
    set_day(day)
    make_one_day_event(day, region=make_region("hunchun"), slug="lantern-night", name_en="Tumen River Lantern Night")
    assert "Tumen River Lantern Night" in shown(client, "/en/events/")
    set_day(day + datetime.timedelta(days=2))  # the day changes, no listing does
    assert "Tumen River Lantern Night" not in shown(client, "/en/events/")


def test_a_list_with_its_cache_down_still_renders(client, page_cache_down):
    make_attraction(region=make_region("hunchun"), slug="fangchuan", name_en="Fangchuan Scenic Area")
    for _ in range(2):
        response = client.get(FILTERED)
        assert response.status_code == 200
        assert "Fangchuan Scenic Area" in response.content.decode()


@pytest.mark.parametrize("path", [FILTERED, "/en/villages/", "/en/events/"])
def test_a_list_shown_again_reads_no_rows_on_any_day(client, any_day, django_assert_num_queries, path):
    hunchun = make_region("hunchun")
    make_attraction(region=hunchun, slug="fangchuan", name_en="Fangchuan Scenic Area")
    make_village(region=hunchun, slug="jingxin", name_en="Jingxin Village")
    make_event(region=hunchun, slug="lantern", name_en="Lantern Night")
    cold = CaptureQueriesContext(connection)
    with cold:
        client.get(path)
    assert len(cold) > 3
    # Warm: the counties' stamp (the footer's and the filters' counties), no row of the list, no count.
    with django_assert_num_queries(1):
        client.get(path)
