"""The places stage: every place mention, geocoded offline.

Reads: Doc entities. Writes: Place. (Placeholder until the places issue.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from dateline.records import Article, Place


@dataclass(frozen=True)
class Gazetteer:
    """The offline place index."""


def load_gazetteer() -> Gazetteer:
    return Gazetteer()


def entity_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Entity-ruler patterns for places the NLP model misses."""
    return []


def find_places(article: Article, doc: Doc, *, gazetteer: Gazetteer) -> list[Place]:
    """Find and geocode place mentions."""
    return []
