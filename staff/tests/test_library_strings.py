"""The admin's libraries speak every language of the admin: django-axes, django-simple-history,
django-admin-sortable2 and django-import-export texts read in Chinese, Korean and Russian, ours where a library
has none (staff/library_strings.py)."""

import re

import pytest
from axes.models import AccessAttempt, AccessLog
from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from listings.roles import COUNTY_EDITORS
from staff.library_strings import LIBRARY_PLURALS, LIBRARY_STRINGS
from staff.models import StaffPreferences

pytestmark = pytest.mark.django_db

TRANSLATED_LANGUAGES = ["zh-hans", "ko", "ru"]


CHINESE = re.compile(r"[\u4e00-\u9fff]")


def in_language(language, translate):
    with translation.override(language):
        return str(translate())


def untranslated_texts(language):
    """The texts shown in English, or, in Korean and Russian, in Chinese: Django falls back to the default
    language's catalogue for a text the language's own catalogues miss."""
    untranslated = []
    for text in LIBRARY_STRINGS:
        shown = in_language(language, lambda text=text: translation.gettext(text))
        chinese = in_language("zh-hans", lambda text=text: translation.gettext(text))
        if shown == text or (language != "zh-hans" and shown == chinese and CHINESE.search(shown)):
            untranslated.append(text)
    for plural in LIBRARY_PLURALS:
        for number in (1, 2, 5):  # each plural form of Russian
            shown = in_language(language, lambda plural=plural, number=number: plural % number)
            english = in_language("en", lambda plural=plural, number=number: plural % number)
            chinese = in_language("zh-hans", lambda plural=plural, number=number: plural % number)
            if shown == english or (language != "zh-hans" and shown == chinese):
                untranslated.append(english)
    return untranslated


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_library_text_of_the_admin_reads_in_the_language(language):
    assert untranslated_texts(language) == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh-hans", ["登录锁定", "登录尝试", "登录失败记录"]),
        ("en", ["Sign-in locks", "Access attempts", "Access failures"]),
        ("ko", ["로그인 잠금", "로그인 시도", "로그인 실패 기록"]),
        ("ru", ["Блокировки входа", "Попытки доступа", "Ошибки доступа"]),
    ],
)
def test_the_admin_index_names_the_sign_in_locks_in_the_staff_members_language(client, superuser, language, expected):
    StaffPreferences.objects.create(user=superuser, admin_language=language)
    client.force_login(superuser)
    page = client.get(reverse("admin:index")).content.decode()
    for name in expected:
        assert name in page
    assert ">Axes<" not in page


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("zh-hans", "（历史版本）"),
        ("en", "historical Border Tour"),
        ("ko", "(변경 이력)"),
        ("ru", "(история изменений)"),
    ],
)
def test_a_history_model_is_named_in_the_language(language, name):
    with translation.override(language):
        history_name = str(apps.get_model("routes", "HistoricalRoute")._meta.verbose_name)
        route_name = str(apps.get_model("routes", "Route")._meta.verbose_name)
    assert name in history_name
    assert route_name in history_name
    assert "historical" not in history_name or language == "en"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "words"), [("zh-hans", "登录失败记录"), ("ko", "로그인 실패 기록"), ("ru", "Неудачные входы")]
)
def test_sign_in_records_are_named_in_the_staff_members_language(language, words):
    attempt = AccessAttempt.objects.create(
        username="li", ip_address="203.0.113.5", user_agent="x", failures_since_start=5
    )
    log = AccessLog.objects.create(username="li", ip_address="203.0.113.5", user_agent="x")
    with translation.override(language):
        assert words in str(attempt) and "li" in str(attempt)
        assert "Access Log" not in str(log) and "li" in str(log)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "name"), [("zh-hans", "县级编辑"), ("ko", "현급 편집자"), ("ru", "Редакторы уездов")]
)
def test_the_roles_groups_are_named_in_the_staff_members_language(language, name):
    group = Group.objects.get(name=COUNTY_EDITORS)
    with translation.override(language):
        assert str(group) == name
