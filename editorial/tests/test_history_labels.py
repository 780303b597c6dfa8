"""The history list and a view-only page show values as the editor chose them in the form: choices by their
labels, a list of choices by theirs, a box as yes or no, in the staff member's language; never as stored."""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from attractions.tests.factories import make_attraction
from listings.models import Status
from staff.models import StaffPreferences
from staff.tests.factories import make_staff

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


@pytest.mark.parametrize(
    ("language", "seasons"), [("zh-hans", "春季、秋季"), ("ru", "Весна, Осень"), ("en", "Spring, Autumn")]
)
def test_a_view_only_page_shows_the_seasons_by_their_labels(client, language, seasons):
    viewer = make_staff()
    viewer.user_permissions.add(Permission.objects.get(codename="view_attraction"))
    StaffPreferences.objects.create(user=viewer, admin_language=language)
    client.force_login(viewer)
    attraction = make_attraction(best_seasons=["autumn", "spring"])
    response = client.get(reverse("admin:attractions_attraction_change", args=[attraction.pk]))
    assert response.status_code == 200
    row = re.search(r'<div class="form-row[^"]*field-best_seasons.*?</div>\s*</div>', response.content.decode(), re.S)
    assert row, "the seasons' row"
    assert seasons in row.group(0)
    assert "spring" not in row.group(0)
