"""The security settings of Django, django-simple-history and django-import-export are set on purpose, and each
is named with its reason in docs/deploy.md."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from attractions.tests.factories import make_attraction

from .factories import make_province_editor

DEPLOY_GUIDE = Path(settings.BASE_DIR, "docs", "deploy.md")

REVIEWED = {
    "X_FRAME_OPTIONS": "DENY",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_AGE": 8 * 60 * 60,
    "SESSION_SAVE_EVERY_REQUEST": False,
    "SESSION_EXPIRE_AT_BROWSER_CLOSE": False,
    "CSRF_COOKIE_HTTPONLY": True,
    "CSRF_COOKIE_SAMESITE": "Lax",
    "CSRF_USE_SESSIONS": False,
    "DATA_UPLOAD_MAX_NUMBER_FIELDS": 1000,
    "FILE_UPLOAD_PERMISSIONS": 0o644,
    "FILE_UPLOAD_DIRECTORY_PERMISSIONS": 0o755,
    "SECURE_CONTENT_TYPE_NOSNIFF": True,
    "SECURE_REFERRER_POLICY": "strict-origin-when-cross-origin",
    "SECURE_CROSS_ORIGIN_OPENER_POLICY": "same-origin",
    "SIMPLE_HISTORY_REVERT_DISABLED": False,
    "SIMPLE_HISTORY_EDIT": False,
    "SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS": False,
    "SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD": False,
    "SIMPLE_HISTORY_HISTORY_ID_USE_UUID": False,
    "IMPORT_EXPORT_IMPORT_PERMISSION_CODE": "add",
    "IMPORT_EXPORT_EXPORT_PERMISSION_CODE": "view",
    "IMPORT_EXPORT_SKIP_ADMIN_CONFIRM": False,
    "IMPORT_EXPORT_USE_TRANSACTIONS": True,
    "IMPORT_EXPORT_SKIP_ADMIN_LOG": False,
    "IMPORT_EXPORT_SKIP_ADMIN_EXPORT_UI": False,
    "IMPORT_EXPORT_SKIP_ADMIN_ACTION_EXPORT_UI": False,
    "IMPORT_EXPORT_ESCAPE_ILLEGAL_CHARS_ON_EXPORT": True,
}


@pytest.mark.parametrize("name", REVIEWED)
def test_each_reviewed_setting_is_set_and_explained_in_the_deploy_guide(name):
    assert getattr(settings, name) == REVIEWED[name]
    assert f"`{name}`" in DEPLOY_GUIDE.read_text(encoding="utf-8"), f"{name} is not in docs/deploy.md"


@pytest.mark.django_db
def test_a_control_character_does_not_break_the_xlsx_export(client):
    make_attraction(slug="bell", name_zh_hans="铃\x07声")
    client.force_login(make_province_editor())
    response = client.post(reverse("admin:attractions_attraction_export"), {"format": "1", "resource": "0"})
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        form = response.context["form"]
        fields = {name: "on" for name in form.fields if name.startswith("attractionresource_")}
        response = client.post(reverse("admin:attractions_attraction_export"), {"format": "1", **fields})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
