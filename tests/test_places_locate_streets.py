"""Event location: street names are not towns, and a town's police name the area an incident happened in."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.places import Gazetteer, is_street, load_place_knowledge, locate_event
from dateline.places.knowledge import load_event_place_cues
from dateline.places.locate import jurisdiction_place
from dateline.records import Article, Place

KNOWLEDGE = load_place_knowledge(Gazetteer())  # the word lists; these places are built by hand

SALINA = {"name": "Salina", "lat": 38.84, "lon": -97.61, "country": "US", "admin1": "Kansas", "feature": "city"}
DOVER = {"name": "Dover", "lat": 51.13, "lon": 1.31, "country": "GB", "admin1": "England", "feature": "city"}
RICE = {"name": "Rice County", "lat": 44.35, "lon": -93.3, "country": "US", "admin1": "Minnesota", "feature": "admin2"}


def _place(text: str, word: str, facts: dict[str, object]) -> Place:
    start = text.index(word)
    return Place(text=word, start=start, end=start + len(word), **facts)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "word", "street"),
    [
        ("A man was shot in the 1900 block of Dover on Sunday.", "Dover", True),
        ("A man was shot in the 400 blocks of   Dover.", "Dover", True),
        ("A man was shot on Dover Street on Sunday.", "Dover", True),
        ("A man was shot near Dover Ave. late Friday.", "Dover", True),
        ("A man was shot in Dover on Sunday.", "Dover", False),
        ("Dover streets were quiet.", "Dover", False),
    ],
)
def test_places_locate_streets_are_not_towns(text: str, word: str, street: bool) -> None:
    assert is_street(Article(id="a", text=text), _place(text, word, DOVER), knowledge=KNOWLEDGE) is street


def test_places_locate_streets_skipped_for_the_event() -> None:
    text = "Salina police are investigating a shooting in the 1900 block of Dover."
    article = Article(id="a", text=text)
    places = [_place(text, "Salina", SALINA), _place(text, "Dover", DOVER)]
    assert locate_event(article, places, text.index("a shooting"), len(text), knowledge=KNOWLEDGE) is None


@pytest.mark.parametrize(
    ("text", "word", "facts", "found"),
    [
        ("Salina police are investigating a shooting.", "Salina", SALINA, "Salina"),
        ("Salina Police Department officers responded.", "Salina", SALINA, "Salina"),
        ("Deputies with the Rice County Sheriff's Office found two men.", "Rice County", RICE, "Rice County"),
        ("The Rice County sheriff said two men were hurt.", "Rice County", RICE, "Rice County"),
        ("A man from Salina was shot.", "Salina", SALINA, None),
        ("Salina policies changed.", "Salina", SALINA, None),
    ],
)
def test_places_locate_streets_jurisdiction_of_the_police(
    text: str, word: str, facts: dict[str, object], found: str | None
) -> None:
    place = jurisdiction_place(Article(id="a", text=text), [_place(text, word, facts)], knowledge=KNOWLEDGE)
    assert (place.name if place else None) == found


def test_places_locate_streets_jurisdiction_needs_coordinates() -> None:
    text = "Salina police said."
    unplaced = [Place(text="Salina", start=0, end=6)]
    assert jurisdiction_place(Article(id="a", text=text), unplaced, knowledge=KNOWLEDGE) is None


def test_places_locate_streets_bad_cue_file(tmp_path: Path) -> None:
    bad = tmp_path / "cues.yaml"
    bad.write_text("street_before: [block of]\nstreet_after: []\njurisdiction_after: [police]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="street_after"):
        load_event_place_cues(bad)
    bad.write_text("street_before: [block of]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected exactly the keys"):
        load_event_place_cues(bad)
