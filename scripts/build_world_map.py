"""Build the world map data from Natural Earth 110m (npm package world-atlas@2.0.2).

Usage: npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
       python scripts/build_world_map.py package/countries-110m.json

Writes static/img/world-110m.svg (every country, drawn once, cached by browsers) and
portal/data/world-110m.json (each country's path and label point, keyed by ISO 3166-1
numeric code) in an equirectangular projection, viewBox 0 0 960 480.
"""

import json
import sys
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 960, 480


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)
    return points


def unwrap(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Keep a ring continuous across the antimeridian (a jump of more than 180 degrees
    means the ring crossed it); the part beyond the map's edge is clipped by the viewBox."""
    if min(lat for _lon, lat in points) <= -89:
        return points  # Antarctica runs along the map's bottom edge on purpose
    result = [points[0]]
    offset = 0.0
    for (lon0, _lat0), (lon, lat) in pairwise(points):
        if lon - lon0 > 180:
            offset -= 360
        elif lon0 - lon > 180:
            offset += 360
        result.append((lon + offset, lat))
    return result


def project(lon: float, lat: float) -> tuple[float, float]:
    return round((lon + 180) * WIDTH / 360, 1), round((90 - lat) * HEIGHT / 180, 1)


def area(points) -> float:
    return (
        abs(
            sum(
                x0 * y1 - x1 * y0
                for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)
            )
        )
        / 2
    )


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text())
    arcs = decode_arcs(topology)
    shapes = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if "id" not in geometry or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [
            [project(*p) for p in unwrap(ring_points(ring, arcs))]
            for polygon in polygons
            for ring in polygon
        ]
        path = " ".join("M" + "L".join(f"{x:g},{y:g}" for x, y in ring) + "Z" for ring in rings)
        largest = max(rings, key=area)
        xs, ys = [x for x, _ in largest], [y for _, y in largest]
        shapes[geometry["id"]] = {
            "d": path,
            "x": round((min(xs) + max(xs)) / 2, 1),
            "y": round((min(ys) + max(ys)) / 2, 1),
        }
    (ROOT / "portal/data/world-110m.json").write_text(json.dumps(shapes, separators=(",", ":")))
    svg_paths = "".join(f'<path d="{shape["d"]}"/>' for shape in shapes.values())
    (ROOT / "static/img/world-110m.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<g fill="#dfe6ec" stroke="#ffffff" stroke-width="0.5">{svg_paths}</g></svg>\n'
    )
    print(f"{len(shapes)} countries")


if __name__ == "__main__":
    main(sys.argv[1])
