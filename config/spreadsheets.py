"""Spreadsheets out of the back office: the one rule that keeps cells inert, and the formats.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by spreadsheet programs. django-import-export's own
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only strips a leading "=", so our formats quote every
such cell instead. Here, below every app, so that the accounts' logs, the domain's lists and
the dashboard's workbook all export through the same rule.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from io import BytesIO, StringIO
from typing import Any

import openpyxl
import tablib
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG, ChangeList
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext
from import_export.admin import ExportMixin
from import_export.formats import base_formats
from import_export.forms import SelectableFieldsExportForm
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from config.admin_lists import CheckedChangeList

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


class FormulaWithoutResult:
    """An XLSX cell holding a formula but no saved result: a file written by a script
    (openpyxl, pandas) and never opened in a spreadsheet program has only the formula, which
    nothing here calculates. Read for its values, such a cell was empty, so an import took
    "=CONCAT(…)" as a blank title, or cleared the stored one; the import reports it instead
    (``take_formulas_without_result``)."""

    __slots__ = ("formula",)

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __str__(self) -> str:
        return self.formula

    def __repr__(self) -> str:
        return f"FormulaWithoutResult({self.formula!r})"


def formula_without_result_message() -> str:
    """What a row's problem says of a FormulaWithoutResult cell."""
    return gettext(
        "This cell holds a formula with no saved result; open the file in Excel or WPS and "
        "save it, or paste the values."
    )


def take_formulas_without_result(dataset: tablib.Dataset) -> dict[int, dict[str, str]]:
    """The dataset's FormulaWithoutResult cells, by spreadsheet line and column (each with
    its formula, for the page of problems), emptied in place so that no column reads one as
    a value. A file our formats read says whether it holds any (``has_formulas_without_result``,
    never for a CSV), so that a file without is not looked through again."""
    if not getattr(dataset, "has_formulas_without_result", True):
        return {}
    found: dict[int, dict[str, str]] = {}
    rows = []
    for line, row in zip(spreadsheet_lines(dataset), dataset, strict=True):
        cells = list(row)
        for at, cell in enumerate(cells):
            if isinstance(cell, FormulaWithoutResult):
                found.setdefault(line, {})[dataset.headers[at]] = cell.formula
                cells[at] = None
        rows.append(cells)
    if found:
        replace_rows(dataset, rows)
    return found


def imported_cell(value: Any) -> Any:
    """A cell of a sheet coming in as a record will hold it: unquoted (from_spreadsheet_safe)
    and without NUL characters, which a spreadsheet program does not show, PostgreSQL
    refuses (the row failed with its driver's message, in English) and SQLite kept (the
    record's form then refused to save it)."""
    if isinstance(value, str):
        value = value.replace("\x00", "")
    return from_spreadsheet_safe(value)


# What Excel refuses in a sheet's name, which is also at most 31 characters long.
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str) -> str:
    """``title`` as a name Excel takes for a sheet (a translated name may not be one)."""
    return _SHEET_NAME_FORBIDDEN.sub(" ", title)[:31].strip() or "Sheet"


def replace_rows(dataset: tablib.Dataset, rows: list[list]) -> None:
    """Put ``rows`` in place of a dataset's rows, its headers kept (tablib sets a row only
    by deleting and appending)."""
    del dataset[:]
    for row in rows:
        dataset.append(row)


def escape_dataset(dataset) -> None:
    """Make every text cell of a tablib dataset inert in a spreadsheet, in place."""
    replace_rows(dataset, [[spreadsheet_safe(cell) for cell in row] for row in dataset])


class UnreadableSheet(ValueError):
    """A file the format reads but an import cannot take, with what to do about it (shown to
    staff as the file's error)."""


class TooManyRows(UnreadableSheet):
    """A file longer than an import takes (settings.IMPORT_MAX_ROWS, or a share of it for
    longer rows): each step of an import runs in one request, which a far longer file would
    hold past the server's timeout."""

    def __init__(self, max_rows: int) -> None:
        limit = number_format(max_rows, force_grouping=True)
        super().__init__(
            gettext(
                "This file has more than %(limit)s rows, and an import takes at most "
                "%(limit)s. Split it into smaller files and import them one after another."
            )
            % {"limit": limit}
        )


class RowLongerThanHeader(UnreadableSheet):
    """A row with filled cells to the right of the header's last column: no column to read
    them into (tablib refused the whole file for it, which staff saw as a file of the
    wrong format)."""

    def __init__(self, line: int, cells: int, columns: int) -> None:
        super().__init__(
            gettext(
                "Row %(line)s has values in %(cells)s columns, but the first row names only "
                "%(columns)s columns. Give each column a name in the first row, or remove "
                "the values to the right of the last named column."
            )
            % {"line": line, "cells": cells, "columns": columns}
        )


def _within(row: list, width: int, line: int) -> list:
    """``row`` cut to the header's ``width``: cells past it may only be blank (a spreadsheet
    often saves a row's empty cells past the last column); a shorter row (a sheet that
    states no dimension) filled up with empty cells."""
    if len(row) < width:
        return row + [None] * (width - len(row))
    if len(row) == width:
        return row
    filled = max(at for at, value in enumerate(row) if not is_blank(value)) + 1
    if filled > width:
        raise RowLongerThanHeader(line, filled, width)
    return row[:width]


def _counted(rows: Any, max_rows: int) -> Any:
    """``rows``, one at a time, raising TooManyRows once there are more than ``max_rows``."""
    for number, row in enumerate(rows, start=1):
        if number > max_rows:
            raise TooManyRows(max_rows)
        yield row


def is_blank(value: Any) -> bool:
    """Whether a cell holds nothing: empty, or only spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def is_blank_line(values: Any) -> bool:
    """Whether a sheet's row holds nothing: every cell blank (Excel writes an empty row of a
    CSV as a line of commas)."""
    return all(is_blank(value) for value in values)


def spreadsheet_lines(dataset: tablib.Dataset) -> list[int]:
    """The spreadsheet's own number of each of the dataset's rows, the header being row 1:
    those our formats read (blank lines left out, but counted), or the rows' order for a
    dataset made otherwise."""
    lines = getattr(dataset, "line_numbers", None)
    if lines is None or len(lines) != dataset.height:
        return list(range(2, dataset.height + 2))
    return lines


def drop_blank_lines(dataset: tablib.Dataset) -> None:
    """Leave out the rows that hold nothing, in place, each other row keeping its line."""
    lines = spreadsheet_lines(dataset)
    kept = [(line, row) for line, row in zip(lines, dataset, strict=True) if not is_blank_line(row)]
    if len(kept) != dataset.height:
        replace_rows(dataset, [list(row) for _line, row in kept])
    dataset.line_numbers = [line for line, _row in kept]


def _read_lines(headers: list, rows: Any, max_rows: int) -> tablib.Dataset:
    """A dataset of ``rows`` (the lines under the header, row 2 onwards) with the blank ones
    left out, each row's spreadsheet line in ``line_numbers``; TooManyRows past
    ``max_rows`` rows that are not blank."""
    # A sheet's first row runs as wide as its widest row: unnamed columns past the last
    # named one are none (the rows' cells under them are checked by _within).
    while headers and is_blank(headers[-1]):
        headers = headers[:-1]
    dataset = tablib.Dataset()
    dataset.headers = headers
    lines = []
    filled = ((line, row) for line, row in enumerate(rows, start=2) if not is_blank_line(row))
    for line, row in _counted(filled, max_rows):
        lines.append(line)
        dataset.append(_within(row, len(headers), line))
    dataset.line_numbers = lines
    dataset.has_formulas_without_result = False  # SafeXLSX says when there are
    return dataset


class ImportLimit:
    """The most rows a file of this format may have to be imported: ``max_rows_share`` of
    settings.IMPORT_MAX_ROWS (an admin whose rows take longer sets a smaller share)."""

    max_rows_share: float = 1.0

    @classmethod
    def max_rows(cls) -> int:
        return max(1, int(settings.IMPORT_MAX_ROWS * cls.max_rows_share))

    @classmethod
    def with_share(cls, share: float) -> type:
        """This format, taking ``share`` of the rows (itself for its own share)."""
        if share == cls.max_rows_share:
            return cls
        return type(cls.__name__, (cls,), {"max_rows_share": share})


# Put before every CSV's text the site writes (the admin's exports and templates, the open
# data, the dashboard's files), so that spreadsheet programs read it as UTF-8: Excel on a
# Chinese Windows reads a CSV without it as GBK. Python reads it with encoding="utf-8-sig";
# an import reads a file with or without it.
BOM = "\ufeff"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


class SafeCSV(ImportLimit, base_formats.CSV):
    CONTENT_TYPE = CSV_CONTENT_TYPE

    def export_data(self, dataset, **kwargs):
        escape_dataset(dataset)
        return BOM + dataset.export(self.get_title(), **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        """The file's rows as tablib reads a CSV (a short row filled up with empty cells),
        but with each row's line kept (``line_numbers``) and a line that holds nothing,
        empty or only commas, left out but counted, as for XLSX."""
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or "utf-8-sig")
        records = csv.reader(StringIO(in_stream.removeprefix(BOM), newline=""))
        headers = next(records, [])
        width = len(headers)
        rows = (row + [""] * (width - len(row)) if len(row) < width else row for row in records)
        return _read_lines(headers, rows, self.max_rows())


class _SavedResultsParser(WorkSheetParser):
    """openpyxl's reader of a sheet's cells, values only (a formula's saved result), but
    with a formula cell that has no saved result read as FormulaWithoutResult, not as an
    empty cell. Excel, WPS and LibreOffice save a text result, even an empty one, with
    t="str"; a script's formula cell has no type (a number's) and an empty value."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.formulas_without_result = 0

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and cell["data_type"] == "n":
            formula = element.find(FORMULA_TAG)
            if formula is not None:
                cell["value"] = FormulaWithoutResult(f"={formula.text or ''}")
                self.formulas_without_result += 1
        return cell


class _SheetRows:
    """The rows of a read-only sheet as ``sheet.values`` gives them (each as wide as the
    sheet's stated dimension, a missing row empty), streamed once through
    _SavedResultsParser. openpyxl 3.1 (pinned) offers no way to give its own reader another
    parser, so this opens the sheet's source with its shared strings itself."""

    def __init__(self, sheet: ReadOnlyWorksheet) -> None:
        self.sheet = sheet
        self.parser: _SavedResultsParser | None = None

    @property
    def formulas_without_result(self) -> int:
        return self.parser.formulas_without_result if self.parser else 0

    def __iter__(self) -> Iterator[list]:
        sheet, workbook = self.sheet, self.sheet.parent
        width = sheet.max_column or 0
        with sheet._get_source() as source:
            self.parser = _SavedResultsParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            expected = 1
            for number, cells in self.parser.parse():
                for _missing in range(expected, number):
                    yield [None] * width
                expected = number + 1
                row = [None] * max(width, cells[-1]["column"] if cells else 0)
                for cell in cells:
                    row[cell["column"] - 1] = cell["value"]
                yield row


class SafeXLSX(ImportLimit, base_formats.XLSX):
    def export_data(self, dataset, **kwargs):
        escape_dataset(dataset)
        return super().export_data(dataset, **kwargs)

    def create_dataset(self, in_stream):
        """The first sheet, as import-export reads it (values, not formulas, in one pass),
        blank lines left out but counted (each row's line in ``line_numbers``), stopping at
        the first row over the limit rather than reading a sheet of any length first. The
        first, not the one open when the file was saved (import-export's): the template's
        help sheet may be, and its data sheet's name is in the language it was downloaded
        in. A formula with no saved result is a FormulaWithoutResult cell; whether there
        is any is ``has_formulas_without_result``, so that an import need not look."""
        workbook = openpyxl.load_workbook(BytesIO(in_stream), read_only=True, data_only=True)
        try:
            sheet = _SheetRows(workbook.worksheets[0])
            rows = iter(sheet)
            # A header that is a formula without result is named by its formula.
            headers = [
                str(cell) if isinstance(cell, FormulaWithoutResult) else cell
                for cell in next(rows, ())
            ]
            dataset = _read_lines(headers, rows, self.max_rows())
            dataset.has_formulas_without_result = bool(sheet.formulas_without_result)
            return dataset
        finally:
            workbook.close()  # a read-only workbook holds its file open until closed


SPREADSHEET_FORMATS = [SafeXLSX, SafeCSV]


class LabelledColumnsExportForm(SelectableFieldsExportForm):
    """The export page's column boxes named as the record's form names its fields, in the
    user's language, with the column's name ("标题（中文） · title_zh_hans"), where
    import-export title-cased the column's name ("Title Zh Hans") in either language."""

    def _get_field_label(self, resource, field_name: str) -> str:
        field = resource.fields.get(field_name)
        column = field.column_name if field is not None else field_name
        # A column that is no field of the record (a project's lead partner) names itself.
        label = getattr(field, "verbose_name", None)
        if label is None:
            model_field = _model_field(resource._meta.model, field.attribute if field else None)
            if model_field is None:
                return super()._get_field_label(resource, field_name)
            # A translated column's label says its language ("标题（中文）", config.field_labels).
            label = model_field.verbose_name
        return f"{capfirst(label)} · {column}"


def _model_field(model, attribute: str | None):
    """The field of ``model`` a resource's column shows: the attribute's own, the one it
    follows (``author__username``: the author) or the one a method shows
    (``get_kind_display``, ``get_change_message``); import-export title-cased the column's
    name in English for these ("Author", "Kind (event)")."""
    if model is None or not attribute:
        return None
    name = attribute.split("__", 1)[0]
    if name.startswith("get_"):
        name = name.removeprefix("get_").removesuffix("_display")
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def records_title(model: type[models.Model]) -> str:
    """What a model's records are called in the active language ("Cooperation projects",
    "合作项目"), for the sheet and the file of an export."""
    return str(capfirst(model._meta.verbose_name_plural))


class ExportedOnTheLocalDay:
    """An admin export's file is named after its records in the user's language and the day
    it is made where the base is (settings.TIME_ZONE): ``cooperation-projects-2026-12-07.xlsx``,
    ``合作项目-2026-12-07.xlsx``. import-export's own name was the model's class name
    (``CooperationProject``) whatever the language, and took the UTC day, yesterday's before
    08:00 in Shanghai."""

    def get_export_filename(self, request, queryset, file_format) -> str:
        day = timezone.localdate().isoformat()
        name = slugify(records_title(self.model), allow_unicode=True) or self.opts.model_name
        return f"{name}-{day}.{file_format.get_extension()}"


class SpreadsheetExportMixin(ExportedOnTheLocalDay, ExportMixin):
    """Admin list export as shown (filters and search kept) to XLSX or CSV; needs the
    model's view permission (IMPORT_EXPORT_EXPORT_PERMISSION_CODE). Every admin's export,
    with or without import (cooperation.admin_spreadsheets), goes through it.

    The export filters with the list's own class (the change list of ``get_changelist``,
    so that the list and its export take the same parameters), and answers parameters the
    list cannot apply (an unknown field, a tracking parameter, a value of the wrong kind) as
    the list does: with the list unfiltered (``?e=1``), and a message, where import-export
    let the error through as a 500.
    """

    formats = SPREADSHEET_FORMATS
    export_form_class = LabelledColumnsExportForm

    def get_changelist(self, request: HttpRequest, **kwargs) -> type[ChangeList]:
        return CheckedChangeList

    def get_data_for_export(self, request: HttpRequest, queryset, **kwargs):
        if getattr(request, "_export_native_cells", False):
            kwargs["force_native_type"] = True
        dataset = super().get_data_for_export(request, queryset, **kwargs)
        # The workbook's sheet is named after its records in the user's language, where
        # tablib named a dataset without a title "Tablib Dataset".
        dataset.title = sheet_name(records_title(self.model))
        return dataset

    def _do_file_export(self, file_format, request: HttpRequest, queryset, export_form=None):
        response = super()._do_file_export(file_format, request, queryset, export_form)
        # import-export writes the name between quotes, which holds ASCII only: a Chinese
        # one needs RFC 6266's filename* (Django's FileResponse writes it so).
        response["Content-Disposition"] = content_disposition_header(
            True, self.get_export_filename(request, queryset, file_format)
        )
        return response

    def export_action(self, request: HttpRequest) -> HttpResponse:
        try:
            return super().export_action(request)
        except IncorrectLookupParameters:
            messages.error(
                request,
                gettext(
                    "The list cannot be filtered as this export's address asks, so nothing "
                    "was exported. Filter the list again, then export it."
                ),
            )
            changelist = reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_changelist"
            )
            return HttpResponseRedirect(f"{changelist}?{ERROR_FLAG}=1")

    def get_export_data(self, file_format, request: HttpRequest, queryset, **kwargs):
        # A workbook's numbers, dates and yes-or-no cells as such, which Excel sums and
        # sorts: import-export writes them so only for its own XLSX class (``type() in
        # BINARY_FORMATS``), not SafeXLSX, so each was text ('29', '2026-10-01').
        request._export_native_cells = file_format.is_binary()
        try:
            return super().get_export_data(file_format, request, queryset, **kwargs)
        except OverflowError as error:
            # A filter's moment near year 1 fails only as the rows are read (it has no UTC
            # time); the change list's count refuses it so (CheckedChangeList).
            raise IncorrectLookupParameters(error) from error
