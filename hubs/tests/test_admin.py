"""Province editors keep the airports and stations in the admin: the list shows whose position is unknown and
whose facts need checking again, a half position is refused with a message, and every change has a history."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hubs.models import HubKind, TransportHub
from hubs.tests.factories import make_hub
from listings.models import Status
from listings.tests.factories import make_region
from staff.tests.factories import make_province_editor

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)


@pytest.fixture(autouse=True)
def fixed_today(set_day):
    set_day(TODAY)


def new_hub_form(**fields):
    return {
        "name_zh_hans": "珲春站",
        "name_en": "Hunchun railway station",
        "slug": "hunchun-station",
        "kind": HubKind.HIGH_SPEED_RAIL,
        "status": Status.DRAFT,
        "written_in": "zh-hans",
        "verified_precision": "day",
        "region": make_region("hunchun").pk,
        **fields,
    }


def test_an_editor_adds_a_station_whose_position_no_source_gives(client):
    client.force_login(make_province_editor())
    response = client.post(reverse("admin:hubs_transporthub_add"), new_hub_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    hub = TransportHub.objects.get(slug="hunchun-station")
    assert hub.latitude is None and hub.longitude is None
    assert hub.history.count() == 1


def test_a_latitude_without_its_longitude_is_refused_with_a_message(client):
    client.force_login(make_province_editor())
    response = client.post(reverse("admin:hubs_transporthub_add"), new_hub_form(latitude="42.9"))
    assert response.status_code == 200
    # The admin is in Chinese: the editor reads the message there, on both fields.
    assert response.content.decode().count("请同时填写纬度和经度；没有来源给出位置时，两项都留空。") == 2
    assert not TransportHub.objects.exists()


def test_the_list_shows_unknown_positions_and_old_facts_and_costs_the_same_with_more_hubs(admin_client):
    make_hub(name_zh_hans="旧消息", verified_on=datetime.date(2015, 9, 20))
    make_hub(name_zh_hans="有位置", latitude=42.88, longitude=129.45, verified_on=datetime.date(2026, 2, 17))
    url = reverse("admin:hubs_transporthub_changelist")
    unknown = admin_client.get(url, {"position": "unknown"}).content.decode()
    assert "旧消息" in unknown and "有位置" not in unknown
    with CaptureQueriesContext(connection) as few:
        assert admin_client.get(url).status_code == 200
    for _ in range(10):
        make_hub(region=make_region("hunchun"))
    with CaptureQueriesContext(connection) as many:
        admin_client.get(url)
    assert len(many) == len(few)


def test_a_hubs_pages_in_the_admin_open(admin_client):
    hub = make_hub(region=make_region("tumen"))
    assert admin_client.get(reverse("admin:hubs_transporthub_change", args=[hub.pk])).status_code == 200
    assert admin_client.get(reverse("admin:hubs_transporthub_history", args=[hub.pk])).status_code == 200
    assert admin_client.get(reverse("admin:hubs_transporthub_changelist"), {"q": "枢纽"}).status_code == 200
