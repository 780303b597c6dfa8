"""Staff edit ports and notes in the admin, see which statuses need checking again, and set county notes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext

from attractions.tests.factories import make_attraction
from listings.models import Status
from listings.tests.factories import make_region
from ports.models import BorderNote
from ports.tests.factories import make_note, make_port

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def fixed_today(set_day):
    set_day(TODAY)


def test_the_port_list_flags_stale_statuses_and_filters_them(admin_client):
    make_port(name_zh_hans="Old news", status_verified_on=datetime.date(2024, 1, 1))
    make_port(name_zh_hans="Fresh", status_verified_on=datetime.date(2026, 6, 1))
    make_port(name_zh_hans="Undated", status_verified_on=None)
    url = reverse("admin:ports_portofentry_changelist")
    page = admin_client.get(url).content.decode()
    assert capfirst(gettext("status checked within 12 months")) in page
    assert 'alt="False"' in page and 'alt="True"' in page and 'alt="None"' in page
    stale = admin_client.get(url, {"status_check": "stale"}).content.decode()
    assert "Old news" in stale and "Fresh" not in stale and "Undated" not in stale
    unverified = admin_client.get(url, {"status_check": "unverified"}).content.decode()
    assert "Undated" in unverified and "Old news" not in unverified


def test_port_and_note_pages_open(admin_client):
    port = make_port()
    note = make_note(port=port)
    assert admin_client.get(reverse("admin:ports_portofentry_change", args=[port.pk])).status_code == 200
    assert admin_client.get(reverse("admin:ports_bordernote_change", args=[note.pk])).status_code == 200
    assert admin_client.get(reverse("admin:ports_portofentry_history", args=[port.pk])).status_code == 200
    assert admin_client.get(reverse("admin:ports_bordernote_changelist"), {"q": "护照"}).status_code == 200


def test_staff_set_one_note_on_a_whole_county(admin_client):
    hunchun = make_region("hunchun")
    response = admin_client.post(
        reverse("admin:ports_bordernote_add"),
        {
            "kind": "border-pass",
            "text_zh_hans": "前往防川须办理边境管理区通行证。",
            "text_en": "A border-area pass is needed for Fangchuan.",
            "written_in": "zh-hans",
            "status": Status.PUBLISHED,
            "position": 0,
            "region": hunchun.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    note = BorderNote.objects.get()
    assert note.is_for_whole_county and note.region == hunchun


def test_a_note_on_two_things_is_refused_with_a_message(admin_client):
    hunchun = make_region("hunchun")
    response = admin_client.post(
        reverse("admin:ports_bordernote_add"),
        {
            "kind": "other",
            "text_zh_hans": "两处",
            "status": Status.DRAFT,
            "position": 0,
            "region": hunchun.pk,
            "attraction": make_attraction(region=hunchun).pk,
        },
    )
    assert response.status_code == 200
    assert (
        gettext("Choose exactly one county, attraction, village, Border Tour or port for this note.")
        in response.content.decode()
    )
    assert not BorderNote.objects.exists()


def test_publish_action_works_on_ports(admin_client):
    port = make_port(status=Status.DRAFT)
    admin_client.post(
        reverse("admin:ports_portofentry_changelist"), {"action": "publish", "_selected_action": [port.pk]}
    )
    port.refresh_from_db()
    assert port.status == Status.PUBLISHED


@pytest.mark.parametrize("url_name", ["admin:ports_portofentry_changelist", "admin:ports_bordernote_changelist"])
def test_changelists_cost_the_same_queries_with_more_rows(admin_client, django_assert_max_num_queries, url_name):
    def add_some():
        for _ in range(3):
            port = make_port()
            make_note(port=port)

    add_some()
    with CaptureQueriesContext(connection) as few:
        admin_client.get(reverse(url_name))
    for _ in range(5):
        add_some()
    with django_assert_max_num_queries(len(few)):
        admin_client.get(reverse(url_name))
