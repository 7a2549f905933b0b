"""Whole jobs built from the stages: ingest paths into a database, find the demo corpus.

Library code: it logs and reports progress through a callback, it never prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline import ingest as readers
from dateline import pipeline
from dateline.records import ItemError
from dateline.settings import Settings

DEMO_CORPUS = Path(__file__).parent / "demo" / "articles"


@dataclass
class IngestSummary:
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    failed: int = 0
    events: int = 0
    quotes: int = 0
    errors: list[ItemError] = field(default_factory=list)


def ingest_paths(
    paths: Iterable[str],
    settings: Settings,
    on_progress: Callable[[int], Any] | None = None,
) -> IngestSummary:
    """Extract every article under `paths` and store it in settings.db, one transaction per batch.

    Articles already in the database (same id, i.e. same content hash unless an id was given) are skipped,
    so an interrupted ingest resumes without duplicates.
    """
    from dateline import resolve
    from dateline.store import Store

    summary = IngestSummary()
    with Store(settings.db) as store:
        raws = readers.read_paths(paths)
        for batch in pipeline.batched(raws, max(1, settings.batch_size)):
            extractions = pipeline.extract_batch(batch, settings)
            summary.read += len(extractions)
            fresh = [e for e in extractions if not e.errors or e.article.text]
            result = store.write_batch(fresh)
            summary.stored += result.stored
            summary.already_stored += result.skipped
            for extraction in extractions:
                summary.errors.extend(extraction.errors)
                if not extraction.article.text:
                    summary.failed += 1
            summary.events += result.events
            summary.quotes += result.quotes
            store.write_errors([error for extraction in extractions for error in extraction.errors])
            resolve.resolve_new_events(store, result.new_event_ids)
            if on_progress is not None:
                on_progress(len(batch))
    return summary
