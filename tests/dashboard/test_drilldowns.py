"""Every link of the dashboard opens the list of exactly the records its figure counts: the
list's count is the figure (dashboard.figures.Row.link). Sums and figures that no list
matches have no link."""

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils.translation import override

from cooperation import models as m
from dashboard.figures import Period, Summary, build_summary, is_figure
from tests import factories as f
from tests.dashboard.conftest import draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied(db):
    """Projects over 2018–2026 with one to three partners in three countries, fields and
    sub-fields, three units, every kind, funding in three currencies from several sources
    (some with none); awards, achievements, exchanges (conferences among them) and news."""
    countries = [f.PartnerCountryFactory(country=code) for code in ("JP", "DE", "FR")]
    institutions = [f.InstitutionFactory(country=countries[n % 3]) for n in range(7)]
    parents = [f.ResearchFieldFactory(sort_order=n) for n in range(3)]
    fields = [*parents, f.ResearchFieldFactory(parent=parents[0])]
    units = [f.UnitFactory() for _ in range(3)]
    kinds = list(m.ProjectKind.values)
    sources = [("国家自然科学基金", "NSFC"), ("欧盟", "EU"), ("", "")]
    projects = []
    for n in range(24):
        start = date(2018 + n % 9, 1 + n % 12, 1 + n % 27)
        funded = n % 4 != 3
        source = sources[n % 3]
        projects.append(
            f.CooperationProjectFactory(
                start_date=start,
                end_date=None if n % 5 == 0 else date(start.year + n % 4, 12, 31),
                kind=kinds[n % len(kinds)],
                lead_unit=units[n % 3],
                partners=institutions[n % 7 : n % 7 + 1 + n % 3],
                fields=fields[n % 4 : n % 4 + 1 + n % 2],
                funding_amount=Decimal(10_000 * (n + 1)) if funded else None,
                currency=["CNY", "USD", "EUR"][n % 3],
                funding_source_zh_hans=source[0],
                funding_source_en=source[1],
                **(draft() if n % 11 == 10 else {}),
            )
        )
    for n in range(12):
        f.AwardFactory(level=list(m.AwardLevel.values)[n % 3], year=2019 + n % 7)
        f.AchievementFactory(
            kind=list(m.AchievementKind.values)[n % 4],
            year=2019 + n % 7,
            project=projects[n] if n % 3 else None,
        )
        f.ExchangeFactory(
            kind=list(m.ExchangeKind.values)[n % len(m.ExchangeKind.values)],
            start_date=date(2019 + n % 7, 3 + n % 9, 1),
            country=countries[n % 3],
            people_count=150 if n % 6 == 4 else 2 + n,
            project=projects[n] if n % 2 else None,
        )
        f.ArticleFactory(published_at=datetime(2019 + n % 7, 6, 1, tzinfo=ZoneInfo("UTC")))


def listed(client, link: str) -> int:
    """How many records the list behind a link holds (the number it shows)."""
    response = client.get(link)
    assert response.status_code == 200, link
    paginator = response.context.get("paginator") or response.context["page_obj"].paginator
    return paginator.count


def linked_figures(summary: Summary) -> list[tuple[str, str, int]]:
    """Every link of the summary with the figure it stands for: a row's link is its first
    figure's, a cell's link its own."""
    found = []
    for table in summary.tables:
        for row in table.rows:
            if row.link:
                figure = next(value for value in row.values if is_figure(value))
                found.append((f"{table.key}: {row.label}", row.link, figure))
            for value, link in zip(row.values, row.cell_links, strict=False):
                if link:
                    found.append((f"{table.key}: {row.label}", link, value))
    return found


@pytest.mark.parametrize("period", [Period(2024, 2024), Period(2021, 2024)])
def test_every_linked_figure_matches_the_list_it_links_to(leader_client, varied, period):
    with override("en"):
        summary = build_summary(period)
        checked = linked_figures(summary)
        mismatches = []
        for name, link, figure in checked:
            if link.startswith("#table-"):  # a table of the page: one row per record
                count = len(summary.table(link.removeprefix("#table-")).rows)
            else:
                count = listed(leader_client, link)
            if count != figure:
                mismatches.append((name, figure, count, link))
        assert mismatches == []
        assert len(checked) > 60

        # The page links nothing the summary does not: every drill-down on it was checked.
        page = leader_client.get(
            reverse("dashboard:index"), {"year_from": period.first, "year_to": period.last}
        ).text
        drilldowns = {
            unescape(href)
            for href in re.findall(r'href="([^"]+)"', page)
            if href.startswith(("#table-", "/en/projects/?", "/en/dashboard/records/"))
        }
        assert drilldowns and drilldowns <= {link for _name, link, _figure in checked}


def test_sums_and_figures_no_list_matches_have_no_link(leader_client, varied):
    with override("en"):
        summary = build_summary(Period(2024, 2024))
    links = {
        (table.key, row.label): row.link or any(row.cell_links)
        for table in summary.tables
        for row in table.rows
    }
    assert not links["projects", "Partner institutions"]  # the directory has no period filter
    assert not links["exchanges", "People trained or hosted"]
    assert not links["exchanges", "Conference participants"]
    for key in ("funding", "funding-sources", "trend-funding"):
        assert summary.table(key).rows
        assert not any(linked for (table, _label), linked in links.items() if table == key)
    # On the page, the key figure without a link is a card all the same, not a link.
    with override("en"):
        page = leader_client.get(reverse("dashboard:index"), {"year_from": 2024}).text
    card = re.search(r'<div class="figure-card">.*?</div>', page, re.S).group()
    assert "Partner institutions" in card


def test_the_page_says_what_its_links_show_and_the_files_do_not(leader_client, varied):
    with override("en"):
        page = leader_client.get(reverse("dashboard:index"), {"year_from": 2024}).text
        printed = leader_client.get(reverse("dashboard:print"), {"year_from": 2024}).text
        files = leader_client.get(reverse("dashboard:export-csv"), {"year_from": 2024})
    about = zipfile.ZipFile(io.BytesIO(files.content)).read("about.csv").decode("utf-8-sig")
    assert "A linked figure opens the list of exactly the records it counts" in page
    assert "matches the list it links to" not in page
    # Paper and files have no links: they say which records count, not what a link shows.
    for text in (printed, about):
        assert "Only public records count" in text
        assert "link" not in re.sub(r"<[^>]+>", "", text).lower()
