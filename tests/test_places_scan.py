"""Gazetteer-led recognition (places/scan.py, issue 20): towns of today's wars found whatever the model's label, and
common words, people and organisations left alone. Sentences written for these tests."""

from __future__ import annotations

import pytest

from dateline.evaluation.scoring import haversine_km
from dateline.records import Place


def _named(found: list[Place], text: str) -> Place:
    return next(p for p in found if p.text == text)


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Warplanes bombed a bakery in Aleppo before dawn.", "Aleppo", "SY"),
        ("Separatist gunners kept firing on Mariupol through the night.", "Mariupol", "UA"),
        ("Jihadists raided a market outside Timbuktu on Tuesday.", "Timbuktu", "ML"),
        ("Tanks rolled into Khan Younis as families fled south.", "Khan Younis", "PS"),
    ],
)
def test_places_scan_finds_conflict_towns(places_of, text: str, name: str, country: str) -> None:  # type: ignore[no-untyped-def]
    assert _named(places_of(text), name).country == country


def test_places_scan_leaves_common_words_alone(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Mobile clinics reached the camp, and Nice weather helped the convoy.")
    assert not any(p.text in ("Mobile", "Nice") for p in found)


def test_places_scan_a_faith_is_no_place(places_of) -> None:  # type: ignore[no-untyped-def]
    # "Shia" is an alternate name of Suya, Nigeria, in GeoNames; the model tags it NORP here.
    found = places_of("Militias recruited young men in Shia districts of the capital.")
    assert all(p.text != "Shia" for p in found)


def test_places_scan_acting_organisation_is_no_place(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Xinhua reported fresh floods in Guangdong.")
    assert all(p.text != "Xinhua" for p in found)


def test_places_scan_town_by_its_own_name_over_an_alternate_name(places_of) -> None:  # type: ignore[no-untyped-def]
    # GeoNames lists "Sloviansk" as an alternate name of Nikopol, a bigger town 230 km away.
    sloviansk = _named(places_of("Missiles struck apartment blocks in Sloviansk."), "Sloviansk")
    assert sloviansk.lat is not None and sloviansk.lon is not None
    assert haversine_km(48.85, 37.61, sloviansk.lat, sloviansk.lon) < 30


def test_places_scan_a_district_of_a_town_is_the_town(places_of) -> None:  # type: ignore[no-untyped-def]
    homs = _named(places_of("Mortar rounds fell on a crowded district of Homs."), "Homs")
    assert (homs.feature, homs.country) == ("city", "SY")


def test_places_scan_congo_after_a_town_is_the_town_s_congo(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Rebels torched a clinic in Beni, Congo, residents said.")
    assert _named(found, "Beni").country == "CD"
    assert _named(found, "Congo").country == "CD"
