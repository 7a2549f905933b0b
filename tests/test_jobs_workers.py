"""Worker processes: the model and knowledge are loaded once and kept out of the cyclic collector's way."""

from __future__ import annotations

import gc
import multiprocessing

from dateline.jobs import workers
from dateline.records import ItemError, RawDocument
from dateline.settings import Settings


def test_jobs_worker_freezes_what_it_loaded(resources: object) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(1, initializer=workers.start_worker, initargs=(Settings(),)) as pool:
        frozen = pool.apply(gc.get_freeze_count)
    assert frozen > 10_000  # the spaCy pipeline and the knowledge bases, not a handful of objects


def test_jobs_worker_collects_young_objects_less_often(resources: object) -> None:
    context = multiprocessing.get_context("fork")
    with context.Pool(1, initializer=workers.start_worker, initargs=(Settings(),)) as pool:
        thresholds = pool.apply(gc.get_threshold)
    assert thresholds[0] == workers.WORKER_GC_YOUNG_THRESHOLD
    assert thresholds[1:] == gc.get_threshold()[1:]  # the older generations keep Python's defaults


def test_jobs_worker_extracts_after_freezing(resources: object) -> None:
    raw = RawDocument(origin="<test>", text="Gunmen killed two guards at a checkpoint in Mosul on Monday.")
    batches: list[list[RawDocument | ItemError]] = [[raw], [raw]]
    extractions = [e for batch in workers.extract_batches(batches, Settings(), workers=2) for e in batch]
    assert [len(extraction.errors) for extraction in extractions] == [0, 0]
    assert all(extraction.events for extraction in extractions)
