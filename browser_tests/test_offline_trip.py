"""The offline journey (#25 line 6): save an attraction and a Border Tour, open the trip, lose the connection, and
every saved page still opens with its picture and map; a page not saved shows the offline page in English."""

import time

import pytest
from playwright.sync_api import expect

from attractions.models import Attraction
from demo.loading.photos import illustrate
from routes.models import Route

pytestmark = pytest.mark.browser

ATTRACTION = "/en/attractions/fangchuan/"
ROUTE = "/en/routes/whole-jilin-border-7-days/"
NOT_SAVED = "/en/villages/songling-snow-village/"


def save(page, site, address):
    page.goto(f"{site}{address}")
    page.get_by_role("button", name="Save to my trip").click()
    expect(page.locator(".trip-save-status")).to_have_text(
        "Saved to your trip: it opens on this device without a connection."
    )
    expect(page.get_by_role("button", name="Remove from my trip")).to_be_visible()


def picture_loaded(page):
    return page.locator(".gallery img").first.evaluate("image => image.complete && image.naturalWidth > 0")


@pytest.fixture
def pictured(site):
    """The demo's drawn pictures of the two listings saved (drawing all of them takes too long for a test)."""
    illustrate(Attraction.objects.get(slug="fangchuan"), "name")
    illustrate(Route.objects.get(slug="whole-jilin-border-7-days"), "title")


def test_a_saved_trip_opens_without_a_connection(phone, site, pictured):
    page = phone
    page.goto(f"{site}/en/")
    page.evaluate("() => navigator.serviceWorker.ready")
    save(page, site, ATTRACTION)
    attraction = page.locator("h1").inner_text()
    save(page, site, ROUTE)
    tour = page.locator("h1").inner_text()

    page.get_by_role("link", name="Open my trip").click()
    expect(page).to_have_url(f"{site}/en/trip/?items=attractions:fangchuan@1,routes:whole-jilin-border-7-days@1")
    expect(page.locator(".trip-item h3")).to_have_text([attraction, tour])
    # Planning: the tour goes to day 2; the address and the trip kept on the device follow.
    page.locator(".trip-item").nth(1).get_by_role("link", name="To the next day").click()
    moved = "attractions:fangchuan@1,routes:whole-jilin-border-7-days@2"
    expect(page).to_have_url(f"{site}/en/trip/?items={moved}")
    expect(page.locator(".trip-day h2")).to_have_text(["Day 1", "Day 2"])
    assert page.evaluate("() => JSON.parse(localStorage.getItem('g331-trip')).items") == moved

    page.context.set_offline(True)
    page.reload()
    expect(page.locator(".trip-item h3")).to_have_text([attraction, tour])
    page.goto(f"{site}/en/trip/")  # the bare address opens the trip kept on the device
    expect(page.locator(".trip-item h3")).to_have_text([attraction, tour])

    for name, address in ((attraction, ATTRACTION), (tour, ROUTE)):
        page.get_by_role("link", name=name, exact=True).click()
        expect(page).to_have_url(f"{site}{address}")
        expect(page.locator("h1")).to_have_text(name)
        expect(page.locator("figure.map svg.map-svg")).to_be_visible()  # the map drawn in the page
        page.locator(".gallery img").first.scroll_into_view_if_needed()
        page.wait_for_function("() => { const image = document.querySelector('.gallery img'); return image.complete; }")
        assert picture_loaded(page), f"the picture of {address} did not load offline"
        page.go_back()

    page.goto(f"{site}{NOT_SAVED}")
    expect(page.locator("h1")).to_have_text("No connection")
    expect(page.get_by_role("link", name="Open my trip")).to_be_visible()
    page.context.set_offline(False)


def test_a_new_deploy_replaces_the_kept_pages_and_drops_the_old_caches(phone, site, monkeypatch):
    from trips import views

    page = phone
    page.goto(f"{site}/en/")
    page.evaluate("() => navigator.serviceWorker.ready")
    save(page, site, ATTRACTION)
    old = page.evaluate("() => caches.keys()")
    assert any(name.startswith("g331-trip-") for name in old)

    monkeypatch.setattr(views, "code_version", lambda: "new-deploy-0001")
    page.evaluate("() => navigator.serviceWorker.getRegistration().then(registration => registration.update())")
    # The new worker installs, fetches the saved pages again into its caches, then deletes the old ones.
    deadline = time.monotonic() + 20
    while sorted(page.evaluate("() => caches.keys()")) != [
        "g331-pages-new-deploy-0001",
        "g331-static-new-deploy-0001",
        "g331-trip-new-deploy-0001",
    ]:
        assert time.monotonic() < deadline, page.evaluate("() => caches.keys()")
        page.wait_for_timeout(200)
    assert page.evaluate(
        "() => caches.open('g331-trip-new-deploy-0001')"
        f".then(cache => cache.match('{site}{ATTRACTION}', {{ ignoreVary: true }})).then(response => Boolean(response))"
    ), "the saved page was not fetched again into the new deploy's cache"

    page.context.set_offline(True)
    page.goto(f"{site}{ATTRACTION}")
    expect(page.get_by_role("button", name="Remove from my trip")).to_be_visible()
    page.context.set_offline(False)


def test_the_share_link_opens_the_same_trip_elsewhere_with_or_without_javascript(page, page_without_js, site):
    shared = f"{site}/en/trip/?items=attractions:fangchuan@1,routes:whole-jilin-border-7-days@2"
    page_without_js.goto(shared)
    expect(page_without_js.locator(".trip-day h2")).to_have_text(["Day 1", "Day 2"])
    names = page_without_js.locator(".trip-item h3").all_inner_texts()
    assert len(names) == 2
    expect(page_without_js.get_by_role("button", name="Keep this trip on this device")).to_have_count(0)

    # Another device with JavaScript: the trip kept there is never replaced without asking.
    page.goto(shared)
    expect(page.locator(".trip-item h3")).to_have_text(names)
    assert page.evaluate("() => localStorage.getItem('g331-trip')") is None
    page.get_by_role("button", name="Keep this trip on this device").click()
    expect(page.get_by_role("button", name="Keep this trip on this device")).to_be_hidden()
    page.goto(f"{site}/en/trip/")
    expect(page).to_have_url(shared)
