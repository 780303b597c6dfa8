"""A province editor builds a three-day Border Tour across counties on its one page, in the Chinese admin on a
1,366 px laptop: days and stops added, a stop dragged from day 1 to day 2 (the days' distances and maps follow),
published, and the public page shows the stops in the new order. Each step is photographed for
docs/staff-guide.md (docs/images/tour-*.png)."""

import io
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from attractions.models import Attraction
from listings.models import Region, Status
from routes.models import Route
from staff.roles import PROVINCE_EDITORS

pytestmark = pytest.mark.browser

GUIDE_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
LAPTOP = {"width": 1366, "height": 768}
PASSWORD = "a-long-tour-editor-password-331"  # noqa: S105 - a test account


def blank_tile():
    """A plain 256 px tile: the test never reaches the real tile server."""
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (226, 232, 222)).save(buffer, "PNG")
    return buffer.getvalue()


def shoot(page, name):
    """A small PNG of the step for the guide: the visible window, in 256 colours."""
    GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
    path = GUIDE_IMAGES / f"tour-{name}.png"
    page.screenshot(path=path)
    Image.open(path).convert("RGB").quantize(colors=256).save(path, optimize=True)


@pytest.fixture
def editor_page(browser, site):
    user = get_user_model().objects.create_user("tour.editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PROVINCE_EDITORS))
    context = browser.new_context(viewport=LAPTOP, locale="zh-CN")
    context.set_default_timeout(15_000)
    tile = blank_tile()
    context.route("**/tile.openstreetmap.org/**", lambda route: route.fulfill(body=tile, content_type="image/png"))
    page = context.new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "tour.editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("tour.editor")
    yield page
    context.close()


def places_across_counties():
    """Four published places with exact positions: two in the westernmost county that has two, then one in each of
    two counties further east."""
    published = Attraction.objects.filter(status=Status.PUBLISHED, position_is_approximate=False).select_related(
        "region"
    )
    by_county = {}
    for place in published.order_by("region__corridor_order", "slug"):
        by_county.setdefault(place.region_id, []).append(place)
    first_county = next(county for county, places in by_county.items() if len(places) >= 2)
    further = [places[0] for county, places in by_county.items() if county != first_county][-2:]
    return [*by_county[first_county][:2], *further]


def day(page, number):
    return page.locator(".tour-day:not(.empty-form)").nth(number - 1)


def add_stop(page, day_number, place):
    day(page, day_number).locator(".tour-add-stop").click()
    page.locator(".select2-search__field").fill(place.name_zh_hans)
    page.locator(".select2-results__option", has_text=place.name_zh_hans).first.click()


def test_a_three_day_tour_is_built_on_one_page_and_a_stop_dragged_to_another_day(editor_page, site):
    page = editor_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    first, second, third, fourth = places_across_counties()
    start, end = Region.objects.get(pk=first.region_id), Region.objects.get(pk=fourth.region_id)

    page.goto(f"{site}/admin/routes/route/add/")
    page.fill("#id_title_zh_hans", "边境三日行")
    page.fill("#id_slug", "border-three-days")
    page.fill("#id_duration_days", "3")
    page.select_option("#id_transport", "self-drive")
    page.select_option("#id_start_region", str(start.pk))
    page.select_option("#id_end_region", str(end.pk))
    for number, title in enumerate(["沿江西行", "长白山下", "图们江口"], start=1):
        page.locator("#days-group .add-row a").click()
        day(page, number).locator("input[name$='-title_zh_hans']").fill(title)
        # A new day opens on its Chinese tab.
        expect(day(page, number).locator("input[name$='-title_zh_hans']")).to_be_visible()
    add_stop(page, 1, first)
    add_stop(page, 1, second)
    add_stop(page, 2, third)
    add_stop(page, 3, fourth)
    # A stop added by mistake, taken off again before saving.
    add_stop(page, 3, third)
    expect(day(page, 3).locator(".tour-stop")).to_have_count(2)
    day(page, 3).locator(".tour-stop").nth(1).locator(".tour-stop-remove").click()
    expect(day(page, 3).locator(".tour-stop")).to_have_count(1)

    # The first day measures its two stops and maps them; the others have one stop each.
    expect(day(page, 1).locator(".tour-day-distance")).to_contain_text("直线距离：")
    expect(day(page, 1).locator(".tour-day-distance")).to_contain_text("公里")
    expect(day(page, 1).locator(".tour-day-map")).to_have_attribute("data-markers", "2")
    expect(day(page, 2).locator(".tour-day-distance")).to_contain_text("少于两个站点")
    expect(day(page, 2).locator(".tour-day-map")).to_have_attribute("data-markers", "1")
    day(page, 1).scroll_into_view_if_needed()
    shoot(page, "1-days-and-stops")

    # The handle is big enough to grab, and nothing needs scrolling sideways on the laptop.
    handle = day(page, 1).locator(".tour-stop").nth(1).locator(".tour-stop-handle")
    box = handle.bounding_box()
    assert box["width"] >= 32 and box["height"] >= 32
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    # Day 1's second stop dragged to the top of day 2.
    handle.drag_to(day(page, 2).locator(".tour-stop").first, target_position={"x": 60, "y": 4})
    expect(day(page, 1).locator(".tour-stop")).to_have_count(1)
    expect(day(page, 2).locator(".tour-stop")).to_have_count(2)
    expect(day(page, 2).locator(".tour-stop").first).to_contain_text(second.name_zh_hans)
    expect(day(page, 1).locator(".tour-day-distance")).to_contain_text("少于两个站点")
    expect(day(page, 2).locator(".tour-day-distance")).to_contain_text("公里")
    expect(day(page, 1).locator(".tour-day-map")).to_have_attribute("data-markers", "1")
    expect(day(page, 2).locator(".tour-day-map")).to_have_attribute("data-markers", "2")
    # The move is in the stop's own fields: its day and its order.
    moved = day(page, 2).locator(".tour-stop").first
    expect(moved.locator("input[name$='-position']")).to_have_value("1")
    day(page, 2).scroll_into_view_if_needed()
    shoot(page, "2-stop-dragged-to-day-2")

    # The province editor publishes.
    page.select_option("#id_status", Status.PUBLISHED)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    route = Route.objects.get(slug="border-three-days")
    assert route.status == Status.PUBLISHED
    days = list(route.days.order_by("number"))
    assert [day.title_zh_hans for day in days] == ["沿江西行", "长白山下", "图们江口"]
    stops = [[stop.place for stop in d.stops.order_by("position")] for d in days]
    assert stops == [[first], [second, third], [fourth]]
    # Back on the page after saving, each stop is under its day.
    expect(day(page, 2).locator(".tour-stop").first).to_contain_text(second.name_zh_hans)
    day(page, 2).locator(".tour-day-stops").scroll_into_view_if_needed()
    shoot(page, "3-saved-and-published")

    # From the keyboard: ▲ on day 2's first stop takes it to the end of day 1 (not saved).
    day(page, 2).locator(".tour-stop").first.locator(".tour-stop-up").press("Enter")
    expect(day(page, 1).locator(".tour-stop").nth(1)).to_contain_text(second.name_zh_hans)
    expect(day(page, 1).locator(".tour-stop").nth(1).locator("select[name$='-day']")).to_have_value("0")
    expect(day(page, 1).locator(".tour-stop").nth(1).locator("input[name$='-position']")).to_have_value("2")

    page.goto(f"{site}{route.get_absolute_url()}")
    text = page.locator("main").inner_text()
    assert text.index(first.name_zh_hans) < text.index(second.name_zh_hans) < text.index(third.name_zh_hans)
    assert text.index(third.name_zh_hans) < text.index(fourth.name_zh_hans)
    assert not errors


def test_without_javascript_a_stop_moves_with_its_day_and_order_fields(browser, site):
    from routes.tests.factories import make_route

    first, second, third, _fourth = places_across_counties()
    route = make_route(days=[[first, second], [third]], status=Status.DRAFT)
    user = get_user_model().objects.create_user("tour.plain", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PROVINCE_EDITORS))
    context = browser.new_context(viewport=LAPTOP, locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site}/admin/login/")
        page.fill("#id_username", "tour.plain")
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.goto(f"{site}/admin/routes/route/{route.pk}/change/")
        moved = day(page, 1).locator(".tour-stop").nth(1)
        expect(moved).to_contain_text(second.name_zh_hans)
        expect(moved.locator(".tour-stop-handle")).to_be_hidden()  # only with the script
        moved.locator("select[name$='-day']").select_option("1")
        moved.locator("input[name$='-position']").fill("1")
        page.click("input[name=_continue]")
        expect(page.locator(".messagelist .success")).to_be_visible()
        days = list(route.days.order_by("number"))
        assert [[stop.place for stop in d.stops.order_by("position")] for d in days] == [[first], [second, third]]
        expect(day(page, 2).locator(".tour-stop").first).to_contain_text(second.name_zh_hans)
    finally:
        context.close()
