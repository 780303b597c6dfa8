"""The staff session seen from an open page: the time it has left, its renewal, and a form sent after it ended."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from attractions.models import Attraction
from attractions.tests.factories import make_attraction

from .factories import PASSWORD, make_province_editor

pytestmark = pytest.mark.django_db

SESSION_URL = "/admin/session/"


def signed_in(client, user):
    client.post(reverse("admin:login"), {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert client.session.session_key, "signed in"
    return client


def stored_session(client):
    return Session.objects.get(session_key=client.session.session_key)


def test_the_page_hands_the_session_keeper_its_settings_and_texts(client):
    editor = make_province_editor()
    signed_in(client, editor)
    attraction = make_attraction()
    page = client.get(reverse("admin:attractions_attraction_change", args=[attraction.pk])).content.decode()
    script = re.search(r'<script src="[^"]*js/admin-session\.js"[^>]*>', page, re.S).group(0)
    assert f'data-session-age="{settings.SESSION_COOKIE_AGE}"' in script
    assert f'data-keep-alive-url="{SESSION_URL}"' in script
    assert f'data-user="{editor.username}"' in script
    seconds_left = int(re.search(r'data-seconds-left="(\d+)"', script).group(1))
    assert settings.SESSION_COOKIE_AGE - 60 <= seconds_left <= settings.SESSION_COOKIE_AGE
    assert 'data-text-expiring="登录将在 %(minutes)s 分钟后过期，请先保存。"' in script
    assert 'data-text-renew="续期"' in script
    assert 'data-text-restore="恢复未保存的内容"' in script


def test_the_login_page_has_the_keeper_without_a_user(client):
    page = client.get(reverse("admin:login")).content.decode()
    script = re.search(r'<script src="[^"]*js/admin-session\.js"[^>]*>', page, re.S).group(0)
    assert "data-user" not in script
    assert "data-seconds-left" not in script
    assert "data-text-kept=" in script


def test_the_time_left_is_the_sessions_own_not_a_fresh_eight_hours(client):
    signed_in(client, make_province_editor())
    Session.objects.filter(pk=client.session.session_key).update(expire_date=timezone.now() + timedelta(minutes=4))
    response = client.get(SESSION_URL)
    assert response.status_code == 200
    assert 200 <= response.json()["seconds_left"] <= 240
    assert stored_session(client).expire_date < timezone.now() + timedelta(minutes=5), "asking does not renew"


def test_renewing_gives_the_session_a_new_full_term(client):
    signed_in(client, make_province_editor())
    Session.objects.filter(pk=client.session.session_key).update(expire_date=timezone.now() + timedelta(minutes=4))
    response = client.post(SESSION_URL)
    assert response.status_code == 200
    assert response.json()["seconds_left"] == settings.SESSION_COOKIE_AGE
    renewed = stored_session(client).expire_date
    assert renewed > timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


def test_renewing_needs_the_pages_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_province_editor())
    page = client.get(reverse("admin:attractions_attraction_add")).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert client.post(SESSION_URL).status_code == 403
    assert client.post(SESSION_URL, HTTP_X_CSRFTOKEN=token).status_code == 200


def test_an_ended_session_is_a_401_not_a_login_page(client):
    response = client.post(SESSION_URL)
    assert response.status_code == 401
    assert response.json() == {"seconds_left": 0}
    assert client.get(SESSION_URL).status_code == 401


def test_an_account_that_is_not_staff_cannot_keep_a_session_alive(client):
    user = get_user_model().objects.create_user("visitor", password=PASSWORD)
    client.force_login(user)
    assert client.post(SESSION_URL).status_code == 403


def test_a_form_sent_after_the_session_ended_leads_back_to_its_page_after_signing_in(client):
    editor = make_province_editor()
    attraction = make_attraction(name_zh_hans="防川")
    change_url = reverse("admin:attractions_attraction_change", args=[attraction.pk])
    expired = Client()
    response = expired.post(change_url, {"name_zh_hans": "防川（改）"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={change_url}"
    attraction.refresh_from_db()
    assert attraction.name_zh_hans == "防川", "nothing is saved without a sign-in"

    signed = expired.post(
        response["Location"],
        {"username": editor.username, "password": PASSWORD, "next": change_url},
        REMOTE_ADDR="10.0.0.7",
    )
    assert signed.status_code == 302
    assert signed["Location"] == change_url
    assert Attraction.objects.get(pk=attraction.pk).name_zh_hans == "防川"
