"""The curated representative points of dateline/knowledge/places/place_points.tsv.

Countries and the first-level regions of a few large countries get the conventional point of encyclopaedic
references instead of a packaged centroid; continents, seas and world regions are defined here outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dateline.places.tsv import parse_float, read_tsv

PLACE_POINTS_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "places" / "place_points.tsv"
POINT_FEATURES = ("country", "admin1", "continent", "region")
_ALPHA2 = re.compile(r"[A-Z]{2}")


@dataclass(frozen=True, slots=True)
class PlacePoint:
    """One row: `country` is the ISO alpha-2 code for countries and admin1s, "" for areas spanning countries."""

    feature: str
    country: str
    name: str
    lat: float
    lon: float
    population: int
    aliases: tuple[str, ...]
    line: int


def _checked(path: Path, number: int, cells: list[str]) -> PlacePoint:
    feature, country, name, lat_text, lon_text, population_text = (cell.strip() for cell in cells[:6])
    if feature not in POINT_FEATURES:
        raise ValueError(f"{path}:{number}: unknown feature {feature!r} (expected one of {', '.join(POINT_FEATURES)})")
    spans_countries = feature in ("continent", "region")
    if spans_countries != (country == "") or (country and not _ALPHA2.fullmatch(country)):
        raise ValueError(f"{path}:{number}: country {country!r} does not fit feature {feature!r}")
    if not name:
        raise ValueError(f"{path}:{number}: empty name")
    lat, lon = parse_float(path, number, lat_text), parse_float(path, number, lon_text)
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"{path}:{number}: point {lat}, {lon} is off the globe")
    if population_text and not population_text.isdigit():
        raise ValueError(f"{path}:{number}: population must be a whole number, got {population_text!r}")
    aliases = tuple(a.strip() for a in (cells[6].split("|") if len(cells) > 6 else []) if a.strip())
    return PlacePoint(feature, country, name, lat, lon, int(population_text or 0), aliases, number)


@cache
def load_place_points(path: Path = PLACE_POINTS_FILE) -> tuple[PlacePoint, ...]:
    """All rows, checked (raises with file:line on a bad or repeated row)."""
    points: list[PlacePoint] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, cells in read_tsv(path, 6):
        point = _checked(path, number, cells)
        key = (point.feature, point.country, point.name if point.feature != "country" else "")
        if key in seen:
            raise ValueError(f"{path}:{number}: repeats the row on line {seen[key]}")
        seen[key] = number
        points.append(point)
    return tuple(points)
