"""The places stage on the real seed articles (read from ../shared at test time; skipped when absent)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from dateline.evaluation.scoring import haversine_km
from dateline.jobs import extract_batch
from dateline.records import Extraction, Place, RawDocument
from dateline.settings import Settings

# Reference points: GeoNames city coordinates (facts); regions at the gazetteer's own region point, checked below to
# lie inside the region's country.
CITIES = {
    "Ramadi": (33.4206, 43.3078),
    "Mosul": (36.335, 43.1189),
    "Tikrit": (34.6158, 43.6786),
    "Raqqa": (35.9528, 39.0079),
    "Palmyra": (34.5624, 38.284),
    "Hilla": (32.4637, 44.4196),
    "Basra": (30.5085, 47.7804),
    "Baghdad": (33.3406, 44.4009),
    "Sulaymaniyah": (35.565, 45.4329),
}
REGIONS = {"Anbar": "IQ", "Nineveh": "IQ"}
COUNTRIES = {"Ottawa": "CA", "Paris": "FR"}
IRAQ_BOX = (29.0, 37.5, 38.5, 48.6)


@pytest.fixture(scope="module")
def seed_places(seeds_dir: Path, resources) -> list[Place]:  # type: ignore[no-untyped-def]
    raws = [RawDocument(origin=str(p), text=p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]
    extractions: list[Extraction] = extract_batch(raws, Settings())
    return [place for extraction in extractions for place in extraction.places]


def _mentions(found: list[Place], word: str) -> list[Place]:
    return [p for p in found if p.text.lower() == word.lower()]


@pytest.mark.parametrize("word", sorted(CITIES))
def test_places_seed_cities_within_30_km(seed_places: list[Place], word: str) -> None:
    mentions = _mentions(seed_places, word)
    assert mentions, f"{word} not found in the seeds"
    for place in mentions:
        assert place.lat is not None and place.lon is not None
        assert haversine_km(place.lat, place.lon, *CITIES[word]) <= 30.0


@pytest.mark.parametrize("word", sorted(REGIONS))
def test_places_seed_regions_at_their_region_point(seed_places: list[Place], word: str) -> None:
    mentions = _mentions(seed_places, word)
    assert mentions, f"{word} not found in the seeds"
    for place in mentions:
        assert (place.feature, place.country) == ("admin1", REGIONS[word])
        assert place.lat is not None and place.lon is not None and not math.isnan(place.lat)
        assert IRAQ_BOX[0] < place.lat < IRAQ_BOX[1] and IRAQ_BOX[2] < place.lon < IRAQ_BOX[3]


@pytest.mark.parametrize(("word", "country"), sorted(COUNTRIES.items()))
def test_places_seed_capitals_in_their_country(seed_places: list[Place], word: str, country: str) -> None:
    mentions = _mentions(seed_places, word)
    assert mentions and all(p.country == country for p in mentions)
