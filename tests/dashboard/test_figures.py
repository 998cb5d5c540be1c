"""Every number of the summary, worked out by hand from the known data (tests/dashboard/conftest.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import override

from cooperation import models as m
from dashboard.charts import chart_for
from dashboard.figures import Period, Summary, build_summary
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary(known) -> Summary:
    with override("en"):
        return build_summary(Period(2024, 2024))


def values(summary: Summary, key: str) -> dict[str, list]:
    return {row.label: row.values for row in summary.table(key).rows}


def test_the_period_and_its_comparison():
    assert Period(2024, 2024).previous() == Period(2023, 2023)
    assert Period(2021, 2024).previous() == Period(2017, 2020)
    assert Period(2021, 2024).trend_years() == list(range(2015, 2025))
    assert str(Period(2021, 2024)) == "2021–2024"


def test_projects_and_partners(summary):
    # Active 2024: p1 (across the boundary), p2, p7 (starts on 31 December); not p3 (ended
    # the day before), p4 (starts the day after), p5 (draft), p6 (scheduled).
    assert values(summary, "projects") == {
        "Projects running": [3, 2, 1],
        "New projects": [2, 1, 1],
        "Partner countries": [2, 2, 0],
        "Partner institutions": [3, 2, 1],
    }


def test_funding_is_summed_per_currency_never_across(summary):
    assert values(summary, "funding") == {
        "CNY": [Decimal("200"), Decimal("100"), Decimal("100")],
        "USD": [Decimal("50"), 0, Decimal("50")],
    }
    assert values(summary, "funding-sources") == {
        "NSFC": ["CNY", Decimal("200"), Decimal("100"), Decimal("100")],
        "EU": ["USD", Decimal("50"), 0, Decimal("50")],
    }


def test_a_currency_with_funding_only_in_earlier_trend_years_is_no_row_of_zeros(known):
    # Funded in 2016 only: a column of the ten-year trend, but nothing to compare in 2024.
    f.CooperationProjectFactory(
        start_date=date(2016, 5, 1), funding_amount=Decimal("70"), currency="GBP"
    )
    with override("en"):
        summary = build_summary(Period(2024, 2024))
    assert list(values(summary, "funding")) == ["CNY", "USD"]
    assert summary.table("trend-funding").columns == ["CNY", "GBP", "USD"]


def test_awards_achievements_exchanges_and_news(summary):
    assert values(summary, "awards") == {
        "National": [1, 1, 0],
        "Provincial": [1, 0, 1],
        "All awards": [2, 1, 1],
    }
    assert values(summary, "achievements") == {
        "Paper": [1, 1, 0],
        "Patent": [1, 0, 1],
        "All achievements": [2, 1, 1],
    }
    assert values(summary, "exchanges") == {
        "Exchanges": [1, 1, 0],
        "People trained or hosted": [3, 2, 1],
        "Conference participants": [0, 0, 0],
        "Incoming visit": [1, 0, 1],
        "Outgoing visit": [0, 1, -1],
    }
    # 1 January 2024 00:30 in Shanghai is in 2024, though it is still 2023 in UTC.
    assert values(summary, "news") == {"Articles published": [2, 1, 1]}


def test_ten_year_trends(summary):
    years = [str(year) for year in range(2015, 2025)]
    projects = values(summary, "trend-projects")
    assert list(projects) == years
    started = dict.fromkeys(years, 0) | {"2020": 1, "2023": 1, "2024": 2}
    active = dict.fromkeys(years, 0) | {"2020": 1, "2021": 1, "2022": 1, "2023": 2, "2024": 3}
    assert projects == {year: [started[year], active[year]] for year in years}

    assert summary.table("trend-funding").columns == ["CNY", "USD"]
    funding = values(summary, "trend-funding")
    assert funding["2020"] == [Decimal("10"), 0]
    assert funding["2023"] == [Decimal("100"), 0]
    assert funding["2024"] == [Decimal("200"), Decimal("50")]
    assert all(funding[year] == [0, 0] for year in years if year not in ("2020", "2023", "2024"))

    achievements = values(summary, "trend-achievements")
    assert achievements == {year: [{"2023": 1, "2024": 2}.get(year, 0)] for year in years}
    exchanges = values(summary, "trend-exchanges")
    expected = {"2023": [1, 2, 0], "2024": [1, 3, 0]}
    assert exchanges == {year: expected.get(year, [0, 0, 0]) for year in years}


def test_conference_participants_are_counted_apart_from_people_trained(known):
    # A forum's audience is no training: a report on talent counts it apart.
    conference = m.ExchangeKind.CONFERENCE
    f.ExchangeFactory(kind=conference, start_date=date(2024, 9, 1), people_count=150)
    f.ExchangeFactory(kind=conference, start_date=date(2023, 9, 1), people_count=40)
    with override("en"):
        summary = build_summary(Period(2024, 2024))
    assert values(summary, "exchanges") == {
        "Exchanges": [2, 2, 0],
        "People trained or hosted": [3, 2, 1],
        "Conference participants": [150, 40, 110],
        "Incoming visit": [1, 0, 1],
        "Outgoing visit": [0, 1, -1],
        "Conference": [1, 1, 0],
    }
    assert summary.table("trend-exchanges").columns == [
        "Exchanges",
        "People trained or hosted",
        "Conference participants",
    ]
    trend = values(summary, "trend-exchanges")
    assert (trend["2023"], trend["2024"]) == ([2, 2, 40], [2, 3, 150])


def test_the_exchanges_chart_draws_counts_of_exchanges_never_sums_of_people(known):
    # On one scale, 150 conference listeners would dwarf two visits: the people stay in
    # the table, the chart compares exchanges with exchanges.
    f.ExchangeFactory(kind=m.ExchangeKind.CONFERENCE, start_date=date(2024, 9, 1), people_count=150)
    with override("en"):
        table = build_summary(Period(2024, 2024)).table("exchanges")
        chart = chart_for(table)
    assert [row["label"] for row in chart["rows"]] == [
        "Exchanges",
        "Conference",
        "Incoming visit",
        "Outgoing visit",
    ]
    widest = max(bar["width"] for row in chart["rows"] for bar in row["bars"])
    assert chart["rows"][0]["bars"][0]["width"] == widest  # all exchanges, the longest bar
    assert "Conference participants" in [row.label for row in table.rows]


def test_ten_years_without_funding_give_no_table_of_bare_years(known):
    with override("en"):
        summary = build_summary(Period(1950, 1950))
    assert summary.table("trend-funding").rows == []
    assert summary.table("trend-projects").rows  # the other trends keep their zero years


def test_breakdowns_of_the_projects_active_in_the_period(summary):
    assert values(summary, "countries") == {"Japan": [3], "Germany": [1]}
    # Marine microbes is a sub-field of Microbial drugs: p1 counts there, p2 only once.
    assert values(summary, "fields") == {"Microbial drugs": [2], "Biocatalysis": [1]}
    assert values(summary, "units") == {"College of Pharmacy": [2], "Institute of Antibiotics": [1]}
    assert values(summary, "kinds") == {"Joint research": [2], "Joint laboratory": [1]}
    matrix = summary.table("matrix")
    assert matrix.columns == ["Microbial drugs", "Biocatalysis"]
    assert values(summary, "matrix") == {"Japan": [2, 1], "Germany": [1, 1]}
    assert values(summary, "institutions") == {
        "Alpha University": ["Japan", 2],
        "Beta Institute": ["Germany", 1],
        "Gamma Hospital": ["Japan", 1],
    }
    assert [(c.code, c.public_project_count) for c in summary.map_countries] == [
        ("JP", 3),
        ("DE", 1),
    ]


def test_a_range_of_years_counts_a_project_once(known):
    with override("en"):
        summary = build_summary(Period(2023, 2024))
    assert summary.previous == Period(2021, 2022)
    assert values(summary, "projects")["Projects running"] == [4, 1, 3]  # p1 p2 p3 p7 / p3
    assert values(summary, "projects")["New projects"] == [3, 0, 3]


def test_labels_follow_the_language(known):
    with override("zh-hans"):
        summary = build_summary(Period(2024, 2024))
    assert "日本" in values(summary, "countries")
    assert "国家自然科学基金" in values(summary, "funding-sources")
