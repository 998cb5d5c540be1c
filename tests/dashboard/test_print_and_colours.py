"""The summary as Chromium shows it on paper and on screen: every column of every table on an
A4 page, and colours that can be read (WCAG 1.4.3: text 4.5:1; 1.4.11: chart shapes 3:1).
axe leaves the matrix's cells out of its contrast check (they sit in a scrolled box), so
the colours are measured here."""

import re
from datetime import date

import pytest
from django.utils import timezone

from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The demo's fields, the longest names a matrix's header has to hold.
FIELDS = [
    "Innovative microbial drugs",
    "Gene and protein",
    "Enzyme-engineering drugs",
    "Biocatalysis and biotransformation",
    "Minimally invasive diagnosis and treatment of prostate cancer",
    "Innovative marine drugs",
    "Orthopaedic surgery",
    "Plant-derived innovative drugs",
]
# A4 less the print layout's 15 mm margins, in CSS pixels (96 per inch).
A4_CONTENT_WIDTH = round((210 - 2 * 15) / 25.4 * 96)


@pytest.fixture
def matrix(live_server):
    """Projects running in 2025 in eight fields with three partner countries, so that the
    country × field matrix has a cell at every shade (1 to 4 projects)."""
    fields = [
        f.ResearchFieldFactory(name_en=name, slug=f"f{n}", sort_order=n)
        for n, name in enumerate(FIELDS)
    ]
    japan, britain, canada = (
        f.InstitutionFactory(country=f.PartnerCountryFactory(country=code))
        for code in ("JP", "GB", "CA")
    )
    start = date(2025, 3, 1)
    for _ in range(4):
        f.CooperationProjectFactory(start_date=start, partners=[japan], fields=[fields[0]])
    for _ in range(3):
        f.CooperationProjectFactory(start_date=start, partners=[britain], fields=[fields[1]])
    f.CooperationProjectFactory(start_date=start, partners=[canada], fields=fields)
    f.CooperationProjectFactory(start_date=start, partners=[canada], fields=[fields[2]])
    return live_server.url


# Each table wider than its box (in print, a scrolled box shows only its first columns).
CUT_TABLES = """
() => [...document.querySelectorAll('.dash-table-wrap')]
  .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1
    || wrap.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(wrap => wrap.closest('section').id + ': ' + wrap.scrollWidth + ' > ' + wrap.clientWidth)
"""


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_print_layout_keeps_every_column_on_an_a4_page(matrix, page, sign_in_leader, language):
    sign_in_leader(page, matrix, f"/{language}/dashboard/print/?year_from=2025")
    page.set_viewport_size({"width": A4_CONTENT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    assert page.locator("#table-matrix thead th").count() == 1 + len(FIELDS)
    assert page.evaluate(CUT_TABLES) == []


def luminance(css: str) -> float:
    red, green, blue = (int(c) / 255 for c in re.findall(r"\d+", css)[:3])
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (red, green, blue)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# A cell with no shade of its own shows the page's background.
MATRIX_CELLS = """
() => [...document.querySelectorAll('.dash-matrix td a')].map(a => {
  const shade = getComputedStyle(a.closest('td')).backgroundColor;
  return [a.closest('td').className, getComputedStyle(a).color,
    shade === 'rgba(0, 0, 0, 0)' ? getComputedStyle(document.body).backgroundColor : shade];
})
"""
CHART_SHAPES = """
() => [...document.querySelectorAll('svg .chart-bar, .chart-legend .key')].map(shape => [
  shape.getAttribute('class'),
  shape.tagName === 'rect' ? getComputedStyle(shape).fill : getComputedStyle(shape).backgroundColor])
"""


def test_the_matrix_s_figures_and_the_charts_shapes_stand_out_from_their_background(
    matrix, page, sign_in_leader
):
    sign_in_leader(page, matrix, "/en/dashboard/?year_from=2025")
    cells = page.evaluate(MATRIX_CELLS)
    shades = {re.search(r"heat-(\d)", kind).group(1) for kind, _, _ in cells}
    assert shades == {"0", "1", "2", "3", "4"}  # every shade is measured
    faint = {
        kind: round(contrast(text, background), 2)
        for kind, text, background in cells
        if contrast(text, background) < 4.5
    }
    assert faint == {}

    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    shapes = page.evaluate(CHART_SHAPES)
    assert {kind for kind, _ in shapes} >= {"chart-bar series-0", "chart-bar series-1"}
    faint = {
        kind: round(contrast(colour, page_background), 2)
        for kind, colour in shapes
        if contrast(colour, page_background) < 3
    }
    assert faint == {}


UNFINISHED_COLUMNS = """
() => [...document.querySelectorAll('svg .chart-bar')].map(bar => {
  const style = getComputedStyle(bar);
  return [bar.classList.contains('unfinished'), style.stroke, style.strokeDasharray,
    style.strokeWidth];
})
"""


@pytest.mark.parametrize("media", ["screen", "print"])
def test_a_year_not_over_is_drawn_apart_by_an_outline_that_stands_out(
    matrix, page, sign_in_leader, media
):
    """Not by colour alone (WCAG 1.4.1): a dashed outline the whole years' columns do not
    have, at 3:1 against the page (1.4.11), on screen and on paper."""
    this_year = timezone.localdate().year
    sign_in_leader(page, matrix, f"/en/dashboard/print/?year_from={this_year}")
    page.emulate_media(media=media)
    page_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    bars = page.evaluate(UNFINISHED_COLUMNS)
    unfinished = [bar for bar in bars if bar[0]]
    # One column a chart: projects (2), achievements (1), exchanges (3); no funding here.
    assert len(unfinished) == 6
    for _marked, stroke, dashes, width in unfinished:
        assert dashes not in ("none", "") and float(width.removesuffix("px")) >= 1.5
        assert contrast(stroke, page_background) >= 3
    assert {stroke for marked, stroke, _dashes, _width in bars if not marked} == {"none"}
