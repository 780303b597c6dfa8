"""Spreadsheets in and out: a preview, errors row by row, nothing saved from a file with an error."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from attractions.models import Attraction
from attractions.resources import AttractionResource
from attractions.tests.factories import make_attraction
from corridor_portal.models import Status
from corridor_portal.tests.factories import make_region
from villages.models import Village

from .factories import make_county_editor, make_province_editor

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
def test_one_bad_row_saves_nothing_and_is_reported_by_row_and_field(editor, bad_row, field):
    preview = upload(editor, csv_file([*GOOD_ROWS, bad_row]))
    result = preview.context["result"]
    invalid = result.invalid_rows
    assert [row.number for row in invalid] == [3]
    assert field in invalid[0].error_dict
    assert "confirm_form" not in preview.context  # nothing to confirm
    assert not Attraction.objects.exists()


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
    assert body.splitlines()[0].startswith("slug,name_zh_hans")


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
