"""Places in US local news: state abbreviations after a town, police of a town, the story's state, streets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from dateline.pipeline import Resources
from dateline.places import find_places
from dateline.places.knowledge import load_police_words, load_street_words
from dateline.places.recognize import police_town_mentions
from dateline.records import Article, Place

Parse = Callable[..., tuple[Article, Doc]]


def _places(parse: Parse, resources: Resources, text: str) -> list[Place]:
    article, doc = parse(text)
    return find_places(article, doc, knowledge=resources.places)


def _admin1s(places: list[Place], name: str) -> set[str | None]:
    return {p.admin1 for p in places if p.text.lower() == name.lower()}


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        (
            "BEDFORD, N.H. -\n\nA Bedford man was found shot at his home on Pine Hill Road, investigators said.",
            "Bedford",
            "New Hampshire",
        ),
        ("A man was arrested in Bedford, N.H., after a shooting on Sunday.", "Bedford", "New Hampshire"),
        ("SPRINGFIELD, Mo. — Two people died in a shooting outside a bar early Sunday.", "Springfield", "Missouri"),
        ("Deputies said the shooting happened in Portland, Maine, late on Tuesday.", "Portland", "Maine"),
    ],
)
def test_places_us_state_after_town_fixes_the_sense(
    parse: Parse, resources: Resources, text: str, town: str, state: str
) -> None:
    assert _admin1s(_places(parse, resources, text), town) == {state}


def test_places_us_street_of_an_org_is_no_town(parse: Parse, resources: Resources) -> None:
    places = _places(parse, resources, "BEDFORD, N.H. -\n\nShots were fired at 12 Old Mill Farm Road, police said.")
    assert not [p for p in places if p.text == "Road"]


def test_places_us_main_street_is_not_abroad(parse: Parse, resources: Resources) -> None:
    places = _places(parse, resources, "BEDFORD, N.H. — A man was shot outside a home on Main Street, police said.")
    assert {p.country for p in places} <= {"US", None}


@pytest.mark.parametrize(
    "text",
    [
        "Metro police said two men were wounded in a shooting near a gas station.",
        "A Metro Police spokesman said the officer was not hurt.",
    ],
)
def test_places_us_metro_police_names_no_place(parse: Parse, resources: Resources, text: str) -> None:
    assert not [p for p in _places(parse, resources, text) if p.text.lower() == "metro"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salina police said the man fled on foot.", ["Salina"]),
        ("A spokesman for the Little Rock Police Department said no one was hurt.", ["Little Rock"]),
        ("The Harris County Sheriff's Office said two deputies were shot.", ["Harris County"]),
        ("Tulsa County sheriff’s deputies found the car.", ["Tulsa County"]),
        ("The Springfield Police Department and Chicago police searched the house.", ["Springfield", "Chicago"]),
        ("State police said the trooper was not hurt.", []),
        ("Capitol Police closed the building.", []),
        ("Metro police said the gunman fled.", []),
        ("On Sunday police said the victim had died.", []),
        ("", []),
        ("Ünïcödé police 警察 said", []),
    ],
)
def test_places_us_town_before_police_is_found(resources: Resources, text: str, expected: list[str]) -> None:
    assert [m.text for m in police_town_mentions(text, resources.places, [])] == expected


def test_places_us_town_before_police_is_skipped_when_taken(resources: Resources) -> None:
    first = police_town_mentions("Salina police said so.", resources.places, [])
    assert police_town_mentions("Salina police said so.", resources.places, first) == []


@pytest.mark.parametrize(
    ("text", "town", "state"),
    [
        (
            "A man was shot in Springfield on Friday. He had driven from Peoria, and police later searched a house "
            "in Bloomington and another in Champaign.",
            "Springfield",
            "Illinois",
        ),
        (
            "Two people were wounded in Jackson late Saturday. The suspect was caught near Memphis, and a relative in "
            "Nashville said he had no record.",
            "Jackson",
            "Tennessee",
        ),
        (
            "Police in Aurora said a gunman opened fire. Officers from Boulder and Lakewood responded, and the "
            "victims were taken to a hospital in Denver.",
            "Aurora",
            "Colorado",
        ),
    ],
)
def test_places_us_ambiguous_town_takes_the_story_state(
    parse: Parse, resources: Resources, text: str, town: str, state: str
) -> None:
    assert _admin1s(_places(parse, resources, text), town) == {state}


def test_places_us_word_lists_load() -> None:
    assert "street" in load_street_words()
    words = load_police_words()
    assert "metro" in words.not_town
    assert words.after.search("Salina police said")


@pytest.mark.parametrize(
    ("loader", "content"),
    [
        (load_street_words, "word\nmain street\n"),
        (load_police_words, "kind\twords\nbefore\tpolice\n"),
    ],
)
def test_places_us_bad_rows_name_file_and_line(tmp_path: Path, loader: Callable[[Path], object], content: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("# a comment\n" + content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:3"):
        loader(path)


def test_places_us_big_city_before_police_in_a_story_naming_no_region(parse: Parse, resources: Resources) -> None:
    # "Wichita" names towns in several states; with no region named, its police are the big city's
    text = "A teenager died on Saturday after shooting herself by accident, according to the Wichita Police Dept."
    found = [p for p in _places(parse, resources, text) if p.text == "Wichita"]
    assert found and (found[0].admin1, found[0].feature) == ("Kansas", "city")


def test_a_place_named_after_a_town_does_not_vouch_for_the_town_s_sense(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # "Toledo Hospital" has Toledo's candidates: its first-round pick must not count as the story's country for Toledo
    text = (
        "Two men were shot at a party in Toledo's west end late Saturday. "
        "One of them was treated at Toledo Hospital for a wound to his leg, police said."
    )
    places = _places(parse, resources, text)
    assert {(p.country, p.admin1) for p in places if p.text == "Toledo"} == {("US", "Ohio")}


def test_a_street_is_no_evidence_of_the_story_s_state(parse, resources) -> None:  # type: ignore[no-untyped-def]
    # "Elm Street" may fall back to a town called Yelm; that pick must not pull the story's town to Yelm's state
    text = (
        "Four people were injured in a shooting in Toledo early Saturday. The victims were taken to St. Vincent "
        "Medical Center. Officers arrived at the house on Elm Street about 10 minutes after the call."
    )
    places = _places(parse, resources, text)
    assert {(p.country, p.admin1) for p in places if p.text == "Toledo"} == {("US", "Ohio")}
