"""Playwright driving Debian's Chromium against the live server filled with the demo data."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import sync_playwright

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server):
    """The live server's address, its database holding the real demo data."""
    call_command("load_demo_data", verbosity=0)
    return live_server.url


def new_page(browser, viewport=DESKTOP, javascript=True):
    context = browser.new_context(viewport=viewport, locale="en-GB", java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture
def page(browser, site):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def phone(browser, site):
    page = new_page(browser, PHONE)
    yield page
    page.context.close()


@pytest.fixture
def page_without_js(browser, site):
    page = new_page(browser, PHONE, javascript=False)
    yield page
    page.context.close()


@pytest.fixture(scope="session")
def screenshots():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
