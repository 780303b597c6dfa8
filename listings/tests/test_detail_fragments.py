"""A place's page keeps every section (tours, events, stays, border-area notes, crossings, hubs, neighbours, its map's
counties) in the cache by the place, the day and the state of the tables it reads (listings.fragments.kept_rows):
with the page cache off, an edit to any row a section shows is on the page at once, a new day gives the day's
answers, a staff preview of a draft never touches the cache, and a cache that is down costs queries, not the page."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from attractions.tests.factories import make_attraction
from events.models import Recurrence
from events.tests.factories import make_event
from listings.tests.factories import make_region
from ports.tests.factories import make_note, make_port
from routes.tests.factories import make_route
from stays.models import Stay
from stays.tests.factories import make_stay
from villages.tests.factories import make_village

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fragment_cache")]

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def fragment_cache(settings):
    settings.PAGE_CACHE_ENABLED = False  # the page is rendered every time; only its parts may come from the cache
    settings.FRAGMENT_CACHE_ENABLED = True


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def place_with_everything():
    """An attraction with an event, a stay near it, a tour stopping there, a border-area note and a port it looks
    onto; every section of its page shows something."""
    county = make_region("hunchun")
    place = make_attraction(region=county, slug="fangchuan", name_en="Fangchuan")
    make_event(attraction=place, slug="lantern", name_en="Lantern Night")
    make_stay(region=county, slug="river-inn", name_en="River Inn", latitude=place.latitude, longitude=place.longitude)
    make_route(days=[[place]], slug="edge", title_en="Edge of Three Countries")
    make_note(attraction=place, text_en="Carry your passport.")
    port = make_port(region=county, slug="quanhe", name_en="Quanhe Port")
    port.viewing_attractions.add(place)
    return place


SHOWN = ("Lantern Night", "River Inn", "Edge of Three Countries", "Carry your passport.", "Quanhe Port")


def test_a_place_page_shown_again_takes_its_sections_from_the_cache_and_is_the_same_page(
    client, place_with_everything, any_day
):
    path = "/en/attractions/fangchuan/"
    with CaptureQueriesContext(connection) as cold:
        first = page(client, path)
    with CaptureQueriesContext(connection) as warm:
        again = page(client, path)
    assert all(text in first for text in SHOWN if text != "Lantern Night")  # the event is not coming on every day
    assert again == first
    # Cold: the place's state, the place and its prefetches, its neighbours (two kinds), events, stays, tours,
    # hubs, notes, the map's counties, the crossings' stamp and ports, the footer's counties. Warm: the place's
    # state and the footer's counties: its two parts come rendered from the cache.
    assert len(warm) == 2, [q["sql"][:120] for q in warm.captured_queries]
    assert len(cold) > len(warm) + 10
    with override_settings(FRAGMENT_CACHE_ENABLED=False):
        assert page(client, path) == first


def test_a_place_added_elsewhere_renders_again_only_the_part_of_the_page_around_this_one(client, place_with_everything):
    """The page's own part (texts, facts box, notes, crossings) shows no other place: it stays in the cache; the part
    around it (map, neighbours, tours, events, stays) is rendered again, with what it shows asked for again."""
    path = "/en/attractions/fangchuan/"
    far_county = make_region("ji-an")  # a county saved is on every page: before the page is kept
    first = page(client, path)
    make_attraction(region=far_county, slug="far", name_en="Far Away Falls", latitude=41.1, longitude=126.2)
    with CaptureQueriesContext(connection) as after_the_edit:
        again = page(client, path)
    assert again == first
    asked = " ".join(q["sql"] for q in after_the_edit.captured_queries)
    assert "attractions_attraction" in asked.split("FROM", 2)[-1]  # the neighbours, asked again
    assert "hashtextextended" not in asked  # the crossings (kept by their tables' stamp), in the own part, are not


def test_what_a_kept_page_says_about_itself_follows_an_edit_at_once(client, place_with_everything):
    """Title, description and JSON-LD are kept with the page's parts (part `seo`): an edit changes them at once."""
    path = "/en/attractions/fangchuan/"
    page(client, path)
    assert "<title>Fangchuan, " in page(client, path)  # every part from the cache now
    place = place_with_everything
    place.name_en = "Fangchuan Border Gate"
    place.save()
    renamed = page(client, path)
    assert "<title>Fangchuan Border Gate, " in renamed
    assert '"name":"Fangchuan Border Gate"' in renamed  # the JSON-LD
    assert "<h1>Fangchuan Border Gate</h1>" in renamed


def test_every_section_shows_an_edit_of_what_it_reads_at_once(client, place_with_everything, set_day):
    set_day(datetime.date(2027, 4, 15))  # the festival, usually in May, is coming
    path = "/en/attractions/fangchuan/"
    first = page(client, path)
    assert all(text in first for text in SHOWN)
    place = place_with_everything

    event = place.events.get()
    event.name_en = "Lantern Festival"
    event.save()
    assert "Lantern Festival" in page(client, path)

    stay = Stay.objects.get(slug="river-inn")
    stay.name_en = "River Inn and Spa"
    stay.save()
    assert "River Inn and Spa" in page(client, path)

    route = make_route(days=[[place]], slug="second", title_en="Second Tour")
    assert "Second Tour" in page(client, path)
    route.status = "draft"
    route.save()
    assert "Second Tour" not in page(client, path)

    note = place.border_notes.get()
    note.text_en = "Carry your passport and a border pass."
    note.save()
    assert "Carry your passport and a border pass." in page(client, path)

    port = place.viewing_ports.get()
    port.name_en = "Quanhe Road Port"
    port.save()
    assert "Quanhe Road Port" in page(client, path)


def test_a_tour_stop_added_shows_the_tour_on_the_village_page(client):
    county = make_region("hunchun")
    village = make_village(region=county, slug="jingxin", name_en="Jingxin Village")
    other = make_attraction(region=county, slug="lake", name_en="Crane Lake")
    route = make_route(days=[[other]], slug="edge", title_en="Edge of Three Countries")
    assert "Edge of Three Countries" not in page(client, "/en/villages/jingxin/")
    day = route.days.get()
    day.stops.create(village=village, position=1)  # a stop saved, the tour itself not
    assert "Edge of Three Countries" in page(client, "/en/villages/jingxin/")


def test_a_renamed_county_shows_in_a_county_wide_event(client, set_day):
    set_day(datetime.date(2027, 4, 15))
    county = make_region("hunchun")
    make_attraction(region=county, slug="fangchuan", name_en="Fangchuan")
    make_event(region=county, slug="county-fair", name_en="County Fair")  # at no place: the whole county's
    assert "County Fair" in page(client, "/en/attractions/fangchuan/")
    county.name_en = "Hunchun City"
    county.save()
    text = page(client, "/en/attractions/fangchuan/")
    assert "in Hunchun City" in text


def test_the_next_day_gives_the_days_events_and_port_status(client, set_day):
    county = make_region("hunchun")
    place = make_attraction(region=county, slug="fangchuan", name_en="Fangchuan")
    make_event(
        attraction=place,
        slug="one-night",
        name_en="One Night Concert",
        recurrence=Recurrence.ONCE,
        usual_month_start=None,
        starts_on=datetime.date(2027, 5, 1),
        ends_on=datetime.date(2027, 5, 1),
    )
    port = make_port(region=county, slug="quanhe", name_en="Quanhe Port", status_verified_on=datetime.date(2026, 5, 1))
    port.viewing_attractions.add(place)
    path = "/en/attractions/fangchuan/"
    set_day(datetime.date(2027, 4, 30))
    before = page(client, path)
    assert "One Night Concert" in before
    assert "may be out of date" not in before  # verified eleven months ago
    set_day(datetime.date(2027, 5, 2))
    after = page(client, path)
    assert "One Night Concert" not in after  # over: no longer coming
    assert "may be out of date" in after  # verified twelve months and a day ago


@override_settings(CACHES=LOCAL_CACHE, PAGE_CACHE_ALIAS="default")
def test_a_staff_preview_of_a_draft_is_never_kept_nor_served_from_the_cache(client, superuser, set_day):
    from corridor_portal.cache import page_cache

    set_day(datetime.date(2027, 4, 15))
    county = make_region("hunchun")
    place = make_attraction(region=county, slug="draft-place", name_en="Draft Place", status="draft")
    make_event(attraction=place, slug="lantern", name_en="Lantern Night")
    client.force_login(superuser)
    cache = page_cache()
    cache.clear()
    text = page(client, "/en/attractions/draft-place/")
    assert "Lantern Night" in text
    with CaptureQueriesContext(connection) as again:
        page(client, "/en/attractions/draft-place/")
    assert not [key for key in cache._cache if ":rows:" in key or ":listing:" in key]  # nothing written
    assert any("events_event" in q["sql"] for q in again.captured_queries)  # asked again, not read from the cache
    assert any('"attractions_attractionphoto"' in q["sql"] for q in again.captured_queries)  # the draft too


def test_a_cache_that_is_down_costs_queries_not_the_place_page(client, place_with_everything, set_day, page_cache_down):
    set_day(datetime.date(2027, 4, 15))
    text = page(client, "/en/attractions/fangchuan/")
    assert all(shown in text for shown in SHOWN)


def test_the_place_itself_its_photo_source_fact_and_county_edited_show_at_once(client):
    from attractions.models import AttractionFact, AttractionPhoto
    from listings.tests.factories import make_source

    county = make_region("hunchun")
    place = make_attraction(region=county, slug="fangchuan", name_en="Fangchuan")
    photo = AttractionPhoto.objects.create(
        attraction=place, image="photos/2026/01/p.jpg", width=800, height=600, alt_text_en="The river bend"
    )
    source = make_source(title="Hunchun yearbook")
    place.sources.add(source)
    path = "/en/attractions/fangchuan/"
    first = page(client, path)
    assert "The river bend" in first and "Hunchun yearbook" in first
    assert page(client, path) == first  # the place from the cache

    place.summary_en = "Where three countries meet."
    place.save()
    assert "Where three countries meet." in page(client, path)

    photo.alt_text_en = "The Tumen's last bend"  # the photo saved, the place not
    photo.save()
    assert "The Tumen&#x27;s last bend" in page(client, path)

    source.title = "Hunchun City Yearbook 2025"
    source.save()
    assert "Hunchun City Yearbook 2025" in page(client, path)
    place.sources.remove(source)  # a link row deleted: neither row saved
    assert "Hunchun City Yearbook 2025" not in page(client, path)

    fact = AttractionFact.objects.create(attraction=place, text_en="Tickets 50 yuan at the gate.")
    text = page(client, path)
    assert "Tickets 50 yuan at the gate." in text
    assert f">{source.citation}</a>" not in text
    fact.sources.add(source)  # a fact's source (its citation shows beside the fact): only a link row added
    assert f">{source.citation}</a>" in page(client, path)

    county.name_en = "Hunchun City"
    county.save()
    assert "Hunchun City" in page(client, path)


def test_a_tour_page_shows_an_edit_of_the_tour_its_days_stops_places_and_notes_at_once(client):
    county = make_region("hunchun")
    lake = make_attraction(region=county, slug="lake", name_en="Crane Lake")
    village = make_village(region=county, slug="jingxin", name_en="Jingxin Village")
    route = make_route(days=[[lake]], slug="edge", title_en="Edge of Three Countries")
    make_note(attraction=lake, text_en="Carry your passport.")
    path = "/en/routes/edge/"
    first = page(client, path)
    assert "Crane Lake" in first and "Carry your passport." in first
    with CaptureQueriesContext(connection) as warm:
        assert page(client, path) == first
    # The tour's state, the footer's counties: the tour and its page from the cache.
    assert len(warm) == 2, [q["sql"][:120] for q in warm.captured_queries]

    day = route.days.get()
    day.title_en = "Along the Tumen"  # a day saved, the tour not
    day.save()
    assert "Along the Tumen" in page(client, path)

    day.stops.create(village=village, position=1)  # a stop added
    assert "Jingxin Village" in page(client, path)

    lake.name_en = "Crane Lake Wetland"  # a stop's place renamed
    lake.save()
    assert "Crane Lake Wetland" in page(client, path)

    note = lake.border_notes.get()
    note.text_en = "Carry your passport and a border pass."
    note.save()
    assert "Carry your passport and a border pass." in page(client, path)

    village.status = "draft"  # a stop's place unpublished: left out
    village.save()
    assert "Jingxin Village" not in page(client, path)

    route.title_en = "Where Three Countries Meet"
    route.save()
    assert "Where Three Countries Meet" in page(client, path)
