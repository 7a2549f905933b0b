"""A statement is placed where it was made, by words of its own, never by the places of what it is about
(event_cues.yaml statement_types; events/context.py statement_location)."""

from __future__ import annotations

from events_helpers import Parse, run_events

from dateline.records import Event


def _only(events: list[Event], kind: str) -> Event:
    found = [event for event in events if event.type == kind]
    assert len(found) == 1, [(event.type, event.evidence.text) for event in events]
    return found[0]


def test_events_statement_place_not_the_place_it_is_about(parse: Parse, resources: object) -> None:
    text = "The State Department on Friday blamed Kataib Hezbollah for a rocket attack on a base near Kirkuk."
    accusation = _only(run_events(parse, resources, text), "ACCUSE")
    assert accusation.location is None


def test_events_statement_place_of_its_own_setting(parse: Parse, resources: object) -> None:
    text = "At a news conference in Baghdad, the interior minister accused Kataib Hezbollah of an attack near Kirkuk."
    accusation = _only(run_events(parse, resources, text), "ACCUSE")
    assert accusation.location is not None and accusation.location.name == "Baghdad"


def test_events_statement_place_a_meeting_keeps_its_place(parse: Parse, resources: object) -> None:
    text = "Foreign ministers of the coalition met in Kuwait City on Tuesday to discuss the campaign."
    meeting = _only(run_events(parse, resources, text), "CONSULT")
    assert meeting.location is not None and meeting.location.name == "Kuwait City"
