"""Every admin page fits a 1,366 px laptop without scrolling sideways, in Chinese and in Russian (the longest
words): the index, each registered model's list, add page (with a new row in each inline table), change page,
history, a version of its history and its import page; and the admin speaks the language a staff member chose
(issue #23, "the staff member's language")."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import expect

from staff.models import StaffPreferences

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 800}


def admin_url(name, *args):
    try:
        return reverse(f"admin:{name}", args=args)
    except NoReverseMatch:
        return None


def admin_pages(user):
    """The admin pages of every registered model, as (page, whether to open a new row in each inline)."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages = [(reverse("admin:index"), False), (reverse("staff_my_settings"), False)]
    pages.append((reverse("dashboard:index"), False))
    for model, model_admin in admin.site._registry.items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}"
        pages.append((reverse(f"admin:{prefix}_changelist"), False))
        if model_admin.has_add_permission(request):
            pages.append((reverse(f"admin:{prefix}_add"), True))
        for name in ("import", "export"):
            url = admin_url(f"{prefix}_{name}")
            if url:
                pages.append((url, False))
        first = model._default_manager.order_by("pk").first()
        if first is None:
            continue
        pk = quote(first.pk)
        pages.append((reverse(f"admin:{prefix}_change", args=[pk]), True))
        pages.append((reverse(f"admin:{prefix}_history", args=[pk]), False))
        history = getattr(model, "history", None)
        version = history.filter(**{model._meta.pk.attname: first.pk}).first() if history is not None else None
        if version is not None:
            pages.append((reverse(f"admin:{prefix}_simple_history", args=[pk, version.history_id]), False))
    return pages


def signed_in_page(browser, site, user):
    """A browser page signed in as `user` (the session made here, as the sign-in form would make it)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=LAPTOP)
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site,
            }
        ]
    )
    return context.new_page()


def open_a_new_row_in_each_inline(page):
    for link in page.locator(".inline-group .add-row a").all():
        if link.is_visible():
            link.click()


@pytest.mark.parametrize("language", ["zh-hans", "ru"])
def test_every_admin_page_fits_a_laptop_screen(browser, site, superuser, language):
    StaffPreferences.objects.create(user=superuser, admin_language=language)
    page = signed_in_page(browser, site, superuser)
    too_wide = []
    for url, with_new_rows in admin_pages(superuser):
        response = page.goto(site + url)
        assert response.status == 200, f"{url}: {response.status}"
        assert page.locator("html").get_attribute("lang").lower() == language, url
        if with_new_rows:
            open_a_new_row_in_each_inline(page)
        width = page.evaluate("document.scrollingElement.scrollWidth")
        if width > LAPTOP["width"]:
            too_wide.append(f"{url} ({width} px)")
    page.context.close()
    assert too_wide == [], f"wider than {LAPTOP['width']} px in {language}: " + ", ".join(too_wide)


@pytest.mark.parametrize(
    ("language", "recent_actions", "my_settings"),
    [
        ("en", "Recent actions", "My settings"),
        ("ko", "최근 활동", "내 설정"),
        ("ru", "Последние действия", "Мои настройки"),
        ("zh-hans", "最近动作", "我的设置"),
    ],
)
def test_a_staff_member_switches_the_admin_to_their_language(
    browser, site, superuser, language, recent_actions, my_settings
):
    page = signed_in_page(browser, site, superuser)
    page.goto(f"{site}/admin/")
    expect(page.locator("#user-tools")).to_contain_text("我的设置")
    page.locator("#user-tools a", has_text="我的设置").click()
    page.locator(f"input[name=admin_language][value={language}]").check()
    page.locator("input[type=submit]").click()
    expect(page.locator("h1")).to_have_text(my_settings)
    page.goto(f"{site}/admin/")
    expect(page.locator("#recent-actions-module h2")).to_have_text(recent_actions)
    assert page.locator("html").get_attribute("lang").lower() == language
    # The public site keeps the language of its address.
    page.goto(f"{site}/ru/")
    assert page.locator("html").get_attribute("lang").lower() == "ru"
    page.goto(f"{site}/")
    assert page.locator("html").get_attribute("lang").lower() == "zh-hans"
    page.context.close()
