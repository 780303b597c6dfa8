"""The history list shows a change as the editor made it in the form: choices by their labels, a list of
choices by theirs, a box as yes or no, in the staff member's language; never the stored values."""

import re

import pytest
from django.urls import reverse

from attractions.tests.factories import make_attraction
from listings.models import Status
from staff.models import StaffPreferences

pytestmark = pytest.mark.django_db


def history_changes(client, attraction):
    page = client.get(reverse("admin:attractions_attraction_history", args=[attraction.pk])).content.decode()
    changes = re.findall(r"<li>\s*<strong>(.*?)</li>", page, re.S)
    readable = (change.replace("&nbsp;", " ").replace("&rarr;", "→").replace("</strong>", "") for change in changes)
    return [" ".join(change.split()) for change in readable]


@pytest.fixture
def edited_attraction():
    attraction = make_attraction(status=Status.DRAFT, best_seasons=["summer"], position_is_approximate=False)
    attraction.status = Status.PUBLISHED
    attraction.best_seasons = ["spring", "autumn"]
    attraction.position_is_approximate = True
    attraction.save()
    return attraction


def test_the_changes_read_as_labels_in_chinese(admin_client, edited_attraction):
    changes = history_changes(admin_client, edited_attraction)
    assert any("草稿 → 已发布" in change for change in changes), changes
    assert any("夏季 → 春季、秋季" in change for change in changes), changes
    assert any("否 → 是" in change for change in changes), changes
    assert not any("draft" in change or "spring" in change or "False" in change for change in changes), changes


def test_the_changes_read_in_the_staff_members_language(client, superuser, edited_attraction):
    StaffPreferences.objects.create(user=superuser, admin_language="ru")
    client.force_login(superuser)
    changes = history_changes(client, edited_attraction)
    assert any("Черновик → Опубликовано" in change for change in changes), changes
    assert any("Лето → Весна, Осень" in change for change in changes), changes
