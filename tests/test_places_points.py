"""place_points.tsv: the curated conventional points of countries, regions, continents and seas, and their loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation.scoring import haversine_km
from dateline.places.gazetteer import Gazetteer
from dateline.places.points import PLACE_POINTS_FILE, load_place_points

HEADER = "# comment\nfeature\tcountry\tname\tlat\tlon\tpopulation\taliases\n"


@pytest.fixture(scope="module")
def gazetteer(resources) -> Gazetteer:  # type: ignore[no-untyped-def]
    return resources.places.gazetteer  # type: ignore[no-any-return]


def test_places_points_file_has_a_point_for_every_country_of_the_gazetteer(gazetteer: Gazetteer) -> None:
    listed = {p.country for p in load_place_points(PLACE_POINTS_FILE) if p.feature == "country"}
    assert len(listed) >= 240
    assert set(gazetteer.countries) <= listed


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("capital\tIQ\tBaghdad\t33.3\t44.4\t\t", "unknown feature"),
        ("country\tIraq\tIraq\t33.0\t44.0\t\t", "does not fit"),
        ("region\tIQ\tMesopotamia\t33.0\t44.0\t\t", "does not fit"),
        ("admin1\t\tAnbar\t33.0\t42.0\t\t", "does not fit"),
        ("country\tIQ\tIraq\tnorth\t44.0\t\t", "not a number"),
        ("country\tIQ\tIraq\t93.0\t44.0\t\t", "off the globe"),
        ("region\t\tLevant\t34.0\t36.5\tmany\t", "whole number"),
        ("region\t\t\t34.0\t36.5\t0\t", "empty name"),
        ("country\tIQ\tIraq\t33.0", "expected 6"),
    ],
)
def test_places_points_bad_row_raises_with_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    bad = tmp_path / "points.tsv"
    bad.write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=rf"points\.tsv:3: .*{message}"):
        load_place_points(bad)


def test_places_points_repeated_country_raises_naming_both_lines(tmp_path: Path) -> None:
    bad = tmp_path / "twice.tsv"
    bad.write_text(HEADER + "country\tIQ\tIraq\t33.0\t44.0\t\t\ncountry\tIQ\tIraq\t33.5\t44.0\t\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"twice\.tsv:4: repeats the row on line 3"):
        load_place_points(bad)


def test_places_points_reads_aliases_and_population(tmp_path: Path) -> None:
    good = tmp_path / "good.tsv"
    good.write_text(HEADER + "region\t\tLevant\t34.0\t36.5\t40000000\tEastern Mediterranean coast|Sham\n", "utf-8")
    (point,) = load_place_points(good)
    assert (point.name, point.population, point.aliases, point.line) == (
        "Levant",
        40_000_000,
        ("Eastern Mediterranean coast", "Sham"),
        3,
    )


@pytest.mark.parametrize(
    ("name", "feature", "lat", "lon"),
    [
        ("China", "country", 35.9, 104.2),
        ("Iraq", "country", 33.0, 44.0),
        ("Queensland", "admin1", -22.6, 144.5),
        ("Ontario", "admin1", 50.0, -85.0),
        ("Pacific Ocean", "region", 0.0, -160.0),
        ("Southeast Asia", "region", 5.0, 110.0),
    ],
)
def test_places_points_set_the_gazetteer_point(
    gazetteer: Gazetteer, name: str, feature: str, lat: float, lon: float
) -> None:
    entry = next(e for e in gazetteer.lookup(name) if e.feature == feature)
    assert haversine_km(entry.lat, entry.lon, lat, lon) < 1.0


def test_places_points_keep_the_packaged_ids_of_regions(gazetteer: Gazetteer) -> None:
    ontario = next(e for e in gazetteer.lookup("Ontario") if e.feature == "admin1")
    assert ontario.geonameid is not None and ontario.country == "CA" and ontario.admin1_code == "CA.08"


def test_places_points_add_countries_the_packages_lack(gazetteer: Gazetteer) -> None:
    kosovo = gazetteer.country("XK")
    assert kosovo is not None and kosovo.name == "Kosovo"
    assert any(e.feature == "country" for e in gazetteer.lookup("Kosovo"))
