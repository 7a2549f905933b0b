"""`dateline bench`'s ingest runs: the job users run (extract, store, merge into clusters), timed on the same corpus
parts as the floor and the pipeline, into a fresh database and into one that already holds about 200,000 events.

The loaded database is generated (`build_loaded_database`): synthetic articles (dateline.bench.synthetic) of ten
events each, their months spread over 2012-2029 so that the events sit in many (family, week) blocks as a years-long
record does, each event in a cluster of its own; a copy of it is made for every round, so each round ingests into the
same 200,000 events.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from dateline.bench.synthetic import synthetic_extraction
from dateline.records import RawDocument
from dateline.settings import Settings
from dateline.store import Store

LOADED_EVENTS = 200_000
_EVENTS_PER_ARTICLE = 10
_LOAD_BATCH = 500
_YEARS = range(2012, 2030)


def build_loaded_database(path: Path, events: int = LOADED_EVENTS) -> int:
    """Write a database of about `events` synthetic events, each its own cluster (see the module's docstring);
    returns the number of events."""
    articles = -(-events // _EVENTS_PER_ARTICLE)
    stored = 0
    with Store(path) as store:
        for first in range(0, articles, _LOAD_BATCH):
            batch = [
                synthetic_extraction(
                    number,
                    seed=7,
                    events_per_article=_EVENTS_PER_ARTICLE,
                    month=f"{_YEARS[number % len(_YEARS)]}-{1 + (number // len(_YEARS)) % 12:02d}",
                )
                for number in range(first, min(first + _LOAD_BATCH, articles))
            ]
            result = store.write_batch(batch)
            store.assign_singleton_clusters(result.new_event_ids)
            stored += result.events
    return stored


def write_jsonl(corpus: Sequence[RawDocument], path: Path) -> None:
    """The corpus as a JSON Lines file `dateline ingest` reads (the fields each document has)."""
    with path.open("w", encoding="utf-8") as out:
        for document in corpus:
            fields = {
                "id": document.id,
                "text": document.text,
                "html": document.html,
                "title": document.title,
                "published": document.published,
                "url": document.url,
                "source": document.source,
            }
            out.write(json.dumps({key: value for key, value in fields.items() if value is not None}) + "\n")


def ingest_work(
    corpus: Sequence[RawDocument], settings: Settings, workers: int, loaded: Path | None, words: int
) -> Callable[[], tuple[int, int, float]]:
    """A bench job (see dateline.bench.throughput): ingest `corpus` with `workers` workers into a fresh database, or
    into a copy of `loaded`; the copy and the input file are made before the clock starts. `words`: the corpus's
    words as the floor counts them (of the cleaned texts)."""

    def job() -> tuple[int, int, float]:
        from dateline.jobs.ingest import ingest_paths

        with tempfile.TemporaryDirectory(prefix="dateline-bench-ingest-") as folder:
            source, db = Path(folder) / "corpus.jsonl", Path(folder) / "bench.duckdb"
            write_jsonl(corpus, source)
            if loaded is not None:
                shutil.copyfile(loaded, db)
            start = time.perf_counter()
            summary = ingest_paths([str(source)], replace(settings, db=str(db), workers=workers))
            seconds = time.perf_counter() - start
        return summary.read, words, seconds

    return job
