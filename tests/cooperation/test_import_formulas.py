"""Spreadsheet import of formula cells: an XLSX written by a script (openpyxl, pandas) and
never opened in a spreadsheet program holds its formulas without a saved result, which the
import read as blank cells (a title "=CONCAT(…)" came in empty, or cleared the stored one);
each is now a problem of its row and column. A formula with a saved result, as Excel, WPS
and LibreOffice save it, imports its result, as before."""

from __future__ import annotations

import html
import io
import re
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from config.spreadsheets import FormulaWithoutResult, SafeXLSX
from cooperation import models as m
from cooperation.resources import ProjectResource
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.cooperation.test_import import PROJECT_HEADERS, project_rows, reference  # noqa: F401
from tests.cooperation.test_import_errors import FORMAT_CHOICE, listed_problems

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]

FORMULA = '=CONCAT("Imported project ", "0")'
PROBLEM = (
    "This cell holds a formula with no saved result; open the file in Excel or WPS and save "
    "it, or paste the values."
)


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def project_workbook(overrides: dict[str, object], n: int = 1) -> bytes:
    """An XLSX of ``n`` project rows as openpyxl writes it: every formula without a result."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(PROJECT_HEADERS)
    for row in project_rows(n):
        cells = dict(zip(PROJECT_HEADERS, row, strict=True))
        sheet.append([overrides.get(header, cells[header]) for header in PROJECT_HEADERS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def saved_result(content: bytes, cell: str, result: str, cell_type: str = "str") -> bytes:
    """``content`` with the formula of ``cell`` given a saved result, as a spreadsheet program
    saves it (``<c r="C2" t="str"><f>…</f><v>result</v></c>``)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                pattern = rf'<c r="{cell}"([^>]*)>(<f>.*?</f>)<v\s*/?>(</v>)?</c>'
                replacement = rf'<c r="{cell}"\1 t="{cell_type}">\2<v>{result}</v></c>'
                data, count = re.subn(pattern.encode(), replacement.encode(), data)
                assert count == 1, data
            target.writestr(item, data)
    return buffer.getvalue()


def column_letter(header: str) -> str:
    return openpyxl.utils.get_column_letter(PROJECT_HEADERS.index(header) + 1)


def check(client, content: bytes, blank_keeps: bool = True):
    data = {
        "format": FORMAT_CHOICE["xlsx"],
        "resource": "0",
        "import_file": SimpleUploadedFile("projects.xlsx", content),
    }
    if blank_keeps:
        data["blank_keeps"] = "on"
    return client.post(admin_url(m.CooperationProject, "import"), data, HTTP_ACCEPT_LANGUAGE="en")


def test_a_formula_without_a_saved_result_is_a_problem_of_its_row_and_column(admin_client):
    content = project_workbook({"title_en": FORMULA, "summary_en": "=A2"}, n=2)

    response = check(admin_client, content)

    assert listed_problems(response) == [
        f"Row 2, column title_en: {PROBLEM}",
        f"Row 2, column summary_en: {PROBLEM}",
        f"Row 3, column title_en: {PROBLEM}",
        f"Row 3, column summary_en: {PROBLEM}",
    ]
    assert not m.CooperationProject.objects.exists()
    # The table of rows with problems shows the formula the cell holds, not an empty cell.
    [table] = re.findall(r'<table class="import-preview">.*?</table>', response.text, re.S)
    cells = [html.unescape(cell.strip()) for cell in re.findall(r"<td>(.*?)</td>", table, re.S)]
    assert FORMULA in cells and "=A2" in cells


@pytest.mark.parametrize("blank_keeps", [True, False])
def test_a_formula_without_a_result_never_clears_or_keeps_a_stored_value_quietly(
    admin_client, blank_keeps
):
    """Unticked, "Blank cells keep existing values" made the blank-read cell clear the
    stored title; ticked, it kept it and said nothing of the formula."""
    project = f.CooperationProjectFactory(slug="imported-0", title_en="The stored title")

    response = check(admin_client, project_workbook({"title_en": FORMULA}), blank_keeps)

    assert listed_problems(response) == [f"Row 2, column title_en: {PROBLEM}"]
    assert response.context["result"].has_validation_errors()
    project.refresh_from_db()
    assert project.title_en == "The stored title"


def test_a_formula_in_a_many_valued_or_key_column_is_named_too():
    """The slug (the record's key, blank here: made from the title) and the partners."""
    content = project_workbook({"slug": "=LOWER(C2)", "partners": "=K1"})
    dataset = SafeXLSX().create_dataset(content)

    result = ProjectResource().import_data(dataset, dry_run=True)

    [row] = result.invalid_rows
    assert {column: list(errors) for column, errors in row.field_specific_errors.items()} == {
        "slug": [PROBLEM],
        "partners": [PROBLEM],
    }


def test_a_formula_in_a_column_the_import_does_not_read_is_no_problem(admin_client):
    content = project_workbook({})
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.active
    sheet.cell(row=1, column=len(PROJECT_HEADERS) + 1, value="notes")
    sheet.cell(row=2, column=len(PROJECT_HEADERS) + 1, value="=LEN(C2)")
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = check(admin_client, buffer.getvalue())

    assert listed_problems(response) == []
    assert response.context["result"].totals["new"] == 1
    assert response.context["ignored_columns"] == ["notes"]


def test_a_row_holding_only_formulas_is_not_left_out_as_blank():
    workbook = openpyxl.Workbook()
    workbook.active.append(["slug", "title_en"])
    workbook.active.append(["=B3", "=CONCAT(B3)"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    dataset = SafeXLSX().create_dataset(buffer.getvalue())

    assert dataset.line_numbers == [2]
    assert [type(cell) for cell in dataset[0]] == [FormulaWithoutResult, FormulaWithoutResult]
    assert dataset.has_formulas_without_result


def test_a_sheet_without_formulas_says_so_so_the_import_need_not_look():
    dataset = SafeXLSX().create_dataset(project_workbook({}))

    assert not dataset.has_formulas_without_result
    assert not any(isinstance(cell, FormulaWithoutResult) for row in dataset for cell in row)


def test_a_formula_saved_by_a_spreadsheet_program_imports_its_result(admin_client):
    """The file opened and saved in Excel or WPS: the saved result, as before."""
    content = project_workbook({"title_en": FORMULA})
    content = saved_result(content, f"{column_letter('title_en')}2", "Imported project 0")

    response = check(admin_client, content, blank_keeps=False)

    assert listed_problems(response) == []
    assert response.context["result"].totals["new"] == 1
    [row] = response.context["result"].valid_rows()
    assert "Imported project 0" in html.unescape(" ".join(row.diff))


def test_a_formula_whose_saved_result_is_empty_text_imports_blank():
    """=IF(…, "", …) saved by a spreadsheet program: a result, the empty text (t="str")."""
    content = project_workbook({"summary_en": '=IF(TRUE, "", "x")'})
    content = saved_result(content, f"{column_letter('summary_en')}2", "")

    dataset = SafeXLSX().create_dataset(content)
    result = ProjectResource().import_data(dataset, dry_run=True)

    assert not dataset.has_formulas_without_result
    assert not result.has_validation_errors() and result.totals["new"] == 1


def test_a_formula_saved_with_a_number_imports_the_number():
    content = project_workbook({"title_en": "=1+1"})
    content = saved_result(content, f"{column_letter('title_en')}2", "2", cell_type="n")

    dataset = SafeXLSX().create_dataset(content)

    assert dataset[0][PROJECT_HEADERS.index("title_en")] == 2


def test_a_sheet_that_states_no_dimension_reads_its_short_rows_filled_up():
    """Some writers leave out <dimension>: each row is then as long as its last cell."""
    content = project_workbook({"research_fields": None})
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb"<dimension [^>]*/>", b"", data)
                assert count == 1
            target.writestr(item, data)

    dataset = SafeXLSX().create_dataset(buffer.getvalue())

    assert dataset.headers == PROJECT_HEADERS
    assert dataset[0][-1] is None and dataset[0][0] == "imported-0"
