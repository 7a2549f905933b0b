"""The pipeline, top to bottom: raw document → clean article → parse → times, places, actors, events, quotes.

Each stage is a plain function from records to records (see the stage modules). This module only wires them:
it loads the knowledge each stage needs once per process, runs the stages in order, and turns any failure into
an ItemError on that article so that the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from dateline import actors, clean, events, nlp, places, quotes, times
from dateline.records import Article, Extraction, ItemError, RawDocument
from dateline.settings import Settings

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True)
class Resources:
    """Everything the stages need that is loaded once per process: the parser and the knowledge bases."""

    nlp: Language
    actor_kb: actors.ActorKB
    gazetteer: places.Gazetteer
    event_lexicon: events.EventLexicon


@cache
def load_resources(settings: Settings) -> Resources:
    """Load the models and knowledge files (cached per process, keyed by the settings)."""
    actor_kb = actors.load_actor_kb(settings.actors_file or None)
    gazetteer = places.load_gazetteer()
    patterns = [*actors.entity_patterns(actor_kb), *places.entity_patterns(gazetteer)]
    return Resources(
        nlp=nlp.load_nlp(settings.spacy_model, patterns),
        actor_kb=actor_kb,
        gazetteer=gazetteer,
        event_lexicon=events.load_event_lexicon(),
    )


def _run_stage(stage: str, errors: list[ItemError], article: Article, default: T, run: Callable[[], T]) -> T:
    """Run one stage; a failure becomes an ItemError for this article and the stage's empty result."""
    try:
        return run()
    except Exception as error:  # noqa: BLE001 - one bad article must never stop the batch
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
        return default


def analyse(article: Article, doc: Doc, resources: Resources) -> Extraction:
    """Run every extraction stage on one parsed article."""
    errors: list[ItemError] = []
    found_times = _run_stage("times", errors, article, [], lambda: times.find_times(article, doc))
    found_places = _run_stage(
        "places", errors, article, [], lambda: places.find_places(article, doc, gazetteer=resources.gazetteer)
    )
    found_actors = _run_stage(
        "actors", errors, article, [], lambda: actors.find_actors(article, doc, kb=resources.actor_kb)
    )
    found_events = _run_stage(
        "events",
        errors,
        article,
        [],
        lambda: events.find_events(
            article,
            doc,
            actors=found_actors,
            places=found_places,
            times=found_times,
            lexicon=resources.event_lexicon,
        ),
    )
    found_quotes, claim_events = _run_stage(
        "quotes",
        errors,
        article,
        ([], []),
        lambda: quotes.find_quotes(article, doc, actors=found_actors, events=found_events),
    )
    return Extraction(
        article=article,
        events=(*found_events, *claim_events),
        quotes=tuple(found_quotes),
        places=tuple(found_places),
        times=tuple(found_times),
        actors=tuple(found_actors),
        errors=tuple(errors),
    )


def failed_extraction(raw: RawDocument, error: ItemError) -> Extraction:
    """The record for an input that could not become an article: empty, with the reason."""
    article_id = raw.id or clean.content_id(raw.origin)
    article = Article(id=article_id, text="", title=raw.title, url=raw.url, source=raw.source, origin=raw.origin)
    return Extraction(article=article, errors=(replace(error, article_id=article_id),))


def extract_batch(raws: Sequence[RawDocument | ItemError], settings: Settings) -> list[Extraction]:
    """Extract a batch of documents in input order. Reader errors pass through as failed extractions."""
    resources = load_resources(settings)
    cleaned: list[Article | Extraction] = []
    for raw in raws:
        if isinstance(raw, ItemError):
            cleaned.append(failed_extraction(RawDocument(origin=raw.origin), raw))
            continue
        try:
            cleaned.append(clean.clean_document(raw, max_chars=settings.max_chars))
        except clean.BadDocumentError as error:
            item_error = ItemError(raw.origin, "clean", type(error).__name__, str(error))
            cleaned.append(failed_extraction(raw, item_error))
    articles = [item for item in cleaned if isinstance(item, Article)]
    docs = iter(nlp.parse_texts(resources.nlp, (a.text for a in articles), batch_size=settings.batch_size))
    return [item if isinstance(item, Extraction) else analyse(item, next(docs), resources) for item in cleaned]


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_stream(
    raws: Iterable[RawDocument | ItemError],
    settings: Settings,
    on_progress: Callable[[int], Any] | None = None,
) -> Iterator[Extraction]:
    """Extract documents as a stream, in input order, with flat memory however long the input."""
    for batch in batched(raws, max(1, settings.batch_size)):
        yield from extract_batch(batch, settings)
        if on_progress is not None:
            on_progress(len(batch))


def extract_text(text: str, published: str | None = None, settings: Settings | None = None) -> Extraction:
    """Extract one article given as plain text (the Python API's `dateline.extract`)."""
    raw = RawDocument(origin="<text>", text=text, published=published)
    return extract_batch([raw], settings or Settings())[0]
