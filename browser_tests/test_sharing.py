"""Sharing a Border Tour from the phone: the share button copies the link and says so; without JavaScript
the plain link is there instead."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROUTE = "/en/routes/whole-jilin-border-7-days/"


def test_share_button_copies_the_link_and_confirms_it(page, site):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site)
    page.goto(f"{site}{ROUTE}")
    # Headless Chromium on Linux has no share sheet: the button falls back to the clipboard.
    page.evaluate("() => { delete Navigator.prototype.share; }")
    button = page.get_by_role("button", name="Share this page")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".share-status")).to_have_text("Link copied: paste it into a chat or an e-mail.")
    assert page.evaluate("() => navigator.clipboard.readText()") == f"{site}{ROUTE}"
    expect(page.locator("svg.qr-code")).to_be_hidden()  # on paper only (issue 26)


def test_without_javascript_the_plain_link_is_there_and_the_button_is_not(page_without_js, site):
    page_without_js.goto(f"{site}{ROUTE}")
    expect(page_without_js.get_by_role("button", name="Share this page")).to_have_count(0)
    expect(page_without_js.locator(".share-link a")).to_have_text(f"{site}{ROUTE}")


def test_the_printed_route_keeps_the_qr_code_and_the_link_but_not_the_button(page, site):
    page.goto(f"{site}{ROUTE}")
    page.emulate_media(media="print")
    expect(page.locator("svg.qr-code")).to_be_visible()
    box = page.locator("svg.qr-code").bounding_box()
    assert 100 < box["width"] < 160  # about 3.5 cm: big enough to scan from paper
    expect(page.locator(".share-link a")).to_be_visible()
    expect(page.get_by_role("button", name="Share this page")).to_be_hidden()
