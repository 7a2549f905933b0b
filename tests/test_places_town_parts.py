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


def test_events_place_the_town_is_the_town_named_before(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Militants seized Tal Afar in northern Iraq on Monday.\n\nThe army shelled the town on Tuesday."
    events = [e for e in run_events(parse, resources, text) if e.trigger.text == "shelled"]
    assert events and events[0].location is not None
    assert (events[0].location.text, events[0].location.country, events[0].location.precision) == (
        "Tal Afar",
        "IQ",
        "place",
    )


def test_events_place_a_town_is_no_town_named_before(parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Militants seized Tal Afar in northern Iraq on Monday.\n\nThe army shelled a town on Tuesday."
    events = [e for e in run_events(parse, resources, text) if e.trigger.text == "shelled"]
    assert events
    assert events[0].location is None or events[0].location.text != "Tal Afar"
