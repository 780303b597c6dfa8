"""The maps in a real browser: the server's SVG is there without JavaScript and when tiles fail; on a 360 px phone
its text and Leaflet's are at least 12 px, close places are grouped, and a place whose exact position is not known
is its county's ring, never a pin."""

import io

import pytest
from django.utils import translation
from PIL import Image

from attractions.models import Attraction
from routes.models import Route

from .conftest import PHONE, new_page

# django_db: the test database exists, and reads in the test see the rows of shared_site (committed).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def site(shared_site):
    """This module's tests only look: they share one load of the demo data (conftest.py shared_site)."""
    return shared_site


SEVEN_DAYS = "/en/routes/whole-jilin-border-7-days/"
HUNCHUN_ATTRACTIONS = "/en/attractions/?county=hunchun"

# The size each text of the drawn map is painted at on screen: its font size times the SVG's scale there (a
# viewBox scaled down to a phone's width paints 12 "px" of font at 6 px: getComputedStyle alone would not see it).
DRAWN_TEXT_SIZES = """
() => Array.from(document.querySelectorAll('figure.map svg.map-svg text')).map(text => ({
  text: text.textContent,
  px: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
}))
"""
LEAFLET_TEXT_SIZES = """
() => Array.from(document.querySelectorAll(
  '.map-live .leaflet-marker-icon, .map-live .leaflet-tooltip, .map-live .leaflet-control-attribution'
)).filter(el => el.textContent.trim())
  .map(el => ({text: el.textContent.trim(), px: parseFloat(getComputedStyle(el).fontSize)}))
"""


def blank_tile():
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (230, 236, 232)).save(buffer, "PNG")
    return buffer.getvalue()


def open_list_map(page):
    page.locator(".list-map > summary").click()
    page.locator(".list-map figure.map svg.map-svg").wait_for()


def approximate_hunchun_attractions():
    with translation.override("en"):
        places = Attraction.objects.published().filter(region__slug="hunchun", position_is_approximate=True)
        return {place.get_absolute_url(): str(place) for place in places}


def test_route_map_svg_shows_every_stop_without_javascript(page_without_js, site):
    page_without_js.goto(site + SEVEN_DAYS)
    svg = page_without_js.locator("svg.map-svg")
    assert svg.is_visible()
    stops = page_without_js.locator(".stops > li").count()
    assert stops > 7
    # Every stop's number once: on its own marker, in a group of stops too close to tell apart on a phone, or in
    # its county's ring when its exact position is not known.
    numbers = page_without_js.locator("svg.map-svg .map-marker").evaluate_all(
        "els => els.flatMap(e => (e.dataset.numbers || e.dataset.number || '').split(' ').filter(Boolean))"
    )
    assert sorted(int(number) for number in numbers) == list(range(1, stops + 1))
    assert page_without_js.locator("svg.map-svg .map-marker").count() < stops  # some are grouped


def test_route_map_keeps_its_svg_when_no_tile_loads(page, site):
    page.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(site + SEVEN_DAYS)
    page.locator("figure.map").scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    assert page.locator("svg.map-svg").is_visible()
    assert page.locator("figure.map.map-is-live").count() == 0


def test_route_gpx_downloads(page, site):
    page.goto(site + SEVEN_DAYS)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download GPX").click()
    download = download_info.value
    assert download.suggested_filename == "whole-jilin-border-7-days.gpx"
    with open(download.path(), "rb") as gpx:
        assert b"<wpt" in gpx.read()


@pytest.mark.parametrize("url", [HUNCHUN_ATTRACTIONS, SEVEN_DAYS])
def test_drawn_map_text_is_at_least_12px_on_a_phone(page_without_js, site, url):
    page = page_without_js
    page.goto(site + url)
    if "?" in url:
        open_list_map(page)
    sizes = page.evaluate(DRAWN_TEXT_SIZES)
    assert len(sizes) >= 3  # county names and the markers' numbers
    small = [size for size in sizes if size["px"] < 12]
    assert not small, small[:5]
    # The map is wider than the phone and scrolls sideways in its frame, not the page.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_drawn_map_draws_approximate_places_as_their_county(page_without_js, site):
    page = page_without_js
    approximate = approximate_hunchun_attractions()
    assert len(approximate) >= 2  # the demo data: most Hunchun attractions have no exact position
    page.goto(site + HUNCHUN_ATTRACTIONS)
    open_list_map(page)
    pins = page.locator("svg.map-svg a.map-marker:not(.map-marker-county)")
    hrefs = [pins.nth(n).get_attribute("href") for n in range(pins.count())]
    assert not set(hrefs) & set(approximate), "a place whose exact position is not known is drawn as a pin"
    (ring,) = page.locator("svg.map-svg .map-marker-county").all()  # one ring for Hunchun, not one per place
    title = ring.locator("title").text_content()
    assert f"{len(approximate)} places in Hunchun (approximate positions)" in title
    assert all(name in title for name in approximate.values())
    assert ring.locator("text").text_content() == str(len(approximate))


def approximate_stops_of_seven_days():
    with translation.override("en"):
        stops = Route.objects.get(slug="whole-jilin-border-7-days").itinerary().stops
        return {str(entry.place) for entry in stops if entry.place.position_is_approximate}


@pytest.mark.parametrize("url", [HUNCHUN_ATTRACTIONS, SEVEN_DAYS])
def test_leaflet_map_text_is_at_least_12px_and_approximate_places_are_rings(browser, site, url):
    page = new_page(browser, PHONE)
    try:
        tile = blank_tile()
        page.route("https://tile.openstreetmap.org/**", lambda r: r.fulfill(body=tile, content_type="image/png"))
        page.goto(site + url)
        if "?" in url:
            open_list_map(page)  # a click: the visitor's first gesture, which lets the map load
        page.locator("figure.map").scroll_into_view_if_needed()
        page.mouse.wheel(0, 40)
        page.locator("figure.map.map-is-live .leaflet-interactive").first.wait_for()
        sizes = page.evaluate(LEAFLET_TEXT_SIZES)
        assert sizes
        small = [size for size in sizes if size["px"] < 12]
        assert not small, small[:5]
        # Places somewhere in a county are its dashed ring, not pins: no pin is titled with their names.
        titles = page.locator(".map-live .leaflet-marker-icon[title]").evaluate_all("els => els.map(e => e.title)")
        approximate = (
            approximate_stops_of_seven_days() if url == SEVEN_DAYS else set(approximate_hunchun_attractions().values())
        )
        assert approximate and not approximate & set(titles)
        rings = page.locator(".map-live path.leaflet-county-ring")
        assert rings.count() >= 1
        if url == SEVEN_DAYS:
            # The stops close together at this zoom are grouped (Leaflet.markercluster), their numbers in the group.
            assert page.locator(".map-live .leaflet-group").count() >= 1
        else:
            assert rings.count() == 1  # every approximate Hunchun attraction in one ring, its count on it
            counts = page.locator(".map-live .leaflet-county-label").all_text_contents()
            assert str(len(approximate)) in counts
    finally:
        page.context.close()
