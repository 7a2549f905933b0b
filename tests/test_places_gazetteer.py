"""The offline gazetteer: name keys, lookups of transliterated names, knowledge-file checks, the disk cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.knowledge import KnowledgeError
from dateline.places import gazetteer as gz
from dateline.places.gazetteer import Gazetteer, loose_key, normalize


@pytest.fixture(scope="module")
def gazetteer(resources) -> Gazetteer:  # type: ignore[no-untyped-def]
    return resources.places.gazetteer  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Ar Raqqah", "raqqah"),
        ("al-Anbar", "anbar"),
        ("Tikrīt", "tikrit"),
        ("Karbalā’", "karbala"),
        ("U.S.", "u s"),
        ("  MOSUL ", "mosul"),
        ("The Hague", "hague"),
        ("", ""),
    ],
)
def test_places_normalize_strips_articles_accents_and_punctuation(text: str, key: str) -> None:
    assert normalize(text) == key


@pytest.mark.parametrize(("first", "second"), [("Hilla", "Hillah"), ("Basra", "Basrah"), ("Raqqa", "Raqa")])
def test_places_loose_key_joins_transliteration_variants(first: str, second: str) -> None:
    assert loose_key(first) == loose_key(second)


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Hilla", "IQ", "city"),
        ("Raqqa", "SY", "city"),
        ("Palmyra", "SY", "city"),
        ("Basra", "IQ", "city"),
        ("Tikrit", "IQ", "city"),
        ("Anbar", "IQ", "admin1"),
        ("Nineveh", "IQ", "admin1"),
        ("Diyala", "IQ", "admin1"),
        ("Kurdistan Region", "IQ", "admin1"),
        ("Barwanah", "IQ", "city"),
        ("Dagestan", "RU", "admin1"),
        ("U.S.", "US", "country"),
        ("Fla.", "US", "admin1"),
        ("Nyanza Province", "KE", "admin1"),
        ("Zaire", "CD", "country"),
    ],
)
def test_places_lookup_finds_news_spellings(gazetteer: Gazetteer, name: str, country: str, feature: str) -> None:
    found = gazetteer.lookup(name)
    assert any(entry.country == country and entry.feature == feature for entry in found)


def test_places_lookup_of_la_with_periods_is_los_angeles_not_louisiana(gazetteer: Gazetteer) -> None:
    assert [(e.name, e.country) for e in gazetteer.lookup("L.A.")] == [("Los Angeles", "US")]


def test_places_lookup_of_unknown_or_empty_name_is_empty(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qwzxvbnm") == []
    assert gazetteer.lookup("") == []


def test_places_regions_get_a_point_inside_their_country(gazetteer: Gazetteer) -> None:
    anbar = next(e for e in gazetteer.lookup("Anbar") if e.feature == "admin1")
    assert 29.0 < anbar.lat < 37.5 and 38.5 < anbar.lon < 48.5  # Iraq's bounding box


def test_places_demonyms_map_to_countries(gazetteer: Gazetteer) -> None:
    assert gazetteer.demonyms[normalize("Iraqi")] == "IQ"
    assert gazetteer.demonyms[normalize("Syrians")] == "SY"


def test_places_centre_point_is_the_middle_of_the_extent_pulled_towards_the_median() -> None:
    lat, lon = gz._centre_point([(10.0, 20.0), (12.0, 24.0), (11.0, 21.0)])
    assert lat == pytest.approx(11.0) and lon == pytest.approx(22.0 - gz.TOWARDS_MEDIAN_SHARE * 1.0)


def test_places_centre_point_is_not_dragged_far_by_one_outlying_island() -> None:
    mainland = [(-25.0 + 0.1 * i, 145.0) for i in range(21)]  # towns from -25 to -23
    lat, _lon = gz._centre_point([*mainland, (-10.0, 142.0)])
    middle_of_extent = (-25.0 + -10.0) / 2
    assert lat < middle_of_extent - 1.0  # moved back towards the mainland


def test_places_centre_point_handles_the_antimeridian() -> None:
    lat, lon = gz._centre_point([(-17.0, 179.0), (-18.0, -179.0)])
    assert -18.0 < lat < -17.0 and abs(abs(lon) - 180.0) < 0.5


@pytest.mark.parametrize(
    ("name", "short"),
    [("Dagestan, Respublika", "Dagestan"), ("Nineveh Governorate", "Nineveh"), ("Cook County", None)],
)
def test_places_short_region_name_drops_the_type_word(name: str, short: str | None) -> None:
    assert gz._short_region_name(name, gz.region_type_suffix()) == short


def test_places_region_type_file_without_words_raises_with_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "types.txt"
    bad.write_text("# comment only\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"types\.txt:0: no region type words"):
        gz.region_type_suffix(bad)


def test_places_cache_path_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(gz.CACHE_ENV, str(tmp_path))
    assert gz.cache_path().parent == tmp_path
    assert gz.cache_path().name.startswith("gazetteer-")
