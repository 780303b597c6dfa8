"""A tourist on a 360 px phone, in each of the four languages: the header is one slim row with a menu and one
language control, and no heading or navigation label is broken inside a word."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, new_page

# django_db: the test database exists, and reads in the test see the rows of shared_site (committed).
pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def site(shared_site):
    """This module's tests only look: they share one load of the demo data (conftest.py shared_site)."""
    return shared_site


PREFIXES = {"zh-hans": "", "en": "/en", "ko": "/ko", "ru": "/ru"}
# Home, two lists and the Border Tour with the longest titles of the demo data.
PATHS = ["/", "/attractions/", "/routes/", "/routes/whole-jilin-border-7-days/"]
HEADER_MAX_HEIGHT = 64
CHECKED_TEXTS = "h1, h2, h3, .card-title, .brand-name, .main-nav a, .language-menu summary"
DESKTOP_WIDTHS = [1024, 1366]

# Every word of the elements (split at spaces, after hyphens, dashes, slashes and the middle dot of 현·시, and before an
# opening bracket, where a line may break) whose rendered pieces lie on more than one line, and the elements wider
# than their box (a word too long for the line). Words of Chinese characters are left out: Chinese lines break between
# any two characters.
BROKEN_WORDS = """
(elements) => {
  const broken = [];
  for (const element of elements) {
    if (element.getBoundingClientRect().width <= 1) continue;  // out of sight, or for screen readers only
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s\\-\\u2010-\\u2014\\/\\u00b7(]+/g)) {
        if (/[\\u3400-\\u9fff\\uf900-\\ufaff]/.test(match[0])) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(`${element.tagName.toLowerCase()}: ${match[0]}`);
      }
    }
    if (element.scrollWidth > element.clientWidth + 1) broken.push(`wider than its box: ${element.textContent.trim()}`);
  }
  return broken;
}
"""


@pytest.fixture
def phone_page(browser, site):
    page = new_page(browser, PHONE)
    yield page
    page.context.close()


def open_menu(page):
    page.locator(".site-menu > summary").click()
    expect(page.get_by_role("navigation", name=page.locator(".main-nav").get_attribute("aria-label"))).to_be_visible()


@pytest.mark.parametrize("language", PREFIXES)
def test_the_header_is_one_slim_row_with_a_menu_and_one_language_control(phone_page, site, language):
    page = phone_page
    for path in PATHS[:2]:
        page.goto(f"{site}{PREFIXES[language]}{path}")
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= HEADER_MAX_HEIGHT, (path, header)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        # Closed, the navigation is out of sight; the menu button opens it over the page, every link a 44 px target.
        nav_links = page.locator(".main-nav a")
        expect(nav_links.first).to_be_hidden()
        open_menu(page)
        expect(nav_links).to_have_count(8)
        for box in (nav_links.nth(i).bounding_box() for i in range(8)):
            assert box["height"] >= 44 and box["y"] + box["height"] <= 740, box
        assert page.locator(".site-header").bounding_box()["height"] <= HEADER_MAX_HEIGHT
        page.locator(".site-menu > summary").click()
        expect(nav_links.first).to_be_hidden()
        # One language control: closed it shows one button; open, the four languages, each in its own name.
        assert page.locator(".language-menu").count() == 1
        language_links = page.locator(".language-menu a")
        expect(language_links.first).to_be_hidden()
        page.locator(".language-menu > summary").click()
        expect(language_links).to_have_count(4)
        assert [language_links.nth(i).get_attribute("lang") for i in range(4)] == ["zh-Hans", "en", "ko", "ru"]
        expect(page.locator(".language-menu a[hreflang=ru]")).to_have_text("Русский")
        expect(page.locator(".language-menu a[hreflang=ko]")).to_have_text("한국어")
    # The language control leads to the same page in the other language.
    other = "en" if language == "ru" else "ru"
    page.locator(f".language-menu a[hreflang={other}]").click()
    expect(page).to_have_url(f"{site}{PREFIXES[other]}{PATHS[1]}")
    assert page.locator("html").get_attribute("lang") == other


def test_escape_or_a_tap_outside_closes_the_open_menu(phone_page, site):
    page = phone_page
    page.goto(f"{site}/en/villages/")
    open_menu(page)
    page.keyboard.press("Escape")
    expect(page.locator(".main-nav a").first).to_be_hidden()
    expect(page.locator(".site-menu > summary")).to_be_focused()
    page.locator(".language-menu > summary").click()
    expect(page.locator(".language-menu a").first).to_be_visible()
    page.locator("#result-count").click()  # on the page, below the open list (not on a link)
    expect(page).to_have_url(f"{site}/en/villages/")
    expect(page.locator(".language-menu a").first).to_be_hidden()
    # One open at a time: opening the language list closes the menu.
    open_menu(page)
    page.locator(".language-menu > summary").click()
    expect(page.locator(".main-nav a").first).to_be_hidden()
    expect(page.locator(".language-menu a").first).to_be_visible()


def test_the_menu_and_the_language_control_work_without_javascript(page_without_js, site):
    page = page_without_js
    page.goto(f"{site}/ru/attractions/")
    assert page.locator(".site-header").bounding_box()["height"] <= HEADER_MAX_HEIGHT
    open_menu(page)
    page.locator(".main-nav a").nth(1).click()
    expect(page).to_have_url(f"{site}/ru/villages/")
    page.locator(".language-menu > summary").click()
    page.locator(".language-menu a[hreflang=ko]").click()
    expect(page).to_have_url(f"{site}/ko/villages/")


@pytest.mark.parametrize("language", PREFIXES)
def test_no_heading_or_navigation_label_is_broken_inside_a_word(phone_page, site, language):
    page = phone_page
    for path in PATHS:
        page.goto(f"{site}{PREFIXES[language]}{path}")
        menu = page.locator(".site-menu > summary")
        if menu.count() and menu.is_visible():
            menu.click()
        broken = page.eval_on_selector_all(CHECKED_TEXTS, BROKEN_WORDS)
        assert not broken, (path, broken)


@pytest.mark.parametrize("width", DESKTOP_WIDTHS)
def test_on_a_laptop_the_navigation_fits_one_row_of_the_header_in_every_language(browser, site, width):
    page = new_page(browser, {"width": width, "height": 800})
    try:
        for language, prefix in PREFIXES.items():
            page.goto(f"{site}{prefix}/attractions/")
            assert page.locator(".site-header").bounding_box()["height"] <= HEADER_MAX_HEIGHT, language
            links = page.locator(".main-nav a")
            expect(links.first).to_be_visible()
            tops = {round(links.nth(i).bounding_box()["y"]) for i in range(links.count())}
            assert len(tops) == 1, (language, tops)
            broken = page.eval_on_selector_all(".main-nav a, .brand-name", BROKEN_WORDS)
            assert not broken, (language, broken)
    finally:
        page.context.close()
