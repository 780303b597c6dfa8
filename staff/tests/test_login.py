"""Staff logins: locked for 15 minutes after 5 failures (django-axes), logged; sessions end after 8 hours."""

import datetime
import zoneinfo

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from .factories import PASSWORD, make_county_editor, make_province_editor, make_publisher

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR="10.0.0.7"
    )


def test_five_failures_lock_the_account_out_even_with_the_right_password(client):
    editor = make_province_editor(username="zhang")
    for _ in range(4):
        assert sign_in(client, "zhang", "wrong-password").status_code == 200  # the form again
    locked = sign_in(client, "zhang", "wrong-password")
    assert locked.status_code == 429
    assert sign_in(client, "zhang", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get(username="zhang")
    assert attempt.failures_since_start >= 5  # the refused attempts after the lock count too
    assert AccessFailureLog.objects.filter(username="zhang").count() >= 5
    assert editor.is_active


def test_the_lock_is_per_username_and_address(client):
    make_province_editor(username="zhang")
    make_province_editor(username="liu")
    for _ in range(5):
        sign_in(client, "zhang", "wrong-password")
    assert sign_in(client, "liu", PASSWORD).status_code == 302


def test_a_success_before_the_limit_resets_the_count(client):
    make_province_editor(username="zhang")
    for _ in range(4):
        sign_in(client, "zhang", "wrong-password")
    assert sign_in(client, "zhang", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="zhang", failures_since_start__gte=1).exists()


def test_the_settings_staff_rely_on():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert len(settings.AUTH_PASSWORD_VALIDATORS) >= 4


def lock_out(client, username="zhang"):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = sign_in(client, username, "wrong-password")
    return response


def test_the_lockout_page_is_the_portals_and_says_when_it_ends_and_who_unlocks(client, time_machine):
    time_machine.move_to(datetime.datetime(2027, 7, 15, 12, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")), tick=False)
    make_province_editor(username="zhang")
    locked = lock_out(client)
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "staff/locked_out.html" in [t.name for t in locked.templates]
    assert str(admin.site.site_header) in page and "Django" not in page.split("<body")[1]
    assert "12:15" in page  # 15 minutes from the last attempt, in Beijing time
    assert "province administrator" not in page and "省级管理员" not in page  # a role that does not exist
    assert "省级编辑" in page  # the role that can unlock


def test_a_province_editor_unlocks_a_locked_out_editor(client):
    make_province_editor(username="zhang")
    lock_out(client)
    assert sign_in(client, "zhang", PASSWORD).status_code == 429
    province = Client()
    province.force_login(make_province_editor())
    changelist = reverse("admin:axes_accessattempt_changelist")
    assert province.get(changelist).status_code == 200
    attempts = list(AccessAttempt.objects.filter(username="zhang").values_list("pk", flat=True))
    unlocked = province.post(changelist, {"action": "unlock", "_selected_action": attempts})
    assert unlocked.status_code == 302
    assert sign_in(client, "zhang", PASSWORD).status_code == 302


def test_county_editors_and_publishers_cannot_unlock(client):
    make_province_editor(username="zhang")
    lock_out(client)
    for user in (make_county_editor(), make_publisher()):
        other = Client()
        other.force_login(user)
        attempts = list(AccessAttempt.objects.values_list("pk", flat=True))
        url = reverse("admin:axes_accessattempt_changelist")
        assert other.post(url, {"action": "unlock", "_selected_action": attempts}).status_code == 403
    assert sign_in(client, "zhang", PASSWORD).status_code == 429
