"""Run the stages up to events on a short hand-written text (shared by the events tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc

from dateline import actors, places, times
from dateline.events import find_events
from dateline.records import Article, Event

Parse = Callable[..., tuple[Article, Doc]]


def run_events(
    parse: Parse, resources: Any, text: str, published: str | None = "2021-03-10", *, classifier: Any = None
) -> list[Event]:
    """The events of `text`, with the actors, places and times stages run first as the pipeline does (the trained
    event classifier only when one is given: most tests read what the rules do)."""
    article, doc = parse(text, published)
    return find_events(
        article,
        doc,
        actors=actors.find_actors(article, doc, knowledge=resources.actors),
        places=places.find_places(article, doc, knowledge=resources.places),
        times=times.find_times(article, doc, knowledge=resources.times),
        lexicon=resources.events,
        place_knowledge=resources.places,
        casualty_terms=resources.casualties,
        classifier=classifier,
        actor_knowledge=resources.actors,
    )
