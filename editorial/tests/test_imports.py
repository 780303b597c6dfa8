"""Imports that fit Chinese offices: GBK and UTF-8 files, counties by Chinese name, Chinese headers, errors in
Chinese next to their row and column, only the good rows of a confirmed file imported."""

import csv
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from attractions.models import Attraction
from attractions.resources import AttractionResource
from attractions.tests.factories import make_attraction
from listings.models import Status
from listings.tests.factories import make_region
from staff.tests.factories import make_county_editor, make_province_editor
from villages.models import Village

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
# The headers a Chinese editor's export writes, and so what a Chinese office's file has.
CHINESE_HEADER = [
    "网址标识",
    "名称（中文）",
    "名称（英文）",
    "县（市）",
    "类别",
    "A级",
    "纬度",
    "经度",
    "门票价格（元）",
]
GOOD_ROWS = [
    ["tumen-river-park", "图们江公园", "Tumen River Park", "图们", "natural", "0", "42.96", "129.85", "0"],
    ["rizhi-bridge", "日光山", "Riguang Hill", "图们市", "natural", "3", "42.98", "129.83", "20"],
]
NOT_A_NUMBER_ROW = ["bad-latitude", "错纬度", "Bad latitude", "tumen", "natural", "0", "abc", "129.8", ""]


def csv_bytes(rows, header=CHINESE_HEADER, encoding="gbk"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def upload(client, content, file_format=CSV_FORMAT, url="admin:attractions_attraction_import"):
    file = SimpleUploadedFile("景点.csv", content, content_type="text/csv")
    return client.post(reverse(url), {"import_file": file, "format": file_format})


def confirm(client, preview, url="admin:attractions_attraction_process_import"):
    form = preview.context["confirm_form"]
    return client.post(reverse(url), {name: form.initial.get(name, "") for name in form.fields}, follow=True)


@pytest.fixture
def tumen():
    return make_region("tumen")


@pytest.fixture
def editor(client, tumen):
    client.force_login(make_province_editor())
    return client


# Reading ----------------------------------------------------------------------------------------------


def test_a_gbk_file_with_a_bad_row_imports_its_good_rows_after_confirmation(editor):
    content = csv_bytes([*GOOD_ROWS, NOT_A_NUMBER_ROW], encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")  # really GBK, as Chinese Excel saves it

    preview = upload(editor, content)

    page = preview.content.decode()
    # The bad row is line 4 of the spreadsheet (the header is line 1), its error in Chinese, saying what to write.
    assert "第 4 行，纬度：应为 40.8 到 43.6 之间的数字（您填写的是 “abc”）" in page
    assert "以下行有错误，未通过检查" in page  # the heading, no longer "某些行验数据证失败"
    assert "某些行验数据证失败" not in page
    assert "could not convert" not in page and "Column" not in page  # no raw Python or English
    assert "可导入的行：2 行。1 行有错误，不会导入" in page
    assert "<ins>图们江公园</ins>" in page and "<ins style=" not in page  # no style attribute for the CSP to block
    assert not Attraction.objects.exists()  # the preview saves nothing

    done = confirm(editor, preview)

    assert done.status_code == 200
    imported = Attraction.objects.order_by("slug")
    assert [(a.slug, a.name_zh_hans, a.region.slug, a.status) for a in imported] == [
        ("rizhi-bridge", "日光山", "tumen", Status.DRAFT),
        ("tumen-river-park", "图们江公园", "tumen", Status.DRAFT),
    ]
    notes = [str(message) for message in get_messages(done.wsgi_request)]
    assert "1 行有错误，未导入（文件第 4 行）：请改正后重新上传。" in notes


def test_the_bad_rows_error_is_shown_in_its_column(editor):
    preview = upload(editor, csv_bytes([*GOOD_ROWS, NOT_A_NUMBER_ROW]))
    [row] = preview.context["import_problems"]
    [error_cell] = [cell for cell in row.cells if cell.errors]
    assert (row.line, error_cell.label, error_cell.value) == (4, "纬度", "abc")
    assert error_cell.errors == ["应为 40.8 到 43.6 之间的数字（您填写的是 “abc”）"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_utf8_with_or_without_bom_and_gb18030_files_import(editor, encoding):
    preview = upload(editor, csv_bytes(GOOD_ROWS, encoding=encoding))
    assert not preview.context["result"].has_validation_errors()
    confirm(editor, preview)
    assert Attraction.objects.get(slug="tumen-river-park").name_zh_hans == "图们江公园"


@pytest.mark.parametrize(
    "content",
    [
        "网址标识,名称（中文）\ntumen-park,图们公园\n".encode("utf-16"),  # "Unicode text": NUL bytes
        b"slug,name_zh_hans\ntumen-park,\x80\xff\xfe\n",  # neither UTF-8 nor GB18030
    ],
)
def test_a_file_in_another_encoding_gets_a_chinese_form_error(editor, content):
    preview = upload(editor, content)
    assert preview.status_code == 200
    errors = preview.context["form"].errors["import_file"]
    assert errors == [
        "无法按 CSV 读取此文件：它既不是 UTF-8 也不是 GB18030/GBK 编码的文本。请在 Excel 或 WPS 中选择“另存为”→"
        "“CSV UTF-8（逗号分隔）”，或另存为 Excel 工作簿（.xlsx）并选择格式 xlsx，然后重新上传。"
    ]
    assert "confirm_form" not in preview.context
    assert not Attraction.objects.exists()


def test_a_file_of_another_format_gets_a_chinese_form_error(editor):
    preview = upload(editor, csv_bytes(GOOD_ROWS, encoding="utf-8"), XLSX_FORMAT)  # a CSV said to be XLSX
    assert preview.context["form"].errors["import_file"][0].startswith("无法按所选格式读取此文件")


# Counties ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["图们", "图们市", "Tumen", "tumen", "TUMEN", " tumen "])
def test_a_county_by_chinese_name_pinyin_or_slug(editor, tumen, written):
    make_region("hunchun")
    row = ["tumen-park", "图们公园", "", written, "natural", "0", "42.96", "129.85", ""]
    confirm(editor, upload(editor, csv_bytes([row])))
    assert Attraction.objects.get(slug="tumen-park").region == tumen


def test_an_unknown_county_names_the_value_and_the_accepted_forms(editor):
    row = ["changchun-park", "长春公园", "", "长春", "natural", "0", "42.96", "129.85", ""]
    preview = upload(editor, csv_bytes([*GOOD_ROWS, row]))
    [problem] = preview.context["import_problems"]
    assert problem.messages == [
        "第 4 行，县（市）：没有名为“长春”的县（市）。"
        "请填写中文名称（图们 或 图们市）、拼音（Tumen）或网址标识（tumen）；可填的县（市）有：图们（tumen）。"
    ]


def test_a_county_editor_still_imports_only_into_their_counties(client, tumen):
    make_region("hunchun")
    client.force_login(make_county_editor(tumen))
    elsewhere = ["hunchun-park", "珲春公园", "", "珲春", "natural", "0", "42.86", "130.36", ""]
    preview = upload(client, csv_bytes([*GOOD_ROWS, elsewhere]))
    [problem] = preview.context["import_problems"]
    assert problem.messages[0].startswith("第 4 行，县（市）：")
    confirm(client, preview)
    assert set(Attraction.objects.values_list("region__slug", flat=True)) == {"tumen"}


# Cells as an editor writes them ------------------------------------------------------------------------


def test_yes_no_and_choice_labels_in_chinese_are_read(editor):
    header = ["网址标识", "名称（中文）", "县（市）", "类别", "纬度", "经度", "位置为近似值"]
    rows = [["approx-park", "大概公园", "图们", "自然风光", "42.96", "129.85", "是"]]
    category_label = dict(Attraction._meta.get_field("category").choices)["natural"]
    rows[0][3] = str(category_label)  # the label the admin shows, in Chinese
    confirm(editor, upload(editor, csv_bytes(rows, header=header)))
    imported = Attraction.objects.get(slug="approx-park")
    assert (imported.category, imported.position_is_approximate) == ("natural", True)


@pytest.mark.parametrize(
    ("column", "written", "message"),
    [
        (
            "位置为近似值",
            "也许",
            "第 2 行，位置为近似值：应为“是”或“否”（也可填 1 / 0、yes / no）（您填写的是 “也许”）",
        ),
        ("门票价格（元）", "三十", "第 2 行，门票价格（元）：应为不小于 0 的数字（您填写的是 “三十”）"),
        ("A级", "4.5A", "第 2 行，A级：应为以下之一："),
    ],
)
def test_a_cell_that_cannot_be_read_says_what_to_write_in_chinese(editor, column, written, message):
    header = ["网址标识", "名称（中文）", "县（市）", "类别", "纬度", "经度", column]
    rows = [["a-park", "某公园", "图们", "natural", "42.96", "129.85", written]]
    preview = upload(editor, csv_bytes(rows, header=header))
    assert preview.status_code == 200
    assert not preview.context["result"].has_errors()  # no crash, no traceback
    [problem] = preview.context["import_problems"]
    assert problem.messages[0].startswith(message)
    assert "confirm_form" not in preview.context  # nothing good to import


# Headers ----------------------------------------------------------------------------------------------


def export_csv(client):
    url = reverse("admin:attractions_attraction_export")
    fields = {f"attractionresource_{name}": "on" for name in AttractionResource().get_export_order()}
    return client.post(url, {"format": CSV_FORMAT, "resource": "0", **fields}).content


def test_the_export_writes_chinese_headers_and_imports_back(editor, tumen):
    make_attraction(region=tumen, slug="tumen-bridge", name_zh_hans="图们口岸大桥")
    exported = export_csv(editor)
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    assert rows[0][:6] == ["网址标识", "名称（中文）", "名称（英文）", "名称（韩文）", "名称（俄文）", "县（市）"]

    unchanged = upload(editor, exported)  # the file as exported: nothing to change
    assert not unchanged.context["result"].has_validation_errors()
    assert [row.import_type for row in unchanged.context["result"].rows] == ["skip"]

    rows[1][1] = "图们口岸中朝大桥"  # the editor renames it in Excel, which saves GBK
    edited = io.StringIO()
    csv.writer(edited).writerows(rows)
    preview = upload(editor, edited.getvalue().encode("gbk", errors="replace"))
    assert "图们口岸中朝大桥" in preview.content.decode()
    confirm(editor, preview)
    assert Attraction.objects.get(slug="tumen-bridge").name_zh_hans == "图们口岸中朝大桥"


def test_headers_in_english_or_as_field_names_still_import(editor):
    english = ["Slug", "Name (English)", "Name (Chinese)", "county or city", "latitude", "longitude", "category"]
    rows = [["english-park", "English Park", "英文公园", "tumen", "42.96", "129.85", "natural"]]
    preview = upload(editor, csv_bytes(rows, header=english, encoding="utf-8"))
    assert not preview.context["result"].has_validation_errors(), preview.context.get("import_problems")
    confirm(editor, preview)
    assert Attraction.objects.get(slug="english-park").name_en == "English Park"


def test_the_import_page_lists_the_columns_by_their_chinese_headers(editor):
    page = editor.get(reverse("admin:attractions_attraction_import")).content.decode()
    assert "名称（中文）" in page and "name_zh_hans" not in page


def test_villages_read_chinese_headers_too(editor):
    header = ["网址标识", "名称（中文）", "县（市）", "民族文化", "民宿数量", "床位数", "纬度", "经度"]
    rows = [["tumen-village", "图们新村", "图们市", "korean", "12", "40", "42.97", "129.84"]]
    preview = upload(editor, csv_bytes(rows, header=header), url="admin:villages_village_import")
    assert not preview.context["result"].has_validation_errors(), preview.context.get("import_problems")
    confirm(editor, preview, url="admin:villages_village_process_import")
    assert Village.objects.get(slug="tumen-village").beds == 40


def test_the_export_page_names_the_columns_by_their_headers(editor):
    page = editor.get(reverse("admin:attractions_attraction_export")).content.decode()
    assert "名称（中文）" in page and "Name Zh Hans" not in page


def test_an_xlsx_file_with_chinese_headers_and_counties_imports(editor):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(CHINESE_HEADER)
    for row in GOOD_ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    preview = upload(editor, buffer.getvalue(), XLSX_FORMAT)
    assert not preview.context["result"].has_validation_errors(), preview.context.get("import_problems")
    confirm(editor, preview)
    assert Attraction.objects.filter(region__slug="tumen").count() == 2


def test_a_file_without_the_slug_column_says_so_in_chinese(editor):
    header = ["名称（中文）", "县（市）", "类别", "纬度", "经度"]
    preview = upload(editor, csv_bytes([["无标识公园", "图们", "natural", "42.96", "129.85"]], header=header))
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "文件缺少“网址标识”列" in page
    assert "FieldError" not in page and "Traceback" not in page
    assert "confirm_form" not in preview.context
    assert not Attraction.objects.exists()


def test_empty_rows_that_excel_leaves_are_skipped_and_a_nul_character_is_a_cell_error(editor):
    empty = [""] * len(CHINESE_HEADER)
    nul = ["nul-park", "空\x00字符", "", "图们", "natural", "0", "42.96", "129.85", ""]
    preview = upload(editor, csv_bytes([GOOD_ROWS[0], empty, nul, empty], encoding="utf-8"))
    [problem] = preview.context["import_problems"]
    assert "第 4 行，名称（中文）：此单元格含有不可见的 NUL 字符：请清空该单元格后重新输入" in problem.messages
    assert all(message.startswith("第 4 行，名称（中文）：") for message in problem.messages)  # its column
    confirm(editor, preview)
    assert list(Attraction.objects.values_list("slug", flat=True)) == ["tumen-river-park"]
