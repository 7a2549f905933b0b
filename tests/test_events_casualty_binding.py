"""Casualty figures bind to the event whose trigger they hang from; loose figures go to the sentence's carrier."""

from __future__ import annotations

from typing import Any

import pytest
from events_helpers import Parse, run_events

from dateline.records import Count, Event


def _best(count: Count | None) -> int | None:
    return None if count is None else count.best


def _violent(events: list[Event]) -> list[tuple[str, int | None, int | None]]:
    return [
        ((e.trigger.text if e.trigger else ""), _best(e.casualties.killed), _best(e.casualties.injured))
        for e in events
        if e.type == "ASSAULT"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The militants killed up to 40 people in their assault on the town.",
            [("killed", 40, None)],
        ),
        (
            "Two men were killed in a shooting on Friday.",
            [("killed", 2, None)],
        ),
    ],
)
def test_events_casualty_binding_one_event(parse: Parse, resources: Any, text: str, expected: list[Any]) -> None:
    found = _violent(run_events(parse, resources, text))
    assert [(k, i) for _, k, i in found if k is not None or i is not None] == [(k, i) for _, k, i in expected]


def test_events_casualty_binding_figures_counted_once(parse: Parse, resources: Any) -> None:
    text = "An airstrike killed five fighters near the border, and a roadside bomb wounded nine soldiers in the city."
    found = _violent(run_events(parse, resources, text))
    killed = sum(k or 0 for _, k, _ in found)
    injured = sum(i or 0 for _, _, i in found)
    assert (killed, injured) == (5, 9)
