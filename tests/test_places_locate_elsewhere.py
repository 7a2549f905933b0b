"""A wire dateline places no event of a story about another country (places.story_is_elsewhere, issue 20)."""

from __future__ import annotations

from dateline.places import story_is_elsewhere
from dateline.records import Place


def _place(text: str, country: str, start: int) -> Place:
    return Place(text=text, start=start, end=start + len(text), name=text, lat=1.0, lon=1.0, country=country)


def test_places_locate_dateline_abroad_when_the_story_is_elsewhere() -> None:
    beirut = _place("BEIRUT", "LB", 0)
    story = [beirut, _place("Aleppo", "SY", 40), _place("Idlib", "SY", 90), _place("Syria", "SY", 120)]
    assert story_is_elsewhere(beirut, story)


def test_places_locate_dateline_home_when_the_story_is_there() -> None:
    mosul = _place("MOSUL", "IQ", 0)
    story = [mosul, _place("Mosul", "IQ", 50), _place("Syria", "SY", 120), _place("Baghdad", "IQ", 160)]
    assert not story_is_elsewhere(mosul, story)
    assert not story_is_elsewhere(mosul, [mosul])  # a story naming no other place
