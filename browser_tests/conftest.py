"""Playwright driving Debian's Chromium against the live server filled with the demo data."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls of the fixtures are safe here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

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


@pytest.fixture(scope="module")
def shared_site(request, django_db_setup, django_db_blocker):
    """For a module whose tests only look: the demo data loaded ONCE for the module, committed, behind a live
    server of its own; flushed at the module's end, as `site` flushes after each test.

    `site` (live_server) loads the demo data for every test, and each load takes seconds: a module whose tests write
    nothing the next one would see keeps to `shared_site`, and names its loaders in SITE_LOADERS (default: just
    load_demo_data). Its tests are marked `django_db` (so that the test database is made; each test's transaction
    sees the committed rows) and must not ask for `live_server` or `transactional_db`: a transactional test flushes
    the database under the other tests' feet. (Not pytest-django's `live_server`: asking for it makes
    every test transactional, and its database is flushed after each.)"""
    loaders = getattr(request.module, "SITE_LOADERS", ("load_demo_data",))
    with django_db_blocker.unblock():
        for command in loaders:
            call_command(command, verbosity=0)
        server = LiveServer(os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost")
        try:
            yield server.url
        finally:
            server.stop()
            call_command("flush", interactive=False, verbosity=0)


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
