"""The pipeline, top to bottom: raw document → clean article → parse → times, places, actors, events, quotes.

Each stage is a plain function from records to records (see the stage modules). This module only wires them:
it loads the knowledge each stage needs once per process, runs the stages in order, and turns any failure into
an ItemError on that article so that the batch goes on.
"""

from __future__ import annotations

import collections
import gc
import itertools
import logging
import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from multiprocessing.pool import AsyncResult
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from dateline import actors, clean, events, nlp, places, quotes, times
from dateline.records import Article, Extraction, ItemError, RawDocument
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
    gazetteer: places.Gazetteer
    events: events.EventLexicon
    quotes: quotes.QuoteKnowledge

    def is_known_place(self, name: str) -> bool:
        """Whether a one-word name is a notable place, so that a model tagging "Hilla" PERSON does not make an actor.

        Only places of some size count: a hamlet that shares a surname must not hide a person."""
        return any(entry.population >= _NOTABLE_PLACE_POPULATION for entry in self.gazetteer.lookup(name))


def load_resources(settings: Settings) -> Resources:
    """Load the models and knowledge files once per process (only the settings that choose them matter)."""
    return _load_resources(settings.spacy_model, settings.actors_file or None)


@cache
def _load_resources(spacy_model: str, actors_file: str | None) -> Resources:
    actor_knowledge = actors.load_actor_knowledge(actors_file)
    gazetteer = places.load_gazetteer()
    patterns = [*actors.entity_patterns(actor_knowledge), *places.entity_patterns(gazetteer)]
    return Resources(
        nlp=nlp.load_nlp(spacy_model, patterns),
        actors=actor_knowledge,
        gazetteer=gazetteer,
        events=events.load_event_lexicon(),
        quotes=quotes.load_quote_knowledge(),
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


def analyse(article: Article, doc: Doc, resources: Resources, *, timeout: float = 60.0) -> Extraction:
    """Run every extraction stage on one parsed article, in order; each stage sees the records of the ones before.

    A run longer than `timeout` seconds (settings.article_timeout) becomes an ItemError; later stages are skipped."""
    try:
        with _deadline(timeout):
            return _analyse(article, doc, resources)
    except ArticleTimeoutError as error:  # fired between two stages rather than inside one
        item_error = ItemError(article.origin or article.id, "pipeline", type(error).__name__, str(error), article.id)
        return Extraction(article=article, errors=(item_error,))


def _analyse(article: Article, doc: Doc, resources: Resources) -> Extraction:
    errors: list[ItemError] = []
    found_times = _run_stage("times", errors, article, lambda: times.find_times(article, doc)) or []
    found_places = (
        _run_stage("places", errors, article, lambda: places.find_places(article, doc, gazetteer=resources.gazetteer))
        or []
    )
    found_actors = (
        _run_stage(
            "actors",
            errors,
            article,
            lambda: actors.find_actors(article, doc, knowledge=resources.actors, is_place=resources.is_known_place),
        )
        or []
    )
    found_events = (
        _run_stage(
            "events",
            errors,
            article,
            lambda: events.find_events(
                article,
                doc,
                actors=found_actors,
                places=found_places,
                times=found_times,
                lexicon=resources.events,
                actor_knowledge=resources.actors,
            ),
        )
        or []
    )
    found_quotes, claim_events = _run_stage(
        "quotes",
        errors,
        article,
        lambda: quotes.find_quotes(
            article,
            doc,
            actors=found_actors,
            events=found_events,
            knowledge=resources.quotes,
            actor_knowledge=resources.actors,
        ),
    ) or ([], [])
    # The quotes stage's events are new ACCUSE events, or events of this stage with their claimant (same id).
    updated = {event.id: event for event in claim_events}
    return Extraction(
        article=article,
        events=(*(updated.pop(event.id, event) for event in found_events), *updated.values()),
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
    cleaned: list[clean.CleanResult | Extraction] = []
    for raw in raws:
        if isinstance(raw, ItemError):
            cleaned.append(failed_extraction(RawDocument(origin=raw.origin), raw))
            continue
        try:
            cleaned.append(clean.clean_with_notes(raw, max_chars=settings.max_chars))
        except clean.BadDocumentError as error:
            item_error = ItemError(raw.origin, "clean", type(error).__name__, str(error))
            cleaned.append(failed_extraction(raw, item_error))
    articles = [item.article for item in cleaned if isinstance(item, clean.CleanResult)]
    docs = iter(nlp.parse_texts(resources.nlp, (a.text for a in articles), batch_size=settings.batch_size))
    return [
        item
        if isinstance(item, Extraction)
        else _analyse_cleaned(item, next(docs), resources, settings.article_timeout)
        for item in cleaned
    ]


def extract_batch_safely(batch: Sequence[RawDocument | ItemError], settings: Settings) -> list[Extraction]:
    """Extract a batch; if the batch as a whole breaks, extract item by item so that one bad item fails alone."""
    try:
        return extract_batch(batch, settings)
    except Exception:  # a failure outside the per-stage guards (parser, cleaner): isolate the culprit
        log.warning("batch of %d failed as a whole; extracting its items one by one", len(batch), exc_info=True)
    extractions: list[Extraction] = []
    for item in batch:
        try:
            extractions.extend(extract_batch([item], settings))
        except Exception as error:  # noqa: BLE001 - the item becomes an error record, the batch goes on
            raw = item if isinstance(item, RawDocument) else RawDocument(origin=item.origin)
            failure = ItemError(raw.origin, "pipeline", type(error).__name__, str(error) or type(error).__name__)
            extractions.append(failed_extraction(raw, failure))
    return extractions


def _analyse_cleaned(result: clean.CleanResult, doc: Doc, resources: Resources, timeout: float) -> Extraction:
    """Analyse a cleaned article; metadata the cleaner refused (e.g. an absurd date) is reported as an error."""
    extraction = analyse(result.article, doc, resources, timeout=timeout)
    article = result.article
    notes = tuple(
        ItemError(article.origin or article.id, "clean", "MetadataRefused", note, article.id) for note in result.notes
    )
    return replace(extraction, errors=(*notes, *extraction.errors)) if notes else extraction


def batched[T](items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _extract_in_worker(batch: list[RawDocument | ItemError]) -> list[Extraction]:
    """Run in a worker process: its resources were loaded once by `start_worker`."""
    if _WORKER_SETTINGS is None:
        raise RuntimeError("worker process started without settings")
    return extract_batch_safely(batch, _WORKER_SETTINGS)


_WORKER_SETTINGS: Settings | None = None
WORKER_GC_YOUNG_THRESHOLD = 20_000


def start_worker(settings: Settings) -> None:
    """Worker initializer: load the model and knowledge once per process, not once per batch."""
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings
    load_resources(settings)
    # The model and knowledge bases live as long as the worker: keep the cyclic collector from walking their
    # ~120k objects again and again (about 2% of a worker's time otherwise).
    gc.collect()
    gc.freeze()
    # An article makes tens of thousands of short-lived objects (records, spans, word tuples): a young collection
    # every 700 of them and the older collections they trigger cost about 2% more (one process, 90 articles).
    gc.set_threshold(WORKER_GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])


def extract_batches(
    batches: Iterable[list[RawDocument | ItemError]], settings: Settings, workers: int | None = None
) -> Iterator[list[Extraction]]:
    """Extract batches in input order, on `workers` processes (default: settings.worker_count).

    At most two batches per worker are in flight, so memory stays flat however long the input is.
    With one worker (or a single batch) everything runs in this process, which avoids the model load per worker.
    """
    count = settings.worker_count if workers is None else max(1, workers)
    batch_iter = iter(batches)
    first = next(batch_iter, None)
    if first is None:
        return
    second = next(batch_iter, None)
    if count == 1 or second is None:
        for batch in itertools.chain([first], [second] if second is not None else [], batch_iter):
            yield extract_batch_safely(batch, settings)
        return
    load_resources(settings)  # loaded before the fork, so the workers share it instead of loading it again
    yield from _extract_on_pool(itertools.chain([first, second], batch_iter), settings, count)


def _extract_on_pool(
    batches: Iterator[list[RawDocument | ItemError]], settings: Settings, workers: int
) -> Iterator[list[Extraction]]:
    # fork shares the parent's imported modules; each child still loads its own model in the initializer.
    context = multiprocessing.get_context("fork")
    pending: collections.deque[AsyncResult[list[Extraction]]] = collections.deque()
    with context.Pool(processes=workers, initializer=start_worker, initargs=(settings,)) as pool:
        for batch in batches:
            pending.append(pool.apply_async(_extract_in_worker, (batch,)))
            if len(pending) >= 2 * workers:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()


def extract_stream(
    raws: Iterable[RawDocument | ItemError],
    settings: Settings,
    on_progress: Callable[[int], Any] | None = None,
    workers: int | None = None,
) -> Iterator[Extraction]:
    """Extract documents as a stream, in input order, with flat memory however long the input."""
    for extractions in extract_batches(batched(raws, max(1, settings.batch_size)), settings, workers):
        yield from extractions
        if on_progress is not None:
            on_progress(len(extractions))


def extract_text(text: str, published: str | None = None, settings: Settings | None = None) -> Extraction:
    """Extract one article given as plain text (the Python API's `dateline.extract`)."""
    raw = RawDocument(origin="<text>", text=text, published=published)
    return extract_batch([raw], settings or Settings())[0]
