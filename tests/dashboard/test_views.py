"""The dashboard pages: who may see them, privacy, bad input, query ceilings, drill-downs."""

import io
import re
import zipfile
from datetime import date, timedelta

import docx
import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.shortcuts import resolve_url
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import load_workbook

from accounts import roles
from dashboard.figures import Period, build_summary
from tests import factories as f
from tests.dashboard.conftest import user_in

pytestmark = pytest.mark.django_db

EXPORTS = ["dashboard:export-xlsx", "dashboard:export-csv", "dashboard:export-docx"]
PAGES = ["dashboard:index", "dashboard:print", *EXPORTS]


def url(name: str, language: str = "en", **kwargs) -> str:
    with override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_the_login_page(client, name):
    response = client.get(url(name))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", PAGES)
def test_staff_without_the_permission_get_403(client, name):
    client.force_login(user_in(roles.EDITOR, username="editor", is_staff=True))
    assert client.get(url(name)).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_leaders_and_superusers_see_the_dashboard(client, leader, name):
    client.force_login(leader)
    assert client.get(url(name)).status_code == 200
    client.force_login(f.UserFactory(username="root", is_superuser=True, is_staff=True))
    assert client.get(url(name)).status_code == 200


def test_the_records_lists_need_the_permission_too(client):
    target = url("dashboard:records", kind="awards")
    assert client.get(target).status_code == 302
    client.force_login(user_in(None, username="reader"))
    assert client.get(target).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        ("dashboard:index", {}),
        ("dashboard:print", {}),
        ("dashboard:export-xlsx", {}),
        ("dashboard:export-csv", {}),
        ("dashboard:export-docx", {}),
        ("dashboard:records", {"kind": "news"}),
    ],
)
def test_every_response_is_private_and_never_stored(leader_client, settings, path):
    settings.PORTAL_PAGE_CACHE = True
    name, kwargs = path
    for query in ("", "?year_from=abc"):
        response = leader_client.get(url(name, **kwargs) + query)
        cache_control = response["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control
        assert "X-Page-Cache" not in response


def test_the_page_shows_the_figures_and_how_drafts_are_treated(leader_client, known):
    response = leader_client.get(url("dashboard:index") + "?year_from=2024&year_to=2024")
    assert response.status_code == 200
    text = response.text
    assert "Figures for 2024, compared with 2023." in text
    assert "Only public records count: drafts, records in review" in text
    assert '<svg viewBox="0 0 960 480"' in text  # the partner-country map
    assert 'class="chart-bar series-0"' in text
    assert "style=" not in text  # strict CSP: no inline styles
    for key in ("projects", "funding", "countries", "matrix", "institutions", "trend-projects"):
        assert f'id="table-{key}"' in text


def test_the_dashboard_speaks_chinese_under_zh_hans(leader_client, known):
    text = leader_client.get(url("dashboard:index", "zh-hans") + "?year_from=2024").text
    assert '<html lang="zh-hans">' in text
    assert "领导" in text or "数据" in text
    assert "Leadership dashboard" not in text
    # The language switcher keeps the reader on the dashboard.
    assert "/en/dashboard/?year_from=2024" in text


@pytest.mark.parametrize(
    "query",
    [
        "?year_from=abc",
        "?year_from=2025&year_to=2020",
        "?year_from=99999",
        "?year_to=1800",
        "?year_from=%00",
        "?year_from=" + "9" * 10000,
        "?year_from=2020.5",
    ],
)
def test_bad_periods_are_400_never_500(leader_client, query):
    page = leader_client.get(url("dashboard:index") + query)
    assert page.status_code == 400
    assert "The period could not be used" in page.text
    printed = leader_client.get(url("dashboard:print") + query)
    assert printed.status_code == 400
    for name in EXPORTS:
        export = leader_client.get(url(name) + query)
        assert export.status_code == 400
        assert export["Content-Type"] == "text/html; charset=utf-8"
        assert "The period could not be used" in export.text
    records = leader_client.get(url("dashboard:records", kind="awards") + query)
    assert records.status_code == 400


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?year_from=abc", "year_from"),
        ("?year_to=1800", "year_to"),
        # A reversed range is the until-year's error, as on the portal's lists.
        ("?year_from=2025&year_to=2020", "year_to"),
    ],
)
def test_a_refused_period_field_is_described_by_its_message(leader_client, query, field):
    """Django names "<the field's id>_error" in a refused field's aria-describedby: the
    message beside the field carries that id."""
    page = leader_client.get(url("dashboard:index") + query)

    described = re.findall(r'aria-invalid="true" aria-describedby="([^"]+)"', page.text)
    assert described == [f"id_{field}_error"]
    for target in described:
        assert f'id="{target}"' in page.text


@pytest.mark.parametrize(
    ("language", "title", "printed_title"),
    [
        ("en", "Error: Leadership dashboard · ", "Error: Cooperation figures</title>"),
        ("zh-hans", "错误：领导数据看板 · ", "错误：合作数据</title>"),
    ],
)
def test_a_refused_period_is_named_in_the_page_title(leader_client, language, title, printed_title):
    """WCAG 2.4.2 and 3.3.1: the title, read first, says the page is an error, as the
    portal's refused lists do; the print layout's under its own name."""
    refused = leader_client.get(url("dashboard:index", language) + "?year_from=abc")
    assert f"<title>{title}" in refused.text
    printed = leader_client.get(url("dashboard:print", language) + "?year_from=abc")
    assert f"<title>{printed_title}" in printed.text
    # Its form stands under the page's heading (axe: page-has-heading-one).
    assert printed.text.count("<h1>") == 1
    for name in ("dashboard:index", "dashboard:print"):
        shown = leader_client.get(url(name, language) + "?year_from=2024")
        assert "<title>Error" not in shown.text
        assert "<title>错误" not in shown.text


@pytest.mark.parametrize("name", EXPORTS)
def test_a_refused_export_sends_the_corrected_period_to_the_summary(leader_client, name):
    """The refused download shows the summary page's form; corrected, it opens the summary
    instead of downloading a file again from a page that shows none."""
    refused = leader_client.get(url(name) + "?year_from=abc")
    assert refused.status_code == 400
    assert f'<form method="get" action="{url("dashboard:index")}"' in refused.text


def test_bad_record_lists_are_404_or_400(leader_client):
    assert leader_client.get(url("dashboard:records", kind="users")).status_code == 404
    bad_group = url("dashboard:records", kind="awards") + "?group=galactic"
    assert leader_client.get(bad_group).status_code == 400
    # Not a page number: not found, as on the portal's lists (test_record_lists).
    not_a_page = url("dashboard:records", kind="awards") + "?page=abc"
    assert leader_client.get(not_a_page).status_code == 404


def test_one_year_alone_is_that_year(leader_client, known):
    response = leader_client.get(url("dashboard:index") + "?year_to=2024")
    assert response.context["period"] == Period(2024, 2024)


def test_without_a_period_the_last_complete_year_is_shown(leader_client):
    response = leader_client.get(url("dashboard:index"))
    year = date.today().year - 1
    assert response.context["period"] == Period(year, year)


def make_data(projects: int) -> None:
    """Projects with partners, fields, funding, achievements and exchanges."""
    fields = [f.ResearchFieldFactory() for _ in range(3)]
    institutions = [f.InstitutionFactory() for _ in range(4)]
    unit = f.UnitFactory()
    for n in range(projects):
        project = f.CooperationProjectFactory(
            start_date=date(2015 + n % 10, 1 + n % 12, 1),
            lead_unit=unit,
            partners=institutions[n % 4 : n % 4 + 2],
            fields=fields[n % 3 : n % 3 + 2],
            funding_amount=1000 + n,
            currency=["CNY", "USD", "EUR"][n % 3],
            funding_source_en=f"Source {n % 5}",
        )
        f.AchievementFactory(project=project, year=2015 + n % 10)
        f.ExchangeFactory(project=project, start_date=date(2015 + n % 10, 3, 1))
        f.AwardFactory(year=2015 + n % 10)
        f.ArticleFactory()


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("name", ["dashboard:index", "dashboard:export-xlsx"])
def test_the_query_count_is_bounded_and_independent_of_the_data(
    leader_client, django_assert_max_num_queries, name
):
    path = url(name) + "?year_from=2020&year_to=2024"
    make_data(5)
    small = count_queries(leader_client, path)
    make_data(45)
    with django_assert_max_num_queries(25):
        large = count_queries(leader_client, path)
    assert large == small


def test_record_lists_make_a_fixed_number_of_queries(leader_client):
    make_data(5)
    path = url("dashboard:records", kind="exchanges") + "?year_from=2015&year_to=2024"
    small = count_queries(leader_client, path)
    make_data(30)
    assert count_queries(leader_client, path) == small <= 8


# Every figure against the list it links to: tests/dashboard/test_drilldowns.py.


def test_the_workbook_has_one_sheet_per_table_and_no_formulas(leader_client, known):
    known.a.name_en = '=HYPERLINK("http://evil.example/","Click")'
    known.a.save()
    response = leader_client.get(url("dashboard:export-xlsx") + "?year_from=2024")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "About",
        "Projects and partners",
        "Funding by currency",
        "Funding by source",
        "Awards by level",
        "Achievements by kind",
        "Exchanges and people",
        "News",
        "Projects per year",
        "Funding per year",
        "Achievements per year",
        "Exchanges per year",
        "Projects by partner country",
        "Projects by research field",
        "Projects by unit",
        "Projects by kind",
        "Country × research field",  # whole: every title fits in 31 characters
        "Top partner institutions",
    ]
    projects = workbook["Projects and partners"]
    assert [c.value for c in projects[1]] == ["Figure", "This period", "Previous period", "Change"]
    assert [c.value for c in projects[2]] == ["Projects running", 3, 2, 1]
    institutions = {row[0].value: row for row in workbook["Top partner institutions"].iter_rows()}
    injected = institutions['\'=HYPERLINK("http://evil.example/","Click")']
    assert injected[0].data_type == "s"
    assert injected[2].value == 2
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_the_csv_files_are_zipped_one_per_table(leader_client, known):
    known.b.name_en = "@SUM(1+1)"
    known.b.save()
    response = leader_client.get(url("dashboard:export-csv") + "?year_from=2024")
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    assert names[0] == "about.csv"
    assert "countries.csv" in names and "matrix.csv" in names and "trend-funding.csv" in names
    countries = archive.read("countries.csv").decode("utf-8-sig").splitlines()
    assert countries == ["Country,Projects", "Japan,3", "Germany,1"]
    assert "'@SUM(1+1),Germany,1" in archive.read("institutions.csv").decode("utf-8-sig")
    # Each unpacks readable by all (rw-r--r--), where zipfile's default was rw-------.
    assert {entry.external_attr >> 16 & 0o777 for entry in archive.infolist()} == {0o644}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_word_document_has_every_table_under_its_heading(leader_client, known, language):
    known.a.name_en = "=1+1 Institute"  # text in a document, never a formula
    known.a.save()
    response = leader_client.get(url("dashboard:export-docx", language) + "?year_from=2024")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    # A single year names the file once; a period of years, first to last.
    assert response["Content-Disposition"] == 'attachment; filename="coopbase-summary-2024.docx"'
    document = docx.Document(io.BytesIO(response.content))
    with override(language):
        summary = build_summary(Period(2024, 2024))
        groups = summary.in_groups()
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        heading
        for title, tables in groups
        for heading in ([title] if title else []) + [table.title for table in tables]
    ]
    tables = [table for _title, group in groups for table in group]
    assert len(document.tables) == len(tables)
    written = {
        table.title: [[cell.text for cell in row.cells] for row in grid.rows]
        for table, grid in zip(tables, document.tables, strict=True)
    }
    if language == "en":
        assert document.paragraphs[0].text == (
            "International S&T Cooperation Base: cooperation figures 2024"
        )
        assert written["Projects and partners"][:2] == [
            ["Figure", "This period", "Previous period", "Change"],
            ["Projects running", "3", "2", "+1"],
        ]
        assert ["Japan", "3"] in written["Projects by partner country"]
        assert any(row[0] == "=1+1 Institute" for row in written["Top partner institutions"])
        # Figures are right-aligned, names (an institution's country) not.
        institutions = document.tables[tables.index(summary.table("institutions"))]
        country, projects = institutions.rows[1].cells[1:3]
        alignments = [cell.paragraphs[0].alignment for cell in (country, projects)]
        assert alignments == [None, WD_ALIGN_PARAGRAPH.RIGHT]
    else:
        assert document.paragraphs[0].text.startswith("国际科技合作基地")
        assert ["日本", "3"] in written["项目（按合作国家）"]


def test_the_kept_summary_html_is_per_language_and_page(leader_client, known):
    """The summary's HTML is kept per period: each language and each page keeps its own."""
    for _round in range(2):  # the second round reads what the first kept
        english = leader_client.get(url("dashboard:index") + "?year_from=2024").text
        chinese = leader_client.get(url("dashboard:index", "zh-hans") + "?year_from=2024").text
        printed = leader_client.get(url("dashboard:print") + "?year_from=2024").text
        assert "Ten-year trends" in english and "十年趋势" not in english
        assert "十年趋势" in chinese and "Ten-year trends" not in chinese
        assert "合作国家世界地图" in chinese  # the map, which only the dashboard shows
        assert "Partner countries on a world map" in english
        assert "Partner countries on a world map" not in printed
        assert "cooperation figures 2024" in printed and "cooperation figures" not in english


def test_the_print_layout_is_a_standalone_page_in_both_languages(leader_client, known):
    english = leader_client.get(url("dashboard:print") + "?year_from=2024").text
    chinese = leader_client.get(url("dashboard:print", "zh-hans") + "?year_from=2024").text
    assert "dashboard.css" in english
    assert "site-header" not in english
    assert "cooperation figures 2024" in english
    assert '<html lang="zh-hans">' in chinese
    assert "/zh-hans/dashboard/print/?year_from=2024" in english  # the other language's copy


def test_leadership_group_exists_with_the_permission():
    group = Group.objects.get(name=roles.LEADERSHIP)
    assert group.permissions.filter(codename="view_dashboard").exists()


def first_headline_figure(response) -> str:
    """The first of the page's headline figures (active projects), as the page shows it:
    the summary's HTML is kept with its figures and must be refreshed with them."""
    return re.search(r'<span class="figure-value">([^<]*)</span>', response.text).group(1)


def test_figures_are_computed_once_and_refreshed_by_any_change(leader_client, known):
    path = url("dashboard:index") + "?year_from=2024"
    first = count_queries(leader_client, path)
    again = count_queries(leader_client, path)
    assert again < first  # the summary came from the server cache
    active = lambda: first_headline_figure(leader_client.get(path))  # noqa: E731
    assert active() == "3"
    f.CooperationProjectFactory(start_date=date(2024, 7, 1))
    assert active() == "4"


def test_figures_count_a_scheduled_project_at_once(leader_client, known):
    """A scheduled project coming due changes no row; the kept summary still counts it."""
    now = timezone.now()
    f.CooperationProjectFactory(
        start_date=date(2024, 7, 1), published_at=now + timedelta(seconds=5)
    )
    path = url("dashboard:index") + "?year_from=2024"
    active = lambda: first_headline_figure(leader_client.get(path))  # noqa: E731
    with time_machine.travel(now, tick=False):
        assert active() == "3"
    with time_machine.travel(now + timedelta(seconds=10), tick=False):
        assert active() == "4"


def articles_published(response) -> int:
    row = re.search(r"Articles published</a></th>\s*<td[^>]*>(?:<a [^>]*>)?([^<]*)<", response.text)
    return int(row.group(1))


def test_news_refreshes_its_table_without_counting_the_projects_again(leader_client, known):
    """The news table is kept apart from the project figures (the seconds of a summary at
    scale): publishing an article counts the articles again, not the projects."""
    path = url("dashboard:index") + "?year_from=2024"
    first = count_queries(leader_client, path)
    again = count_queries(leader_client, path)
    before = articles_published(leader_client.get(path))

    f.ArticleFactory(published_at=timezone.now().replace(year=2024, month=5))
    with CaptureQueriesContext(connection) as context:
        response = leader_client.get(path)

    assert articles_published(response) == before + 1
    # The articles' count, and the next scheduled publication for the news and the page.
    assert len(context) == again + 3 < first
    assert first_headline_figure(response) == "3"


@pytest.mark.parametrize("kind", ["awards", "achievements", "exchanges", "news"])
def test_each_record_behind_a_figure_links_to_its_public_page(leader_client, kind):
    make_data(2)
    page = leader_client.get(url("dashboard:records", kind=kind) + "?year_from=2000&year_to=2030")
    records = list(page.context["records"])
    assert records, kind
    for record in records:
        target = record.get_absolute_url()
        assert f'<a href="{target}">' in page.text, (kind, target)
        assert leader_client.get(target).status_code == 200, target


def test_the_refusal_says_the_dashboard_is_for_the_leadership_and_only_to_those_refused(
    client, leader
):
    """Signed in without the permission: a 403 that says why. A leader still gets the
    dashboard, and an anonymous visitor the login page, without it."""
    refusal = (
        "The dashboard is for the base&#x27;s leadership. Ask a site admin for the Leadership role."
    )
    client.force_login(user_in(roles.EDITOR, username="editor", is_staff=True))
    refused = client.get(url("dashboard:index"))
    assert refused.status_code == 403
    assert refusal in refused.text

    client.force_login(leader)
    shown = client.get(url("dashboard:index"))
    assert shown.status_code == 200
    assert refusal not in shown.text

    client.logout()
    anonymous = client.get(url("dashboard:index"))
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(resolve_url(settings.LOGIN_URL) + "?next=")
