"""The import preview of a realistic file fits a 1,366 px laptop: no horizontal page scroll, long texts wrapped or
cut with their full text on hover."""

import csv

import pytest
from playwright.sync_api import expect

from listings.tests.factories import make_region
from staff.tests.factories import PASSWORD, make_province_editor

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
SUMMARY = (
    "图们江畔的边境小城，清晨可以看到对岸朝鲜南阳的街道和火车站；沿江步道两公里，"
    "春季观鸟、秋季赏红叶，冬季江面封冻后可以远眺冰上的界河。附近有朝鲜族民俗村和口岸大桥。"
)
SUMMARY_EN = (
    "A border town on the Tumen River: in the morning you see the streets and the railway station of Namyang "
    "across the river. Two kilometres of riverside walk, birds in spring, red leaves in autumn."
)


def realistic_file(path):
    """Every column an export writes, in Chinese, with long texts, eight good rows and a bad one, saved as
    Chinese Excel saves a CSV (GBK, here GB18030: Korean names are no GBK)."""
    header = [
        "网址标识", "名称（中文）", "名称（英文）", "名称（韩文）", "名称（俄文）", "县（市）", "类别", "A级", "纬度",
        "经度", "位置为近似值", "门票价格（元）", "最佳季节", "开放时间（中文）", "地址（中文）", "联系方式",
        "简介（中文）", "简介（英文）", "信息可信度",
    ]  # fmt: skip
    rows = [
        [
            f"tumen-riverside-walk-number-{n}",
            f"图们江滨江步道与中朝边境观景台第{n}段",
            f"Tumen Riverside Walk and Sino-Korean Border Viewing Platform, section {n}",
            f"두만강 강변 산책로 {n}",
            f"Прогулочная набережная реки Туманная, участок {n}",
            "图们市",
            "natural",
            "3",
            "42.96",
            "129.85",
            "否",
            "30",
            "spring, autumn",
            "08:00–17:30（冬季 08:30–16:30，周一闭馆）",
            "吉林省延边朝鲜族自治州图们市江南街道滨江路与口岸大街交叉口往东两百米",
            "0433-3612345 / 13804331234",
            SUMMARY,
            SUMMARY_EN,
            "high",
        ]
        for n in range(1, 9)
    ]
    rows.append([*rows[0][:8], "abc", *rows[0][9:]])
    rows[-1][0] = "tumen-bad-latitude"
    with path.open("w", newline="", encoding="gb18030") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def editor_page(browser, live_server):
    make_region("tumen")
    editor = make_province_editor()
    context = browser.new_context(viewport=LAPTOP, locale="zh-CN")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    yield page
    context.close()


def test_the_preview_of_a_realistic_file_fits_a_1366_px_laptop(editor_page, live_server, tmp_path):
    page = editor_page
    page.goto(f"{live_server.url}/admin/attractions/attraction/import/")
    page.locator("input[name=import_file]").set_input_files(str(realistic_file(tmp_path / "景点.csv")))
    page.select_option("select[name=format]", "0")
    page.locator("form[enctype='multipart/form-data'] input[type=submit]").click()

    expect(page.locator(".import-problem-list")).to_contain_text("第 10 行，纬度：应为 40.8 到 43.6 之间的数字")
    expect(page.locator("section.import-valid table.import-preview")).to_contain_text("图们江滨江步道")
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    # A long text is cut to a few lines; its full text is on hover.
    summary = page.locator("section.import-valid .import-cell", has_text="图们江畔的边境小城").first
    assert summary.get_attribute("title").startswith(SUMMARY[:40])
    assert summary.evaluate("cell => cell.scrollHeight > cell.clientHeight")  # cut, not spilling
    page.locator("form[action*='process_import'] [type=submit]").click()
    expect(page.locator(".messagelist")).to_contain_text("1 行有错误，未导入（文件第 10 行）")
