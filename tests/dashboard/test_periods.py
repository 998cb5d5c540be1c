"""Periods a leader may not read as whole ones: a year not over yet, a year to come (not
begun), and a range whose comparison would reach before the years anyone may ask for."""

import io
import re
import zipfile
from datetime import datetime
from zoneinfo import ZoneInfo

import docx
import pytest
import time_machine
from django.urls import reverse
from django.utils.translation import override
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

TODAY = datetime(2026, 12, 7, 12, 49, tzinfo=ZoneInfo("Asia/Shanghai"))


def get(client, name: str, **params):
    with override("en"):
        response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response


def about(client, **params) -> str:
    return archive_of(client, **params).read("about.csv").decode("utf-8-sig")


@time_machine.travel(TODAY, tick=False)
def test_a_period_not_over_says_its_figures_count_up_to_today(leader_client, known):
    note = "2026 is not over: its figures count what is recorded up to 2026-12-07."
    assert note in get(leader_client, "dashboard:index", year_from=2026).text
    assert note in get(leader_client, "dashboard:print", year_from=2026).text
    assert f"Incomplete period,{note}" in about(leader_client, year_from=2026)
    later = "2025–2030 is not over: its figures count what is recorded up to 2026-12-07."
    assert later in get(leader_client, "dashboard:index", year_from=2025, year_to=2030).text
    # A year gone by is whole.
    assert "is not over" not in get(leader_client, "dashboard:index", year_from=2025).text
    assert "Incomplete period" not in about(leader_client, year_from=2025)


@time_machine.travel(TODAY, tick=False)
def test_a_period_to_come_says_it_has_not_begun_not_that_it_is_not_over(leader_client, known):
    """A year after this one holds no part of itself yet, only records dated ahead (a
    project planned to start in it): "not over" read as if it had begun."""
    note = "2027 has not begun: it counts only records dated ahead."
    for name in ("dashboard:index", "dashboard:print"):
        page = get(leader_client, name, year_from=2027).text
        assert note in page and "2027 is not over" not in page
    assert f"Incomplete period,{note}" in about(leader_client, year_from=2027)
    later = "2028–2030 has not begun: it counts only records dated ahead."
    assert later in get(leader_client, "dashboard:index", year_from=2028, year_to=2030).text
    # A period that holds this year has begun, however far it reaches.
    begun = get(leader_client, "dashboard:index", year_from=2026, year_to=2027).text
    assert "2026–2027 is not over: its figures count what is recorded up to 2026-12-07." in begun
    assert "2026–2027 has not begun" not in begun


def test_no_comparison_with_years_before_the_first_allowed(leader_client, known):
    page = get(leader_client, "dashboard:index", year_from=1900, year_to=2100).text
    assert "Figures for 1900–2100. There is no comparison: the period before it would" in page
    assert "1699" not in page and "Previous period" not in page and ">Change<" not in page
    assert "(previous period:" not in page
    assert 'id="table-projects"' in page and 'class="chart-bar series-0"' in page
    printed = get(leader_client, "dashboard:print", year_from=1900, year_to=2100).text
    assert "There is no comparison" in printed and "1699" not in printed
    assert "Previous period,There is no comparison" in about(
        leader_client, year_from=1900, year_to=2100
    )
    # A period whose previous one is still in range is compared as before.
    page = get(leader_client, "dashboard:index", year_from=1950, year_to=1999).text
    assert "Figures for 1950–1999, compared with 1900–1949." in page
    assert "Previous period" in page


TRENDS = ["trend-projects", "trend-funding", "trend-achievements", "trend-exchanges"]
UNFINISHED_NOTE = "A year marked “to date” is not over: its figures count what is recorded so far."


def section(page: str, key: str) -> str:
    start = page.index(f'id="table-{key}"')
    return page[start : page.index("</section>", start)]


@pytest.mark.parametrize("name", ["dashboard:index", "dashboard:print"])
@time_machine.travel(TODAY, tick=False)
def test_the_trends_mark_the_year_not_over_apart_from_the_whole_ones(leader_client, known, name):
    """A reader comparing 2026 so far with whole years would read a fall: its row says
    "(to date)", its columns are drawn apart (a dashed outline, not by colour alone), and a
    note under each trend's title says what the mark means, on the page and in print."""
    page = get(leader_client, name, year_from=2025, year_to=2026).text
    for key in TRENDS:
        trend = section(page, key)
        assert trend.count('<tr class="unfinished">') == 1, key
        assert re.search(
            r'<tr class="unfinished">\s*<th scope="row">(<a [^>]+>)?2026 \(to date\)<', trend
        )
        assert "2025 (to date)" not in trend and ">2025<" in trend
        assert UNFINISHED_NOTE in trend
        charts = trend.count('<figure class="dash-chart">')
        assert len(re.findall(r'class="chart-bar series-\d unfinished"', trend)) == charts >= 1
        # The column's label has no room for the mark: the year, its title the whole label.
        assert '<text class="chart-label unfinished"' in trend
        assert "<title>2026 (to date): " in trend
    # The key figures are not trends: the period's own note speaks for them.
    assert "unfinished" not in section(page, "projects")


NOT_BEGUN_NOTE = "A year marked “not begun” has not begun: it counts only records dated ahead."


@pytest.mark.parametrize("name", ["dashboard:index", "dashboard:print"])
@time_machine.travel(TODAY, tick=False)
def test_the_trends_mark_a_year_to_come_not_begun_apart_from_this_year(leader_client, known, name):
    """This year's row says "(to date)", the next one's "(not begun)": both drawn apart,
    and the note under the title says what each mark means."""
    page = get(leader_client, name, year_from=2027).text
    for key in TRENDS:
        trend = section(page, key)
        assert trend.count('<tr class="unfinished">') == 2, key
        assert re.search(r'<th scope="row">(<a [^>]+>)?2026 \(to date\)<', trend)
        assert re.search(r'<th scope="row">(<a [^>]+>)?2027 \(not begun\)<', trend)
        assert "2027 (to date)" not in trend
        assert f"{UNFINISHED_NOTE} {NOT_BEGUN_NOTE}" in trend
        charts = trend.count('<figure class="dash-chart">')
        assert len(re.findall(r'class="chart-bar series-\d unfinished"', trend)) == 2 * charts
        assert "<title>2027 (not begun): " in trend and "<title>2026 (to date): " in trend
    # Ten years all to come: each one not begun, and only that said.
    far = section(get(leader_client, name, year_from=2040).text, "trend-projects")
    assert far.count('<tr class="unfinished">') == 10 and "(to date)" not in far
    assert NOT_BEGUN_NOTE in far and UNFINISHED_NOTE not in far


@time_machine.travel(TODAY, tick=False)
def test_the_files_mark_the_years_to_come_not_begun(leader_client, known):
    """As the page marks them: the trends' header names this year "to date" and the years
    to come "not begun"; the Word document writes their rows and the note as the page."""
    workbook = load_workbook(file_of(leader_client, "dashboard:export-xlsx", year_from=2027))
    sheet = [[cell.value for cell in row] for row in workbook["Projects per year"].iter_rows()]
    assert sheet[0] == ["Year (2026 to date, 2027 not begun)", "Started", "Running"]
    assert [row[0] for row in sheet[1:]] == list(range(2018, 2028))
    far = archive_of(leader_client, year_from=2029, year_to=2040)
    lines = far.read("trend-exchanges.csv").decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Year (2031–2040 not begun),Exchanges,")
    document = docx.Document(file_of(leader_client, "dashboard:export-docx", year_from=2027))
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert sum(row[0] == "2027 (not begun)" for row in rows) == len(TRENDS)
    notes = [p.text for p in document.paragraphs]
    assert notes.count(f"{UNFINISHED_NOTE} {NOT_BEGUN_NOTE}") == len(TRENDS)
    assert any(
        text.endswith(": 2027 has not begun: it counts only records dated ahead.") for text in notes
    )


@time_machine.travel(TODAY, tick=False)
def test_a_period_of_whole_years_marks_no_trend_year(leader_client, known):
    for language in ["en", "zh-hans"]:
        with override(language):
            page = leader_client.get(reverse("dashboard:index"), {"year_from": 2025}).text
        assert "unfinished" not in page and "(to date)" not in page and UNFINISHED_NOTE not in page


@time_machine.travel(TODAY, tick=False)
def test_the_chinese_page_marks_the_same_year(leader_client, known):
    with override("zh-hans"):
        page = leader_client.get(reverse("dashboard:index"), {"year_from": 2026}).text
    trend = section(page, "trend-projects")
    assert trend.count('<tr class="unfinished">') == 1
    assert 'class="dash-note dash-unfinished-note"' in trend


@time_machine.travel(TODAY, tick=False)
def test_the_files_mark_the_year_not_over_in_the_trends_header(leader_client, known):
    """The workbook and the CSV keep a trend's years numbers (a spreadsheet's chart reads
    them), and say in the column's header which is not over; the Word document writes the
    row as the page does, with the note."""
    workbook = load_workbook(file_of(leader_client, "dashboard:export-xlsx", year_from=2026))
    archive = archive_of(leader_client, year_from=2026)
    document = docx.Document(file_of(leader_client, "dashboard:export-docx", year_from=2026))
    sheet = [[cell.value for cell in row] for row in workbook["Projects per year"].iter_rows()]
    assert sheet[0] == ["Year (2026 to date)", "Started", "Running"]
    assert [row[0] for row in sheet[1:]] == list(range(2017, 2027))
    lines = archive.read("trend-exchanges.csv").decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Year (2026 to date),Exchanges,")
    assert lines[-1].startswith("2026,") and lines[-2].startswith("2025,")
    assert archive.read("countries.csv").decode("utf-8-sig").startswith("Country,")

    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert sum(row[0] == "2026 (to date)" for row in rows) == len(TRENDS)
    notes = [p.text for p in document.paragraphs]
    assert notes.count(UNFINISHED_NOTE) == len(TRENDS)

    whole = archive_of(leader_client, year_from=2025)
    assert whole.read("trend-projects.csv").decode("utf-8-sig").startswith("Year,Started")


def file_of(client, name: str, **params) -> io.BytesIO:
    return io.BytesIO(get(client, name, **params).content)


def archive_of(client, **params) -> zipfile.ZipFile:
    return zipfile.ZipFile(file_of(client, "dashboard:export-csv", **params))


def test_a_new_year_marks_the_last_one_whole_though_its_summary_was_kept(client, leader, known):
    """The summary and its HTML are kept while the records are unchanged: the first day
    of 2027 shows 2026 whole, not as the kept summary marked it the day before."""
    shanghai = ZoneInfo("Asia/Shanghai")
    with time_machine.travel(datetime(2026, 12, 31, 23, 0, tzinfo=shanghai), tick=False):
        client.force_login(leader)  # a session of that day
        assert "2026 (to date)" in get(client, "dashboard:index", year_from=2026).text
    with time_machine.travel(datetime(2027, 1, 1, 0, 30, tzinfo=shanghai), tick=False):
        page = get(client, "dashboard:index", year_from=2026).text
        assert "(to date)" not in page and "unfinished" not in page
