"""Run the quotes stage on a short hand-written text, the actors stage first (shared by the quotes tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from dateline import actors as actors_stage
from dateline.quotes import find_quotes
from dateline.records import Article, Event, Quote

Parse = Callable[..., tuple[Article, Doc]]


def run_quotes(
    parse: Parse, resources: Any, text: str, events: tuple[Event, ...] = ()
) -> tuple[list[Quote], list[Event]]:
    """The quotes of `text` and the ACCUSE events they make."""
    article, doc = parse(text)
    found_actors = actors_stage.find_actors(article, doc, knowledge=resources.actors)
    return find_quotes(
        article,
        doc,
        actors=found_actors,
        events=events,
        knowledge=resources.quotes,
        actor_knowledge=resources.actors,
    )
