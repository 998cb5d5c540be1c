"""Spreadsheet import: dry run, plain-word errors by row and column, all-or-nothing writes,
quiet re-imports, matching of related records, templates and permissions."""

from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest
import tablib
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import resolve, reverse
from django.utils import timezone, translation
from reversion.models import Version

from cooperation import import_progress
from cooperation import models as m
from cooperation import resources as resources_module
from cooperation.publication import PublicationStatus
from cooperation.resources import (
    AchievementResource,
    AwardResource,
    ExchangeResource,
    InstitutionResource,
    LookupWidget,
    ProjectResource,
    ResearcherResource,
)
from news.models import Article
from tests import factories as f
from tests.admin_helpers import admin_url
from tests.admin_helpers import import_problems as problems

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are checked in English; the admin tests ask for it with Accept-Language."""
    translation.activate("en")


PROJECT_HEADERS = [
    "slug",
    "title_zh_hans",
    "title_en",
    "summary_zh_hans",
    "summary_en",
    "kind",
    "status",
    "start_date",
    "end_date",
    "lead_unit",
    "partners",
    "research_fields",
]


@pytest.fixture
def reference(db):
    japan = f.PartnerCountryFactory(country="JP")
    germany = f.PartnerCountryFactory(country="DE")
    unit = f.UnitFactory(name_zh_hans="药学院", name_en="College of Pharmacy", slug="pharmacy")
    field = f.ResearchFieldFactory(name_zh_hans="海洋药物", name_en="Marine drugs")
    osaka = f.InstitutionFactory(
        name_zh_hans="大阪大学", name_en="Osaka University", country=japan, ror_id="035t8zc32"
    )
    return {"japan": japan, "germany": germany, "unit": unit, "field": field, "osaka": osaka}


def project_rows(n: int, overrides: dict[int, dict] | None = None) -> tablib.Dataset:
    overrides = overrides or {}
    dataset = tablib.Dataset(headers=PROJECT_HEADERS)
    for i in range(n):
        row = {
            "slug": f"imported-{i}",
            "title_zh_hans": f"导入项目{i}",
            "title_en": f"Imported project {i}",
            "summary_zh_hans": "摘要",
            "summary_en": "Summary",
            "kind": "joint_research",
            "status": "active",
            "start_date": "2024-03-01",
            "end_date": "",
            "lead_unit": "药学院",
            "partners": "035t8zc32",
            "research_fields": "Marine drugs",
        }
        row.update(overrides.get(i, {}))
        dataset.append([row[h] for h in PROJECT_HEADERS])
    return dataset


def test_dry_run_reports_new_rows_and_writes_nothing(reference):
    result = ProjectResource().import_data(project_rows(3), dry_run=True)

    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 3
    assert [row.import_type for row in result.rows] == ["new", "new", "new"]
    assert not m.CooperationProject.objects.exists()


def test_import_writes_projects_with_partners_fields_and_both_languages(reference):
    result = ProjectResource().import_data(project_rows(2), dry_run=False)

    assert result.totals["new"] == 2
    project = m.CooperationProject.objects.get(slug="imported-1")
    assert (project.title_zh_hans, project.title_en) == ("导入项目1", "Imported project 1")
    assert project.lead_unit == reference["unit"]
    assert list(project.partners.all()) == [reference["osaka"]]
    assert list(project.research_fields.all()) == [reference["field"]]
    assert project.start_date == date(2024, 3, 1)
    # Imported records start as drafts: publishing stays with the workflow.
    assert project.publication_status == PublicationStatus.DRAFT


def test_reimporting_the_same_file_changes_nothing(reference):
    ProjectResource().import_data(project_rows(3), dry_run=False)
    before = list(m.CooperationProject.objects.values_list("pk", "updated_at"))

    result = ProjectResource().import_data(project_rows(3), dry_run=False)

    assert result.totals["skip"] == 3
    assert result.totals["new"] == result.totals["update"] == 0
    assert list(m.CooperationProject.objects.values_list("pk", "updated_at")) == before


def test_dry_run_counts_created_updated_and_unchanged(reference):
    ProjectResource().import_data(project_rows(2), dry_run=False)
    changed = project_rows(3, {0: {"title_en": "A better title"}})

    result = ProjectResource().import_data(changed, dry_run=True)

    assert (result.totals["new"], result.totals["update"], result.totals["skip"]) == (1, 1, 1)
    assert m.CooperationProject.objects.get(slug="imported-0").title_en == "Imported project 0"
    assert m.CooperationProject.objects.count() == 2


def test_bad_rows_get_messages_by_row_and_column(reference):
    dataset = project_rows(
        4,
        {
            1: {"lead_unit": "Faculty of Magic"},
            2: {"kind": "picnic", "research_fields": "Marine drugs; Alchemy"},
            3: {"start_date": "2024-05-01", "end_date": "2023-01-01"},
        },
    )
    result = ProjectResource().import_data(dataset, dry_run=True)

    found = problems(result)
    assert "'Faculty of Magic' is not a known unit" in found[(2, "lead_unit")]
    assert "'picnic' is not a valid project kind" in found[(3, "kind")]
    assert "joint_research" in found[(3, "kind")]  # says what is expected
    assert "'Alchemy' is not a known research field" in found[(3, "research_fields")]
    assert "end date cannot be before the start date" in found[(4, "end_date")]
    assert (1, "lead_unit") not in found


def test_one_bad_row_means_nothing_is_written(reference):
    dataset = project_rows(5, {3: {"partners": "Hogwarts"}})

    result = ProjectResource().import_data(
        dataset, dry_run=False, rollback_on_validation_errors=True
    )

    assert result.has_validation_errors()
    assert not m.CooperationProject.objects.exists()
    assert not m.ProjectPartner.objects.exists()


@pytest.mark.parametrize("value", ["JP", "jp", "Japan", "日本"])
def test_countries_match_by_iso_code_or_name_in_either_language(reference, value):
    dataset = tablib.Dataset(headers=["name_zh_hans", "name_en", "country", "kind"])
    dataset.append(["东京大学", "University of Tokyo", value, "university"])

    result = InstitutionResource().import_data(dataset, dry_run=False)

    assert not result.has_validation_errors(), problems(result)
    institution = m.Institution.objects.get(name_en="University of Tokyo")
    assert institution.country == reference["japan"]
    assert institution.slug == "university-of-tokyo"  # made from the English name


@pytest.mark.parametrize(
    ("status", "currency", "expected"),
    [
        ("在研", "人民币", ("active", "CNY")),  # a college's own words were refused
        ("已结题", "欧元", ("completed", "EUR")),
        ("Active", "Euro", ("active", "EUR")),
        ("进行中", "人民币（CNY）", ("active", "CNY")),  # the labels, as before
        ("active", "usd", ("active", "USD")),
    ],
)
def test_a_choice_is_read_as_staff_write_it(reference, status, currency, expected):
    dataset = project_rows(1, {0: {"status": status}})
    dataset.append_col([currency], header="currency")

    result = ProjectResource().import_data(dataset, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors(), problems(result)
    project = m.CooperationProject.objects.get()
    assert (project.status, project.currency) == expected


def with_currency(dataset: tablib.Dataset, *cells: str) -> tablib.Dataset:
    dataset.append_col(list(cells), header="currency")
    return dataset


def test_a_new_project_with_a_blank_currency_takes_the_models_default(reference):
    """A project without funding names no currency: its row was refused ("This field cannot
    be blank"), though the project's form starts from CNY."""
    dataset = with_currency(project_rows(2), "", "  ")

    result = ProjectResource().import_data(dataset, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors(), problems(result)
    default = m.CooperationProject._meta.get_field("currency").default
    assert set(m.CooperationProject.objects.values_list("currency", flat=True)) == {default}
    # The template's help sheet does not call the column required.
    assert "currency" not in ProjectResource().required_columns()


def test_an_existing_project_keeps_its_currency_under_a_blank_cell(reference):
    ProjectResource().import_data(with_currency(project_rows(2), "EUR", "JPY"), dry_run=False)
    changed = project_rows(2, {1: {"title_en": "A better title"}})

    result = ProjectResource().import_data(with_currency(changed, "", ""), dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors(), problems(result)
    assert (result.totals["skip"], result.totals["update"]) == (1, 1)
    assert not result.emptied  # nothing said to be cleared: nothing is
    projects = m.CooperationProject.objects.order_by("slug")
    assert list(projects.values_list("currency", "title_en")) == [
        ("EUR", "Imported project 0"),
        ("JPY", "A better title"),
    ]
    # A filled cell still changes it.
    ProjectResource().import_data(with_currency(project_rows(2), "", "usd"), dry_run=False)
    assert list(projects.values_list("currency", flat=True)) == ["EUR", "USD"]


@pytest.mark.parametrize("existing", [False, True])
def test_an_unknown_currency_is_still_the_rows_error(reference, existing):
    if existing:
        ProjectResource().import_data(with_currency(project_rows(1), "EUR"), dry_run=False)

    result = ProjectResource().import_data(with_currency(project_rows(1), "XYZ"), dry_run=True)

    assert problems(result)[(1, "currency")] == (
        "'XYZ' is not a valid currency; use one of: " + ", ".join(m.Currency.values) + "."
    )


def test_an_unknown_choice_still_says_what_to_use(reference):
    dataset = project_rows(1, {0: {"status": "差不多"}})
    result = ProjectResource().import_data(dataset, dry_run=True)
    with translation.override("en"):
        assert "not a valid project status; use one of: planned, active" in str(problems(result))


def test_unknown_country_message_says_what_to_use(reference):
    dataset = tablib.Dataset(headers=["slug", "name_zh_hans", "country", "kind"])
    dataset.append(["x", "某机构", "Atlantis", "university"])
    dataset.append(["y", "某机构", "Brazil", "university"])

    found = problems(InstitutionResource().import_data(dataset, dry_run=True))

    assert found[(1, "country")] == (
        "'Atlantis' is not a known country; use an ISO code like JP or a name like Japan/日本."
    )
    assert "'Brazil' is not yet a partner country" in found[(2, "country")]


def test_institutions_match_by_ror_id_url_or_chinese_name(reference):
    other = f.InstitutionFactory(name_zh_hans="慕尼黑大学", name_en="LMU Munich")
    dataset = project_rows(
        3,
        {
            0: {"partners": "https://ror.org/035t8zc32"},
            1: {"partners": "大阪大学；LMU Munich"},
            2: {"partners": "osaka university"},
        },
    )
    ProjectResource().import_data(dataset, dry_run=False)

    partners = {
        p.slug: set(p.partners.all())
        for p in m.CooperationProject.objects.prefetch_related("partners")
    }
    assert partners == {
        "imported-0": {reference["osaka"]},
        "imported-1": {reference["osaka"], other},
        "imported-2": {reference["osaka"]},
    }


def test_fields_and_units_match_by_chinese_name_and_ambiguous_names_are_refused(reference):
    f.UnitFactory(name_zh_hans="研究所", name_en="Institute")
    f.UnitFactory(name_zh_hans="研究所", name_en="Another institute")
    dataset = project_rows(2, {0: {"research_fields": "海洋药物"}, 1: {"lead_unit": "研究所"}})

    result = ProjectResource().import_data(dataset, dry_run=True)

    found = problems(result)
    assert list(found) == [(2, "lead_unit")]
    assert "matches several unit records" in found[(2, "lead_unit")]


def test_researchers_import_with_unit_by_english_name_and_normalised_orcid(reference):
    dataset = tablib.Dataset(headers=["name_zh_hans", "name_en", "unit", "orcid"])
    dataset.append(["张三", "Zhang San", "college of pharmacy", "0000-0002-1825-002x"])

    result = ResearcherResource().import_data(dataset, dry_run=False)
    again = ResearcherResource().import_data(dataset, dry_run=False)

    researcher = m.Researcher.objects.get()
    assert (researcher.unit, researcher.orcid, researcher.slug) == (
        reference["unit"],
        "0000-0002-1825-002X",
        "zhang-san",
    )
    assert result.totals["new"] == 1 and again.totals["skip"] == 1


def test_bad_orcid_is_reported_with_the_models_own_message(reference):
    dataset = tablib.Dataset(headers=["slug", "name_zh_hans", "unit", "orcid"])
    dataset.append(["li", "李四", "pharmacy", "0000-0002-1825-0098"])

    found = problems(ResearcherResource().import_data(dataset, dry_run=True))

    assert "wrong check digit" in found[(1, "orcid")]


def test_achievements_and_exchanges_import_and_reimport_quietly(reference):
    project = f.CooperationProjectFactory(slug="marine", title_en="Marine project")
    achievements = tablib.Dataset(headers=["kind", "title_zh_hans", "title_en", "year", "project"])
    achievements.append(["专利", "一种化合物", "A compound", 2023, "Marine project"])
    exchanges = tablib.Dataset(
        headers=["kind", "title_zh_hans", "start_date", "country", "institution", "people_count"]
    )
    exchanges.append(["Incoming visit", "大阪大学来访", "2024-04-02", "日本", "035t8zc32", 4])

    for resource, dataset in ((AchievementResource, achievements), (ExchangeResource, exchanges)):
        first = resource().import_data(dataset, dry_run=False)
        assert first.totals["new"] == 1, problems(first)
        assert resource().import_data(dataset, dry_run=False).totals["skip"] == 1

    achievement = m.Achievement.objects.get()
    assert (achievement.kind, achievement.project) == (m.AchievementKind.PATENT, project)
    exchange = m.Exchange.objects.get()
    assert (exchange.country, exchange.institution, exchange.people_count) == (
        reference["japan"],
        reference["osaka"],
        4,
    )


AWARD_HEADERS = ["title_zh_hans", "title_en", "granting_body_zh_hans", "level", "year"]


def test_awards_import_as_drafts_with_their_recipient_and_reimport_quietly(reference):
    f.CooperationProjectFactory(slug="marine", title_en="Marine project")
    awards = tablib.Dataset(headers=[*AWARD_HEADERS, "awarded_on", "recipient_unit"])
    awards.append(
        ["国际合作奖", "Cooperation Prize", "科技厅", "省级", 2023, "2023-05-04", "药学院"]
    )
    awards.append(["基地奖", "Base Award", "科技部", "National", 2022, "", ""])

    first = AwardResource().import_data(awards, dry_run=False)
    assert first.totals["new"] == 2, problems(first)
    prize = m.Award.objects.get(slug="cooperation-prize")  # made from the English title
    assert (prize.level, prize.year, prize.awarded_on) == (
        m.AwardLevel.PROVINCIAL,
        2023,
        date(2023, 5, 4),
    )
    assert prize.recipient == reference["unit"]
    assert m.Award.objects.get(slug="base-award").recipient is None  # the base itself
    # Publishing stays with the workflow: imported awards start as drafts.
    assert set(m.Award.objects.values_list("publication_status", flat=True)) == {"draft"}
    assert AwardResource().import_data(awards, dry_run=False).totals["skip"] == 2


def test_an_award_with_two_recipients_or_a_date_outside_its_year_is_refused(reference):
    f.CooperationProjectFactory(slug="marine", title_en="Marine project")
    awards = tablib.Dataset(
        headers=[*AWARD_HEADERS, "awarded_on", "recipient_unit", "recipient_project"]
    )
    awards.append(["甲奖", "Prize A", "科技厅", "provincial", 2023, "", "药学院", "marine"])
    awards.append(["乙奖", "Prize B", "科技厅", "provincial", 2023, "2022-12-31", "", ""])

    result = AwardResource().import_data(awards, dry_run=False, rollback_on_validation_errors=True)

    two_recipients = result.invalid_rows[0]
    assert [str(e) for e in two_recipients.non_field_specific_errors] == [
        "Choose at most one recipient: a unit, a researcher or a project "
        "(none means the base itself)."
    ]
    assert problems(result)[(2, "awarded_on")] == "The date must fall in the award year."
    assert not m.Award.objects.exists()


def test_exchange_institution_must_be_in_its_country(reference):
    dataset = tablib.Dataset(
        headers=["kind", "title_zh_hans", "start_date", "country", "institution"]
    )
    dataset.append(["conference", "会议", "2024-04-02", "DE", "Osaka University"])

    found = problems(ExchangeResource().import_data(dataset, dry_run=True))

    assert "not in the chosen country" in found[(1, "institution")]


# --- the admin pages ---


def xlsx_upload(dataset: tablib.Dataset) -> SimpleUploadedFile:
    return SimpleUploadedFile("projects.xlsx", dataset.export("xlsx"))


def test_admin_dry_run_then_confirm_writes_the_file(admin_client, admin_user, reference):
    url = admin_url(m.CooperationProject, "import")
    response = admin_client.post(
        url,
        {"format": "0", "resource": "0", "import_file": xlsx_upload(project_rows(2))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    page = response.text
    assert "2 new, 0 updated, 0 unchanged, 0 with problems." in page
    assert not m.CooperationProject.objects.exists()

    confirm = response.context["confirm_form"].initial
    response = admin_client.post(admin_url(m.CooperationProject, "process_import"), confirm)

    assert response.status_code == 302
    assert m.CooperationProject.objects.count() == 2
    # Each written record has a version in its history, as after an admin save.
    for project in m.CooperationProject.objects.all():
        (version,) = Version.objects.get_for_object(project)
        assert version.revision.user == admin_user
        assert version.field_dict["title_en"] == project.title_en


@pytest.mark.parametrize(
    "forged",
    [{}, {"import_file_name": "../../etc/passwd", "original_file_name": "x.xlsx", "format": "0"}],
    ids=["empty", "unknown file"],
)
def test_a_forged_confirmation_asks_for_the_upload_again(admin_client, forged):
    response = admin_client.post(
        admin_url(m.CooperationProject, "process_import"),
        forged,
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.redirect_chain == [(admin_url(m.CooperationProject, "import"), 302)]
    assert "The checked file is no longer available; upload it again." in response.text
    assert 'name="import_file"' in response.text
    assert not m.CooperationProject.objects.exists()


def test_admin_dry_run_lists_problems_in_plain_words(admin_client, reference):
    dataset = project_rows(7, {5: {"lead_unit": "Atlantis College"}})
    response = admin_client.post(
        admin_url(m.CooperationProject, "import"),
        {"format": "0", "resource": "0", "import_file": xlsx_upload(dataset)},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    page = response.text
    # Row numbers as the spreadsheet shows them: the header is row 1.
    assert "Row 7, column lead_unit: &#x27;Atlantis College&#x27; is not a known unit" in page
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert not m.CooperationProject.objects.exists()


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_a_file_longer_than_an_import_takes_is_refused_with_what_to_do(
    admin_client, reference, settings, file_format
):
    """Each step runs in one request: a far longer file would hold it past the server's
    timeout (a 502, and nothing said). A sheet's blank lines do not count."""
    settings.IMPORT_MAX_ROWS = 3

    def check(rows: int, language: str = "en"):
        dataset = project_rows(rows)
        dataset.insert(1, [""] * len(PROJECT_HEADERS))  # a blank line
        if file_format == "xlsx":
            upload, choice = xlsx_upload(dataset), "0"
        else:
            upload, choice = SimpleUploadedFile("p.csv", dataset.export("csv").encode()), "1"
        return admin_client.post(
            admin_url(m.CooperationProject, "import"),
            {"format": choice, "resource": "0", "import_file": upload},
            HTTP_ACCEPT_LANGUAGE=language,
        )

    too_long = check(4)
    assert too_long.status_code == 200
    assert too_long.context["form"].errors["import_file"] == [
        "This file has more than 3 rows, and an import takes at most 3. "
        "Split it into smaller files and import them one after another."
    ]
    assert "result" not in too_long.context or too_long.context["result"] is None
    assert "文件超过 3 行" in check(4, "zh-hans").context["form"].errors["import_file"][0]
    assert not m.CooperationProject.objects.exists()
    if file_format == "xlsx":  # blank lines are dropped for XLSX (CSV keeps them as rows)
        assert check(3).context["result"].totals["new"] == 3


def test_admin_import_of_csv_in_chinese_interface(admin_client, reference):
    dataset = project_rows(1)
    upload = SimpleUploadedFile("p.csv", dataset.export("csv").encode("utf-8"))
    response = admin_client.post(
        admin_url(m.CooperationProject, "import"),
        {"format": "1", "resource": "0", "import_file": upload},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    assert response.context["result"].totals["new"] == 1


@pytest.mark.parametrize(
    "model",
    [
        m.CooperationProject,
        m.Institution,
        m.Researcher,
        m.Achievement,
        m.Exchange,
        m.Award,
        Article,
    ],
)
def test_template_downloads_have_both_languages_columns(admin_client, model):
    response = admin_client.get(
        admin_url(model, "import_template", "xlsx"), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = [cell.value for cell in workbook["data"][1]]
    assert "title_zh_hans" in headers or "name_zh_hans" in headers
    assert "title_en" in headers or "name_en" in headers
    assert "publication_status" not in headers and "id" not in headers
    assert workbook["columns"].max_row == len(headers) + 1
    assert [cell.value for cell in workbook["columns"][1]] == [
        "column",
        "what to enter",
        "required",
    ]

    csv_response = admin_client.get(admin_url(model, "import_template", "csv"))
    # After a byte order mark, so that Excel on a Chinese Windows reads it as UTF-8.
    assert csv_response.content.startswith(b"\xef\xbb\xbf")
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert csv_response.content.decode("utf-8-sig").strip().split(",") == headers


TEMPLATE_CHINESE = {
    "sheet of the import template\x04data": "数据",
    "sheet of the import template\x04columns": "列说明",
    "column": "列",
    "required": "必填",
    "what to enter": "填写内容",
}


@pytest.fixture
def chinese_template_words():
    """The template's words translated, as the catalogue will have them: the test sees
    them in the workbook only if the template asks gettext for them."""
    catalog = translation.trans_real.translation("zh-hans")._catalog
    saved = {key: catalog[key] for key in TEMPLATE_CHINESE if key in catalog}
    for key, value in TEMPLATE_CHINESE.items():
        catalog[key] = value
    yield
    for key in TEMPLATE_CHINESE:
        if key in saved:
            catalog[key] = saved[key]
        else:
            for part in catalog._catalogs:
                part.pop(key, None)


def chinese_template(client, model) -> openpyxl.Workbook:
    response = client.get(
        admin_url(model, "import_template", "xlsx"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_template_s_sheets_and_help_are_in_the_user_s_language(
    admin_client, chinese_template_words
):
    """The notes under the help sheet's header were Chinese in the Chinese admin, the sheet
    names and the header English."""
    workbook = chinese_template(admin_client, m.CooperationProject)

    assert workbook.sheetnames == ["数据", "列说明"]
    help_rows = {row[0]: row[1:] for row in workbook["列说明"].iter_rows(values_only=True)}
    assert help_rows["列"] == ("填写内容", "必填")
    # The columns a new project needs are marked: its Chinese summary among them.
    with translation.override("zh-hans"):
        yes = translation.gettext("yes")
    assert help_rows["summary_zh_hans"][1] == yes
    assert help_rows["title_zh_hans"][1] == yes
    assert help_rows["summary_en"][1] is None and help_rows["slug"][1] is None


def test_a_sheet_name_in_another_language_stays_one_excel_takes():
    from config.spreadsheets import sheet_name

    assert sheet_name("a: b/c [d]*?\\ " + "x" * 40) == "a  b c  d" + " " * 5 + "x" * 17
    assert len(sheet_name("数" * 40)) == 31


def test_a_template_downloaded_in_chinese_imports_its_filled_row(
    admin_client, reference, chinese_template_words
):
    """Whatever its sheets are called, and whichever sheet was open when it was saved, the
    import reads the data sheet: the first."""
    workbook = chinese_template(admin_client, m.CooperationProject)
    data = workbook.worksheets[0]
    headers = [cell.value for cell in data[1]]
    row = dict.fromkeys(headers, None) | {
        "title_zh_hans": "模板项目",
        "title_en": "Template project",
        "summary_zh_hans": "摘要",
        "kind": "joint_research",
        "status": "active",
        "start_date": "2024-03-01",
        "lead_unit": "药学院",
        "partners": "035t8zc32",
        "currency": "CNY",
    }
    data.append([row[header] for header in headers])
    workbook.active = 1  # saved with the help sheet open
    buffer = io.BytesIO()
    workbook.save(buffer)

    response = admin_client.post(
        admin_url(m.CooperationProject, "import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("模板.xlsx", buffer.getvalue()),
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )

    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), problems(result)
    assert result.totals["new"] == 1
    admin_client.post(
        admin_url(m.CooperationProject, "process_import"), response.context["confirm_form"].initial
    )
    assert m.CooperationProject.objects.get().slug == "template-project"


@pytest.mark.parametrize("model", [m.CooperationProject, m.Award, Article])
def test_the_import_page_names_the_columns_an_import_reads(admin_client, model):
    """Not those only exported: the id and the publication status."""
    response = admin_client.get(admin_url(model, "import"), HTTP_ACCEPT_LANGUAGE="en")
    [(_resource, columns)] = response.context["fields_list"]
    assert "title_zh_hans" in columns and "slug" in columns
    assert "id" not in columns and "publication_status" not in columns
    assert f"<code>{', '.join(columns)}</code>" in response.text


def test_template_and_import_need_add_and_change_permission(client, reference):
    viewer = f.UserFactory(is_staff=True)
    viewer.groups.add(Group.objects.get(name="Leadership"))
    client.force_login(viewer)
    assert client.get(admin_url(m.CooperationProject, "import")).status_code == 403
    assert client.get(admin_url(m.CooperationProject, "import_template", "xlsx")).status_code == 403

    adder = f.UserFactory(is_staff=True)
    adder.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_cooperationproject", "view_cooperationproject"]
        )
    )
    client.force_login(adder)
    assert client.get(admin_url(m.CooperationProject, "import")).status_code == 403

    editor = f.UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    assert client.get(admin_url(m.CooperationProject, "import")).status_code == 200
    response = client.post(
        admin_url(m.CooperationProject, "import"),
        {"format": "0", "resource": "0", "import_file": xlsx_upload(project_rows(1))},
    )
    client.post(
        admin_url(m.CooperationProject, "process_import"), response.context["confirm_form"].initial
    )
    assert m.CooperationProject.objects.get().publication_status == PublicationStatus.DRAFT


def import_as(client, role: str, dataset: tablib.Dataset):
    """A user of ``role`` uploads ``dataset`` as projects: the dry run's response."""
    user = f.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client.post(
        admin_url(m.CooperationProject, "import"),
        {"format": "0", "resource": "0", "import_file": xlsx_upload(dataset)},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_an_editors_import_does_not_change_a_published_record_past_review(client, reference):
    """In the back office an editor's change to a published record waits for a publisher
    (cooperation.pending); a spreadsheet wrote it live. Now such a row is refused, and says
    what to do; drafts, new records and rows that change nothing still import."""
    ProjectResource().import_data(project_rows(3), dry_run=False)
    m.CooperationProject.objects.filter(slug="imported-0").update(
        publication_status=PublicationStatus.PUBLISHED, published_at=timezone.now()
    )
    changed = project_rows(4, {0: {"title_en": "Rewritten"}, 1: {"title_en": "A draft's"}})

    response = import_as(client, "Editor", changed)
    result = response.context["result"]
    [refused] = result.invalid_rows
    assert refused.number == 1
    assert "is published, and your changes to it wait for a publisher's review" in str(
        refused.error_dict
    )
    assert "is published, and your changes to it wait for a" in response.text
    assert "confirm_form" not in response.context
    assert m.CooperationProject.objects.get(slug="imported-0").title_en == "Imported project 0"
    # Unchanged, the published row is no problem: the rest imports.
    unchanged = project_rows(4, {1: {"title_en": "A draft's"}})
    result = import_as(client, "Editor", unchanged).context["result"]
    assert not result.has_validation_errors()
    assert result.totals == {**result.totals, "new": 1, "update": 1, "skip": 2}

    # A publisher's import changes it, as a publisher's save does.
    result = import_as(client, "Publisher", changed).context["result"]
    assert not result.has_validation_errors()
    assert result.totals["update"] == 2


# Speed (issue 8): lookups, links and the unique checks are read once per file, not per row.


def test_reimport_replaces_changed_links_and_leaves_the_others(reference):
    kyoto = f.InstitutionFactory(
        name_zh_hans="京都大学", name_en="Kyoto University", country=reference["japan"]
    )
    ProjectResource().import_data(project_rows(3), dry_run=False)
    changed = project_rows(
        3, {0: {"partners": "Kyoto University; 035t8zc32"}, 1: {"partners": "京都大学"}}
    )

    checked = ProjectResource().import_data(changed, dry_run=True)
    assert [row.import_type for row in checked.rows] == ["update", "update", "skip"]
    assert m.ProjectPartner.objects.filter(institution=kyoto).count() == 0

    result = ProjectResource().import_data(changed, dry_run=False)

    assert (result.totals["update"], result.totals["skip"]) == (2, 1)
    partners = {
        slug: set(m.CooperationProject.objects.get(slug=slug).partners.all())
        for slug in ("imported-0", "imported-1", "imported-2")
    }
    assert partners == {
        "imported-0": {reference["osaka"], kyoto},
        "imported-1": {kyoto},
        "imported-2": {reference["osaka"]},
    }
    again = ProjectResource().import_data(changed, dry_run=False)
    assert again.totals["skip"] == 3


def roles(slug: str) -> dict[str, str]:
    links = m.ProjectPartner.objects.filter(project__slug=slug).select_related("institution")
    return {link.institution.name_en: link.role for link in links}


def test_the_lead_partner_column_sets_the_role_of_a_partners_link(reference):
    f.InstitutionFactory(
        name_zh_hans="京都大学", name_en="Kyoto University", country=reference["japan"]
    )
    both = "035t8zc32; Kyoto University"
    LEAD, PARTNER = m.PartnerRole.LEAD_PARTNER, m.PartnerRole.PARTNER

    def rows(*leads: str) -> tablib.Dataset:
        dataset = project_rows(len(leads), {i: {"partners": both} for i in range(len(leads))})
        dataset.append_col(list(leads), header="lead_partner")
        return dataset

    result = ProjectResource().import_data(rows("京都大学", ""), dry_run=False)
    assert result.totals["new"] == 2
    assert roles("imported-0") == {"Kyoto University": LEAD, "Osaka University": PARTNER}
    assert roles("imported-1") == {"Kyoto University": PARTNER, "Osaka University": PARTNER}
    assert ProjectResource().import_data(rows("京都大学", ""), dry_run=False).totals["skip"] == 2

    # Another lead, and none: only these rows change, the lead's old link stays a partner.
    changed = rows("", "035t8zc32")
    checked = ProjectResource().import_data(changed, dry_run=True)
    assert [row.import_type for row in checked.rows] == ["update", "update"]
    assert roles("imported-0")["Kyoto University"] == LEAD  # a dry run writes nothing
    ProjectResource().import_data(changed, dry_run=False)
    assert roles("imported-0") == {"Kyoto University": PARTNER, "Osaka University": PARTNER}
    assert roles("imported-1") == {"Kyoto University": PARTNER, "Osaka University": LEAD}
    assert ProjectResource().import_data(changed, dry_run=False).totals["skip"] == 2
    # A sheet without the column leaves the leads as they are.
    assert ProjectResource().import_data(project_rows(1), dry_run=False).totals["update"] == 1
    assert roles("imported-1")["Osaka University"] == LEAD


def test_a_lead_partner_that_is_not_a_partner_is_refused(reference):
    f.InstitutionFactory(name_en="Kyoto University", country=reference["japan"])
    dataset = project_rows(2)
    dataset.append_col(["Kyoto University", "Nowhere Institute"], header="lead_partner")

    result = ProjectResource().import_data(
        dataset, dry_run=False, rollback_on_validation_errors=True
    )

    found = problems(result)
    assert found[(1, "lead_partner")] == (
        "Kyoto University is not one of the project's partners: list it under partners too."
    )
    assert "'Nowhere Institute' is not a known institution" in found[(2, "lead_partner")]
    assert not m.CooperationProject.objects.exists()


def test_a_name_near_one_institutions_is_suggested(reference):
    """An editor copies a partner's name from its letter ("The University of Tokyo"): the
    refusal offers the name entered ("University of Tokyo"), not only the rule; a name
    near none, or near two records' alike, offers none."""
    f.InstitutionFactory(name_en="University of Tokyo", country=reference["japan"])
    f.InstitutionFactory(name_en="Kyoto University", country=reference["japan"])
    dataset = project_rows(3)
    dataset.append_col(
        ["The University of Tokyo", "Nowhere Institute", "Kyoto Universty"], header="lead_partner"
    )

    found = problems(ProjectResource().import_data(dataset, dry_run=True))

    assert found[(1, "lead_partner")].endswith(
        "is not a known institution; use its ROR id (like 03vek6s52) or its name in Chinese or "
        "English. Did you mean “University of Tokyo”?"
    )
    assert "Did you mean" not in found[(2, "lead_partner")]
    assert found[(3, "lead_partner")].endswith("Did you mean “Kyoto University”?")


def test_a_sheet_of_unknown_names_gets_suggestions_for_its_first_ones(reference, monkeypatch):
    """Each suggestion compares the name with every record's: a sheet of thousands of unknown
    names would take minutes. Past a number an import gives, the rule alone."""
    monkeypatch.setattr(LookupWidget, "SUGGESTIONS_PER_IMPORT", 1)
    f.InstitutionFactory(name_en="Kyoto University", country=reference["japan"])
    dataset = project_rows(2)
    dataset.append_col(["Kyoto Universty", "Kyoto Universty"], header="lead_partner")

    found = problems(ProjectResource().import_data(dataset, dry_run=True))

    assert found[(1, "lead_partner")].endswith("Did you mean “Kyoto University”?")
    assert "Did you mean" not in found[(2, "lead_partner")]


def test_a_slug_repeated_in_one_file_is_refused(reference):
    dataset = project_rows(3, {2: {"slug": "imported-0"}})

    result = ProjectResource().import_data(
        dataset, dry_run=False, rollback_on_validation_errors=True
    )

    assert problems(result)[(3, "slug")] == (
        "The slug imported-0 is already that of row 2 of this file; give each record its own slug."
    )
    assert not m.CooperationProject.objects.exists()


def non_field_problems(result) -> dict[int, str]:
    return {
        row.number: " ".join(str(message) for message in row.non_field_specific_errors)
        for row in result.invalid_rows
    }


def test_a_record_given_twice_in_one_file_names_the_earlier_row(reference):
    """The second copy of a record was counted unchanged (or overwrote the first) without a
    word; rows are numbered as the spreadsheet numbers them, the header being row 1."""
    ProjectResource().import_data(project_rows(2), dry_run=False)
    dataset = project_rows(3)
    dataset.append(dataset[0])

    result = ProjectResource().import_data(dataset, dry_run=True)

    assert non_field_problems(result) == {
        4: "“Imported project 0” is already in row 2 of this file; give each record one row."
    }


def test_a_new_record_given_twice_by_its_natural_key_names_the_earlier_row(reference):
    exchanges = tablib.Dataset(headers=["kind", "title_zh_hans", "start_date", "country"])
    exchanges.append(["Incoming visit", "大阪大学来访", "2024-04-02", "JP"])
    exchanges.append(["Incoming visit", "京都大学来访", "2024-04-02", "JP"])
    exchanges.append(["Incoming visit", "大阪大学来访", "2024-04-02", "JP"])

    result = ExchangeResource().import_data(
        exchanges, dry_run=True, rollback_on_validation_errors=True
    )

    assert non_field_problems(result) == {
        3: "“大阪大学来访” is already in row 2 of this file; give each record one row."
    }
    assert not m.Exchange.objects.exists()


def test_an_import_refreshes_the_page_cache_once_and_a_quiet_reimport_not_at_all(reference):
    from config.content_version import content_version

    first = content_version()
    ProjectResource().import_data(project_rows(5), dry_run=False)
    assert content_version() == first + 1

    ProjectResource().import_data(project_rows(5), dry_run=False)
    assert content_version() == first + 1


def test_queries_per_row_are_only_the_rows_own_writes(reference):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(rows: int, dry_run: bool) -> int:
        with CaptureQueriesContext(connection) as captured:
            result = ProjectResource().import_data(project_rows(rows), dry_run=dry_run)
        assert not result.has_errors() and not result.has_validation_errors()
        return len(captured)

    small, large = queries(5, True), queries(25, True)
    # New rows: each one's savepoint, insert and release; the links go in one insert.
    assert large - small <= 20 * 3
    ProjectResource().import_data(project_rows(25), dry_run=False)
    small, large = queries(5, False), queries(25, False)
    # Unchanged rows: only each row's savepoint and release.
    assert large - small <= 20 * 2


# --- the progress display ---

TOKEN = "0123456789abcdef0123456789abcdef"


def progress_url(token: str = TOKEN) -> str:
    return reverse("admin:cooperation_cooperationproject_import_progress", args=[token])


def test_the_waiting_page_can_read_how_far_the_check_and_the_write_have_got(
    admin_client, reference
):
    assert admin_client.get(progress_url()).json() == {"done": None}  # not started

    response = admin_client.post(
        admin_url(m.CooperationProject, "import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": xlsx_upload(project_rows(3)),
            "progress_token": TOKEN,
        },
    )
    assert response.status_code == 200
    checked = admin_client.get(progress_url())
    assert checked.json() == {"done": 3, "total": 3, "writing": False}
    assert "no-store" in checked["Cache-Control"]

    confirm = {**response.context["confirm_form"].initial, "progress_token": TOKEN}
    admin_client.post(admin_url(m.CooperationProject, "process_import"), confirm)
    assert admin_client.get(progress_url()).json() == {"done": 3, "total": 3, "writing": True}


def test_progress_is_counted_row_by_row_while_the_import_runs(reference, monkeypatch):
    monkeypatch.setattr(import_progress, "INTERVAL", 0)
    stored = []
    store = import_progress.ImportProgress._store

    def recording_store(progress, done):
        store(progress, done)
        stored.append(import_progress.read_progress(progress.key)["done"])

    monkeypatch.setattr(import_progress.ImportProgress, "_store", recording_store)

    ProjectResource().import_data(project_rows(4), dry_run=True, progress_key="import-progress:x")

    assert stored == [0, 1, 2, 3, 4, 4]


def test_another_users_import_progress_is_not_readable(client, admin_client, reference):
    admin_client.post(
        admin_url(m.CooperationProject, "import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": xlsx_upload(project_rows(2)),
            "progress_token": TOKEN,
        },
    )
    other = f.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(other)

    assert client.get(progress_url()).json() == {"done": None}


@pytest.mark.parametrize("token", ["short", "x" * 65, "../../etc", "a%00" * 8])
def test_a_malformed_progress_token_never_reaches_the_progress_view(admin_client, token):
    url = progress_url().replace(TOKEN, token)
    # The admin's catch-all takes it (to "no such record"); the progress view never does.
    assert resolve(url).url_name != "cooperation_cooperationproject_import_progress"
    response = admin_client.get(url, follow=True)
    assert response.status_code in {200, 404} and "json" not in response["Content-Type"]


def test_a_malformed_token_in_the_form_just_means_no_progress(admin_client, reference):
    response = admin_client.post(
        admin_url(m.CooperationProject, "import"),
        {
            "format": "0",
            "resource": "0",
            "import_file": xlsx_upload(project_rows(1)),
            "progress_token": "../../x",
        },
    )
    assert response.status_code == 200 and "confirm_form" in response.context


def test_the_dry_runs_row_diffs_carry_no_inline_style(admin_client, reference):
    """The Content Security Policy would block them; import-export's CSS colours the diff."""
    ProjectResource().import_data(project_rows(1), dry_run=False)
    changed = project_rows(1, {0: {"title_en": "Renamed project"}})

    response = admin_client.post(
        admin_url(m.CooperationProject, "import"),
        {"format": "0", "resource": "0", "import_file": xlsx_upload(changed)},
    )

    page = response.text
    assert "<ins>Renam</ins>" in page and "<del>Import</del>" in page  # a diff by characters
    assert 'style="' not in page


def test_the_dry_run_shows_the_first_rows_it_would_write_and_counts_the_rest(
    admin_client, reference, monkeypatch
):
    """Every row of a long file, each with its diff, made a page of megabytes (10,000 news
    items: 65 MB); the page shows the first rows to be written, unchanged ones only counted."""
    monkeypatch.setattr(resources_module, "PREVIEW_ROWS", 3)
    ProjectResource().import_data(project_rows(2), dry_run=False)  # rows 0 and 1, unchanged
    response = admin_client.post(
        admin_url(m.CooperationProject, "import"),
        {"format": "0", "resource": "0", "import_file": xlsx_upload(project_rows(7))},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.context["result"].totals == {**response.context["result"].totals, "skip": 2}
    shown = [row.object_repr for row in response.context["preview_rows"]]
    assert shown == ["Imported project 2", "Imported project 3", "Imported project 4"]
    page = response.text
    assert "The first 3 rows to be written are shown; 2 more rows will be written too" in page
    assert page.count('<tr class="new">') == 3
    assert "Imported project 5" not in page and "Imported project 0" not in page
    assert "confirm_form" in response.context

    unchanged = admin_client.post(
        admin_url(m.CooperationProject, "import"),
        {"format": "0", "resource": "0", "import_file": xlsx_upload(project_rows(2))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Every row matches its record: confirming writes nothing." in unchanged.text


def test_diffs_are_worked_out_for_the_rows_the_page_shows_only(reference, monkeypatch):
    monkeypatch.setattr(resources_module, "PREVIEW_ROWS", 2)
    ProjectResource().import_data(project_rows(1), dry_run=False)  # row 0, unchanged below

    result = ProjectResource().import_data(project_rows(5), dry_run=True)

    diffs = [bool(row.diff) for row in result.valid_rows()]
    assert [row.import_type for row in result.valid_rows()][:2] == ["skip", "new"]
    assert diffs == [False, True, True, False, False]


@pytest.mark.parametrize(
    ("cell", "featured"),
    [
        ("1", True),
        ("yes", True),
        ("是", True),
        (True, True),
        ("0", False),
        ("否", False),
        ("", False),
    ],
)
def test_featured_takes_a_yes_or_no_as_a_sheet_writes_it(reference, cell, featured):
    dataset = project_rows(1)
    dataset.append_col([cell], header="featured")

    ProjectResource().import_data(dataset, dry_run=False)

    assert m.CooperationProject.objects.get().featured is featured


def test_a_featured_cell_that_is_no_yes_or_no_is_refused_not_read_as_no(reference):
    """import-export's own widget read anything it did not know as no."""
    dataset = project_rows(1)
    dataset.append_col(["featured!"], header="featured")

    result = ProjectResource().import_data(dataset, dry_run=True)

    assert problems(result)[(1, "featured")] == (
        "'featured!' is not a yes or no for featured; use 1 for yes or 0 for no."
    )
