"""The admin speaks each staff member's chosen language (Chinese until they choose); the public site keeps the
language of its URL."""

import pytest
from django.urls import reverse

from staff.models import StaffPreferences

from .factories import PASSWORD, make_county_editor, make_province_editor

pytestmark = pytest.mark.django_db

MY_SETTINGS = "/admin/my-settings/"


def sign_in(client, user):
    response = client.post(
        reverse("admin:login"), {"username": user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302, "signed in"
    return client


def admin_index(client):
    return client.get(reverse("admin:index")).content.decode()


def test_the_admin_is_chinese_for_a_staff_member_who_never_chose(client):
    sign_in(client, make_province_editor())
    page = admin_index(client)
    assert "最近动作" in page
    assert "我的设置" in page, "the header links to My settings"
    assert not StaffPreferences.objects.exists()


@pytest.mark.parametrize(
    ("language", "recent_actions", "my_settings", "saved"),
    [
        ("en", "Recent actions", "My settings", "Your settings are saved."),
        ("ko", "최근 활동", "내 설정", "설정이 저장되었습니다."),
        ("ru", "Последние действия", "Мои настройки", "Ваши настройки сохранены."),
        ("zh-hans", "最近动作", "我的设置", "设置已保存。"),
    ],
)
def test_choosing_a_language_on_my_settings_switches_the_admin_at_once(
    client, language, recent_actions, my_settings, saved
):
    editor = make_county_editor()
    sign_in(client, editor)
    response = client.post(MY_SETTINGS, {"admin_language": language}, follow=True)
    page = response.content.decode()
    assert response.redirect_chain == [(MY_SETTINGS, 302)]
    assert saved in page
    assert f"<h1>{my_settings}</h1>" in page
    assert StaffPreferences.objects.get(user=editor).admin_language == language
    assert recent_actions in admin_index(client)


def test_the_choice_follows_the_account_to_its_next_sign_in(client, django_user_model):
    editor = make_province_editor()
    StaffPreferences.objects.create(user=editor, admin_language="ru")
    sign_in(client, editor)
    assert "Последние действия" in admin_index(client)
    assert client.get(reverse("admin:index")).headers["Content-Language"] == "ru"


def test_the_public_site_keeps_the_language_of_its_address(client):
    editor = make_province_editor()
    StaffPreferences.objects.create(user=editor, admin_language="ru")
    sign_in(client, editor)
    assert client.get("/").headers["Content-Language"] == "zh-hans"
    assert client.get("/en/").headers["Content-Language"] == "en"


def test_a_session_from_before_the_choice_was_kept_reads_it_once(client):
    editor = make_province_editor()
    client.force_login(editor)
    StaffPreferences.objects.create(user=editor, admin_language="en")
    session = client.session
    del session["staff_admin_language"]
    session.save()
    assert "Recent actions" in admin_index(client)


def test_a_forged_language_is_a_form_error_and_changes_nothing(client):
    editor = make_province_editor()
    StaffPreferences.objects.create(user=editor, admin_language="ko")
    sign_in(client, editor)
    response = client.post(MY_SETTINGS, {"admin_language": "xx\x00"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert StaffPreferences.objects.get(user=editor).admin_language == "ko"


def test_my_settings_needs_a_staff_sign_in(client, django_user_model):
    assert client.get(MY_SETTINGS).status_code == 302
    visitor = django_user_model.objects.create_user("visitor", password=PASSWORD)
    client.force_login(visitor)
    response = client.get(MY_SETTINGS)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_an_administrator_sets_a_colleagues_language_in_the_user_admin(client, superuser):
    editor = make_county_editor()
    client.force_login(superuser)
    page = client.get(reverse("admin:auth_user_change", args=[editor.pk])).content.decode()
    assert "管理后台语言" in page
    assert "Русский" in page
