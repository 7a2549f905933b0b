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
from typing import Any

from dateline import pipeline
from dateline.bench.synthetic import synthetic_extraction
from dateline.jobs.ingest import BatchSink
from dateline.jobs.writer import SinkTotals
from dateline.records import Extraction, RawDocument
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
) -> Callable[[], tuple[int, int, float, float]]:
    """A bench job (see dateline.bench.throughput): ingest `corpus` with `workers` workers into a fresh database, or
    into a copy of `loaded`; the copy and the input file are made before the clock starts. `words`: the corpus's
    words as the floor counts them (of the cleaned texts).

    As `dateline ingest` does, the writer process starts first and the model is loaded after it (so the writer does
    not hold the model's pages; run this in a process that has not loaded it, see throughput.IngestLauncher); the
    model's load is left out of the time and the CPU, as it is for the floor and the pipeline, whose model is loaded
    before their clock starts."""

    def job() -> tuple[int, int, float, float]:
        from dateline.jobs.ingest import ingest_paths, open_sink

        with tempfile.TemporaryDirectory(prefix="dateline-bench-ingest-") as folder:
            source, db = Path(folder) / "corpus.jsonl", Path(folder) / "bench.duckdb"
            write_jsonl(corpus, source)
            if loaded is not None:
                shutil.copyfile(loaded, db)
            run_settings = replace(settings, db=str(db), workers=workers)
            start = time.perf_counter()
            with open_sink(str(db), merge_every=run_settings.batch_size) as sink:
                load_wall, load_cpu = time.perf_counter(), time.process_time()
                pipeline.load_resources(run_settings)
                load_wall, load_cpu = time.perf_counter() - load_wall, time.process_time() - load_cpu
                summary = ingest_paths([str(source)], run_settings, sink=_Opened(sink))
            seconds = time.perf_counter() - start - load_wall
        return summary.read, words, seconds, load_cpu

    return job


class _Opened:
    """A sink the bench opened already (its writer started before the model was loaded), handed to ingest_paths:
    entering it opens nothing more; the bench closes it."""

    def __init__(self, sink: BatchSink) -> None:
        self.sink = sink

    def __enter__(self) -> BatchSink:
        return self.sink

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        return None

    def stored_ids(self) -> set[str]:
        return self.sink.stored_ids()

    def write(self, extractions: list[Extraction]) -> None:
        self.sink.write(extractions)

    def finish(self) -> SinkTotals:
        return self.sink.finish()
