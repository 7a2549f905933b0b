"""locate_event and is_metonymic on hand-built articles and places (no model needed)."""

from __future__ import annotations

import pytest

from dateline.places import Gazetteer, dateline_place, is_metonymic, load_place_knowledge, locate_event
from dateline.records import Article, Place

KNOWLEDGE = load_place_knowledge(Gazetteer())  # the word lists; these places are built by hand

RAMADI = {"name": "Ramadi", "lat": 33.42, "lon": 43.31, "country": "IQ", "admin1": "Al Anbar", "feature": "city"}
BAGHDAD = {"name": "Baghdad", "lat": 33.34, "lon": 44.40, "country": "IQ", "admin1": "Baghdad", "feature": "city"}
HILLA = {"name": "Al Hillah", "lat": 32.46, "lon": 44.42, "country": "IQ", "admin1": "Babil", "feature": "city"}
ANBAR = {"name": "Al Anbar", "lat": 33.76, "lon": 42.04, "country": "IQ", "admin1": "Al Anbar", "feature": "admin1"}
IRAQ = {"name": "Iraq", "lat": 33.0, "lon": 44.0, "country": "IQ", "feature": "country"}
US = {"name": "United States", "lat": 39.76, "lon": -98.5, "country": "US", "feature": "country"}


def _place(text: str, word: str, facts: dict[str, object], nth: int = 0) -> Place:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Place(text=word, start=start, end=start + len(word), **facts)  # type: ignore[arg-type]


def test_places_locate_takes_the_place_after_a_locative_cue() -> None:
    text = "A convoy was ambushed in Hilla, south of Baghdad, on Friday."
    article = Article(id="a", text=text)
    found = [_place(text, "Hilla", HILLA), _place(text, "Baghdad", BAGHDAD)]
    location = locate_event(article, found, 0, len(text), knowledge=KNOWLEDGE)
    assert location is not None
    assert (location.name, location.precision, location.text) == ("Al Hillah", "place", "Hilla")


def test_places_locate_prefers_the_most_specific_place() -> None:
    text = "Militants overran the city of Ramadi in Anbar province of Iraq."
    article = Article(id="a", text=text)
    found = [_place(text, "Ramadi", RAMADI), _place(text, "Anbar", ANBAR), _place(text, "Iraq", IRAQ)]
    location = locate_event(article, found, 0, len(text), knowledge=KNOWLEDGE)
    assert location is not None and location.name == "Ramadi"


@pytest.mark.parametrize(
    "text",
    [
        "Washington said the strikes would continue.",
        "Officials accused Washington of arming the rebels.",
        "Washington has warned of more sanctions.",
        "Washington-backed forces advanced on the town.",
        "Washington troops left the base.",
        "Officials said Washington would send more rockets.",
    ],
)
def test_places_metonymy_names_an_actor(text: str) -> None:
    article = Article(id="a", text=text)
    assert is_metonymic(article, _place(text, "Washington", US), knowledge=KNOWLEDGE)


@pytest.mark.parametrize(
    "text",
    [
        "Protesters gathered in Washington on Sunday.",
        "A bomb hit Baghdad.",
        "Washington has been hit by storms.",
        "Washington and Ottawa are far apart.",
    ],
)
def test_places_plain_location_is_not_metonymic(text: str) -> None:
    word = "Washington" if "Washington" in text else "Baghdad"
    assert not is_metonymic(Article(id="a", text=text), _place(text, word, US), knowledge=KNOWLEDGE)


def test_places_locate_skips_metonymic_mentions_and_falls_back_to_the_region() -> None:
    text = "Gunmen attacked a checkpoint in Anbar. Later, Washington condemned the attack on the checkpoint."
    article = Article(id="a", text=text)
    found = [_place(text, "Anbar", ANBAR), _place(text, "Washington", US)]
    sentence_start = text.index("Later")
    location = locate_event(article, found, sentence_start, len(text), knowledge=KNOWLEDGE)
    assert location is not None
    assert (location.name, location.precision, location.text) == ("Al Anbar", "admin1", None)


def test_places_locate_falls_back_to_the_dateline() -> None:
    text = "RAMADI — Two soldiers were killed when their vehicle hit a mine."
    article = Article(id="a", text=text, dateline="RAMADI")
    found = [_place(text, "RAMADI", RAMADI)]
    assert dateline_place(article, found) == found[0]
    location = locate_event(article, found, 9, len(text), knowledge=KNOWLEDGE)
    assert location is not None
    assert (location.name, location.precision, location.text) == ("Ramadi", "place", None)


def test_places_locate_without_places_is_none() -> None:
    article = Article(id="a", text="Nothing happened.")
    assert locate_event(article, [], 0, len(article.text), knowledge=KNOWLEDGE) is None


def test_places_locate_ignores_unresolved_places() -> None:
    text = "Clashes erupted in Qwzxville."
    article = Article(id="a", text=text)
    found = [Place(text="Qwzxville", start=19, end=28)]
    assert locate_event(article, found, 0, len(text), knowledge=KNOWLEDGE) is None


def test_places_locate_without_a_majority_region_falls_back_to_the_country() -> None:
    text = "Clashes hit Ramadi and Hilla in Iraq. Later, the fighting stopped."
    article = Article(id="a", text=text)
    found = [_place(text, "Ramadi", RAMADI), _place(text, "Hilla", HILLA), _place(text, "Iraq", IRAQ)]
    location = locate_event(article, found, text.index("Later"), len(text), knowledge=KNOWLEDGE)
    assert location is not None
    assert (location.name, location.precision, location.text) == ("Iraq", "country", None)


def test_places_locate_the_town_over_the_region_that_says_where_it_lies() -> None:
    text = "Militants overran Ramadi, in Iraq's Anbar province, on Sunday."
    article = Article(id="a", text=text)
    found = [_place(text, "Ramadi", RAMADI), _place(text, "Iraq", IRAQ), _place(text, "Anbar", ANBAR)]
    location = locate_event(article, found, 0, len(text), knowledge=KNOWLEDGE)
    assert location is not None
    assert (location.name, location.precision, location.text) == ("Ramadi", "place", "Ramadi")


def test_places_locate_a_town_elsewhere_does_not_displace_the_region() -> None:
    text = "Fighters from Baghdad attacked a checkpoint in Anbar province on Sunday."
    article = Article(id="a", text=text)
    found = [_place(text, "Baghdad", BAGHDAD), _place(text, "Anbar", ANBAR)]
    location = locate_event(article, found, 0, len(text), knowledge=KNOWLEDGE)
    assert location is not None
    assert (location.name, location.precision) == ("Al Anbar", "admin1")


def test_places_locate_story_setting_counts_the_towns_for_their_country() -> None:
    # the US is named as often as Iraq, but the story's towns lie in Iraq
    text = "The US and Iraq met. Iraq and the US talked. Baghdad and Ramadi were calm. Troops were sent."
    article = Article(id="a", text=text)
    found = [
        _place(text, "US", US),
        _place(text, "Iraq", IRAQ),
        _place(text, "Iraq", IRAQ, nth=1),
        _place(text, "US", US, nth=1),
        _place(text, "Baghdad", BAGHDAD),
        _place(text, "Ramadi", RAMADI),
    ]
    location = locate_event(article, found, text.index("Troops"), len(text), knowledge=KNOWLEDGE)
    assert location is not None
    assert (location.name, location.reason, location.geo_precision) == ("Iraq", "story_setting", 3)
