"""The dashboard's table as a spreadsheet: one row per county and a row of totals, every figure a column."""

import csv
import io

from django.utils.translation import gettext

from .figures import COLUMNS


def cell(value):
    """A text that a spreadsheet would run as a formula (=, +, -, @) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return f"'{value}"
    return value


def table(dashboard):
    """[heading row, county rows…, totals row] of plain values."""
    rows = [[gettext("County or city"), gettext("Order along the G331"), *(str(c.label) for c in COLUMNS)]]
    for row in dashboard.rows:
        rows.append([cell(row.region.name), row.region.corridor_order, *(f.value for f in row.cells(COLUMNS))])
    rows.append([gettext("Total"), "", *(f.value for f in dashboard.totals.cells(COLUMNS))])
    return rows


def as_csv(dashboard):
    buffer = io.StringIO()
    # The byte order mark makes Excel read the Chinese names as UTF-8.
    buffer.write("\ufeff")
    csv.writer(buffer).writerows(table(dashboard))
    return buffer.getvalue().encode("utf-8")


def as_xlsx(dashboard):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Dashboard")[:31]
    for row in table(dashboard):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
