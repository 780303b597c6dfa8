"""Nothing typed or chosen is lost (#23): photos chosen in a page that fails to save, and a form sent after the
sign-in expired."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from PIL import Image
from playwright.sync_api import expect

from attractions.models import Attraction
from listings.models import Region
from staff.roles import PROVINCE_EDITORS

pytestmark = pytest.mark.browser

PASSWORD = "a-long-editor-password-331"  # noqa: S105 - a test account
USERNAME = "wang.editor"


@pytest.fixture
def editor_page(browser, site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    user = get_user_model().objects.create_user(USERNAME, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PROVINCE_EDITORS))
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page):
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_chosen_photos_survive_a_page_that_fails_to_save(editor_page, site, tmp_path, screenshots):
    page = editor_page
    photos = []
    for index, colour in enumerate([(90, 140, 110), (200, 120, 60)]):
        path = tmp_path / f"IMG_00{index}.jpg"
        Image.new("RGB", (1200, 800), colour).save(path, "JPEG")
        photos.append(str(path))
    page.goto(f"{site}/admin/attractions/attraction/add/")
    sign_in(page)
    page.locator("#id_name_en").fill("Jingxin Birdwatching Platform", force=True)
    page.fill("#id_slug", "jingxin-birdwatching-platform")
    page.select_option("#id_category", "natural")
    page.select_option("#id_region", str(Region.objects.get(slug="hunchun").pk))
    page.fill("#id_latitude", "42.55")
    page.fill("#id_longitude", "130.62")
    for index, photo in enumerate(photos):
        page.locator("#photos-group .add-row a").click()
        page.locator(f"#id_photos-{index}-image").set_input_files(photo)
        page.locator(f"#id_photos-{index}-alt_text_zh_hans").fill(f"湿地的芦苇 {index}", force=True)
    page.click("input[name=_continue]")  # the Chinese name is missing

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator("#photos-group img.admin-thumbnail-pending")).to_have_count(2)
    expect(page.locator("#photos-group")).to_contain_text("已选择，随页面一起保存")
    expect(page.locator("#photos-group")).not_to_contain_text("这个字段是必填项")
    expect(page.locator("#id_photos-1-alt_text_zh_hans")).to_have_value("湿地的芦苇 1")
    page.locator("#photos-group").screenshot(path=screenshots / "photos-kept-after-a-failed-save.png")
    assert not Attraction.objects.filter(slug="jingxin-birdwatching-platform").exists()

    page.fill("#id_name_zh_hans", "敬信镇观鸟台")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    place = Attraction.objects.get(slug="jingxin-birdwatching-platform")
    assert sorted(place.photos.values_list("alt_text_zh_hans", flat=True)) == ["湿地的芦苇 0", "湿地的芦苇 1"]
    assert all(photo.width == 1200 for photo in place.photos.all())
    expect(page.locator("#photos-group img.admin-thumbnail")).to_have_count(2)


def test_a_form_sent_after_the_sign_in_expired_comes_back_after_signing_in(editor_page, site, settings, screenshots):
    page = editor_page
    settings.SESSION_COOKIE_AGE = 4 * 60  # the warning shows at once: less than 5 minutes left
    place = Attraction.objects.filter(status="published").order_by("pk").first()
    change_url = f"/admin/attractions/attraction/{place.pk}/change/"
    page.goto(f"{site}{change_url}")
    sign_in(page)
    expect(page).to_have_url(f"{site}{change_url}")

    # The warning, and its renewal.
    warning = page.locator(".session-banner-session")
    expect(warning).to_contain_text("分钟后过期，请先保存")
    page.screenshot(path=screenshots / "sign-in-expires-soon.png")
    session = Session.objects.get()
    warning.get_by_role("button", name="续期").click()
    expect(warning).to_contain_text("登录已续期")
    assert Session.objects.get(pk=session.pk).expire_date > session.expire_date

    # Typing, then the session ends (its cookie deleted), then Save.
    page.fill("#id_name_zh_hans", "防川风景区（新名）")
    page.locator("#id_summary_zh_hans").fill("图们江入海口附近的三国交界。", force=True)
    new_row = page.locator("#id_photos-TOTAL_FORMS").input_value()
    page.locator("#photos-group .add-row a").click()
    page.locator(f"#id_photos-{new_row}-credit_zh_hans").fill("李伟", force=True)
    page.context.clear_cookies(name="sessionid")
    page.click("input[name=_continue]")
    expect(page.locator("#login-form")).to_be_visible()
    expect(page.locator(".session-banner-kept")).to_contain_text("已保存在本浏览器中")
    place.refresh_from_db()
    assert place.name_zh_hans != "防川风景区（新名）", "nothing was saved"

    sign_in(page)
    expect(page).to_have_url(f"{site}{change_url}")
    expect(page.locator("#id_name_zh_hans")).not_to_have_value("防川风景区（新名）")
    restore = page.locator(".session-banner-restore")
    expect(restore).to_be_visible()
    page.screenshot(path=screenshots / "restore-unsaved-changes.png")
    restore.get_by_role("button", name="恢复未保存的内容").click()
    expect(page.locator("#id_name_zh_hans")).to_have_value("防川风景区（新名）")
    expect(page.locator("#id_summary_zh_hans")).to_have_value("图们江入海口附近的三国交界。")
    expect(page.locator(f"#id_photos-{new_row}-credit_zh_hans")).to_have_value("李伟")
    expect(restore).to_contain_text("已恢复")
    # That row's photo file cannot come back from the browser: the row is removed before saving.
    page.locator("#photos-group tr.dynamic-photos .inline-deletelink").click()

    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    place.refresh_from_db()
    assert place.name_zh_hans == "防川风景区（新名）"
    expect(page.locator(".session-banner-restore")).to_have_count(0)
