"""The partner-country map: Natural Earth shapes (portal/data/README.md), drawn in SVG."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django_countries import countries

from cooperation.models import PartnerCountry

SHAPES_FILE = Path(__file__).resolve().parent / "data" / "world-110m.json"


@cache
def country_shapes() -> dict[str, dict]:
    """Shapes keyed by ISO numeric code, read once per process."""
    return json.loads(SHAPES_FILE.read_text())


def partner_map(partner_countries: Iterable[PartnerCountry]) -> list[dict]:
    """What the map draws for each partner country that has a shape at this scale."""
    shapes = country_shapes()
    drawn = []
    for partner in partner_countries:
        numeric = countries.numeric(partner.code, padded=True)
        shape = shapes.get(numeric) if numeric else None
        if shape is None:  # too small for a 1:110m map; it still appears in the list
            continue
        drawn.append(
            {
                "country": partner,
                "d": shape["d"],
                "x": shape["x"],
                "y": shape["y"],
                "count": getattr(partner, "public_project_count", None),
            }
        )
    return drawn
