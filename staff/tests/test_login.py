"""Staff logins: locked for 15 minutes after 5 failures (django-axes), logged; sessions end after 8 hours."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.urls import reverse

from .factories import PASSWORD, make_province_editor

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
