"""A named part of a town (places/disambiguate.py `_place_parts_of_towns`, issue 20): "the town's X district" and "the
X area of the town" lie at the town's point under their own name, and the event is placed there. Sentences written
for these tests."""

from __future__ import annotations

from events_helpers import run_events

from dateline.records import Place


def _by_text(found: list[Place], text: str) -> Place:
    return next(p for p in found if p.text == text)


def test_places_town_part_owned_by_the_town(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("A mortar round hit Mosul's eastern Zuhur district on Thursday.")
    part, town = _by_text(found, "Zuhur"), _by_text(found, "Mosul")
    assert (part.name, part.feature, part.country, part.geonameid) == ("Zuhur", "district", "IQ", None)
    assert (part.lat, part.lon) == (town.lat, town.lon)


def test_places_town_part_of_the_town_after_it(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("A suicide bomber struck the Mansour district of western Baghdad on Sunday.")
    part, town = _by_text(found, "Mansour"), _by_text(found, "Baghdad")
    assert (part.name, part.feature, part.country) == ("Mansour", "district", "IQ")
    assert (part.lat, part.lon) == (town.lat, town.lon)


def test_places_town_part_keeps_its_sense_when_named_again(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Shells fell on Mosul's Zuhur district on Monday. Residents of Zuhur fled.")
    assert [p.feature for p in found if p.text == "Zuhur"] == ["district", "district"]


def test_places_town_part_needs_a_town(places_of) -> None:  # type: ignore[no-untyped-def]
    found = places_of("Flooding hit the Kasai area on Sunday.")
    assert all(p.feature != "district" for p in found)


def test_events_place_is_the_part_of_the_town(parse, resources) -> None:  # type: ignore[no-untyped-def]
    events = run_events(parse, resources, "A car bomb exploded in the Mansour area of western Baghdad on Monday.")
    assert events and events[0].location is not None
    location = events[0].location
    assert (location.name, location.country, location.geo_precision) == ("Mansour", "IQ", 1)
