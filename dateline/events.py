"""The events stage: PLOVER-typed events with actors, date, place, casualties, factuality and evidence.

Reads: Doc, Actor, Place, TimeExpr. Writes: Event. (Placeholder until the events issue.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from dateline.records import Actor, Article, Event, Place, TimeExpr


@dataclass(frozen=True)
class EventLexicon:
    """Trigger words and their PLOVER type, mode and ACLED mapping."""


def load_event_lexicon() -> EventLexicon:
    return EventLexicon()


def find_events(
    article: Article,
    doc: Doc,
    *,
    actors: Sequence[Actor],
    places: Sequence[Place],
    times: Sequence[TimeExpr],
    lexicon: EventLexicon,
) -> list[Event]:
    """Find events."""
    return []
