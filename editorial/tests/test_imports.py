

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
