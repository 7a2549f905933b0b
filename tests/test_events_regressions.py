"""Regressions in the events stage, named after what broke."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest
from events_helpers import run_events


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging: a stage that loops for ever must not stall the suite."""

    def _expire(signum: int, frame: object) -> None:
        raise TimeoutError("the stage did not return within 20 s")

    previous = signal.signal(signal.SIGALRM, _expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    "text",
    [
        "Their deadly assault on the town of Hit.",  # possessive pronoun whose clause has no verb: looped for ever
        "Its fall.",
        "Their attack, their retreat, their losses.",
    ],
)
def test_events_possessive_pronoun_without_verb_returns(parse, resources, deadline, text: str) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, text, "2016-04-02")
    assert all(text[e.evidence.start : e.evidence.end] == e.evidence.text for e in found)
