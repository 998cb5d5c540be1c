"""The charts' labels as Chromium draws them: none cut at the drawing's edges, none over
another, on the page and in its print layout, in both languages, with millions in every
year."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils.translation import override

from dashboard.charts import columns, compact
from dashboard.figures import Row, Table
from tests import factories as f

# Each chart's labels (text with a box), measured in the page's pixels.
MEASURE = """
() => [...document.querySelectorAll('.dash-chart svg')].map(svg => {
  const box = svg.getBoundingClientRect();
  const labels = [...svg.querySelectorAll('text')].map(text => {
    const r = text.getBoundingClientRect();
    return {text: text.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom};
  });
  return {
    chart: svg.getAttribute('aria-label'),
    box: {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
    labels,
  };
})
"""


def problems(charts: list[dict]) -> list[str]:
    found = []
    for chart in charts:
        box, labels = chart["box"], chart["labels"]
        for label in labels:
            if (
                label["left"] < box["left"] - 0.5
                or label["right"] > box["right"] + 0.5
                or label["top"] < box["top"] - 0.5
                or label["bottom"] > box["bottom"] + 0.5
            ):
                found.append(f"{chart['chart']}: {label} leaves the chart {box}")
        for i, one in enumerate(labels):
            for other in labels[i + 1 :]:
                if (
                    one["left"] < other["right"]
                    and other["left"] < one["right"]
                    and one["top"] < other["bottom"]
                    and other["top"] < one["bottom"]
                ):
                    found.append(f"{chart['chart']}: {one['text']!r} over {other['text']!r}")
    return found


@pytest.fixture
def millions(live_server):
    """Ten years of projects funded with millions (and cents) in two currencies, with
    exchanges of hundreds of people."""
    unit = f.UnitFactory(name_en="College of Pharmacy and Marine Biotechnology Research")
    partner = f.InstitutionFactory()
    for year in range(2016, 2026):
        for n, currency in enumerate(["CNY", "USD"]):
            f.CooperationProjectFactory(
                start_date=date(year, 3, 1),
                lead_unit=unit,
                partners=[partner],
                funding_amount=Decimal(2_200_000 + 197_531 * (year - 2016) ** 2) + Decimal("0.55")
                if n == 0
                else Decimal(12_345 * (year - 2015)),
                currency=currency,
            )
        f.ExchangeFactory(start_date=date(year, 5, 1), people_count=100 * (year - 2000))
    return live_server.url


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_chart_labels_stay_inside_their_chart_and_never_overlap(
    millions, page, sign_in_leader, language
):
    sign_in_leader(page, millions, f"/{language}/dashboard/?year_from=2025")
    funding = page.locator("#table-trend-funding svg").first
    assert funding.locator("text").count() == 20  # every value and every year is drawn
    charts = page.evaluate(MEASURE)
    assert len(charts) > 8
    assert problems(charts) == []

    page.goto(f"{millions}/{language}/dashboard/print/?year_from=2025")
    page.emulate_media(media="print")
    page.wait_for_load_state("load")
    charts = page.evaluate(MEASURE)
    assert len(charts) > 8
    assert problems(charts) == []


def test_large_values_are_written_short_in_the_language_s_units():
    with override("en"):
        assert [compact(v) for v in (2_200_000, 4_000_000, 12_345, 999_999)] == [
            "2.2M",
            "4M",
            "12.3K",
            "1M",
        ]
        assert compact(Decimal("1234567890.55")) == "1.23B"
    with override("zh-hans"):
        assert [compact(v) for v in (2_200_000, 4_000_000, 123_456_789, 9_999, 9_876.4)] == [
            "220万",
            "400万",
            "1.23亿",
            "1万",
            "9,876",
        ]


def test_a_chart_writes_its_values_in_full_when_they_fit_and_keeps_them_in_titles():
    small = Table("t", "T", "Year", ["Count"], [Row(str(y), [y - 2000]) for y in range(2016, 2026)])
    with override("en"):
        (chart,) = columns(small)
        assert [c["value"] for c in chart["columns"]] == [str(y - 2000) for y in range(2016, 2026)]
        large = Table(
            "t",
            "T",
            "Year",
            ["CNY"],
            [Row(str(y), [Decimal(2_200_000)]) for y in range(2016, 2026)],
        )
        (chart,) = columns(large)
        assert {c["value"] for c in chart["columns"]} == {"2.2M"}
        assert chart["columns"][0]["title"] == "2016: 2,200,000"
