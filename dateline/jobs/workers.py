"""The local engine: batches extracted on a pool of worker processes on this machine, in input order.

Each worker loads the model and knowledge once (`start_worker`); at most two batches per worker are in flight, so
memory stays flat however long the input is. With one worker (or a single batch) everything runs in this process.
"""

from __future__ import annotations

import collections
import gc
import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import Any

from dateline import pipeline
from dateline.jobs.batches import batched, extract_batch_safely
from dateline.records import Extraction, ItemError, RawDocument
from dateline.settings import Settings


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
    pipeline.load_resources(settings)
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
    pipeline.load_resources(settings)  # loaded before the fork, so the workers share it instead of loading it again
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
