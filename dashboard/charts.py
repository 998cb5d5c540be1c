"""Chart geometry for server-rendered SVG: numbers in, coordinates out.

The templates draw what these functions return (no JavaScript, no inline styles: sizes are
SVG attributes, colours come from classes in static/css/dashboard.css). Every chart sits
beside its data table, which stays the accessible source of the numbers.
"""

from __future__ import annotations

import math
from typing import Any

from dashboard.figures import Table, as_number

WIDTH = 480
LABEL_WIDTH = 170
BAR_AREA = 230
BAR_HEIGHT = 16
ROW_GAP = 10
COLUMN_HEIGHT = 120
MAX_LABEL = 22


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _scale(values: list[Any]) -> float:
    top = max((as_number(v) for v in values if isinstance(v, int | float) or v), default=0)
    return float(top) or 1.0


def _fmt(value: Any) -> str:
    number = as_number(value)
    if isinstance(number, float):
        return f"{number:,.2f}"
    return f"{number:,}"


def bars(table: Table, series: int = 1) -> dict:
    """Horizontal bars: the first ``series`` value columns of each row (this period, and
    the previous one when ``series`` is 2)."""
    numbers = [row.values[i] for row in table.rows for i in range(series)]
    top = _scale(numbers)
    band = series * BAR_HEIGHT + ROW_GAP
    items = []
    for index, row in enumerate(table.rows):
        y = index * band
        items.append(
            {
                "label": _short(row.label),
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
        "height": max(len(table.rows) * band, band),
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT - 2,
        "rows": items,
        "series": series,
    }


def columns(table: Table) -> list[dict]:
    """One small column chart per value column (e.g. per currency), years along the bottom:
    each series keeps its own scale, so different units are never drawn on one axis."""
    charts = []
    count = max(len(table.rows), 1)
    slot = WIDTH / count
    for index, name in enumerate(table.columns):
        values = [row.values[index] for row in table.rows]
        top = _scale(values)
        items = []
        for position, (row, value) in enumerate(zip(table.rows, values, strict=True)):
            height = round(float(as_number(value) or 0) / top * COLUMN_HEIGHT, 1)
            x = position * slot
            items.append(
                {
                    "x": round(x + slot * 0.15, 1),
                    "y": 20 + COLUMN_HEIGHT - height,
                    "width": round(slot * 0.7, 1),
                    "height": height,
                    "label": row.label,
                    "label_x": round(x + slot / 2, 1),
                    "value": _fmt(value),
                    "value_y": 20 + COLUMN_HEIGHT - height - 4,
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
