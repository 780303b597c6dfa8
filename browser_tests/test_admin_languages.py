"""A Chinese-speaking editor adds an attraction: the texts open in Chinese (also in a new photo row, whatever tab
was used last), the tabs say what is still needed, the address is proposed in pinyin as the name is typed, and
the four languages can be laid side by side (issue #23)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from staff.roles import PROVINCE_EDITORS

pytestmark = pytest.mark.browser

PASSWORD = "a-long-languages-password-331"  # noqa: S105 - a test account
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def editor_page(browser, site):
    user = get_user_model().objects.create_user("lang.editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PROVINCE_EDITORS))
    context = browser.new_context(viewport=LAPTOP, locale="zh-CN")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("#id_username", "lang.editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("lang.editor")
    yield page
    context.close()


def tab(page, field_id):
    return page.locator(f"a[href='#tab_{field_id}']")


def test_a_new_attraction_opens_in_chinese_and_proposes_its_address(editor_page, site, screenshots):
    page = editor_page
    page.goto(f"{site}/admin/attractions/attraction/add/")

    chinese = tab(page, "id_name_zh_hans")
    expect(chinese).to_contain_text("中文")
    expect(tab(page, "id_name_en")).to_contain_text("English")
    expect(page.locator("li.ui-tabs-active > a[href='#tab_id_name_zh_hans']")).to_be_visible()
    expect(page.locator("#id_name_zh_hans")).to_be_visible()
    expect(chinese.locator(".language-tab-required-empty")).to_be_visible()
    expect(tab(page, "id_name_en").locator(".language-tab-optional-empty")).to_be_visible()

    page.locator("#id_name_zh_hans").press_sequentially("松岭雪村")
    expect(chinese.locator(".language-tab-filled")).to_be_visible()
    expect(chinese.locator(".language-tab-required-empty")).to_have_count(0)
    expect(page.locator("#id_slug")).to_have_value("songling-xuecun")

    # The editor looks at the English name, then adds a photo: its row opens in Chinese all the same.
    tab(page, "id_name_en").click()
    expect(page.locator("#id_name_en")).to_be_visible()
    page.locator("#photos-group .add-row a").click()
    expect(page.locator("li.ui-tabs-active > a[href='#tab_id_photos-0-alt_text_zh_hans']")).to_be_visible()
    expect(page.locator("#id_photos-0-alt_text_zh_hans")).to_be_visible()
    expect(tab(page, "id_photos-0-alt_text_zh_hans")).to_contain_text("中文")
    expect(tab(page, "id_photos-0-alt_text_zh_hans").locator(".language-tab-required-empty")).to_be_visible()
    expect(tab(page, "id_photos-0-caption_zh_hans").locator(".language-tab-optional-empty")).to_be_visible()
    page.locator("#content-main").screenshot(path=screenshots / "admin-languages-tabs.png")

    # An address typed by hand is the editor's: renaming no longer changes it.
    page.fill("#id_slug", "songling-snow-village")
    chinese.click()
    page.locator("#id_name_zh_hans").press_sequentially("一")
    page.wait_for_timeout(600)
    expect(page.locator("#id_slug")).to_have_value("songling-snow-village")

    page.locator("#language-side-by-side").check()
    expect(page.locator("#id_name_ko")).to_be_visible()
    expect(page.locator("#id_name_zh_hans")).to_be_visible()
    # Every field's four columns fit the laptop's width (the photo table is as wide as it was before).
    overflowing = page.evaluate(
        "[...document.querySelectorAll('.language-tabs')]"
        ".filter(t => t.getBoundingClientRect().right > innerWidth || t.scrollWidth > t.clientWidth).length"
    )
    assert overflowing == 0
    page.locator("#content").screenshot(path=screenshots / "admin-languages-side-by-side.png")
    # Remembered in this browser.
    page.reload()
    expect(page.locator("#language-side-by-side")).to_be_checked()
    expect(page.locator("#id_summary_ru")).to_be_visible()
