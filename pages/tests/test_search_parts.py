"""Search's results kept rendered (pages/views.py SearchView, `{% keep_part "results" %}` in search.html) under the
cleaned query, the day, the address and the versions of the searched lists' tags: with the page cache off, a search
asked again renders no card, is the page rendered without it, and shows an edit at once."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from attractions.tests.factories import make_attraction
from events.tests.factories import make_event
from listings.models import Status
from listings.tests.factories import make_region
from ports.tests.factories import make_port
from villages.tests.factories import make_village

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]


@pytest.fixture
def fragment_cache(settings):
    settings.PAGE_CACHE_ENABLED = False
    settings.FRAGMENT_CACHE_ENABLED = True


def fresh(client, path):
    with override_settings(FRAGMENT_CACHE_ENABLED=False):
        return client.get(path).content.decode()


def test_a_search_asked_again_renders_no_card_and_is_the_same_page(client):
    hunchun = make_region("hunchun")
    make_attraction(region=hunchun, slug="fangchuan", name_en="Fangchuan Scenic Area", name_ko="방천 풍경구")
    make_event(region=hunchun, slug="fangchuan-festival", name_en="Fangchuan Festival", name_ko="방천 축제")
    make_port(region=hunchun, slug="quanhe", name_en="Quanhe Port")
    for prefix in ("", "/en", "/ko", "/ru"):
        for query in ("fangchuan", "%20fangchuan%20", "quanhe", "nothing-like-it"):
            path = f"{prefix}/search/?q={query}"
            expected = fresh(client, path)
            assert client.get(path).content.decode() == expected, path
            again = client.get(path)
            assert again.content.decode() == expected, path
            assert not any("card" in t.name for t in again.templates), path
    assert "방천 풍경구" in client.get("/ko/search/?q=fangchuan").content.decode()
    assert "Fangchuan Scenic Area" not in client.get("/ko/search/?q=fangchuan").content.decode()


def test_a_kept_search_shows_a_renamed_and_an_unpublished_listing_at_once(client):
    place = make_attraction(region=make_region("hunchun"), slug="fangchuan", name_en="Fangchuan Scenic Area")
    path = "/en/search/?q=fangchuan"
    client.get(path)
    place.name_en = "Fangchuan, Where Three Countries Meet"
    place.save()
    page = client.get(path).content.decode()
    assert "Fangchuan, Where Three Countries Meet" in page
    assert page == fresh(client, path)
    place.status = Status.DRAFT
    place.save()
    page = client.get(path).content.decode()
    assert "Fangchuan, Where Three Countries Meet" not in page
    assert page == fresh(client, path)


def test_search_with_its_cache_down_still_renders_its_results(client, page_cache_down):
    make_attraction(region=make_region("hunchun"), slug="fangchuan", name_en="Fangchuan Scenic Area")
    for _ in range(2):
        assert "Fangchuan Scenic Area" in client.get("/en/search/?q=fangchuan").content.decode()


def test_a_description_edited_makes_a_kept_search_run_only_the_query_of_its_kind(client):
    """What each kind's search found is kept under that kind's own tags: an attraction's description edited (the
    editors' everyday save) runs the attractions' search again, not the villages', the ports' or the events'."""
    hunchun = make_region("hunchun")
    place = make_attraction(region=hunchun, slug="fangchuan", name_en="Fangchuan Scenic Area")
    make_village(region=hunchun, slug="fangchuan-village", name_en="Fangchuan Village")
    make_port(region=hunchun, slug="quanhe", name_en="Quanhe Port", description_en="The crossing near Fangchuan.")
    path = "/en/search/?q=fangchuan"
    client.get(path)
    place.description_en = "Where three countries meet: China, Russia and North Korea."
    place.save()
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path).content.decode()
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    assert '"attractions_attraction"' in tables
    assert '"villages_village"' not in tables
    assert '"ports_portofentry"' not in tables
    assert '"events_event"' not in tables
    assert "Fangchuan Village" in page and "Quanhe Port" in page
    assert page == fresh(client, path)
