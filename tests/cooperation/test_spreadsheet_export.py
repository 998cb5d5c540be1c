"""Export of admin lists to XLSX and CSV: current filters kept, formula cells made inert."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import tablib
import time_machine
from django.forms import BooleanField

from config.spreadsheets import FORMULA_TRIGGERS, escape_dataset
from cooperation import models as m
from cooperation.resources import AwardResource, ProjectResource
from news.models import Article, Category, Image, Topic
from portal.models import Page
from tests import factories as f
from tests.admin_helpers import admin_url

pytestmark = pytest.mark.django_db

HOSTILE_TITLES = [
    '=HYPERLINK("http://evil.example","click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "\tTAB",
    "\rCR",
]
XLSX, CSV = "0", "1"


def export(client, file_format: str, query: str = "") -> bytes:
    form = {"format": file_format, "resource": "0"}
    for name in ProjectResource().get_export_order():
        form[f"projectresource_{name}"] = "on"
    response = client.post(admin_url(m.CooperationProject, "export") + query, form)
    assert response.status_code == 200, response.text[:500]
    return response.content


def test_all_six_formula_triggers_are_covered_by_the_one_rule():
    assert set(FORMULA_TRIGGERS) == {"=", "+", "-", "@", "\t", "\r"}
    dataset = tablib.Dataset(*[[title, 5] for title in HOSTILE_TITLES], headers=["t", "n"])

    escape_dataset(dataset)

    assert [row[0] for row in dataset] == [f"'{title}" for title in HOSTILE_TITLES]
    assert [row[1] for row in dataset] == [5] * 6  # numbers stay numbers


@pytest.fixture
def hostile_projects(db):
    unit = f.UnitFactory()
    return [
        f.CooperationProjectFactory(title_en=title, lead_unit=unit, kind=m.ProjectKind.JOINT_LAB)
        for title in HOSTILE_TITLES
    ]


def test_csv_export_escapes_every_formula_trigger(admin_client, hostile_projects):
    rows = list(csv.DictReader(io.StringIO(export(admin_client, CSV).decode("utf-8"))))

    titles = sorted(row["title_en"] for row in rows)
    assert titles == sorted(f"'{title}" for title in HOSTILE_TITLES)
    assert all(not row["title_en"].startswith(FORMULA_TRIGGERS) for row in rows)


def test_xlsx_export_has_no_formula_cells(admin_client, hostile_projects):
    workbook = openpyxl.load_workbook(io.BytesIO(export(admin_client, XLSX)))
    sheet = workbook.active
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("title_en")

    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    # Every cell as written, a lone carriage return included (openpyxl writes it escaped
    # through lxml, which python-docx brings; without lxml it came back as a line feed).
    expected = sorted(f"'{title}" for title in HOSTILE_TITLES)
    assert sorted(cell.value for cell in cells) == expected


def test_a_workbooks_numbers_and_dates_are_cells_excel_counts_with(admin_client):
    """They were text ('1200000', '2026-10-01'): a sum or a sort of them went wrong."""
    f.CooperationProjectFactory(funding_amount=1_200_000, start_date=dt.date(2026, 10, 1))
    f.CooperationProjectFactory(funding_amount=35_000, start_date=dt.date(2025, 3, 2))
    workbook = openpyxl.load_workbook(io.BytesIO(export(admin_client, XLSX)), data_only=True)
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    assert sorted(row["funding_amount"] for row in rows) == [35_000, 1_200_000]
    starts = sorted(row["start_date"] for row in rows)
    assert [start.date() for start in starts] == [dt.date(2025, 3, 2), dt.date(2026, 10, 1)]
    # The CSV writes them as text, as before.
    assert "2026-10-01" in export(admin_client, CSV).decode("utf-8-sig")


def test_export_keeps_the_lists_current_filters(admin_client):
    unit = f.UnitFactory()
    lab = f.CooperationProjectFactory(kind=m.ProjectKind.JOINT_LAB, lead_unit=unit, slug="lab")
    f.CooperationProjectFactory(kind=m.ProjectKind.JOINT_RESEARCH, lead_unit=unit)
    f.CooperationProjectFactory(kind=m.ProjectKind.JOINT_LAB, lead_unit=unit, title_en="Other")

    content = export(admin_client, CSV, "?kind__exact=joint_lab&q=lab").decode("utf-8")

    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["slug"] for row in rows] == [lab.slug]


def test_exported_sheet_reimports_without_changes(admin_client):
    country = f.PartnerCountryFactory(country="JP")
    institution = f.InstitutionFactory(country=country, ror_id="035t8zc32")
    field = f.ResearchFieldFactory()
    f.CooperationProjectFactory.create_batch(3, partners=[institution], fields=[field])
    led = f.CooperationProjectFactory(partners=[f.InstitutionFactory(country=country)])
    m.ProjectPartner.objects.create(
        project=led, institution=institution, role=m.PartnerRole.LEAD_PARTNER
    )
    # Quoted on the way out so that no spreadsheet runs them, unquoted on the way back in.
    f.CooperationProjectFactory(title_en="-minus first", summary_en="=SUM(A1)", fields=[field])
    content = export(admin_client, XLSX)

    dataset = tablib.Dataset().load(content, format="xlsx")
    assert "'-minus first" in dataset["title_en"]
    assert dataset["lead_partner"].count("035t8zc32") == 1  # the led project's, by its ROR id
    result = ProjectResource().import_data(dataset, dry_run=True)

    assert not result.has_validation_errors()
    assert result.totals["skip"] == 5


def test_an_exported_sheet_of_awards_reimports_without_changes(admin_client):
    unit = f.UnitFactory()
    f.AwardFactory(recipient_unit=unit, title_en="=Prize")
    f.AwardFactory(recipient_project=f.CooperationProjectFactory())
    f.AwardFactory()  # to the base itself
    form = {"format": XLSX, "resource": "0"}
    for name in AwardResource().get_export_order():
        form[f"awardresource_{name}"] = "on"
    response = admin_client.post(admin_url(m.Award, "export"), form)
    assert response.status_code == 200, response.text[:500]

    dataset = tablib.Dataset().load(response.content, format="xlsx")
    assert "'=Prize" in dataset["title_en"]
    result = AwardResource().import_data(dataset, dry_run=True)
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert result.totals["skip"] == 3


def test_export_needs_view_permission(client):
    client.force_login(f.UserFactory(is_staff=True))
    assert client.get(admin_url(m.CooperationProject, "export")).status_code == 403


# The lists of this issue; other helpers' new admin classes compose the same mixin.
EXPORTABLE = [
    m.PartnerCountry,
    m.Institution,
    m.ResearchField,
    m.Unit,
    m.Researcher,
    m.CooperationProject,
    m.Award,
    m.Achievement,
    m.Exchange,
    Article,
    Category,
    Topic,
    Image,
    Page,
]


@pytest.mark.parametrize("model", EXPORTABLE, ids=lambda model: model._meta.label)
def test_admin_lists_offer_xlsx_and_csv_export(admin_client, model):
    response = admin_client.get(admin_url(model, "export"))

    assert response.status_code == 200
    labels = [label for _value, label in response.context["form"].fields["format"].choices]
    assert [label for label in labels if label != "---"] == ["xlsx", "csv"]
    changelist = admin_client.get(admin_url(model, "changelist")).text
    assert admin_url(model, "export") in changelist


@pytest.mark.parametrize(
    ("language", "title", "kind"),
    [
        ("zh-hans", "标题（中文） · title_zh_hans", "类型 · kind"),
        ("en", "Title (English) · title_en", "Kind · kind"),
    ],
)
def test_the_export_pages_columns_are_named_in_the_users_language(
    admin_client, language, title, kind
):
    """As the record's form names its fields, with the column's name; import-export
    title-cased the column's name ("Title Zh Hans") in either language."""
    response = admin_client.get(
        admin_url(m.CooperationProject, "export"), headers={"accept-language": language}
    )
    labels = [str(field.label) for field in response.context["form"].fields.values()]
    assert title in labels
    assert kind in labels
    assert "Title Zh Hans" not in labels


def test_an_exports_file_is_named_after_the_local_day(admin_client):
    """07:00 on New Year's Day in Shanghai is still the last day of the year in UTC, the day
    import-export named the file after."""
    morning = dt.datetime(2025, 1, 1, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    form = {"format": CSV, "resource": "0", "projectresource_slug": "on"}
    with time_machine.travel(morning, tick=False):
        response = admin_client.post(
            admin_url(m.CooperationProject, "export"), form, headers={"accept-language": "en"}
        )
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="cooperation-projects-2025-01-01.csv"'
    )


@pytest.mark.parametrize(
    ("language", "sheet", "disposition"),
    [
        (
            "en",
            "Cooperation projects",
            'attachment; filename="cooperation-projects-2026-12-07.xlsx"',
        ),
        # 合作项目-2026-12-07.xlsx, as RFC 6266 writes a name that is not ASCII.
        (
            "zh-hans",
            "合作项目",
            "attachment; filename*=utf-8''%E5%90%88%E4%BD%9C%E9%A1%B9%E7%9B%AE-2026-12-07.xlsx",
        ),
    ],
)
def test_an_exports_sheet_and_file_are_named_after_its_records_in_the_users_language(
    admin_client, language, sheet, disposition
):
    """import-export named the file after the model's class (CooperationProject-…) and
    tablib the sheet "Tablib Dataset", in either language."""
    f.CooperationProjectFactory()
    form = {"format": XLSX, "resource": "0", "projectresource_slug": "on"}
    noon = dt.datetime(2026, 12, 7, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(noon, tick=False):
        response = admin_client.post(
            admin_url(m.CooperationProject, "export"), form, headers={"accept-language": language}
        )
    assert response.status_code == 200
    assert response["Content-Disposition"] == disposition
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == [sheet]
    workbook.close()


@pytest.mark.parametrize("model", EXPORTABLE, ids=lambda model: model._meta.label)
def test_every_lists_sheet_is_named_after_its_records(admin_client, model):
    url = admin_url(model, "export")
    en = {"accept-language": "en"}
    columns = admin_client.get(url, headers=en).context["form"].fields
    form = {name: "on" for name, field in columns.items() if isinstance(field, BooleanField)}
    response = admin_client.post(url, {**form, "format": XLSX, "resource": "0"}, headers=en)
    assert response.status_code == 200, response.text[:500]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == [str(model._meta.verbose_name_plural).capitalize()]
    workbook.close()
