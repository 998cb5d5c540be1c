"""Spreadsheet files for the admin: safe export formats and blank import templates.

django-import-export's own IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading "=",
so a cell starting with +, -, @, a tab or a carriage return would still run as a formula. Our
formats apply the one rule of cooperation/exports.py (``spreadsheet_safe``) to every cell.
"""

from __future__ import annotations

import csv
import io

from import_export.formats import base_formats
from import_export.resources import Resource
from openpyxl import Workbook
from openpyxl.styles import Font

from cooperation.exports import spreadsheet_safe


def escape_dataset(dataset) -> None:
    """Make every text cell of a tablib dataset inert in a spreadsheet, in place."""
    rows = [[spreadsheet_safe(cell) for cell in row] for row in dataset]
    del dataset[:]
    for row in rows:
        dataset.append(row)


class SafeCSV(base_formats.CSV):
    def export_data(self, dataset, **kwargs):
        escape_dataset(dataset)
        return dataset.export(self.get_title(), **kwargs)


class SafeXLSX(base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        escape_dataset(dataset)
        return super().export_data(dataset, **kwargs)


SPREADSHEET_FORMATS = [SafeXLSX, SafeCSV]


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
    buffer = io.StringIO()
    csv.writer(buffer).writerow(template_headers(resource))
    return buffer.getvalue()
