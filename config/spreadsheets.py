"""Spreadsheets out of the back office: the one rule that keeps cells inert, and the formats.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by spreadsheet programs. django-import-export's own
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading "=", so our formats quote every
such cell instead. Here, below every app, so that the accounts' logs, the domain's lists and
the dashboard's workbook all export through the same rule.
"""

from __future__ import annotations

from typing import Any

from import_export.admin import ExportMixin
from import_export.formats import base_formats

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """Prefix text that a spreadsheet would evaluate with a quote, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return f"'{value}"
    return value


def from_spreadsheet_safe(value: Any) -> Any:
    """The inverse of spreadsheet_safe, for a sheet coming back in: an exported "'=x" is "=x"."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


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


class SpreadsheetExportMixin(ExportMixin):
    """Admin list export as shown (filters and search kept) to XLSX or CSV; needs the
    model's view permission (IMPORT_EXPORT_EXPORT_PERMISSION_CODE)."""

    formats = SPREADSHEET_FORMATS
