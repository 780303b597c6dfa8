"""The route map in a real browser: the server's SVG is there without JavaScript and when tiles fail."""

import pytest

pytestmark = pytest.mark.browser

SEVEN_DAYS = "/en/routes/whole-jilin-border-7-days/"


def test_route_map_svg_shows_every_stop_without_javascript(page_without_js, site):
    page_without_js.goto(site + SEVEN_DAYS)
    svg = page_without_js.locator("svg.map-svg")
    assert svg.is_visible()
    stops = page_without_js.locator(".stops > li").count()
    assert stops > 7
    assert page_without_js.locator("svg.map-svg a.map-marker").count() == stops
    numbers = page_without_js.locator("svg.map-svg a.map-marker text").all_text_contents()
    assert numbers == [str(n) for n in range(1, stops + 1)]


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
