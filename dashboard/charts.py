"""Chart geometry for server-rendered SVG: numbers in, coordinates out.

The templates draw what these functions return (no JavaScript, no inline styles: sizes are
SVG attributes, colours come from classes in static/css/dashboard.css). Every chart sits
beside its data table, which stays the accessible source of the numbers.
"""

from __future__ import annotations

import math
from typing import Any

from django.utils.translation import get_language, pgettext

from dashboard.figures import Table, as_number, figure_text

WIDTH = 480
LABEL_WIDTH = 170
BAR_AREA = 230
BAR_HEIGHT = 16
ROW_GAP = 10
COLUMN_HEIGHT = 120
# Font sizes of .chart-label and .chart-value in static/css/dashboard.css, in SVG units.
LABEL_FONT = 12
VALUE_FONT = 11
# A generous width per character, as a share of the font size (wide fonts' digits, such as
# DejaVu Sans's, take .64; Chinese characters a whole em): the server cannot measure text,
# so it estimates wide, and a label it judges to fit does fit.
CHAR_WIDTH = 0.65
LABEL_GAP = 4  # at least this much between two labels, and between a label and an edge
# Large numbers written short, by the units each language counts in (万 and 亿 in Chinese).
COMPACT_UNITS = {"zh-hans": [(10**8, "亿"), (10**4, "万")]}
DEFAULT_UNITS = [(10**9, "B"), (10**6, "M"), (10**3, "K")]


def text_width(text: str, size: float) -> float:
    """An estimate, never short, of the width of a text at a font size (in SVG units)."""
    return sum(size if ord(char) >= 0x2E80 else size * CHAR_WIDTH for char in text)


def _short(label: str, room: float = LABEL_WIDTH - 2 * LABEL_GAP) -> str:
    """The label, cut with an ellipsis to fit the room (by its width: a Chinese character
    takes about twice a Latin letter's)."""
    if text_width(label, LABEL_FONT) <= room:
        return label
    while label and text_width(label + "…", LABEL_FONT) > room:
        label = label[:-1]
    return label + "…"


def compact(value: Any) -> str:
    """A number in three significant digits and its language's unit: 2.2M, or 220万 in
    Chinese; below the smallest unit, a whole number."""
    number = float(as_number(value) or 0)
    rounded = float(f"{number:.3g}")  # 999,999 is 1M, not 1000K
    for size, suffix in COMPACT_UNITS.get(get_language(), DEFAULT_UNITS):  # largest first
        if abs(rounded) >= size:
            scaled = rounded / size
            decimals = max(0, 3 - len(str(int(abs(scaled)))))
            text = f"{scaled:.{decimals}f}"
            return (text.rstrip("0").rstrip(".") if "." in text else text) + suffix
    return f"{round(number):,}"


def _scale(values: list[Any]) -> float:
    top = max((as_number(v) for v in values if isinstance(v, int | float) or v), default=0)
    return float(top) or 1.0


def _fmt(value: Any) -> str:
    number = as_number(value)
    if isinstance(number, float):
        return f"{number:,.2f}"
    return f"{number:,}"


def bars(table: Table, series: int = 1) -> dict:
    """Horizontal bars: the first ``series`` value columns of each charted row (this
    period, and the previous one when ``series`` is 2)."""
    charted = [row for row in table.rows if row.charted]
    numbers = [row.values[i] for row in charted for i in range(series)]
    top = _scale(numbers)
    band = series * BAR_HEIGHT + ROW_GAP
    items = []
    for index, row in enumerate(charted):
        y = index * band
        items.append(
            {
                "label": _short(row.label),
                "label_x": LABEL_GAP / 2,  # a glyph may reach left of its origin (J)
                "label_y": y + series * BAR_HEIGHT / 2 + 4,
                "bars": [
                    {
                        "y": y + i * BAR_HEIGHT,
                        "width": round(float(as_number(row.values[i]) or 0) / top * BAR_AREA, 1),
                        "value": _fmt(row.values[i]),
                        "value_x": LABEL_WIDTH
                        + round(float(as_number(row.values[i]) or 0) / top * BAR_AREA, 1)
                        + 4,
                        "value_y": y + i * BAR_HEIGHT + BAR_HEIGHT - 4,
                        "series": i,
                    }
                    for i in range(series)
                ],
            }
        )
    return {
        "width": WIDTH,
        "height": max(len(charted) * band, band),
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT - 2,
        "rows": items,
        "series": series,
    }


def value_labels(values: list[Any], room: float) -> list[str]:
    """The columns' value labels, each within ``room``: as the table writes them if all
    fit, else all in short (2.2M); one that still does not fit is left out (its column's
    title and the table beside the chart keep every value)."""
    texts = [_fmt(value) for value in values]
    if any(text_width(text, VALUE_FONT) > room for text in texts):
        texts = [compact(value) for value in values]
    return [text if text_width(text, VALUE_FONT) <= room else "" for text in texts]


def columns(table: Table) -> list[dict]:
    """One small column chart per value column (e.g. per currency), years along the bottom:
    each series keeps its own scale, so different units are never drawn on one axis.

    Each label is centred over its column within the column's slot, and only drawn when it
    fits in it: so no label reaches past the drawing's edges or into its neighbour's."""
    charts = []
    count = max(len(table.rows), 1)
    slot = (WIDTH - 2 * LABEL_GAP) / count
    room = slot - LABEL_GAP
    separator = pgettext("between a label and its value", ": ")
    for index, name in enumerate(table.columns):
        values = [row.values[index] for row in table.rows]
        top = _scale(values)
        texts = value_labels(values, room)
        items = []
        for position, (row, value) in enumerate(zip(table.rows, values, strict=True)):
            height = round(float(as_number(value) or 0) / top * COLUMN_HEIGHT, 1)
            x = LABEL_GAP + position * slot
            # A year not over is named by the year alone here, its column drawn apart
            # (``unfinished``); its title, the table and the note say "to date" (this
            # year) or "not begun" (one to come).
            label = row.short_label or row.label
            fits = text_width(label, LABEL_FONT) <= room
            items.append(
                {
                    "x": round(x + slot * 0.15, 1),
                    "y": 20 + COLUMN_HEIGHT - height,
                    "width": round(slot * 0.7, 1),
                    "height": height,
                    "unfinished": row.unfinished,
                    "label": label if fits else "",
                    "label_x": round(x + slot / 2, 1),
                    "value": texts[position],
                    "value_y": 20 + COLUMN_HEIGHT - height - 4,
                    "title": f"{row.label}{separator}{figure_text(value)}",
                }
            )
        charts.append(
            {
                "name": name,
                "width": WIDTH,
                "height": COLUMN_HEIGHT + 40,
                "baseline": 20 + COLUMN_HEIGHT,
                "label_y": 20 + COLUMN_HEIGHT + 15,
                "columns": items,
            }
        )
    return charts


def heat_levels(table: Table) -> list[list[int]]:
    """For the matrix: each cell's shade, 0 (none) to 4 (the largest count)."""
    top = _scale([v for row in table.rows for v in row.values])
    return [
        [math.ceil(float(as_number(v) or 0) / top * 4) for v in row.values] for row in table.rows
    ]


def chart_for(table: Table) -> Any:
    if table.chart == "compare":
        return bars(table, series=2)
    if table.chart == "bars":
        return bars(table)
    if table.chart == "columns":
        return columns(table)
    if table.chart == "matrix":
        return heat_levels(table)
    return None
