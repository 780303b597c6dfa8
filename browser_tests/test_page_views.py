"""Page views in a real browser: a listing's page counts one view, its list page none, the headless browser
itself none (it says it is headless); the dashboard's charts fit a phone."""

import uuid

import pytest
from django.core.management import call_command

from attractions.tests.factories import make_attraction
from dashboard import counting
from dashboard.models import PageView
from listings import page_views

from .conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Headless Chromium says "HeadlessChrome" and would be ignored as a bot, as it should be; this is a person.
PERSON = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"


@pytest.fixture
def person(browser):
    context = browser.new_context(viewport=PHONE, locale="en-GB", user_agent=PERSON)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture(autouse=True)
def _empty_buffer(settings):
    # Its own key prefix: the cache that remembers who was counted today is shared by test runs.
    settings.PAGE_VIEWS = {**settings.PAGE_VIEWS, "KEY_PREFIX": f"test-{uuid.uuid4().hex}:pageviews"}
    counting.discard_buffer()
    yield
    counting.discard_buffer()


def test_a_listing_page_counts_one_view_and_a_list_page_none(person, live_server):
    place = make_attraction(slug="counted-in-a-browser")
    response = person.goto(f"{live_server.url}/ko/attractions/counted-in-a-browser/")
    assert response.status == 200
    assert page_views.COUNTED_VIEW_HEADER.lower() not in response.all_headers()
    person.goto(f"{live_server.url}/ko/attractions/")
    counting.flush_buffer()  # the live server runs in this process: its buffer is this one
    row = PageView.objects.get()
    assert (row.object_id, row.language, row.count) == (place.pk, "ko", 1)


def test_the_headless_browser_itself_is_not_counted(page, site, live_server):
    make_attraction(slug="counted-in-a-browser")
    assert page.goto(f"{live_server.url}/en/attractions/counted-in-a-browser/").status == 200
    counting.flush_buffer()
    assert PageView.objects.count() == 0


def test_the_dashboard_fits_a_phone(person, live_server, django_user_model):
    call_command("load_demo_data", verbosity=0)
    django_user_model.objects.create_superuser("boss", "boss@example.org", "a-long-test-password")
    person.goto(f"{live_server.url}/admin/login/?next=/admin/dashboard/")
    person.fill("#id_username", "boss")
    person.fill("#id_password", "a-long-test-password")
    person.click("input[type=submit]")
    person.wait_for_url("**/admin/dashboard/")
    assert person.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for chart in person.locator("svg.chart-svg").all():
        box = chart.bounding_box()
        assert box["width"] <= PHONE["width"] - 20
        # Scaled to the phone, the labels stay at least 10 px high.
        assert box["width"] / 360 * 13 >= 10
