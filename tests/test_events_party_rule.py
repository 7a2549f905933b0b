"""The party rule (issue 18 item 3): every event names who acted, or is flagged `no_source` and scored down."""

from __future__ import annotations

from events_helpers import Parse, run_events


def test_events_party_missing_is_flagged_and_scored_down(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    [unattributed] = run_events(parse, resources, "Three activists were taken into custody in Lagos on Sunday.")
    [attributed] = run_events(parse, resources, "Police took three activists into custody in Lagos on Sunday.")
    assert unattributed.source == () and unattributed.flags == ("no_source",)
    assert [ref.text for ref in attributed.source] == ["Police"] and attributed.flags == ()
    assert unattributed.confidence < attributed.confidence


def test_events_party_unknown_gunmen_are_a_source(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    [event] = run_events(parse, resources, "Unknown gunmen shot dead a trader in Mombasa on Sunday.")
    assert [ref.text for ref in event.source] == ["Unknown gunmen"] and "no_source" not in event.flags
