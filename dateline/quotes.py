"""The quotes stage: direct, indirect and mixed quotes with their speakers and stances.

Reads: Doc, Actor, Event. Writes: Quote, and ACCUSE events for accusations. (Placeholder until the quotes issue.)
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from dateline.records import Actor, Article, Event, Quote


def find_quotes(
    article: Article, doc: Doc, *, actors: Sequence[Actor], events: Sequence[Event]
) -> tuple[list[Quote], list[Event]]:
    """Find quotes; returns the quotes and the claim events (ACCUSE, ...) they imply."""
    return [], []
