"""A province editor sets an attraction's position on the admin's map, in the Chinese admin."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from attractions.models import Attraction
from staff.roles import PROVINCE_EDITORS

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PASSWORD = "a-long-map-picker-password-331"  # noqa: S105 - a test account


def blank_tile():
    """A plain 256 px tile: the test never reaches the real tile server."""
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (226, 232, 222)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_page(browser, site):
    user = get_user_model().objects.create_user("map.editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PROVINCE_EDITORS))
    context = browser.new_context(viewport=LAPTOP, locale="zh-CN")
    context.set_default_timeout(15_000)
    tile = blank_tile()
    context.route("**/tile.openstreetmap.org/**", lambda route: route.fulfill(body=tile, content_type="image/png"))
    page = context.new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "map.editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("map.editor")
    yield page
    context.close()


def centre(locator):
    box = locator.bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_the_position_is_picked_on_the_map_and_saved(editor_page, site, screenshots):
    page = editor_page
    csp_errors = []
    page.on("console", lambda message: "Content Security Policy" in message.text and csp_errors.append(message.text))
    place = Attraction.objects.filter(position_is_approximate=False).order_by("pk").first()
    page.goto(f"{site}/admin/attractions/attraction/{place.pk}/change/")

    picker_map = page.locator(".position-picker-map")
    expect(picker_map).to_be_visible()
    expect(page.locator(".field-position_map label")).to_have_text("在地图上的位置:")
    expect(picker_map).to_have_attribute("aria-label", "在地图上的位置")
    marker = page.locator(".position-picker-map .position-picker-marker")
    expect(marker).to_be_visible()
    page.locator("fieldset", has=picker_map).screenshot(path=screenshots / "admin-map-picker.png")

    # Typing a coordinate moves the marker (north is up: a higher latitude moves it up the screen).
    _, marker_y = centre(marker)
    page.fill("#id_latitude", f"{place.latitude + 0.02:.6f}")
    page.wait_for_timeout(300)
    _, moved_y = centre(marker)
    assert moved_y < marker_y - 10

    # A position outside the corridor is flagged at once, before the form refuses it.
    outside = page.locator(".position-picker-outside")
    expect(outside).to_be_hidden()
    page.fill("#id_latitude", "31.2")
    expect(outside).to_be_hidden()  # not while typing
    page.locator("#id_latitude").press("Tab")
    expect(outside).to_be_visible()
    page.fill("#id_latitude", f"{place.latitude + 0.02:.6f}")
    expect(outside).to_be_hidden()
    page.locator("#id_latitude").press("Tab")  # the map comes back to the marker
    page.wait_for_timeout(600)  # the end of its glide

    # Dragging the marker writes where it is dropped.
    page.locator("#id_latitude").scroll_into_view_if_needed()
    marker_x, marker_y = centre(marker)
    page.mouse.move(marker_x, marker_y)
    page.mouse.down()
    page.mouse.move(marker_x + 40, marker_y + 30, steps=8)
    page.mouse.up()
    assert float(page.input_value("#id_latitude")) < place.latitude + 0.02
    assert float(page.input_value("#id_longitude")) > place.longitude

    # A click on the map writes its position into the fields, at most 6 decimals, and the marker goes there.
    picker_map.scroll_into_view_if_needed()
    box = picker_map.bounding_box()
    click_x, click_y = box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.35
    page.mouse.click(click_x, click_y)
    latitude, longitude = page.input_value("#id_latitude"), page.input_value("#id_longitude")
    assert latitude != f"{place.latitude + 0.02:.6f}" and longitude != str(place.longitude)
    assert len(latitude.split(".")[1]) <= 6 and len(longitude.split(".")[1]) <= 6
    assert float(longitude) > place.longitude  # right of the marker: east
    marker_x, marker_y = centre(marker)
    assert abs(marker_x - click_x) < 3 and abs(marker_y - click_y) < 3

    # Ticking "approximate" draws the marker as a dashed ring and says distances are not computed from it.
    note = page.locator(".position-picker-approximate-note")
    expect(note).to_be_hidden()
    page.check("#id_position_is_approximate")
    expect(page.locator(".position-picker-marker-approximate")).to_be_visible()
    assert page.locator(".position-picker-marker-approximate").evaluate("e => getComputedStyle(e).borderStyle") == (
        "dashed"
    )
    expect(note).to_be_visible()
    expect(note).to_contain_text("不据此计算距离")
    page.locator(".field-position_map").screenshot(path=screenshots / "admin-map-picker-approximate.png")

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    place.refresh_from_db()
    assert (place.latitude, place.longitude) == (float(latitude), float(longitude))
    assert place.position_is_approximate
    assert not csp_errors


def test_without_javascript_the_typed_fields_are_all_there_is(browser, site):
    user = get_user_model().objects.create_user("map.editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PROVINCE_EDITORS))
    context = browser.new_context(viewport=LAPTOP, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "map.editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    place = Attraction.objects.order_by("pk").first()
    page.goto(f"{site}/admin/attractions/attraction/{place.pk}/change/")
    expect(page.locator(".field-position_map")).to_be_hidden()
    page.fill("#id_latitude", "42.861234")
    page.fill("#id_longitude", "130.361234")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    place.refresh_from_db()
    assert (place.latitude, place.longitude) == (42.861234, 130.361234)
    context.close()
