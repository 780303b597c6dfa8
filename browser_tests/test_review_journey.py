"""Review in one click (#23), in the Chinese admin: a county editor adds an attraction with two photos and texts
in four languages, fixes a failed save (the photos are kept), and submits it for review; a publisher finds it on
the admin home and publishes it; the editor's later change to it waits as a revision whose difference the
publisher reads before publishing it. Each step is photographed for docs/staff-guide.md (docs/images/review-*.png)."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from attractions.models import Attraction
from listings.models import CountyAssignment, Region, Status
from staff.roles import COUNTY_EDITORS, PUBLISHERS

pytestmark = pytest.mark.browser

GUIDE_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
PASSWORD = "a-long-review-password-331"  # noqa: S105 - a test account


def staff(username, group, *counties):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    for region in counties:
        CountyAssignment.objects.create(user=user, region=region)
    return user


def shoot(page, name):
    """A small PNG of the step for the guide: the visible window, in 256 colours."""
    GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
    path = GUIDE_IMAGES / f"review-{name}.png"
    page.screenshot(path=path)
    Image.open(path).convert("RGB").quantize(colors=256).save(path, optimize=True)


def type_hidden(page, selector, text):
    """Fill a field under a language tab that is not the open one (a forced fill would type into the open tab)."""
    script = "(field, text) => { field.value = text; field.dispatchEvent(new Event('input', {bubbles: true})); }"
    page.eval_on_selector(selector, script, text)


def signed_in(browser, site, username, path):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{site}{path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    return page


def test_a_county_editor_submits_and_a_publisher_publishes_in_one_click(browser, site, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    hunchun = Region.objects.get(slug="hunchun")
    staff("zhang.hunchun", COUNTY_EDITORS, hunchun)
    staff("li.publisher", PUBLISHERS)
    photos = []
    for index, colour in enumerate([(90, 140, 110), (200, 120, 60)]):
        path = tmp_path / f"IMG_00{index}.jpg"
        Image.new("RGB", (1200, 800), colour).save(path, "JPEG")
        photos.append(str(path))

    # (a) The county editor: four languages, two photos, latitude and longitude swapped.
    page = signed_in(browser, site, "zhang.hunchun", "/admin/attractions/attraction/add/")
    expect(page.locator("input[name=_submit_for_review]").first).to_have_value("提交审核")
    expect(page.locator("input[name=_publish]")).to_have_count(0)
    page.fill("#id_name_zh_hans", "敬信湿地观鸟台")
    type_hidden(page, "#id_name_en", "Jingxin Wetland Birdwatching Platform")
    type_hidden(page, "#id_name_ko", "징신 습지 탐조대")
    type_hidden(page, "#id_name_ru", "Смотровая площадка для наблюдения за птицами в Цзинсине")
    page.locator("#id_summary_zh_hans").fill("图们江边的湿地，春秋两季候鸟云集。", force=True)
    type_hidden(page, "#id_summary_en", "A wetland by the Tumen River; migrating birds in spring and autumn.")
    type_hidden(page, "#id_summary_ko", "두만강 가의 습지로, 봄과 가을에 철새가 모여듭니다.")
    type_hidden(page, "#id_summary_ru", "Водно-болотные угодья у реки Туманной; весной и осенью здесь много птиц.")
    page.fill("#id_slug", "jingxin-wetland-birdwatching")
    page.select_option("#id_category", "natural")
    page.select_option("#id_region", str(hunchun.pk))
    page.fill("#id_latitude", "130.62")
    page.fill("#id_longitude", "42.55")
    for index, photo in enumerate(photos):
        page.locator("#photos-group .add-row a").click()
        page.locator(f"#id_photos-{index}-image").set_input_files(photo)
        page.locator(f"#id_photos-{index}-alt_text_zh_hans").fill(f"湿地的芦苇 {index}", force=True)
    page.locator("input[name=_submit_for_review]").first.click()

    expect(page.locator(".errornote")).to_be_visible()
    expect(page.locator(".field-latitude .errorlist")).to_contain_text("纬度和经度")
    expect(page.locator("#photos-group img.admin-thumbnail-pending")).to_have_count(2)
    assert not Attraction.objects.filter(slug="jingxin-wetland-birdwatching").exists()
    page.locator(".errornote").scroll_into_view_if_needed()
    shoot(page, "1-failed-save-keeps-photos")

    page.fill("#id_latitude", "42.55")
    page.fill("#id_longitude", "130.62")
    page.locator("input[name=_submit_for_review]").first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("已提交审核")
    place = Attraction.objects.get(slug="jingxin-wetland-birdwatching")
    assert place.status == Status.IN_REVIEW
    assert place.photos.count() == 2
    assert (place.name_ko, place.summary_ru[:13]) == ("징신 습지 탐조대", "Водно-болотны")
    shoot(page, "2-submitted-for-review")
    page.context.close()

    # (b) The publisher: the home page says what waits, one link, one button.
    page = signed_in(browser, site, "li.publisher", "/admin/")
    panel = page.locator("#waiting-for-you")
    expect(panel).to_contain_text("等待您处理")
    expect(panel.locator(".waiting-to_review")).to_contain_text("敬信湿地观鸟台")
    shoot(page, "3-home-waiting-for-you")
    panel.get_by_role("link", name="敬信湿地观鸟台").first.click()
    expect(page.locator("input[name=_publish]")).to_have_value("发布")
    shoot(page, "4-review-page")
    page.locator("input[name=_publish]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("已发布")
    place.refresh_from_db()
    assert place.status == Status.PUBLISHED
    expect(page.locator("#waiting-for-you")).not_to_contain_text("敬信湿地观鸟台")
    page.context.close()

    # (c) The county editor changes the published text: a revision; visitors keep the published one.
    page = signed_in(browser, site, "zhang.hunchun", f"/admin/attractions/attraction/{place.pk}/change/")
    expect(page.locator(".review-note")).to_contain_text("此条目已发布")
    page.locator("#id_summary_zh_hans").fill("图们江边的湿地，春秋两季候鸟云集，观鸟台免费开放。", force=True)
    page.locator("input[name=_continue]").first.click()
    expect(page.locator(".messagelist .success")).to_contain_text("已发布的版本仍在网站上")
    expect(page.locator("#id_summary_zh_hans")).to_have_value("图们江边的湿地，春秋两季候鸟云集，观鸟台免费开放。")
    place.refresh_from_db()
    assert place.summary_zh_hans == "图们江边的湿地，春秋两季候鸟云集。"
    page.context.close()

    # (d) The publisher reads the difference and publishes the revision.
    page = signed_in(browser, site, "li.publisher", "/admin/")
    page.locator("#waiting-for-you").get_by_role("link", name="敬信湿地观鸟台").first.click()
    expect(page.locator(".review-differences ins")).to_have_text("，观鸟台免费开放")
    shoot(page, "5-revision-difference")
    page.locator("input[name=_publish]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("已发布")
    place.refresh_from_db()
    assert place.summary_zh_hans == "图们江边的湿地，春秋两季候鸟云集，观鸟台免费开放。"
    page.context.close()
