"""Tests for event factuality: negated, hypothetical, future and historical events."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dateline import times
from dateline.events import find_events
from dateline.records import Article, Event, Factuality

Parse = Callable[..., tuple[Article, Doc]]


def _events_alone(parse: Parse, resources, text: str, published: str, *, dated: bool = True) -> list[Event]:  # type: ignore[no-untyped-def]
    """The events stage alone (no actors or places), with the times stage's dates unless `dated` is False."""
    article, doc = parse(text, published)
    return find_events(
        article,
        doc,
        actors=[],
        places=[],
        times=times.find_times(article, doc, knowledge=resources.times) if dated else [],
        lexicon=resources.events,
        place_knowledge=resources.places,
        casualty_terms=resources.casualties,
    )


def _assault(parse: Parse, resources, text: str, published: str = "2020-06-15") -> Event:  # type: ignore[no-untyped-def]
    found = _events_alone(parse, resources, text, published)
    violent = [event for event in found if event.type in ("ASSAULT", "COERCE")]
    assert violent, [(event.type, event.trigger) for event in found]
    return violent[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels attacked the base on Monday.", Factuality()),
        ("The depots have not been struck because of fears for civilians.", Factuality(negated=True)),
        ("The rebels did not attack the town.", Factuality(negated=True)),
        ("Commanders failed to capture the bridge.", Factuality(negated=True)),
        ("There was no attack on the convoy, officials said.", Factuality(negated=True)),
        ("The militants could attack the capital within weeks.", Factuality(hypothetical=True)),
        ("If the talks fail, the army might storm the city.", Factuality(hypothetical=True)),
        ("Residents fear an attack on the camp.", Factuality(hypothetical=True)),
        ("The army will launch an offensive against the town next month.", Factuality(future=True)),
        ("Officials plan to bomb the bridges before the rains.", Factuality(future=True)),
        ("The offensive planned for later this year will be costly.", Factuality(future=True)),
        ("In 2014 the militants seized a third of the country.", Factuality(historical=True)),
        # A definite subject happened; the modal speaks of what it may bring about.
        ("Analysts warned that the bombing could push the two sides toward war.", Factuality()),
        ("An attack on the capital would be a disaster.", Factuality(hypothetical=True)),
        # Calling an occurrence something says what it was ("fear an attack" above stays hypothetical).
        ("The minister called the bombing a crime.", Factuality()),
    ],
)
def test_events_factuality(parse: Parse, resources, text: str, expected: Factuality) -> None:  # type: ignore[no-untyped-def]
    assert _assault(parse, resources, text).factuality == expected


def test_events_recent_background_is_not_historical(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _assault(parse, resources, "Militias killed 30 villagers in January.", published="2020-05-19")
    assert event.date is not None and event.date.value == "2020-01"
    assert not event.factuality.historical


def test_events_reported_would_is_future_not_hypothetical(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "The minister said the country would send 200 rifles to the army."
    found = _events_alone(parse, resources, text, "2020-06-15", dated=False)
    aid = [event for event in found if event.type == "AID"]
    assert aid and aid[0].factuality == Factuality(future=True)


def _first(parse: Parse, resources, text: str, kind: str) -> Event:  # type: ignore[no-untyped-def]
    found = _events_alone(parse, resources, text, "2020-06-15")
    typed = [event for event in found if event.type == kind]
    assert typed, [(event.type, event.trigger) for event in found]
    return typed[0]


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # "have failed to stem" negates the stemming, not the airstrikes that happened (issue 18)
        ("More than 3,000 airstrikes by the alliance have failed to stem the advance.", "ASSAULT", Factuality()),
        ("The army was unable to repel the fighters.", "ASSAULT", Factuality(negated=True)),
        ("The two sides have been unable to agree on a truce.", "AGREE", Factuality(negated=True)),
        ("The president vowed on Monday to assist the army.", "AID", Factuality(future=True)),
        ("The governor pledged to send food to the camps.", "AID", Factuality(future=True)),
        ("Pressure for a withdrawal of the foreign troops has grown.", "RETREAT", Factuality(hypothetical=True)),
    ],
)
def test_events_factuality_of_governing_words(
    parse: Parse, resources, text: str, kind: str, expected: Factuality
) -> None:  # type: ignore[no-untyped-def]
    assert _first(parse, resources, text, kind).factuality == expected


def test_events_an_act_asked_about_is_hypothetical(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _first(parse, resources, "There has been debate about what weapons to provide to the army.", "AID")
    assert event.factuality == Factuality(hypothetical=True)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Marines were flown in to secure the port after the storm.", "secure", Factuality(future=True)),
        ("The government sent troops to retake the town.", "retake", Factuality(future=True)),
        # An infinitive the verb asks for, not a purpose: the shelling began.
        ("Rebels began to shell the eastern districts.", "shell", Factuality()),
    ],
)
def test_events_factuality_an_act_told_as_a_purpose_has_not_happened(  # type: ignore[no-untyped-def]
    parse: Parse, resources, text: str, trigger: str, expected: Factuality
) -> None:
    found = _events_alone(parse, resources, text, "2020-06-15")
    [event] = [event for event in found if event.trigger is not None and event.trigger.text == trigger]
    assert event.factuality == expected
