"""A province editor does the everyday jobs of the staff guide in the admin; each step is photographed
for docs/staff-guide.md (docs/images/guide-*.png)."""

import csv
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image
from playwright.sync_api import expect

from attractions.models import Attraction
from listings.models import Region, Status
from routes.models import Route
from staff.roles import PROVINCE_EDITORS

pytestmark = pytest.mark.browser

GUIDE_IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"
VIEWPORT = {"width": 1200, "height": 760}
PASSWORD = "a-long-guide-password-331"  # noqa: S105 - a test account


@pytest.fixture
def admin_page(browser, site):
    user = get_user_model().objects.create_user("guide.editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=PROVINCE_EDITORS))
    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def shoot(page, name):
    """A small PNG of the step for the guide: the visible window, in 256 colours."""
    GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
    path = GUIDE_IMAGES / f"guide-{name}.png"
    page.screenshot(path=path)
    Image.open(path).convert("RGB").quantize(colors=256).save(path, optimize=True)


def type_hidden(page, selector, text):
    """Fill a field under a language tab that is not the open one (a forced fill would type into the open tab)."""
    script = "(field, text) => { field.value = text; field.dispatchEvent(new Event('input', {bubbles: true})); }"
    page.eval_on_selector(selector, script, text)


def test_the_staff_guide_step_by_step(admin_page, site, tmp_path):
    page = admin_page
    hunchun = str(Region.objects.get(slug="hunchun").pk)
    # 1. Sign in.
    page.goto(f"{site}/admin/")
    page.fill("#id_username", "guide.editor")
    page.fill("#id_password", PASSWORD)
    shoot(page, "1-sign-in")
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("guide.editor")

    # 2. Add a place (an attraction), saved as a draft.
    page.goto(f"{site}/admin/attractions/attraction/add/")
    page.fill("#id_name_zh_hans", "敬信镇观鸟台")
    # The English box sits under its own tab (the guide shows the Chinese one): typed into as the tab would.
    type_hidden(page, "#id_name_en", "Jingxin Birdwatching Platform")
    page.fill("#id_slug", "jingxin-birdwatching-platform")
    page.select_option("#id_category", "natural")
    page.select_option("#id_region", hunchun)
    page.fill("#id_latitude", "42.55")
    page.fill("#id_longitude", "130.62")
    page.locator("#id_summary_zh_hans").fill("图们江口湿地边的观鸟台，春秋两季候鸟云集。", force=True)
    page.locator("#id_name_zh_hans").scroll_into_view_if_needed()
    shoot(page, "2-add-place")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    place = Attraction.objects.get(slug="jingxin-birdwatching-platform")
    assert place.status == Status.DRAFT
    assert (place.name_zh_hans, place.name_en) == ("敬信镇观鸟台", "Jingxin Birdwatching Platform")

    # 3. Add a photo to it.
    photo = tmp_path / "wetland.jpg"
    Image.new("RGB", (1200, 800), (90, 140, 110)).save(photo, "JPEG")
    page.locator("#photos-group .add-row a").click()
    page.locator("#id_photos-0-image").set_input_files(str(photo))
    page.locator("#id_photos-0-alt_text_zh_hans").fill("清晨从观鸟台望向湿地的芦苇和水面", force=True)
    page.locator("#photos-group").scroll_into_view_if_needed()
    shoot(page, "3-add-photo")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert place.photos.count() == 1

    # 4. Add a Border Tour with a day, then the day's stop picked by searching.
    page.goto(f"{site}/admin/routes/route/add/")
    page.fill("#id_title_zh_hans", "珲春湿地一日游")
    type_hidden(page, "#id_title_en", "Hunchun wetland day")
    page.fill("#id_slug", "hunchun-wetland-day")
    page.fill("#id_duration_days", "1")
    page.select_option("#id_transport", "self-drive")
    page.select_option("#id_start_region", hunchun)
    page.select_option("#id_end_region", hunchun)
    page.locator("#days-group .add-row a").click()
    page.locator("#id_days-0-title_zh_hans").fill("湿地与口岸", force=True)
    page.locator("#days-group").scroll_into_view_if_needed()
    shoot(page, "4-add-tour")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    route = Route.objects.get(slug="hunchun-wetland-day")
    # The day's stops are on the tour's own page, under the day (the tour editor).
    stops = page.locator("#days-group .tour-day:not(.empty-form) .tour-stops").first
    stops.locator(".select2-selection").first.click()
    page.locator(".select2-search__field").fill("guanniao")
    page.locator(".select2-results__option", has_text="敬信镇观鸟台").click()
    stops.scroll_into_view_if_needed()
    stops.locator(".select2-selection").first.click()
    page.locator(".select2-search__field").fill("guanniao")
    expect(page.locator(".select2-results__option", has_text="敬信镇观鸟台")).to_be_visible()
    shoot(page, "5-pick-a-stop")
    page.keyboard.press("Escape")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert route.days.get().stops.get().attraction == place

    # 5. Publish: the tour waits for its place; publish the place, then the tour.
    page.goto(f"{site}/admin/routes/route/?q=hunchun-wetland-day")
    page.locator(f"input.action-select[value='{route.pk}']").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist .error")).to_contain_text("敬信镇观鸟台")
    shoot(page, "6-tour-waits-for-its-place")
    page.goto(f"{site}/admin/attractions/attraction/?q=jingxin-birdwatching")
    page.locator(f"input.action-select[value='{place.pk}']").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.goto(f"{site}/admin/routes/route/?q=hunchun-wetland-day")
    page.locator(f"input.action-select[value='{route.pk}']").check()
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist .success")).to_be_visible()
    shoot(page, "7-published")
    route.refresh_from_db()
    assert route.status == Status.PUBLISHED and route.first_published_at is not None

    # 6. Import a spreadsheet as Chinese Excel saves it (GBK), Chinese headers, counties by their Chinese name,
    # one bad row: the preview names the row and the column in Chinese; confirming imports the good rows.
    sheet = tmp_path / "景点.csv"
    with sheet.open("w", newline="", encoding="gbk") as file:
        writer = csv.writer(file)
        writer.writerow(["网址标识", "名称（中文）", "名称（英文）", "县（市）", "类别", "纬度", "经度"])
        writer.writerow(["quanhe-port", "圈河口岸", "Quanhe Port", "珲春", "border", "42.52", "130.56"])
        writer.writerow(
            ["hunchun-tiger-park", "珲春东北虎园", "Hunchun Tiger Garden", "珲春市", "natural", "abc", "130.37"]
        )
    page.goto(f"{site}/admin/attractions/attraction/import/")
    page.locator("input[name=import_file]").set_input_files(str(sheet))
    page.select_option("select[name=format]", "0")
    page.locator("form[enctype='multipart/form-data'] input[type=submit]").click()
    expect(page.locator(".import-problem-list")).to_contain_text("第 3 行，纬度：应为 40.8 到 43.6 之间的数字")
    expect(page.locator("section.import-valid table.import-preview")).to_contain_text("圈河口岸")
    shoot(page, "8-import-preview")
    page.locator("form[action*='process_import'] [type=submit]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 行有错误，未导入（文件第 3 行）")
    assert Attraction.objects.get(slug="quanhe-port").status == Status.DRAFT
    assert not Attraction.objects.filter(slug="hunchun-tiger-park").exists()
