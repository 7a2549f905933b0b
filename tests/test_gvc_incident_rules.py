"""The incident suites' rules for an article's main incident: the place (streets, the police's town) and injured
figures that describe the dead."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dateline.evaluation.incidents import _place, predict
from dateline.places import Gazetteer, load_place_knowledge
from dateline.records import Article, Place
from dateline.settings import Settings

KANSAS_SALINA = {"name": "Salina", "lat": 38.84, "lon": -97.61, "country": "US", "admin1": "Kansas", "feature": "city"}
ENGLISH_DOVER = {"name": "Dover", "lat": 51.13, "lon": 1.31, "country": "GB", "admin1": "England", "feature": "city"}
OHIO_TOWN = {"name": "Springdale", "lat": 39.29, "lon": -84.49, "country": "US", "admin1": "Ohio", "feature": "city"}
FAR_NAMESAKE = {"name": "Springdale", "lat": 36.19, "lon": -94.13, "country": "US", "admin1": "Arkansas",
                "feature": "city"}  # fmt: skip
CITY = {"name": "Cincinnati", "lat": 39.16, "lon": -84.46, "country": "US", "admin1": "Ohio", "feature": "city"}


def _place_in(text: str, word: str, facts: dict[str, object]) -> Place:
    start = text.index(word)
    return Place(text=word, start=start, end=start + len(word), **facts)  # type: ignore[arg-type]


def _chosen(text: str, places: list[tuple[str, dict[str, object]]]) -> str | None:
    article = Article(id="a", text=text)
    found = [_place_in(text, word, facts) for word, facts in places]
    lat, _lon, name = _place(article, [], found, load_place_knowledge(Gazetteer()))
    return None if lat is None else name


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        (
            "Officers found a man shot in the 1900 block of Dover. Salina is a small city.",
            [("Dover", ENGLISH_DOVER), ("Salina", KANSAS_SALINA)],
            "Salina Salina",
        ),
        (
            "A man was shot in Springdale late Friday. Cincinnati police are investigating.",
            [("Springdale", FAR_NAMESAKE), ("Cincinnati", CITY)],
            "Cincinnati Cincinnati",
        ),
        (
            "A man was shot in Springdale late Friday. Cincinnati police are investigating.",
            [("Springdale", OHIO_TOWN), ("Cincinnati", CITY)],
            "Springdale Springdale",
        ),
        ("A man was shot on Dover Street.", [("Dover", ENGLISH_DOVER)], None),
        ("", [], None),
    ],
)
def test_gvc_incident_rules_place(text: str, places: list[tuple[str, dict[str, object]]], expected: str) -> None:
    assert _chosen(text, places) == expected


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Two people died in a shooting on Oak Street on Monday. Two people were found shot in a parked car.", 2, 0),
        ("Two men were killed on Oak Street on Monday. Three other men were shot and taken to a hospital.", 2, 3),
    ],
)
def test_gvc_incident_rules_shot_dead_are_not_injured(
    parse: Callable[..., tuple[Article, Doc]], text: str, killed: int, injured: int
) -> None:
    from dateline import pipeline

    article, doc = parse(text, "2016-05-03")
    resources = pipeline.load_resources(Settings())
    extraction = pipeline.analyse(article, doc, resources)
    prediction = predict(
        article, doc, extraction, place_knowledge=resources.places, casualty_terms=resources.casualties
    )
    assert (prediction.killed, prediction.injured) == (killed, injured)
