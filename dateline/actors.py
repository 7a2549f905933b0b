"""The actors stage: every actor mention, resolved to a canonical identity.

Reads: Doc entities. Writes: Actor. (Placeholder until the actors issue.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from dateline.records import Actor, Article


@dataclass(frozen=True)
class ActorKB:
    """The curated actor knowledge base."""


def load_actor_kb(extra_file: str | None = None) -> ActorKB:
    return ActorKB()


def entity_patterns(kb: ActorKB) -> list[dict[str, Any]]:
    """Entity-ruler patterns for actors the NLP model mislabels."""
    return []


def find_actors(article: Article, doc: Doc, *, kb: ActorKB) -> list[Actor]:
    """Find and resolve actor mentions."""
    return []
