"""Tests for event arguments: parties, date, place, casualties, evidence, ids and confidence."""

from __future__ import annotations

import pytest
from events_helpers import Parse
from events_helpers import run_events as _events

from dateline.events import confidence
from dateline.records import Event


def _first(events: list[Event], kind: str) -> Event:
    found = [event for event in events if event.type == kind]
    assert found, [(event.type, event.trigger) for event in events]
    return found[0]


@pytest.mark.parametrize(
    ("text", "kind", "source", "recipient"),
    [
        ("Taliban fighters attacked a police checkpoint.", "ASSAULT", "Taliban fighters", "police checkpoint"),
        ("Two soldiers were killed by militants near Mosul.", "ASSAULT", "militants", "soldiers"),
        ("The convoy was ambushed by rebels on the main road.", "ASSAULT", "rebels", "convoy"),
        ("The army clashed with Houthi fighters in the hills.", "ASSAULT", "army", "Houthi fighters"),
        ("The minister accused Iran of arming the militias.", "ACCUSE", "minister", "Iran"),
        ("Washington is sending 300 rifles to the Iraqi army.", "AID", "Washington", "Iraqi army"),
    ],
)
def test_events_source_and_recipient_come_from_the_parse(  # type: ignore[no-untyped-def]
    parse: Parse, resources, text: str, kind: str, source: str, recipient: str
) -> None:
    event = _first(_events(parse, resources, text), kind)
    assert source in [ref.text for ref in event.source]
    assert recipient in [ref.text for ref in event.recipient]


def test_events_source_of_an_event_noun_is_who_is_behind_it(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Local militias are believed to be behind the killing of 30 farmers in the valley."
    event = _first(_events(parse, resources, text), "ASSAULT")
    assert [ref.text for ref in event.source] == ["Local militias"]
    assert [ref.text for ref in event.recipient] == ["farmers"]


def test_events_pronoun_source_takes_the_actor_before_it(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "The Pentagon confirmed the shortage. It is sending 500 rifles to the Kurdish forces."
    event = _first(_events(parse, resources, text), "AID")
    # The words used stay the pronoun's; the actor is the one it refers to (the Pentagon, the U.S. military).
    assert [(ref.text, ref.id) for ref in event.source] == [("It", "usa-mil")]


def test_events_news_media_are_never_parties(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "The newspaper criticised the governor for the delays."
    event = _first(_events(parse, resources, text), "ACCUSE")
    assert event.source == ()


def test_events_date_is_the_time_expression_of_the_sentence(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen attacked a bus in the north on Sunday."
    event = _first(_events(parse, resources, text, published="2015-05-19"), "ASSAULT")
    assert event.date is not None
    assert (event.date.value, event.date.precision, event.date.text) == ("2015-05-17", "day", "Sunday")


def test_events_date_falls_back_to_publication_marked_as_such(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _first(_events(parse, resources, "Gunmen attacked a bus in the north.", published="2015-05-19"), "ASSAULT")
    assert event.date is not None
    assert (event.date.value, event.date.precision, event.date.text) == ("2015-05-19", "week", None)


def test_events_no_date_without_words_or_publication(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    event = _first(_events(parse, resources, "Gunmen attacked a bus in the north.", published=None), "ASSAULT")
    assert event.date is None


def test_events_location_is_the_place_of_the_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "A car bomb exploded in Kirkuk on Monday, killing four people."
    event = _first(_events(parse, resources, text), "ASSAULT")
    assert event.location is not None and event.location.name is not None
    assert event.location.text == "Kirkuk"
    assert event.location.country == "IQ"


def test_events_casualties_go_to_the_violent_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Militants stormed the village, killing 12 civilians and wounding 20 others."
    event = _first(_events(parse, resources, text), "ASSAULT")
    assert event.casualties.killed is not None and event.casualties.killed.best == 12
    assert event.casualties.injured is not None and event.casualties.injured.best == 20


def test_events_ids_evidence_and_trigger_offsets(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels shelled the city. The government condemned the shelling on Tuesday."
    events = _events(parse, resources, text)
    assert [event.id for event in events] == [f"test-e{n}" for n in range(1, len(events) + 1)]
    for event in events:
        assert event.article_id == "test"
        assert text[event.evidence.start : event.evidence.end] == event.evidence.text
        assert event.trigger is not None
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        assert 0.0 <= event.confidence <= 1.0


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"source": [], "recipient": [], "date": None, "location": None, "refined": False, "main_clause": False}, 0.5),
        ({"source": ["x"], "recipient": ["y"], "date": None, "location": None, "refined": True, "main_clause": True},
         0.85),
    ],
)  # fmt: skip
def test_events_confidence_adds_bonuses_to_the_trigger_weight(kwargs: dict, expected: float) -> None:  # type: ignore[type-arg]
    assert confidence(0.5, **kwargs) == expected


def test_events_confidence_is_capped() -> None:
    full = {"source": ["x"], "recipient": ["y"], "date": None, "location": None, "refined": True, "main_clause": True}
    assert confidence(0.9, **full) == 0.95  # type: ignore[arg-type]
