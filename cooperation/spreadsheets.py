"""Blank import templates for the admin (the safe export formats: config/spreadsheets.py)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from import_export.resources import Resource
from openpyxl import Workbook
from openpyxl.styles import Font

from config.spreadsheets import BOM, sheet_name


def template_headers(resource: Resource) -> list[str]:
    """The columns an import of this resource reads, in order."""
    return [field.column_name for field in resource.get_import_fields() if not field.readonly]


def xlsx_template(resource: Resource, notes: dict[str, str], required: Iterable[str] = ()) -> bytes:
    """A workbook whose first sheet has the import columns and a second sheet explaining
    them, which marks the ``required`` ones; both named in the user's language (an import
    reads the first sheet, whatever its name)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name(pgettext("sheet of the import template", "data"))
    headers = template_headers(resource)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    help_sheet = workbook.create_sheet(
        sheet_name(pgettext("sheet of the import template", "columns"))
    )
    help_sheet.append([_("column"), _("what to enter"), _("required")])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    required = set(required)
    for header in headers:
        help_sheet.append([header, notes.get(header, ""), _("yes") if header in required else ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_template(resource: Resource) -> str:
    """The header line, after a byte order mark so that Excel reads the file as UTF-8."""
    buffer = io.StringIO(BOM)
    buffer.seek(0, io.SEEK_END)
    csv.writer(buffer).writerow(template_headers(resource))
    return buffer.getvalue()
