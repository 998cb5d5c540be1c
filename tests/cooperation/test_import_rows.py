"""Spreadsheet import, row by row as the user sees the sheet: problems numbered by the
sheet's own lines (blank lines skipped but counted), a line that holds nothing skipped by
every import, a blank required lookup or number said as a blank text, dates only in forms
that cannot be misread, and plain messages for a missing slug, a slug repeated in the file,
an ORCID pasted as its address and a CSV separated by semicolons; CSV files out of the back
office start with a byte order mark, for Excel."""

from __future__ import annotations

import html
import io
import re
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cooperation import models as m
from cooperation.resources import ProjectResource, ResearcherResource
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.admin_helpers import import_problems as problems
from tests.cooperation.test_import import PROJECT_HEADERS, project_rows, reference  # noqa: F401
from tests.cooperation.test_import_errors import FORMAT_CHOICE, check, listed_problems, post

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference")]

BOM = b"\xef\xbb\xbf"


@pytest.fixture(autouse=True)
def _english():
    translation.activate("en")


def csv_upload(lines: list[str], name: str = "records.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\r\n".join(lines) + "\r\n").encode())


def xlsx_upload(rows: list[list]) -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("records.xlsx", buffer.getvalue())


def problem_table(response) -> list[dict[str, str]]:
    """The table of rows with problems, as {header: cell} per row (the list of problems in
    each row's "Errors" cell left out)."""
    [table] = re.findall(r'<table class="import-preview">.*?</table>', response.text, re.S)
    headers = [html.unescape(header.strip()) for header in re.findall(r"<th>(.*?)</th>", table)]
    headers.remove("Errors")
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], re.S)
    return [
        dict(
            zip(
                headers,
                [html.unescape(cell.strip()) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)],
                strict=True,
            )
        )
        for row in rows
    ]


def project_csv_lines(n: int, overrides: dict[int, dict] | None = None) -> list[str]:
    """The header and ``n`` project rows, as CSV lines (no cell here holds a comma)."""
    dataset = project_rows(n, overrides)
    return [",".join(dataset.headers)] + [",".join(map(str, row)) for row in dataset]


# --- 1. a blank required lookup or number ---


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_blank_lead_unit_is_a_blank_cell_listed_with_the_other_rows_problems(
    admin_client, file_format
):
    """It was "Row 2: NOT NULL constraint failed: cooperation_cooperationproject.lead_unit_id",
    in English in either language, in place of every other row's problems."""
    dataset = project_rows(3, {0: {"lead_unit": ""}, 2: {"kind": "picnic"}})

    found = listed_problems(check(admin_client, m.CooperationProject, dataset, file_format))

    assert found[0] == "Row 2, column lead_unit: This field cannot be blank."
    assert found[1].startswith("Row 4, column kind: 'picnic' is not a valid project kind")
    assert len(found) == 2
    assert not m.CooperationProject.objects.exists()


def test_a_blank_lead_unit_is_said_in_the_users_language(admin_client):
    dataset = project_rows(1, {0: {"lead_unit": ""}})
    upload = SimpleUploadedFile("records.xlsx", dataset.export("xlsx"))

    response = admin_client.post(
        admin_url(m.CooperationProject, "import"),
        {"format": "0", "resource": "0", "import_file": upload},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    with translation.override("zh-hans"):
        blank = str(m.CooperationProject._meta.get_field("lead_unit").error_messages["blank"])
    assert blank != "This field cannot be blank."
    assert blank in response.text
    assert "NOT NULL" not in response.text


def test_a_blank_award_year_is_a_blank_cell_not_a_null_one(admin_client):
    headers = ["title_zh_hans", "title_en", "granting_body_zh_hans", "level", "year"]
    dataset = tablib.Dataset(["甲奖", "Prize A", "科技厅", "provincial", ""], headers=headers)

    found = listed_problems(check(admin_client, m.Award, dataset))

    assert found == ["Row 2, column year: This field cannot be blank."]


# --- 2 and 3. the sheet's own line numbers, blank lines skipped ---

EXCHANGE_HEADER = (
    "kind,title_zh_hans,title_en,start_date,end_date,country,institution,unit,project,"
    "people_count,description_zh_hans,description_en"
)


def test_csv_rows_are_numbered_by_their_line_blank_lines_skipped_but_counted(admin_client):
    """The audit's file: an empty line (tablib left it out) and a line of commas (counted as
    "unchanged"), and the problem of line 6 was said to be row 5's; the table below said
    "Row 4", with an id column the sheet does not have."""
    lines = [
        EXCHANGE_HEADER,
        "conference,会议一,,2026-05-01,,JP,,,,3,,",
        "",
        "conference,会议二,,2026-05-02,,JP,,,,3,,",
        ",,,,,,,,,,,",
        "conference,,,2026-05-02,,JP,,,,3,,",
    ]

    response = post(admin_client, m.Exchange, csv_upload(lines), FORMAT_CHOICE["csv"])

    assert listed_problems(response) == ["Row 6, column title_zh_hans: This field cannot be blank."]
    [row] = problem_table(response)
    assert row["Row"] == "6"
    assert "id" not in row and "publication_status" not in row
    assert response.context["result"].totals["skip"] == 0
    assert response.context["result"].totals["new"] == 2


def test_xlsx_rows_are_numbered_by_their_line_blank_lines_skipped_but_counted(admin_client):
    dataset = project_rows(3, {2: {"kind": "picnic"}})
    rows = [dataset.headers, list(dataset[0]), [None] * 12, list(dataset[1])]
    rows += [["", " ", None] + [None] * 9, list(dataset[2])]

    response = post(admin_client, m.CooperationProject, xlsx_upload(rows), FORMAT_CHOICE["xlsx"])

    [problem] = listed_problems(response)
    assert problem.startswith("Row 6, column kind: 'picnic' is not a valid project kind")
    assert [row["Row"] for row in problem_table(response)] == ["6"]


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_line_that_holds_nothing_is_skipped_and_counted_nowhere(admin_client, file_format):
    """A project CSV's line of commas had seven "cannot be blank" problems."""
    dataset = project_rows(2)
    blank = ["", " ", "", "\t"] + [""] * (len(PROJECT_HEADERS) - 4)
    rows = [list(dataset[0]), blank, list(dataset[1]), [""] * len(PROJECT_HEADERS)]
    dataset = tablib.Dataset(*rows, headers=PROJECT_HEADERS)

    response = check(admin_client, m.CooperationProject, dataset, file_format)

    assert listed_problems(response) == []
    totals = response.context["result"].totals
    assert (totals["new"], totals["skip"], totals["invalid"], totals["error"]) == (2, 0, 0, 0)


def test_a_dataset_given_in_code_skips_blank_rows_too():
    dataset = project_rows(2)
    dataset.insert(1, [""] * len(PROJECT_HEADERS))

    result = ProjectResource().import_data(dataset, dry_run=True)

    assert not result.has_validation_errors(), problems(result)
    assert result.totals["new"] == 2


# --- 4. dates and numbers ---


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("2026/04/05", date(2026, 4, 5)),
        ("2026/4/5", date(2026, 4, 5)),
        ("2026年4月5日", date(2026, 4, 5)),
        (" 2026年04月05日 ", date(2026, 4, 5)),
    ],
)
def test_a_date_with_the_year_first_is_read(value, stored):
    ProjectResource().import_data(project_rows(1, {0: {"start_date": value}}), dry_run=False)

    assert m.CooperationProject.objects.get().start_date == stored


def test_an_xlsx_date_cell_is_read(admin_client):
    """A guard for the stricter reading of dates (it passed before it too)."""
    dataset = project_rows(1, {0: {"start_date": datetime(2026, 4, 5)}})

    response = check(admin_client, m.CooperationProject, dataset)

    assert listed_problems(response) == []
    admin_client.post(
        admin_url(m.CooperationProject, "process_import"), response.context["confirm_form"].initial
    )
    assert m.CooperationProject.objects.get().start_date == date(2026, 4, 5)


DATE = "is not a date; enter it as YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日, such as 2024-05-31."


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
@pytest.mark.parametrize(
    "value", ["01/02/2026", "02/01/2026", "1/2/26", "2026.04.05", "5 April 2026"]
)
def test_a_date_that_could_be_misread_is_refused(admin_client, file_format, value):
    """01/02/2026 was taken as 2 January 2026, in American order, without a word."""
    found = listed_problems(
        check(
            admin_client,
            m.CooperationProject,
            project_rows(1, {0: {"start_date": value}}),
            file_format,
        )
    )

    assert found == [f"Row 2, column start_date: '{value}' {DATE}"]


def test_an_exchange_takes_the_chinese_forms_of_a_date(admin_client):
    lines = [EXCHANGE_HEADER, "conference,会议一,,2026/05/01,2026年5月3日,JP,,,,3,,"]

    response = post(admin_client, m.Exchange, csv_upload(lines), FORMAT_CHOICE["csv"])

    assert listed_problems(response) == []
    admin_client.post(
        admin_url(m.Exchange, "process_import"), response.context["confirm_form"].initial
    )
    exchange = m.Exchange.objects.get()
    assert (exchange.start_date, exchange.end_date) == (date(2026, 5, 1), date(2026, 5, 3))


NUMBER = "is not a number; enter digits only, with a point before any decimals, such as"


@pytest.mark.parametrize("value", ["1e6", "1E+6", "1_000"])
def test_a_funding_amount_with_an_exponent_is_refused(admin_client, value):
    dataset = project_rows(1)
    dataset.append_col([value], header="funding_amount")

    found = listed_problems(check(admin_client, m.CooperationProject, dataset, "csv"))

    assert found == [f"Row 2, column funding_amount: '{value}' {NUMBER} 1200000.50."]


def test_a_number_with_a_sign_or_a_bare_point_is_still_read():
    """A guard for the stricter reading of text (it passed before it too)."""
    dataset = project_rows(2)
    dataset.append_col(["+1200.5", ".5"], header="funding_amount")

    ProjectResource().import_data(dataset, dry_run=False)

    amounts = m.CooperationProject.objects.order_by("slug").values_list("funding_amount", flat=True)
    assert list(amounts) == [Decimal("1200.5"), Decimal("0.5")]


# --- 5. plain messages ---


def test_a_blank_slug_and_english_name_says_to_give_either(admin_client):
    """It said "column slug: This field cannot be blank", where the template says a blank
    slug is made from the English name."""
    headers = ["slug", "name_zh_hans", "name_en", "country", "kind"]
    dataset = tablib.Dataset(["", "东京大学", "", "JP", "university"], headers=headers)

    found = listed_problems(check(admin_client, m.Institution, dataset))

    assert found == ["Row 2, column slug: Give a slug, or an English name to make it from."]


def test_two_news_rows_making_the_same_slug_name_the_earlier_row(admin_client):
    """Two articles with the same Chinese title and day, no English title and no slug: it
    said "Article with this Slug already exists", of a slug the user never typed."""
    f.CategoryFactory(name_zh_hans="基地动态", name_en="Base news")
    headers = ["title_zh_hans", "title_en", "summary_zh_hans", "body_zh_hans", "category"]
    headers.append("published_at")
    row = ["基地举办研讨会", "", "摘要", "正文", "基地动态", "2019-11-20"]
    dataset = tablib.Dataset(row, ["另一条新闻", "", "摘要", "正文", "基地动态", "2019-11-21"], row)
    dataset.headers = headers

    found = listed_problems(check(admin_client, Article, dataset))

    [problem] = found
    assert problem.startswith("Row 4, column slug: This row's slug, made from it as news-20191120-")
    assert "is the same as row 2's" in problem
    assert "a different slug in the slug column" in problem
    assert "already exists" not in problem


def test_an_orcid_pasted_as_its_address_is_kept_as_the_id():
    headers = ["slug", "name_zh_hans", "name_en", "unit", "orcid"]
    dataset = tablib.Dataset(
        ["", "王伟", "Wang Wei", "pharmacy", "https://orcid.org/0000-0002-1825-0097"],
        headers=headers,
    )

    result = ResearcherResource().import_data(dataset, dry_run=False)

    assert not result.has_validation_errors(), problems(result)
    assert m.Researcher.objects.get().orcid == "0000-0002-1825-0097"
    # And a project finds its researcher by the address too.
    projects = project_rows(1)
    projects.append_col(["https://orcid.org/0000-0002-1825-0097"], header="principal_investigator")
    result = ProjectResource().import_data(projects, dry_run=False)
    assert not result.has_validation_errors(), problems(result)
    assert m.CooperationProject.objects.get().principal_investigator.name_en == "Wang Wei"


def test_a_csv_separated_by_semicolons_says_to_save_it_with_commas(admin_client):
    lines = [
        "kind;title_zh_hans;start_date;country",
        "conference;会议一;2026-05-01;JP",
    ]

    response = post(admin_client, m.Exchange, csv_upload(lines), FORMAT_CHOICE["csv"])

    found = listed_problems(response)
    assert found[0].startswith(
        "The file's columns were not recognised. Save it as a CSV separated by commas "
        "(or as XLSX), its first row naming the columns: kind, title_zh_hans, title_en,"
    )
    assert len(found) == 1
    assert "import_id_fields" not in response.text
    assert not m.Exchange.objects.exists()


def test_a_file_without_the_matching_column_names_it(admin_client):
    lines = ["kind,start_date,country", "conference,2026-05-01,JP"]

    response = post(admin_client, m.Exchange, csv_upload(lines), FORMAT_CHOICE["csv"])

    found = listed_problems(response)
    assert found[0].startswith("The file has no title_zh_hans column, which each row needs.")
    assert "import_id_fields" not in response.text


# --- 6. CSV for Excel ---


def test_the_admin_csv_export_starts_with_a_byte_order_mark(admin_client):
    f.CooperationProjectFactory(title_zh_hans="中文项目")
    form = {"format": "1", "resource": "0"}
    for name in ProjectResource().get_export_order():
        form[f"projectresource_{name}"] = "on"

    response = admin_client.post(admin_url(m.CooperationProject, "export"), form)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(BOM)
    assert not response.content[3:].startswith(BOM)
    assert "中文项目" in response.content.decode("utf-8-sig")


def test_a_csv_with_a_byte_order_mark_imports(admin_client):
    """A guard: the templates now start with one (it passed before the change too)."""
    lines = project_csv_lines(1)
    upload = SimpleUploadedFile("records.csv", BOM + ("\r\n".join(lines) + "\r\n").encode())

    response = post(admin_client, m.CooperationProject, upload, FORMAT_CHOICE["csv"])

    assert listed_problems(response) == []
    assert response.context["result"].totals["new"] == 1


# --- blank cells that would clear an existing record's values ---


def test_the_preview_says_which_filled_in_values_a_file_would_empty(admin_client):
    """A blank cell in a spreadsheet update clears the value, which staff rarely mean; the
    preview showed it only as struck-through text in a wide table."""
    japan = f.PartnerCountryFactory(country="JP")
    osaka = f.InstitutionFactory(
        slug="osaka-university",
        name_zh_hans="大阪大学",
        name_en="Osaka University",
        country=japan,
        city_zh_hans="大阪",
        city_en="Osaka",
        website="https://www.osaka-u.ac.jp/",
    )
    headers = ["slug", "name_zh_hans", "name_en", "country", "city_zh_hans", "city_en", "website"]
    dataset = tablib.Dataset(headers=headers)
    dataset.append(["osaka-university", "大阪大学", "Osaka University", "JP", "", "", ""])
    f.InstitutionFactory(slug="kyoto-university", name_en="Kyoto University", country=japan)
    # An existing record whose blank cells were blank already: nothing emptied.
    dataset.append(["kyoto-university", "京都大学", "Kyoto University", "JP", "京都", "", ""])

    response = check(admin_client, m.Institution, dataset, "csv")

    assert listed_problems(response) == []
    assert response.context["emptied"] == [(2, str(osaka), ["city_zh_hans", "city_en", "website"])]
    page = " ".join(html.unescape(response.text).split())
    assert "this file would empty values of 1 existing record" in page
    assert "Row 2 (Osaka University): city_zh_hans, city_en, website" in page


def test_a_file_that_empties_nothing_says_nothing_of_it(admin_client):
    japan = f.PartnerCountryFactory(country="JP")
    f.InstitutionFactory(slug="osaka-university", name_en="Osaka University", country=japan)
    dataset = tablib.Dataset(headers=["slug", "name_zh_hans", "name_en", "country", "city_en"])
    dataset.append(["osaka-university", "大阪大学", "Osaka University", "JP", "Osaka"])
    response = check(admin_client, m.Institution, dataset, "csv")
    assert response.context["emptied"] == []
    assert "import-emptied" not in response.text


def osaka_with_a_city_and_website() -> m.Institution:
    osaka = m.Institution.objects.get(ror_id="035t8zc32")  # the fixture's
    osaka.slug = "osaka-university"
    osaka.city_zh_hans, osaka.city_en = "大阪", "Osaka"
    osaka.website = "https://www.osaka-u.ac.jp/"
    osaka.save()
    return osaka


def test_the_import_page_offers_blank_cells_keeping_values_ticked(admin_client):
    page = admin_client.get(admin_url(m.Institution, "import"), HTTP_ACCEPT_LANGUAGE="en").text
    [box] = re.findall(r'<input type="checkbox" name="blank_keeps"[^>]*>', page)
    assert "checked" in box
    assert '<label for="id_blank_keeps">Blank cells keep existing values' in page


def test_with_the_box_ticked_blank_cells_keep_what_records_hold(admin_client):
    """A file of institutions' English names and ROR ids, the other cells blank, cleared
    their cities and websites (the preview said so, but offered no way to keep them)."""
    osaka = osaka_with_a_city_and_website()
    headers = ["slug", "name_zh_hans", "name_en", "country", "kind", "city_zh_hans", "city_en"]
    dataset = tablib.Dataset(headers=[*headers, "website"])
    dataset.append(["osaka-university", "", "Osaka University (Suita)", "", "", "", "", ""])
    # A new record's blank cells are blank, as ever.
    dataset.append(
        ["kyoto-university", "京都大学", "Kyoto University", "JP", "university", "", "Kyoto", ""]
    )

    response = admin_client.post(
        admin_url(m.Institution, "import"),
        {
            "format": FORMAT_CHOICE["csv"],
            "resource": "0",
            "blank_keeps": "on",
            "import_file": SimpleUploadedFile("i.csv", dataset.export("csv").encode()),
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert listed_problems(response) == []
    assert response.context["emptied"] == []
    assert "import-emptied" not in response.text
    assert re.search(r'<input type="hidden" name="blank_keeps" value="True"', response.text)
    admin_client.post(
        admin_url(m.Institution, "process_import"), response.context["confirm_form"].initial
    )
    osaka.refresh_from_db()
    assert (osaka.name_en, osaka.name_zh_hans, osaka.country.country) == (
        "Osaka University (Suita)",
        "大阪大学",
        "JP",
    )
    assert (osaka.city_zh_hans, osaka.city_en, osaka.website) == (
        "大阪",
        "Osaka",
        "https://www.osaka-u.ac.jp/",
    )
    kyoto = m.Institution.objects.get(slug="kyoto-university")
    assert (kyoto.city_en, kyoto.city_zh_hans, kyoto.website) == ("Kyoto", None, "")


def test_with_the_box_ticked_a_blank_partners_cell_keeps_a_projects_partners(admin_client):
    dataset = project_rows(1)
    check(admin_client, m.CooperationProject, dataset, "csv")
    admin_client.post(
        admin_url(m.CooperationProject, "process_import"),
        check(admin_client, m.CooperationProject, dataset, "csv").context["confirm_form"].initial,
    )
    project = m.CooperationProject.objects.get()
    partners = list(project.partners.values_list("pk", flat=True))
    assert partners
    row = dict(zip(dataset.headers, dataset[0], strict=True))
    row.update(partners="", lead_partner="", summary_en="")
    emptied = tablib.Dataset(list(row.values()), headers=list(row))

    def confirm(blank_keeps: bool) -> None:
        form = {
            "format": FORMAT_CHOICE["csv"],
            "resource": "0",
            "import_file": SimpleUploadedFile("p.csv", emptied.export("csv").encode()),
        }
        if blank_keeps:
            form["blank_keeps"] = "on"
        response = admin_client.post(admin_url(m.CooperationProject, "import"), form)
        assert listed_problems(response) == []
        admin_client.post(
            admin_url(m.CooperationProject, "process_import"),
            response.context["confirm_form"].initial,
        )

    summary = project.summary_en
    confirm(blank_keeps=True)
    project.refresh_from_db()
    assert list(project.partners.values_list("pk", flat=True)) == partners
    assert project.summary_en == summary
    # Unticked, a blank cell clears the value, as a spreadsheet update says literally.
    confirm(blank_keeps=False)
    project.refresh_from_db()
    assert not project.partners.exists()
    assert not project.summary_en
