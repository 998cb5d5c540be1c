"""Blank import templates for the admin (the safe export formats: config/spreadsheets.py)."""

from __future__ import annotations

import csv
import io

from import_export.resources import Resource
from openpyxl import Workbook
from openpyxl.styles import Font

from config.spreadsheets import BOM


def template_headers(resource: Resource) -> list[str]:
    """The columns an import of this resource reads, in order."""
    return [field.column_name for field in resource.get_import_fields() if not field.readonly]


def xlsx_template(resource: Resource, notes: dict[str, str]) -> bytes:
    """A workbook whose first sheet has the import columns and a second sheet explaining them."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    headers = template_headers(resource)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    help_sheet = workbook.create_sheet("columns")
    help_sheet.append(["column", "what to enter"])
    for header in headers:
        help_sheet.append([header, notes.get(header, "")])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_template(resource: Resource) -> str:
    """The header line, after a byte order mark so that Excel reads the file as UTF-8."""
    buffer = io.StringIO(BOM)
    buffer.seek(0, io.SEEK_END)
    csv.writer(buffer).writerow(template_headers(resource))
    return buffer.getvalue()
