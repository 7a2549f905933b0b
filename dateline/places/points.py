"""The curated representative points of dateline/knowledge/places/place_points.tsv.

Countries and the first-level regions of a few large countries get the conventional point of encyclopaedic
references instead of a packaged centroid; continents, seas and world regions are defined here outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dateline.knowledge import TsvRow, knowledge_path, read_tsv

PLACE_POINTS_FILE = knowledge_path("places", "place_points.tsv")
COLUMNS = ("feature", "country", "name", "lat", "lon", "population")
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


def _checked(row: TsvRow) -> PlacePoint:
    feature, country, name, population_text = (row[column].strip() for column in ("feature", "country", "name",
                                                                                 "population"))  # fmt: skip
    if feature not in POINT_FEATURES:
        raise row.error(f"unknown feature {feature!r} (expected one of {', '.join(POINT_FEATURES)})")
    spans_countries = feature in ("continent", "region")
    if spans_countries != (country == "") or (country and not _ALPHA2.fullmatch(country)):
        raise row.error(f"country {country!r} does not fit feature {feature!r}")
    if not name:
        raise row.error("empty name")
    lat, lon = row.number("lat"), row.number("lon")
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise row.error(f"point {lat}, {lon} is off the globe")
    if population_text and not population_text.isdigit():
        raise row.error(f"population must be a whole number, got {population_text!r}")
    aliases = tuple(a.strip() for a in row.get("aliases").split("|") if a.strip())
    return PlacePoint(feature, country, name, lat, lon, int(population_text or 0), aliases, row.line)


@cache
def load_place_points(path: Path = PLACE_POINTS_FILE) -> tuple[PlacePoint, ...]:
    """All rows, checked (raises with file:line on a bad or repeated row)."""
    points: list[PlacePoint] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row in read_tsv(path, COLUMNS, required=("feature", "name", "lat", "lon")):
        point = _checked(row)
        key = (point.feature, point.country, point.name if point.feature != "country" else "")
        if key in seen:
            raise row.error(f"repeats the row on line {seen[key]}")
        seen[key] = point.line
        points.append(point)
    return tuple(points)
