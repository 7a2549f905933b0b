"""The pipeline, top to bottom: a cleaned, parsed article → times, places, actors, events, quotes, story.

Each stage is a plain function from records to records (see the stage packages). This module only wires them: it
loads the knowledge each stage needs once per process (`Resources`), runs the stages in the order `STAGES` gives,
each reading the records of the ones before it (`Found`), and turns any failure into an ItemError on that article so
that the batch goes on. Reading, cleaning and parsing a batch of documents, and running batches on worker processes
or a Dask cluster, are jobs: dateline/jobs/.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache, partial

from spacy.language import Language
from spacy.tokens import Doc

from dateline import actors, casualties, clean, events, nlp, places, quotes, story, times
from dateline.events import EventClassifier
from dateline.records import Actor, Article, Event, Extraction, ItemError, Place, Quote, TimeExpr
from dateline.settings import Settings

log = logging.getLogger(__name__)

# A one-word name is taken for a place rather than a person when the gazetteer knows a place of this size by it.
# Chosen so that Iraqi and Syrian towns of the seeds (Hilla, ~500k) count and villages named like surnames do not.
_NOTABLE_PLACE_POPULATION = 50_000


@dataclass(frozen=True)
class Resources:
    """Everything the stages need that is loaded once per process: the parser and the knowledge bases."""

    nlp: Language
    actors: actors.ActorKnowledge
    events: events.EventLexicon
    quotes: quotes.QuoteKnowledge
    clean: clean.CleanKnowledge
    places: places.PlaceKnowledge
    times: times.TimeKnowledge
    casualties: casualties.CasualtyTerms
    event_classifier: EventClassifier | None = None  # the trained event-ness model (setting event_model)

    def is_known_place(self, name: str) -> bool:
        """Whether a one-word name is a notable place, so that a model tagging "Hilla" PERSON does not make an actor.

        Only places of some size count: a hamlet that shares a surname must not hide a person."""
        return any(entry.population >= _NOTABLE_PLACE_POPULATION for entry in self.places.gazetteer.lookup(name))


def load_resources(settings: Settings) -> Resources:
    """Load the models and knowledge files once per process (only the settings that choose them matter)."""
    return _load_resources(settings.spacy_model, settings.actors_file or None, settings.event_model)


@cache
def _load_resources(spacy_model: str, actors_file: str | None, event_model: str = "bundled") -> Resources:
    actor_knowledge = actors.load_actor_knowledge(actors_file)
    place_knowledge = places.load_place_knowledge()
    patterns = [*actors.entity_patterns(actor_knowledge), *places.entity_patterns(place_knowledge.gazetteer)]
    return Resources(
        nlp=nlp.load_nlp(spacy_model, patterns),
        actors=actor_knowledge,
        events=events.load_event_lexicon(),
        quotes=quotes.load_quote_knowledge(),
        clean=clean.load_clean_knowledge(),
        places=place_knowledge,
        times=times.load_time_knowledge(),
        casualties=casualties.load_casualty_terms(),
        event_classifier=events.event_classifier_setting(event_model),
    )


class ArticleTimeoutError(TimeoutError):
    """An article took longer than settings.article_timeout; its remaining stages are skipped."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise ArticleTimeoutError in the running code after `seconds` (SIGALRM; main thread only, else no limit)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ArticleTimeoutError(f"article took longer than {seconds:g} s (settings.article_timeout)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _run_stage[T](stage: str, errors: list[ItemError], article: Article, run: Callable[[], T]) -> T | None:
    """Run one stage; a failure becomes an ItemError for this article and None (the caller's empty result).

    After a timeout the remaining stages of the article are skipped (they return None without running)."""
    if any(error.error_type == ArticleTimeoutError.__name__ for error in errors):
        return None
    try:
        return run()
    except Exception as error:  # one bad article must never stop the batch
        log.debug("stage %s failed on %s", stage, article.id, exc_info=True)
        errors.append(
            ItemError(
                origin=article.origin or article.id,
                stage=stage,
                error_type=type(error).__name__,
                message=str(error) or type(error).__name__,
                article_id=article.id,
            )
        )
        return None


def analyse(
    article: Article, doc: Doc, resources: Resources, *, timeout: float = 60.0, headline: Doc | None = None
) -> Extraction:
    """Run every extraction stage on one parsed article, in order; each stage sees the records of the ones before.

    A run longer than `timeout` seconds (settings.article_timeout) becomes an ItemError; later stages are skipped.
    `headline`: the article's `headline_text` parsed already (a batch parses its titles in one `nlp.pipe`); else
    the story stage parses it."""
    try:
        with _deadline(timeout):
            return _analyse(article, doc, resources, headline)
    except ArticleTimeoutError as error:  # fired between two stages rather than inside one
        item_error = ItemError(article.origin or article.id, "pipeline", type(error).__name__, str(error), article.id)
        return Extraction(article=article, errors=(item_error,))


@dataclass
class Found:
    """What the stages have found in one article so far: each stage reads the records of the ones before it and
    sets its own."""

    times: list[TimeExpr] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: tuple[Event, ...] = ()
    quotes: list[Quote] = field(default_factory=list)
    main_event: Event | None = None
    # each sentence's casualty figures, read once for the events and story stages
    casualty_figures: casualties.SentenceFigures | None = None
    # the title parsed ahead (analyse's `headline`), for the story stage
    headline: Doc | None = None


def _times(article: Article, doc: Doc, found: Found, resources: Resources) -> None:
    found.times = times.find_times(article, doc, knowledge=resources.times)


def _places(article: Article, doc: Doc, found: Found, resources: Resources) -> None:
    found.places = places.find_places(article, doc, knowledge=resources.places)


def _actors(article: Article, doc: Doc, found: Found, resources: Resources) -> None:
    found.actors = actors.find_actors(article, doc, knowledge=resources.actors, is_place=resources.is_known_place)


def _events(article: Article, doc: Doc, found: Found, resources: Resources) -> None:
    found.casualty_figures = casualties.SentenceFigures(doc, resources.casualties)
    found.events = tuple(
        events.find_events(
            article,
            doc,
            actors=found.actors,
            places=found.places,
            times=found.times,
            lexicon=resources.events,
            place_knowledge=resources.places,
            casualty_terms=resources.casualties,
            classifier=resources.event_classifier,
            actor_knowledge=resources.actors,
            casualty_figures=found.casualty_figures,
        )
    )


def _quotes(article: Article, doc: Doc, found: Found, resources: Resources) -> None:
    found_quotes, claim_events = quotes.find_quotes(
        article,
        doc,
        actors=found.actors,
        events=found.events,
        knowledge=resources.quotes,
        actor_knowledge=resources.actors,
        times=found.times,
    )
    # The quotes stage's events are new ACCUSE events, or events of the events stage with their claimant (same id).
    updated = {event.id: event for event in claim_events}
    found.quotes = found_quotes
    found.events = (*(updated.pop(event.id, event) for event in found.events), *updated.values())


def headline_text(article: Article) -> str | None:
    """The title the story stage parses on its own: none when the text starts with it (then the Doc holds it)."""
    title = (article.title or "").strip()
    if not title or article.text.startswith(title):
        return None
    return title


def _headline(article: Article, resources: Resources, parsed: Doc | None = None) -> Doc | None:
    """The title parsed on its own (`parsed`, when the batch parsed it already: `nlp.pipe` gives the same Doc as
    `nlp` on one text, without the fixed cost of a call per title), for the story stage."""
    title = headline_text(article)
    if title is None:
        return None
    return parsed if parsed is not None else resources.nlp(title)


def _story(article: Article, doc: Doc, found: Found, resources: Resources) -> None:
    found.main_event = story.find_main_event(
        article,
        doc,
        events=found.events,
        places=found.places,
        lexicon=resources.events,
        place_knowledge=resources.places,
        times=found.times,
        casualty_terms=resources.casualties,
        headline=_headline(article, resources, found.headline),
        casualty_figures=found.casualty_figures,
    )
    main = found.main_event
    if main is not None:  # the main event comes back carrying its whole occurrence's casualties
        found.events = tuple(main if event.id == main.id else event for event in found.events)


# The stages in the order they run: each one's name (ItemError.stage when it fails) and its step. A failed stage
# leaves its records empty and the later stages run on what there is.
STAGES: tuple[tuple[str, Callable[[Article, Doc, Found, Resources], None]], ...] = (
    ("times", _times),
    ("places", _places),
    ("actors", _actors),
    ("events", _events),
    ("quotes", _quotes),
    ("story", _story),
)


def _analyse(article: Article, doc: Doc, resources: Resources, headline: Doc | None = None) -> Extraction:
    errors: list[ItemError] = []
    found = Found(headline=headline)
    for name, step in STAGES:
        _run_stage(name, errors, article, partial(step, article, doc, found, resources))
    if found.main_event is not None:
        article = replace(article, main_event_id=found.main_event.id)
    return Extraction(
        article=article,
        events=found.events,
        quotes=tuple(found.quotes),
        places=tuple(found.places),
        times=tuple(found.times),
        actors=tuple(found.actors),
        errors=tuple(errors),
    )
