"""Spreadsheet import, what a new user gets wrong: numbers, dates and empty required cells
each get one plain-word problem by row and column, listed with the row's other problems; a
file of the wrong type gets a form error, never a 500; the table of rows with problems shows
the cells as the sheet holds them."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cooperation import models as m
from tests.admin_helpers import admin_url
from tests.cooperation.test_import import project_rows, reference  # noqa: F401 - a fixture

# Every test imports into a database with the countries, units and institutions of test_import.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]

FORMAT_CHOICE = {"xlsx": "0", "csv": "1"}  # the order of config.spreadsheets.SPREADSHEET_FORMATS


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English; the admin is asked for it with Accept-Language."""
    translation.activate("en")


def upload(dataset: tablib.Dataset, file_format: str) -> SimpleUploadedFile:
    content = dataset.export(file_format)
    if file_format == "csv":
        content = content.encode()
    return SimpleUploadedFile(f"records.{file_format}", content)


def check(client, model, dataset: tablib.Dataset, file_format: str = "xlsx"):
    """The dry run's page for ``dataset`` uploaded as ``file_format`` to ``model``'s import."""
    return post(client, model, upload(dataset, file_format), FORMAT_CHOICE[file_format])


def post(client, model, import_file: SimpleUploadedFile, file_format: str):
    return client.post(
        admin_url(model, "import"),
        {"format": file_format, "resource": "0", "import_file": import_file},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def listed_problems(response) -> list[str]:
    """The problems the page lists, as the user reads them ("Row 2, column kind: …")."""
    assert response.status_code == 200
    lists = re.findall(r'<ul class="import-problems">(.*?)</ul>', response.text, re.S)
    items = re.findall(r"<li>(.*?)</li>", "".join(lists), re.S)
    return [html.unescape(" ".join(item.split())) for item in items]


def one_row(headers: list[str], values: list) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=headers)
    dataset.append(values)
    return dataset


# --- numbers ---


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_funding_amount_that_is_no_number_is_listed_with_the_rows_other_problems(
    admin_client, file_format
):
    """It was "Row 2: [<class 'decimal.ConversionSyntax'>]", and the row's other problems
    were not checked at all."""
    dataset = project_rows(2, {0: {"kind": "picnic"}})
    dataset.append_col(["lots", "1200000.50"], header="funding_amount")

    found = listed_problems(check(admin_client, m.CooperationProject, dataset, file_format))

    assert found[0].startswith("Row 2, column kind: 'picnic' is not a valid project kind")
    assert found[1:] == [
        "Row 2, column funding_amount: 'lots' is not a number; enter digits only, with a "
        "point before any decimals, such as 1200000.50."
    ]
    assert not m.CooperationProject.objects.exists()


def exchange(people_count) -> tablib.Dataset:
    headers = ["kind", "title_zh_hans", "start_date", "country", "people_count"]
    return one_row(headers, ["conference", "会议", "2024-04-02", "JP", people_count])


def award(year) -> tablib.Dataset:
    headers = ["title_zh_hans", "title_en", "granting_body_zh_hans", "level", "year"]
    return one_row(headers, ["甲奖", "Prize A", "科技厅", "provincial", year])


def achievement(year) -> tablib.Dataset:
    return one_row(["kind", "title_zh_hans", "year"], ["paper", "论文", year])


def project(funding_amount) -> tablib.Dataset:
    dataset = project_rows(1)
    dataset.append_col([funding_amount], header="funding_amount")
    return dataset


NUMBER = "is not a number; enter digits only, with a point before any decimals, such as"
WHOLE_NUMBER = "is not a whole number; enter digits only, such as"

# Every numeric column of every import: text, a number with a thousands separator or a
# currency sign, a fraction in a whole-number column (an XLSX cell holds it as a number).
BAD_NUMBERS = [
    (m.CooperationProject, project, "about 1M", f"'about 1M' {NUMBER} 1200000.50."),
    (m.CooperationProject, project, "¥1200", f"'¥1200' {NUMBER} 1200000.50."),
    (m.CooperationProject, project, "1,200,000", f"'1,200,000' {NUMBER} 1200000.50."),
    (m.CooperationProject, project, "NaN", f"'NaN' {NUMBER} 1200000.50."),
    (m.Award, award, "2023年", f"'2023年' {WHOLE_NUMBER} 2024."),
    (m.Award, award, 2023.5, f"'2023.5' {WHOLE_NUMBER} 2024."),
    (m.Achievement, achievement, "last year", f"'last year' {WHOLE_NUMBER} 2024."),
    (m.Exchange, exchange, "twelve", f"'twelve' {WHOLE_NUMBER} 12."),
    (m.Exchange, exchange, 2.5, f"'2.5' {WHOLE_NUMBER} 12."),
    (m.Exchange, exchange, "Infinity", f"'Infinity' {WHOLE_NUMBER} 12."),
]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize(
    ("model", "rows", "value", "message"),
    BAD_NUMBERS,
    ids=[f"{model.__name__}-{value}" for model, _rows, value, _message in BAD_NUMBERS],
)
def test_a_number_cell_that_is_no_number_says_what_to_enter(
    admin_client, file_format, model, rows, value, message
):
    dataset = rows(value)
    column = dataset.headers[-1]

    found = listed_problems(check(admin_client, model, dataset, file_format))

    assert found == [f"Row 2, column {column}: {message}"]


GOOD_NUMBERS = [
    (m.CooperationProject, project, 1200000.5, "funding_amount", Decimal("1200000.50")),
    (m.CooperationProject, project, " 1200000.50 ", "funding_amount", Decimal("1200000.50")),
    (m.Award, award, 2023, "year", 2023),
    (m.Award, award, "2023", "year", 2023),
    (m.Achievement, achievement, 2023.0, "year", 2023),  # a sheet's number
    (m.Exchange, exchange, "4", "people_count", 4),
    (m.Exchange, exchange, "", "people_count", 1),  # the model's default
]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize(
    ("model", "rows", "value", "attribute", "stored"),
    GOOD_NUMBERS,
    ids=[f"{model.__name__}-{value!r}" for model, _rows, value, _a, _s in GOOD_NUMBERS],
)
def test_numbers_as_a_sheet_holds_them_import_and_reimport_unchanged(
    admin_client, file_format, model, rows, value, attribute, stored
):
    """The stricter reading of numbers still takes them as a sheet holds them: an XLSX
    number, or text with spaces around it; an empty cell is the model's default."""
    response = check(admin_client, model, rows(value), file_format)
    assert listed_problems(response) == []
    admin_client.post(admin_url(model, "process_import"), response.context["confirm_form"].initial)

    assert getattr(model.objects.get(), attribute) == stored
    again = check(admin_client, model, rows(value), file_format)
    assert again.context["result"].totals["skip"] == 1


# --- empty required text ---


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_blank_required_text_is_one_problem_under_the_templates_column(admin_client, file_format):
    """It was listed twice, the second time under a column the template does not have
    ("column title", "column summary")."""
    dataset = project_rows(
        2,
        {
            1: {
                "title_zh_hans": "",
                "title_en": "",
                "summary_zh_hans": "",
                "summary_en": "",
            }
        },
    )

    found = listed_problems(check(admin_client, m.CooperationProject, dataset, file_format))

    assert found == [
        "Row 3, column title_zh_hans: This field cannot be blank.",
        "Row 3, column summary_zh_hans: This field cannot be blank.",
    ]


def test_a_blank_required_name_is_one_problem_too(admin_client):
    dataset = one_row(
        ["slug", "name_zh_hans", "name_en", "country", "kind"], ["x", "", "", "JP", "university"]
    )

    found = listed_problems(check(admin_client, m.Institution, dataset))

    assert found == ["Row 2, column name_zh_hans: This field cannot be blank."]


def test_a_too_long_english_title_is_one_problem_under_its_own_column(admin_client):
    """The untranslated field reads the English title in the English interface: its
    problem is the English column's, not the Chinese one's."""
    dataset = project_rows(1, {0: {"title_en": "x" * 301}})

    found = listed_problems(check(admin_client, m.CooperationProject, dataset))

    assert len(found) == 1
    assert found[0].startswith("Row 2, column title_en: Ensure this value has at most")


# --- dates ---

DATE = "is not a date; enter it as YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日, such as 2024-05-31."


def project_with(column: str, day: str) -> tablib.Dataset:
    return project_rows(1, {0: {column: day}})


def exchange_starting(day: str) -> tablib.Dataset:
    headers = ["kind", "title_zh_hans", "start_date", "country"]
    return one_row(headers, ["conference", "会议", day, "JP"])


def award_on(day: str) -> tablib.Dataset:
    dataset = award(2023)
    dataset.append_col([day], header="awarded_on")
    return dataset


BAD_DATES = [
    (m.CooperationProject, lambda day: project_with("start_date", day), "31/05/2024"),
    (m.CooperationProject, lambda day: project_with("end_date", day), "2024-02-30"),
    (m.Exchange, exchange_starting, "next spring"),
    (m.Award, award_on, "2023.05.04"),
]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize(
    ("model", "rows", "value"),
    BAD_DATES,
    ids=[f"{model.__name__}-{value}" for model, _rows, value in BAD_DATES],
)
def test_a_bad_date_says_the_format_to_use(admin_client, file_format, model, rows, value):
    dataset = rows(value)
    column = next(h for h, cell in zip(dataset.headers, dataset[0], strict=True) if cell == value)

    found = listed_problems(check(admin_client, model, dataset, file_format))

    assert found == [f"Row 2, column {column}: '{value}' {DATE}"]


# --- files of the wrong type ---

NOT_READABLE = (
    "This file could not be read as {format}. Upload an XLSX file, or a CSV file saved "
    "in UTF-8 (an .xls file: save it as .xlsx first), and choose the format that matches it."
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))


@pytest.mark.parametrize(
    ("name", "content", "file_format"),
    [
        ("picture.xlsx", PNG, "xlsx"),
        ("notes.xlsx", b"These are my notes, not a sheet.\n", "xlsx"),
        ("sheet.xlsx", "title_zh_hans,title_en\n项目,Project\n".encode(), "xlsx"),
        ("picture.csv", PNG, "csv"),
        ("gbk.csv", "title_zh_hans,title_en\n项目,Project\n".encode("gbk"), "csv"),
    ],
    ids=["png as xlsx", "text as xlsx", "csv as xlsx", "png as csv", "csv in gbk"],
)
def test_a_file_of_the_wrong_type_gets_a_form_error_that_says_what_to_upload(
    admin_client, name, content, file_format
):
    response = post(
        admin_client,
        m.CooperationProject,
        SimpleUploadedFile(name, content),
        FORMAT_CHOICE[file_format],
    )

    assert response.status_code == 200
    assert response.context["form"].errors["import_file"] == [
        NOT_READABLE.format(format=file_format.upper())
    ]
    assert response.context.get("result") is None
    assert "encountered while trying to read file" not in response.text


def test_a_nul_character_in_a_csv_is_left_out_on_either_database(admin_client):
    """A NUL, which a spreadsheet program does not show: PostgreSQL failed the row with its
    driver's English ("PostgreSQL text fields cannot contain NUL (0x00) bytes"), SQLite kept
    it in the title, where the record's form then refused it."""
    dataset = project_rows(1, {0: {"title_en": "Imp\x00orted", "summary_zh_hans": "摘\x00要"}})

    response = check(admin_client, m.CooperationProject, dataset, "csv")

    assert listed_problems(response) == []
    admin_client.post(
        admin_url(m.CooperationProject, "process_import"), response.context["confirm_form"].initial
    )
    project = m.CooperationProject.objects.get(slug="imported-0")
    assert (project.title_en, project.summary_zh_hans) == ("Imported", "摘要")


def sheet_upload(rows: list[list], file_format: str) -> SimpleUploadedFile:
    """A file of exactly these rows (tablib cannot write a row longer than its header)."""
    if file_format == "csv":
        text = "\n".join(",".join(str(cell) for cell in row) for row in rows) + "\n"
        return SimpleUploadedFile("records.csv", text.encode())
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    content = BytesIO()
    workbook.save(content)
    return SimpleUploadedFile("records.xlsx", content.getvalue())


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_row_longer_than_the_header_names_its_row_and_what_to_do(admin_client, file_format):
    """tablib refused the whole file, which staff read as a file of the wrong format."""
    project = project_rows(2)
    rows = [list(project.headers), list(project[0]), [*project[1], "", "a note", ""]]

    response = post(
        admin_client,
        m.CooperationProject,
        sheet_upload(rows, file_format),
        FORMAT_CHOICE[file_format],
    )

    columns = len(project.headers)
    assert response.context["form"].errors["import_file"] == [
        f"Row 3 has values in {columns + 2} columns, but the first row names only {columns} "
        "columns. Give each column a name in the first row, or remove the values to the right "
        "of the last named column."
    ]
    assert response.context.get("result") is None


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_empty_cells_past_the_header_are_read_as_nothing(admin_client, file_format):
    """A spreadsheet often saves a row's empty cells past its last column."""
    project = project_rows(2)
    rows = [list(project.headers), [*project[0], "", ""], [*project[1], ""]]

    response = post(
        admin_client,
        m.CooperationProject,
        sheet_upload(rows, file_format),
        FORMAT_CHOICE[file_format],
    )

    assert response.context["result"].totals["new"] == 2
    assert not response.context["result"].has_errors()


# --- the table of rows with problems ---


def test_the_table_of_rows_with_problems_shows_empty_cells_empty_and_days_as_written(admin_client):
    """A sheet's empty cell showed as "None", its date cell as "May 1, 2023, midnight"."""
    dataset = project_rows(
        1,
        {
            0: {
                "kind": "picnic",
                "summary_en": None,
                "start_date": date(2023, 5, 1),
                "end_date": datetime(2024, 5, 1, 9, 30),
            }
        },
    )

    response = check(admin_client, m.CooperationProject, dataset)

    [table] = re.findall(r'<table class="import-preview">.*?</table>', response.text, re.S)
    headers = [html.unescape(header.strip()) for header in re.findall(r"<th>(.*?)</th>", table)]
    cells = [html.unescape(cell.strip()) for cell in re.findall(r"<td>(.*?)</td>", table, re.S)]
    headers.remove("Errors")  # its cell, the list of problems, is <td class="errors">
    row = dict(zip(headers, cells, strict=True))
    assert (row["summary_en"], row["start_date"], row["end_date"]) == (
        "",
        "2023-05-01",
        "2024-05-01 09:30",
    )
    assert "None" not in cells
    assert "midnight" not in table and "May 1" not in table
