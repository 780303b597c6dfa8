"""Saving one listing makes stale only the pages that show it; every kind of public page goes stale when something
it shows is edited. On the demo data, with the page cache on (Redis database 12, a key prefix of this test's own).
"""

import pytest
from django.test import override_settings

from advice.models import TravelRule
from attractions.models import Attraction, AttractionFact
from attractions.tests.factories import make_attraction
from corridor_portal import cache as page_cache
from corridor_portal.tests.test_page_cache import shared_cache  # noqa: F401 -- the page cache on, in Redis
from events.models import Event
from events.tests.factories import make_event
from hubs.models import TransportHub
from listings.models import Region, Status
from listings.tests.factories import make_region
from ports.models import BorderNote, CrossingRule, PortOfEntry
from routes.models import Route, RouteStop
from routes.tests.factories import make_route
from stays.models import Stay
from villages.models import Festival, Village
from villages.tests.factories import make_village

pytestmark = pytest.mark.django_db

STATUS = page_cache.CACHE_STATUS_HEADER


@pytest.fixture
def demo(demo_data):
    """The demo data as `make run` loads it, once for this module (conftest.py demo_data); each test has its own
    cache (shared_cache: a key prefix of its own) and its edits are rolled back after it."""


def cached(client, url):
    """Ask twice: the second answer must come from the cache (the page is cacheable and declared its tags)."""
    first = client.get(url)
    assert first.status_code == 200, url
    again = client.get(url)
    assert again[STATUS] == "hit", url
    return again


def published(model, **filters):
    return model.objects.filter(status=Status.PUBLISHED, **filters)


def test_editing_one_village_leaves_the_pages_that_do_not_show_it_cached(client, demo):
    """The issue's test: 20 pages of every kind in four languages; one village renamed."""
    stop = RouteStop.objects.filter(village__status=Status.PUBLISHED, day__route__status=Status.PUBLISHED).first()
    village = stop.village
    through = stop.day.route
    elsewhere = published(Route).exclude(days__stops__village=village).first()
    port = published(PortOfEntry).first()
    hub = published(TransportHub).first()
    event = published(Event).filter(village__isnull=True).exclude(attraction__isnull=True).first()
    assert elsewhere and port and hub and event, "the demo data holds every kind"
    shows_it = [
        f"/en/villages/{village.slug}/",
        f"/villages/{village.slug}/",
        "/ko/villages/",
        f"/en/villages/?county={village.region.slug}",
        "/en/",
        f"/en/search/?q={village.name_en.split()[0]}",
        f"/en/routes/{through.slug}/",
        f"/ru/routes/{through.slug}/",
    ]
    does_not_show_it = [
        "/en/attractions/",
        "/attractions/",
        "/ko/attractions/?sort=name",
        "/en/attractions/map.geojson",
        "/ru/attractions/map.geojson",
        "/ru/ports/",
        f"/en/ports/{port.slug}/",
        f"/en/routes/{elsewhere.slug}/",
        "/ko/getting-there/",
        f"/en/getting-there/{hub.slug}/",
        "/en/before-you-go/",
        f"/en/events/{event.slug}/",
    ]
    assert len(shows_it) + len(does_not_show_it) == 20
    for url in shows_it + does_not_show_it:
        cached(client, url)

    village.name_en = "Village Renamed Today"
    village.save()

    for url in does_not_show_it:
        assert client.get(url)[STATUS] == "hit", url
    for url in shows_it:
        page = client.get(url)
        assert page[STATUS] == "miss", url
        if url.startswith("/en/") and "search" not in url:
            assert "Village Renamed Today" in page.content.decode(), url


def edit_name(row, field="name_en"):
    def edit():
        setattr(row, field, f"{getattr(row, field)} (edited)")
        row.save()

    return edit


def every_page_type(client):
    """(address, what an editor changes that the page shows) for every kind of public page."""
    attraction = published(Attraction).filter(facts__isnull=False).first() or published(Attraction).first()
    village = published(Village).filter(festivals__isnull=False).first() or published(Village).first()
    stop = RouteStop.objects.filter(village__status=Status.PUBLISHED, day__route__status=Status.PUBLISHED).first()
    route = stop.day.route
    port = published(PortOfEntry).first()
    event = published(Event).first()
    stay = published(Stay).first()
    hub = published(TransportHub).first()
    region = Region.objects.first()
    fact = AttractionFact.objects.filter(attraction__status=Status.PUBLISHED).first()
    rule = CrossingRule.objects.filter(port__status=Status.PUBLISHED).first()

    def add_festival():
        Festival.objects.create(village=village, name="New festival", month=7)

    def unpublish_attraction():
        attraction.status = Status.DRAFT
        attraction.save()

    def edit_fact():
        fact.save()

    def move_stop():
        stop.note = "Bring water."
        stop.save()

    def add_county_note():  # a county-wide border-area note shows on every place page of the county
        BorderNote.objects.create(region=attraction.region, text="The road is closed.", status=Status.PUBLISHED)

    def add_tour_note():
        BorderNote.objects.create(route=route, text="Carry your passport.", status=Status.PUBLISHED)

    return [
        ("/en/", edit_name(route, "title_en")),
        ("/en/", edit_name(region)),
        (f"/en/search/?q={attraction.name_en.split()[0]}", edit_name(attraction)),
        ("/en/attractions/", edit_name(attraction)),
        ("/en/attractions/map.geojson", edit_name(attraction)),
        (f"/en/attractions/{attraction.slug}/", edit_fact),
        (f"/en/attractions/{attraction.slug}/", edit_name(route, "title_en")),  # the tours through it
        (f"/en/attractions/{attraction.slug}/", add_county_note),
        (f"/en/routes/{route.slug}/", add_tour_note),
        ("/ko/villages/", edit_name(village)),
        (f"/en/villages/{village.slug}/", add_festival),
        (f"/en/routes/{route.slug}/", edit_name(stop.village)),
        (f"/en/routes/{route.slug}/", move_stop),
        ("/en/routes/", edit_name(route, "title_en")),
        ("/ru/ports/", edit_name(port)),
        (f"/en/ports/{port.slug}/", edit_name(port)),
        (f"/en/ports/{rule.port.slug}/", rule.save),  # a crossing rule, shown on its port's page
        ("/en/events/", edit_name(event)),
        (f"/en/events/{event.slug}/", edit_name(event)),
        ("/en/stays/", edit_name(stay)),
        (f"/en/stays/{stay.slug}/", edit_name(stay.village) if stay.village_id else edit_name(stay)),
        ("/en/getting-there/", edit_name(hub)),
        (f"/en/getting-there/{hub.slug}/", edit_name(hub)),
        ("/en/before-you-go/", edit_name(TravelRule.objects.filter(status=Status.PUBLISHED).first(), "text_en")),
        ("/en/practical/", edit_fact),
        ("/sitemap-attractions.xml", edit_name(attraction)),
        ("/sitemap-pages.xml", edit_name(route, "title_en")),
        ("/en/feeds/listings.atom", edit_name(village)),
        ("/en/feeds/border-tours.atom", edit_name(route, "title_en")),
        ("/en/api/attractions/", edit_name(attraction)),
        (f"/en/api/routes/{route.slug}/", edit_name(stop.village)),
        ("/en/privacy/", edit_name(hub)),  # declares nothing: any save
        (f"/en/counties/{attraction.region.slug}/", edit_name(attraction)),  # a county's page: its places
        (f"/en/counties/{region.slug}/", edit_name(hub)),  # and the hubs nearest it, wherever they are
        # A list filtered by one county counts its places to stay.
        (f"/en/attractions/?county={stay.region.slug}", edit_name(stay)),
        ("/en/attractions/?sort=name", unpublish_attraction),
    ]


def test_every_kind_of_page_goes_stale_when_something_it_shows_is_edited(client, demo):
    stale_served = []
    for url, edit in every_page_type(client):
        page = client.get(url)
        if page.status_code != 200 or page.get(STATUS) not in ("hit", "miss"):
            stale_served.append((url, f"not cacheable: {page.status_code} {page.get(STATUS)}"))
            continue
        client.get(url)
        edit()
        after = client.get(url)
        if after[STATUS] != "miss":
            stale_served.append((url, after[STATUS]))
    assert stale_served == []


def test_a_listing_moved_to_another_county_leaves_both_counties_pages_stale(demo):
    village = published(Village).first()
    old, new = village.region, Region.objects.exclude(pk=village.region_id).first()
    cache = page_cache.page_cache()
    tags = [page_cache.county_tag(old.pk), page_cache.county_tag(new.pk), page_cache.listing_tag(village)]
    before = page_cache.tag_versions(cache, tags)
    village.region = new
    village.save()
    after = page_cache.tag_versions(cache, tags)
    assert all(now > was for was, now in zip(before, after, strict=True))


def test_what_a_save_makes_stale_follows_the_links():
    """A tour's stop: its tour (page and list) and its place's page, not the place's list; an event: its own page,
    the events' list, its county and its place's page; a festival: its village's tags."""
    hunchun = make_region("hunchun")
    gate = make_attraction(region=hunchun, slug="gate")
    village = make_village(region=hunchun, slug="village")
    route = make_route(slug="tour", days=[[gate, village]])
    stop = RouteStop.objects.get(day__route=route, attraction=gate)
    event = make_event(attraction=gate)
    festival = Festival.objects.create(village=village, name="Kite day", month=5)
    tags = page_cache.invalidation_tags

    assert tags(stop) == {page_cache.listing_tag(route), "list:routes", "text:routes", page_cache.listing_tag(gate)} | {
        page_cache.county_tag(route.start_region_id),
        page_cache.county_tag(route.end_region_id),
    }
    assert tags(event) == {
        page_cache.listing_tag(event),
        "list:events",
        "text:events",
        page_cache.county_tag(hunchun.pk),
        page_cache.listing_tag(gate),
    }
    assert (
        tags(festival)
        == tags(village)
        == {
            page_cache.listing_tag(village),
            "list:villages",
            "text:villages",
            page_cache.county_tag(hunchun.pk),
        }
    )
    # What a save changed, as read before it: its long texts alone leave the lists and the county as they were.
    assert tags(village, changed={"description_ko", "search_text", "updated_at"}) == {
        page_cache.listing_tag(village),
        "text:villages",
    }
    assert tags(village, changed={"description_ko", "summary_ko"}) == tags(village)
    assert tags(festival, changed={"description"}) == tags(village)  # a row of a listing: all of the listing's

    # The event moves from the gate to the village: both places' pages are stale.
    cache = page_cache.page_cache()
    watched = [page_cache.listing_tag(gate), page_cache.listing_tag(village), page_cache.listing_tag(route)]
    before = page_cache.tag_versions(cache, watched)
    event.attraction, event.village = None, village
    event.save()
    gate_after, village_after, route_after = page_cache.tag_versions(cache, watched)
    assert gate_after > before[0]
    assert village_after > before[1]
    assert route_after == before[2]


def test_a_description_edited_leaves_the_lists_and_the_other_places_pages_cached(client, demo):
    """Only what the village's own page shows changed: its pages, the searches and the API go stale; the lists of
    villages and their map data, home, its county's page and the other places' pages stay hits."""
    village = published(Village).exclude(description_en="").exclude(description_en__isnull=True).first()
    attraction = published(Attraction).first()
    word = "Quietsnowfield"
    goes_stale = [
        f"/en/villages/{village.slug}/",
        f"/ko/villages/{village.slug}/",
        f"/en/search/?q={word}",
        f"/en/villages/?q={word}",
        "/api/villages/",
    ]
    stays_cached = [
        "/en/villages/",
        "/ko/villages/",
        f"/en/villages/?county={village.region.slug}",
        "/en/villages/map.geojson",
        "/en/",
        "/",
        f"/en/counties/{village.region.slug}/",
        f"/en/attractions/{attraction.slug}/",
        "/ru/attractions/",
    ]
    for url in goes_stale + stays_cached:
        cached(client, url)
    assert village.name_en not in client.get(f"/en/search/?q={word}").content.decode()

    village.description_en = f"{village.description_en} {word} in the morning."
    village.save()

    for url in stays_cached:
        assert client.get(url)[STATUS] == "hit", url
    for url in goes_stale:
        assert client.get(url)[STATUS] == "miss", url
    assert f"{word} in the morning." in client.get(f"/en/villages/{village.slug}/").content.decode()
    assert village.name_en in client.get(f"/en/search/?q={word}").content.decode()
    # A name edited goes on the lists again.
    village.name_en = "Village Renamed Today"
    village.save()
    assert client.get("/en/villages/")[STATUS] == "miss"


def test_staff_get_the_new_page_at_once_and_a_save_with_the_cache_down_still_saves(admin_client, client):
    gate = make_attraction(region=make_region("hunchun"), slug="gate", name_en="Fangchuan Gate")
    url = "/en/attractions/gate/"
    cached(client, url)
    gate.name_en = "Fangchuan National Gate"
    gate.save()
    staff = admin_client.get(url)
    assert STATUS not in staff  # never the stale copy, nor any copy
    assert "Fangchuan National Gate" in staff.content.decode()

    dead = {
        "default": {
            "BACKEND": "corridor_portal.redis_cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    with override_settings(CACHES=dead):
        gate.name_en = "Saved while Redis is down"
        gate.save()
        page = client.get(url)
    assert Attraction.objects.get(pk=gate.pk).name_en == "Saved while Redis is down"
    assert page.status_code == 200
    assert "Saved while Redis is down" in page.content.decode()


def test_a_description_edited_leaves_every_list_cached(client, demo):
    """Each list declares what it shows (a list that declares nothing depends on every save): a description edited,
    which no card shows, leaves every list in every language a hit."""
    lists = ["attractions", "villages", "routes", "events", "stays", "ports", "getting-there"]
    urls = [f"{prefix}/{name}/" for name in lists for prefix in ("", "/en", "/ko", "/ru")]
    for url in urls:
        cached(client, url)
    attraction = published(Attraction).first()
    attraction.description_en = f"{attraction.description_en} Open all year."
    attraction.save()
    assert [url for url in urls if client.get(url)[STATUS] != "hit"] == []
