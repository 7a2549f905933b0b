"""Tests for event factuality: negated, hypothetical, future and historical events."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dateline import times
from dateline.events import find_events
from dateline.records import Article, Event, Factuality

Parse = Callable[..., tuple[Article, Doc]]


def _assault(parse: Parse, resources, text: str, published: str = "2020-06-15") -> Event:  # type: ignore[no-untyped-def]
    article, doc = parse(text, published)
    found = find_events(
        article,
        doc,
        actors=[],
        places=[],
        times=times.find_times(article, doc, knowledge=resources.times),
        lexicon=resources.events,
        place_knowledge=resources.places,
        casualty_terms=resources.casualties,
    )
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
    ],
)
def test_events_factuality(parse: Parse, resources, text: str, expected: Factuality) -> None:  # type: ignore[no-untyped-def]
    assert _assault(parse, resources, text).factuality == expected


def test_events_recent_background_is_not_historical(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _assault(parse, resources, "Militias killed 30 villagers in January.", published="2020-05-19")
    assert event.date is not None and event.date.value == "2020-01"
    assert not event.factuality.historical


def test_events_reported_would_is_future_not_hypothetical(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    article, doc = parse("The minister said the country would send 200 rifles to the army.", "2020-06-15")
    found = find_events(
        article,
        doc,
        actors=[],
        places=[],
        times=[],
        lexicon=resources.events,
        place_knowledge=resources.places,
        casualty_terms=resources.casualties,
    )
    aid = [event for event in found if event.type == "AID"]
    assert aid and aid[0].factuality == Factuality(future=True)
