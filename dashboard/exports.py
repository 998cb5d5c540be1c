"""The summary as files: an Excel workbook (one sheet per table) and CSV files in a zip.

Text that a spreadsheet would run as a formula is quoted by the one rule the portal's open
data uses (config.spreadsheets.spreadsheet_safe), so a record's title can never become one.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from config.spreadsheets import spreadsheet_safe
from dashboard.figures import COUNTING_RULE, Summary, Table, as_number

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _cells(values: list) -> list:
    return [spreadsheet_safe(as_number(value)) for value in values]


def table_rows(table: Table) -> list[list]:
    """A table as rows of cells, header first."""
    return [
        _cells([table.label_column, *table.columns]),
        *(_cells([row.label, *row.values]) for row in table.rows),
    ]


def about_rows(summary: Summary) -> list[list]:
    return _cells_rows(
        [
            [_("Period"), str(summary.period)],
            [_("Previous period"), str(summary.previous)],
            [_("Generated"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
            [_("Records counted"), str(COUNTING_RULE)],
        ]
    )


def _cells_rows(rows: list[list]) -> list[list]:
    return [_cells(row) for row in rows]


def sheet_title(title: str, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    base = _SHEET_FORBIDDEN.sub(" ", title)[:31].strip() or "Sheet"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def workbook_bytes(summary: Summary) -> bytes:
    workbook = Workbook()
    taken: set[str] = set()
    about = workbook.active
    about.title = sheet_title(_("About"), taken)
    for row in about_rows(summary):
        about.append(row)
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 100
    for table in summary.tables:
        sheet = workbook.create_sheet(sheet_title(table.title, taken))
        for row in table_rows(table):
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 36
        sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_text(rows: list[list]) -> str:
    output = io.StringIO()
    csv.writer(output).writerows(rows)
    return output.getvalue()


def csv_zip_bytes(summary: Summary) -> bytes:
    """One CSV file per table (UTF-8 with a BOM, so spreadsheet programs read Chinese)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("about.csv", "\ufeff" + _csv_text(about_rows(summary)))
        for table in summary.tables:
            archive.writestr(f"{table.key}.csv", "\ufeff" + _csv_text(table_rows(table)))
    return buffer.getvalue()
