"""Whole jobs built from the stages: ingest paths into a database, find the demo corpus.

Library code: it logs and reports progress through a callback, it never prints.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline import clean, pipeline, resolve
from dateline import ingest as readers
from dateline.records import Extraction, ItemError, RawDocument
from dateline.settings import Settings
from dateline.store import Store, StoreWriteError, WriteResult

log = logging.getLogger(__name__)

DEMO_CORPUS = Path(__file__).parent / "demo" / "articles"


@dataclass
class IngestSummary:
    """What an ingest did. `failed`: items that could not be stored at all (unreadable, empty, refused);
    `partial`: articles stored with the errors of the stages that failed on them."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    failed: int = 0
    partial: int = 0
    events: int = 0
    quotes: int = 0
    errors: list[ItemError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.partial


def _store_error(extraction: Extraction, error: StoreWriteError) -> ItemError:
    article = extraction.article
    return ItemError(article.origin or article.id, "store", type(error).__name__, str(error), article.id)


def _write(
    store: Store, storable: list[Extraction], orphan_errors: list[ItemError]
) -> tuple[WriteResult, dict[str, ItemError]]:
    """Write a batch in one transaction; if that fails, each article alone. Returns the result and, per article
    that could not be stored, why (its errors are then stored without it)."""
    try:
        return store.write_batch(storable, errors=orphan_errors), {}
    except StoreWriteError:
        log.warning("batch of %d articles not stored; storing them one by one", len(storable), exc_info=True)
    total = WriteResult()
    refused: dict[str, ItemError] = {}
    for extraction in storable:
        try:
            result = store.write_batch([extraction])
        except StoreWriteError as error:
            refused[extraction.article.id] = _store_error(extraction, error)
            orphan_errors = [*orphan_errors, *extraction.errors, refused[extraction.article.id]]
            continue
        total = WriteResult(
            stored=total.stored + result.stored,
            skipped=total.skipped + result.skipped,
            events=total.events + result.events,
            quotes=total.quotes + result.quotes,
            new_event_ids=[*total.new_event_ids, *result.new_event_ids],
        )
    store.write_errors(orphan_errors)
    return total, refused


def _ingest_batch(store: Store, extractions: list[Extraction], summary: IngestSummary) -> None:
    storable = [extraction for extraction in extractions if extraction.article.text]
    orphan_errors = [error for extraction in extractions if not extraction.article.text for error in extraction.errors]
    result, refused = _write(store, storable, orphan_errors)
    summary.read += len(extractions)
    summary.stored += result.stored
    summary.already_stored += result.skipped
    summary.events += result.events
    summary.quotes += result.quotes
    summary.errors.extend(refused.values())
    for extraction in extractions:
        summary.errors.extend(extraction.errors)
        if not extraction.article.text or extraction.article.id in refused:
            summary.failed += 1
        elif extraction.errors:
            summary.partial += 1
    resolve.resolve_new_events(store, result.new_event_ids)
    log.debug("stored batch: %d new articles, %d already stored", result.stored, result.skipped)


def ingest_paths(
    paths: Iterable[str],
    settings: Settings,
    on_progress: Callable[[int], Any] | None = None,
) -> IngestSummary:
    """Extract every article under `paths` and store it in settings.db, one transaction per batch.

    Articles already in the database (same id, i.e. same content hash unless an id was given) are skipped,
    so an interrupted ingest resumes without duplicates. An unreadable item is counted as failed and its error
    stored; an article on which a stage failed is stored with its errors.
    """
    summary = IngestSummary()
    with Store(settings.db) as store:  # a locked or foreign database fails now, before the model is loaded
        stored_ids = set(store.article_ids())
    pipeline.load_resources(settings)  # fails once on a broken model or knowledge file; forked workers inherit it
    fresh = _not_stored(readers.read_paths(paths), stored_ids, settings, summary, on_progress)
    results = pipeline.extract_batches(pipeline.batched(fresh, max(1, settings.batch_size)), settings)
    # Start the worker processes (on the first batch) before DuckDB starts its threads: forking after is unsafe.
    first = next(results, None)
    with Store(settings.db) as store:
        leftovers = store.unclustered_event_ids()
        if leftovers:
            log.info("resolving %d events left unclustered by an interrupted run", len(leftovers))
            resolve.resolve_new_events(store, leftovers)
        for extractions in itertools.chain([first] if first is not None else [], results):
            _ingest_batch(store, extractions, summary)
            if on_progress is not None:
                on_progress(len(extractions))
    return summary


def _article_id(raw: RawDocument, settings: Settings) -> str | None:
    """The id the pipeline will give this document (its own id, else the hash of its cleaned text)."""
    if raw.id:
        return raw.id
    try:
        return clean.clean_with_notes(raw, max_chars=settings.max_chars).article.id
    except Exception:  # noqa: BLE001 - a document that does not clean goes to the pipeline, which reports it
        return None


def _not_stored(
    items: Iterable[RawDocument | ItemError],
    stored_ids: set[str],
    settings: Settings,
    summary: IngestSummary,
    on_progress: Callable[[int], Any] | None,
) -> Iterator[RawDocument | ItemError]:
    """The items whose article is not stored yet; the others are counted as already stored and not extracted
    again, so a re-run after an interruption costs only the cleaning of what was done."""
    for item in items:
        if stored_ids and isinstance(item, RawDocument) and _article_id(item, settings) in stored_ids:
            summary.read += 1
            summary.already_stored += 1
            if on_progress is not None:
                on_progress(1)
            continue
        yield item
