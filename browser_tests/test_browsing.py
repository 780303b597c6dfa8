"""A traveller narrows the listings down and reads what they need, on a phone and on a desktop."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import DESKTOP, PHONE

# django_db: the test database exists, and reads in the test see the rows of shared_site (committed).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def site(shared_site):
    """This module's tests only look: they share one load of the demo data (conftest.py shared_site)."""
    return shared_site


BLOCKING_IMPACTS = {"serious", "critical"}

# Every kind of public page, with filters applied on the lists.
PAGES = {
    "home": "/en/",
    "attractions": "/en/attractions/?county=hunchun&season=winter",
    "villages": "/en/villages/?county=linjiang&homestays=1",
    "routes": "/en/routes/?season=summer&county=hunchun",
    "search": "/en/search/?q=%E9%9B%AA%E6%9D%91",
    "attraction": "/en/attractions/fangchuan/",
    "village": "/en/villages/songling-snow-village/",
    "route": "/en/routes/whole-jilin-border-7-days/",
}


def assert_accessible(page):
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in blocking]


def test_filter_summer_attractions_in_hunchun_and_open_one(page, site):
    # Summer: no Hunchun attraction of the demo data is known to be good in winter (the filter matches only
    # known seasons), two are in summer.
    page.goto(f"{site}/en/attractions/")
    page.get_by_role("group", name="County or city").get_by_label(re.compile(r"^Hunchun")).check()
    expect(page).to_have_url(re.compile(r"county=hunchun"))
    page.get_by_role("group", name="Season").get_by_label(re.compile(r"^Summer")).check()
    expect(page).to_have_url(re.compile(r"county=hunchun&season=summer"))
    expect(page.locator(".chips")).to_contain_text("Hunchun")
    expect(page.locator("#result-count")).to_have_text(re.compile(r"^\d+ attractions?$"))
    assert_accessible(page)
    first = page.locator("#results .card-link").first
    name = first.inner_text()
    first.click()
    expect(page.locator("h1")).to_have_text(name)
    # The season leads the facts box under the title ("At a glance").
    expect(page.locator(".essentials")).to_contain_text(re.compile(r"Summer|All year"))
    expect(page.locator(".facts")).to_contain_text("Hunchun")


def test_search_snow_village_and_land_on_songling(page, site):
    page.goto(f"{site}/en/")
    page.get_by_role("searchbox").first.fill("雪村")
    page.get_by_role("searchbox").first.press("Enter")
    expect(page.locator(".result-count")).to_contain_text("雪村")
    page.get_by_role("link", name=re.compile("Songling Snow Village")).first.click()
    expect(page).to_have_url(re.compile(r"/en/villages/songling-snow-village/$"))
    expect(page.locator("h1")).to_contain_text("Songling")


def test_open_the_seven_day_tour_and_follow_a_stop(page, site):
    page.goto(f"{site}/en/routes/")
    page.get_by_role("link", name=re.compile("7 days|seven", re.IGNORECASE)).first.click()
    expect(page).to_have_url(re.compile(r"/en/routes/whole-jilin-border-7-days/$"))
    expect(page.locator(".day")).to_have_count(7)
    stop = page.locator(".stops a").nth(2)
    name = stop.inner_text()
    stop.click()
    expect(page.locator("h1")).to_have_text(name)


def test_the_same_walk_without_javascript_on_a_phone(page_without_js, site):
    page = page_without_js
    page.goto(f"{site}/en/attractions/")
    page.locator(".filter-summary").click()
    page.get_by_role("group", name="County or city").get_by_label(re.compile(r"^Hunchun")).check()
    page.get_by_role("group", name="Season").get_by_label(re.compile(r"^Summer")).check()
    page.get_by_role("button", name="Show results").click()
    expect(page).to_have_url(re.compile(r"county=hunchun"))
    expect(page).to_have_url(re.compile(r"season=summer"))
    page.locator("#results .card-link").first.click()
    expect(page.locator(".facts")).to_contain_text("Hunchun")

    page.goto(f"{site}/en/search/")
    page.locator("#search-q").fill("雪村")
    page.locator("#search-q").press("Enter")
    page.get_by_role("link", name=re.compile("Songling Snow Village")).first.click()
    expect(page).to_have_url(re.compile(r"/villages/songling-snow-village/$"))

    page.goto(f"{site}/en/routes/whole-jilin-border-7-days/")
    stop = page.locator(".stops a").first
    name = stop.inner_text()
    stop.click()
    expect(page.locator("h1")).to_have_text(name)


def test_the_filter_form_works_from_the_keyboard(page, site):
    page.goto(f"{site}/en/attractions/")
    page.locator("#filter-q").focus()
    for _ in range(40):
        if page.evaluate("document.activeElement.id") == "filter-county-hunchun":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "filter-county-hunchun"
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"county=hunchun"))
    expect(page.locator(".chips")).to_contain_text("Hunchun")
    # Focus stays where it was so the visitor can go on ticking.
    assert page.evaluate("document.activeElement.id") == "filter-county-hunchun"


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_is_accessible_and_fits_a_phone(browser, site, screenshots, name):
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page = browser.new_context(viewport=viewport, locale="en-GB").new_page()
        page.goto(f"{site}{PAGES[name]}")
        page.screenshot(path=screenshots / f"{name}-{viewport['width']}x{viewport['height']}.png", full_page=True)
        if label == "phone":
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{name} scrolls sideways at 360 px ({width} px)"
            small = page.evaluate(TOO_SMALL_TARGETS)
            assert not small, f"{name}: tap targets under 44 px: {small[:5]}"
        assert_accessible(page)
        page.context.close()


# Controls a finger must hit (links inside running text are exempt, as in WCAG 2.5.8).
TOO_SMALL_TARGETS = """
() => Array.from(document.querySelectorAll(
  'button, select, input:not([type=checkbox]):not([type=radio]), summary, .chip, .pagination a, '
  + 'nav a, .card-link, .facet-option label, .more, .stops a, .nearby a'
)).filter(el => {
  const box = el.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && box.height < 44;
}).map(el => `${el.tagName} ${el.className} ${Math.round(el.getBoundingClientRect().height)}px`)
"""
