"""Staff edit events in the admin with the same workflow, languages column and history as other listings."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from attractions.tests.factories import make_attraction
from events.models import Event
from events.tests.factories import make_event
from listings.models import Status
from listings.tests.factories import make_region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_today(set_day):
    set_day(datetime.date(2026, 6, 1))


def test_adding_an_event_at_an_attraction_fills_its_county(admin_client):
    fangchuan = make_attraction(region=make_region("hunchun"))
    response = admin_client.post(
        reverse("admin:events_event_add"),
        {
            "name_zh_hans": "防川跨年",
            "name_en": "Fangchuan New Year",
            "slug": "fangchuan-new-year",
            "kind": "ceremony",
            "status": Status.DRAFT,
            "recurrence": "annual",
            "usual_month_start": "12",
            "usual_month_end": "1",
            "attraction": fangchuan.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="fangchuan-new-year")
    assert event.region == fangchuan.region
    assert event.history.count() == 1


def test_an_event_ending_before_it_starts_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:events_event_add"),
        {
            "name_zh_hans": "倒序",
            "slug": "backwards",
            "kind": "festival",
            "status": Status.DRAFT,
            "recurrence": "once",
            "starts_on": "2026-06-10",
            "ends_on": "2026-06-01",
            "region": make_region("tumen").pk,
        },
    )
    assert response.status_code == 200
    assert gettext("An event cannot end before it starts.") in response.content.decode()


def test_the_changelist_filters_coming_and_past(admin_client):
    make_event(name_zh_hans="已过", recurrence="once", starts_on=datetime.date(2026, 5, 1), usual_month_start=None)
    make_event(name_zh_hans="将来", starts_on=datetime.date(2026, 7, 1))
    url = reverse("admin:events_event_changelist")
    past = admin_client.get(url, {"when": "past"}).content.decode()
    assert "已过" in past and "将来" not in past
    assert admin_client.get(url, {"q": "将来"}).status_code == 200
    event = Event.objects.first()
    assert admin_client.get(reverse("admin:events_event_change", args=[event.pk])).status_code == 200


def test_the_event_changelist_costs_the_same_queries_with_more_rows(admin_client, django_assert_max_num_queries):
    for _ in range(3):
        make_event()
    url = reverse("admin:events_event_changelist")
    with CaptureQueriesContext(connection) as few:
        admin_client.get(url)
    for _ in range(15):
        make_event()
    with django_assert_max_num_queries(len(few)):
        admin_client.get(url)
