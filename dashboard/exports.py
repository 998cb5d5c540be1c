"""The summary as files: an Excel workbook (one sheet per table), CSV files in a zip, and a
Word document (the tables under their headings, for the annual evaluation report).

Text that a spreadsheet would run as a formula is quoted by the one rule the portal's open
data uses (config.spreadsheets.spreadsheet_safe), so a record's title can never become one.
"""

from __future__ import annotations

import csv
import io
import time
import zipfile

import docx
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import Workbook
from openpyxl.styles import Font

from config.spreadsheets import BOM, sheet_name, spreadsheet_safe
from cooperation.publication import moment_text
from dashboard.figures import (
    COUNTING_RULE,
    Period,
    Summary,
    Table,
    as_number,
    figure_text,
    is_figure,
    no_comparison_text,
)

# The font Word gives Chinese text in the document (Word's own choice otherwise may have no
# Chinese glyphs); every Chinese edition of Windows and of Office has it.
CHINESE_FONT = "SimSun"
# The Word document's language, by the page's (what Word checks the spelling against and
# how it breaks lines); Chinese text in the English document is Chinese all the same.
DOCUMENT_LANGUAGES = {"zh-hans": "zh-CN", "en": "en-US"}
CHINESE = "zh-CN"
# The paper of a Chinese (and European) report: A4, with Word's usual 25 mm margins.
A4 = (Mm(210), Mm(297))
MARGIN = Mm(25)


def _cells(values: list) -> list:
    return [spreadsheet_safe(as_number(value)) for value in values]


def table_rows(table: Table) -> list[list]:
    """A table as rows of cells, header first; a trend table's years are numbers, and the
    header of a trend holding a year not over names it ("Year (2026 to date)", "Year (2026
    to date, 2027–2028 not begun)"), as the page marks its rows: a number cell has no room
    for the mark, a spreadsheet's chart of the column no use for it."""
    if not table.key.startswith("trend-"):
        return [
            _cells([table.label_column, *table.columns]),
            *(_cells([row.label, *row.values]) for row in table.rows),
        ]
    return [
        _cells([trend_label_column(table), *table.columns]),
        *(_cells([int(row.short_label or row.label), *row.values]) for row in table.rows),
    ]


def trend_label_column(table: Table) -> str:
    """A trend's years column's header, naming the years not over as its rows are marked:
    this year "to date", the years to come "not begun"."""
    to_date, ahead = table.years_to_date, table.years_not_begun
    names = {"column": table.label_column, "year": years_text(to_date), "years": years_text(ahead)}
    if to_date and ahead:
        return _("%(column)s (%(year)s to date, %(years)s not begun)") % names
    if ahead:
        return _("%(column)s (%(years)s not begun)") % names
    if to_date:
        return _("%(column)s (%(year)s to date)") % names
    return table.label_column


def years_text(years: list[str]) -> str:
    """Consecutive years as one, or first to last: "2027", "2027–2030"."""
    if len(years) < 2:
        return "".join(years)
    return f"{years[0]}–{years[-1]}"


def about(summary: Summary) -> list[list]:
    """What the summary covers, when it was made and what it counts: label, text (or the
    period itself)."""
    unfinished = summary.period.unfinished_note()
    return [
        [_("Period"), summary.period],
        [_("Previous period"), summary.previous or no_comparison_text()],
        [_("Generated"), generated_text()],
        [_("Records counted"), str(COUNTING_RULE)],
        *([[_("Incomplete period"), unfinished]] if unfinished else []),
    ]


def generated_text() -> str:
    """Now, in local time with its zone named: "2026-12-07 12:49 (Asia/Shanghai)", so a
    reader elsewhere knows which 12:49."""
    return f"{moment_text(timezone.now())} ({timezone.get_current_timezone_name()})"


def about_rows(summary: Summary) -> list[list]:
    """What the summary covers, as cells: a period of a single year is a number."""
    return _cells_rows([[label, _about_cell(value)] for label, value in about(summary)])


def _about_cell(value: Period | str) -> int | str:
    if isinstance(value, Period):
        return value.first if value.first == value.last else str(value)
    return value


def _cells_rows(rows: list[list]) -> list[list]:
    return [_cells(row) for row in rows]


def sheet_title(title: str, taken: set[str]) -> str:
    """A name Excel takes for a sheet (``sheet_name``), unique in the workbook."""
    base = sheet_name(title)
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
    # Its own context: the navigation's "About" is the about page of the base (关于基地).
    about.title = sheet_title(pgettext("sheet of a workbook", "About"), taken)
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
    files = [("about.csv", about_rows(summary))]
    files += [(f"{table.key}.csv", table_rows(table)) for table in summary.tables]
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in files:
            archive.writestr(_readable_entry(name), BOM + _csv_text(rows))
    return buffer.getvalue()


def _readable_entry(name: str) -> zipfile.ZipInfo:
    """A file of the zip that unpacks readable by all, as a downloaded file is (rw-r--r--):
    a name alone gave rw------- (zipfile's default), which a shared folder's others, or
    the web server a leader copies them to, could not read."""
    entry = zipfile.ZipInfo(name, date_time=time.localtime()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o100644 << 16
    return entry


def label_separator() -> str:
    """What comes between a label and its value, as the language writes it (a full-width
    colon in Chinese), as the pages have it."""
    return pgettext("between a label and its value", ": ")


def document_title(summary: Summary) -> str:
    return "{}{}{}".format(
        settings.SITE_NAME,
        label_separator(),
        _("cooperation figures %(period)s") % {"period": summary.period},
    )


def _set_document_language(document, language: str) -> None:
    """The document's language (of its default run properties and of the Normal style,
    which the others are based on): its text in ``language``, its East Asian text Chinese."""
    normal = document.styles["Normal"].element.get_or_add_rPr()
    langs = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang")
    if not normal.xpath("w:lang"):
        normal.insert_element_before(
            OxmlElement("w:lang"), "w:eastAsianLayout", "w:specVanish", "w:oMath"
        )
    for lang in [*langs, *normal.xpath("w:lang")]:
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), CHINESE)
    document.core_properties.language = language


def _set_page(document) -> None:
    """A4 paper with even margins (python-docx starts from US Letter)."""
    for section in document.sections:
        section.page_width, section.page_height = A4
        section.left_margin = section.right_margin = MARGIN
        section.top_margin = section.bottom_margin = MARGIN


def _set_properties(document, title: str) -> None:
    """The file's properties as Word shows them: by the site, made now (python-docx's
    template says it wrote it, in 2013)."""
    properties = document.core_properties
    properties.title = title
    properties.author = properties.last_modified_by = str(settings.SITE_NAME)
    properties.comments = ""
    properties.created = properties.modified = timezone.now()
    properties.revision = 1


def _document_table(document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=1 + len(table.columns), style="Table Grid")
    for cell, text in zip(grid.rows[0].cells, [table.label_column, *table.columns], strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        cells[0].text = row.label
        for position, value in enumerate(row.values, start=1):
            last = position == len(row.values)
            cells[position].text = figure_text(value, table.signed and last)
            if is_figure(value):  # figures line up; names do not
                cells[position].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def document_bytes(summary: Summary) -> bytes:
    """The summary as a Word document: the title and what was counted, then each group of
    tables under its heading, each table with its notes, as the print layout has them.
    Figures are written as the dashboard shows them, in the active language."""
    document = docx.Document()
    fonts = document.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), CHINESE_FONT)
    _set_document_language(document, DOCUMENT_LANGUAGES.get(get_language(), "en-US"))
    _set_page(document)
    _set_properties(document, document_title(summary))
    document.add_heading(document.core_properties.title, level=0)
    for label, text in about(summary):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}{label_separator()}").bold = True
        paragraph.add_run(str(text))
    for title, tables in summary.in_groups():
        if title:
            document.add_heading(title, level=1)
        for table in tables:
            document.add_heading(table.title, level=2)
            _document_table(document, table)
            for note in (table.note, table.unfinished_note):
                if note:
                    document.add_paragraph(str(note)).runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
