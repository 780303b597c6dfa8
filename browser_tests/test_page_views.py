"""The beacon in a real browser: a listing's page, once loaded, counts one view; a list page counts none;
the dashboard's charts fit a phone."""

import pytest
from django.core.management import call_command

from attractions.tests.factories import make_attraction
from dashboard import counting
from dashboard.models import PageView

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


def test_a_listing_page_counts_one_view_once_loaded_and_a_list_page_none(person, live_server):
    counting.forget_targets()
    place = make_attraction(slug="beacon-test")
    with person.expect_request(lambda request: request.url.endswith("/page-view") and request.method == "POST"):
        person.goto(f"{live_server.url}/ko/attractions/beacon-test/")
    person.goto(f"{live_server.url}/ko/attractions/")
    person.wait_for_timeout(300)
    row = PageView.objects.get()
    assert (row.object_id, row.language, row.count) == (place.pk, "ko", 1)


def test_the_headless_browser_itself_is_not_counted(page, site, live_server):
    counting.forget_targets()
    make_attraction(slug="beacon-test")
    with page.expect_request(lambda request: request.url.endswith("/page-view")) as sent:
        page.goto(f"{live_server.url}/en/attractions/beacon-test/")
    assert sent.value.response().status == 204
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
