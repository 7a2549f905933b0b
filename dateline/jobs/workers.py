"""The local engine: batches extracted on worker processes on this machine, in input order, under a watchdog.

Each worker is a forked copy of this process (the model and knowledge are loaded before the fork, so no worker loads
them again) that takes one batch at a time over a pipe. The pool waits on the workers' pipes and on their process
sentinels together, so it sees at once when a worker dies (a segfault, an out-of-memory kill), and it kills a worker
whose batch outlasts its time budget (`time_budget`: settings.article_timeout for a batch of ordinary articles). The
dead or killed worker is replaced and its batch is run again one article at a time, each in a worker of its own
turn: the article that kills or outlasts its worker then becomes an error (stage "pipeline"), every other article
of the batch is extracted, and the run goes on. The limit covers the whole of an article's work (cleaning,
tokenising, parsing, the stages), which the in-process deadline of `pipeline.analyse` cannot: C code such as the
tokenizer does not return to Python until it is done.

At most two batches per worker are read ahead of the one the caller waits for, so memory stays flat however long
the input is. Results come back in input order.
"""

from __future__ import annotations

import collections
import contextlib
import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkProcess
from typing import Any

from dateline import pipeline
from dateline.jobs.batches import batched, extract_batch_safely, failed_extraction, time_budget
from dateline.records import Extraction, ItemError, RawDocument
from dateline.settings import Settings

log = logging.getLogger(__name__)

Batch = list[RawDocument | ItemError]
WORKER_GC_YOUNG_THRESHOLD = 20_000
# How long a worker may take to exit after its input is closed, and the longest the pool sleeps between checks.
_EXIT_WAIT_S = 5.0
_MAX_WAIT_S = 1.0
# Workers that die before their first batch this many times in a row mean a broken set-up, not a bad article.
_MAX_START_FAILURES = 3

_WORKER_SETTINGS: Settings | None = None
_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to kill this process when the one that started it dies: an ingest killed with SIGKILL leaves no
    worker computing and no writer holding the database."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            log.debug("prctl(PR_SET_PDEATHSIG) is not available")


def start_worker(settings: Settings) -> None:
    """Worker start: load the model and knowledge once per process, not once per batch (a no-op when they were
    loaded before the fork), and keep them out of the cyclic collector's way."""
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


def _serve(connection: Connection, settings: Settings, inherited: list[Connection]) -> None:
    """A worker's life: batches in, extractions out, until the pool closes the pipe."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pool's to handle: it ends its workers
    for other in inherited:  # the pool's ends of the other workers' pipes: held here, they would never see an end
        other.close()
    start_worker(settings)
    connection.send(None)  # ready: the pool's clock for a batch starts when the worker can take it
    while True:
        try:
            batch: Batch = connection.recv()
        except (EOFError, OSError):
            return
        connection.send(extract_batch_safely(batch, settings))


@dataclass
class _Task:
    """A batch in flight: its place in the output, its items, and (for an article re-run alone) its slot."""

    number: int
    items: Batch
    budget: float
    slot: int | None = None  # the article's index in its batch when the batch is re-run article by article


@dataclass
class _Worker:
    process: ForkProcess
    connection: Connection
    ready: bool = False
    task: _Task | None = None
    started: float = 0.0

    @property
    def overdue(self) -> bool:
        return self.task is not None and self.task.budget > 0 and time.monotonic() - self.started > self.task.budget


@dataclass
class _Split:
    """A batch being re-run one article at a time: the extraction of each article as it comes."""

    slots: list[Extraction | None]

    @property
    def done(self) -> bool:
        return all(slot is not None for slot in self.slots)


@dataclass
class WorkerPool:
    """Worker processes that extract batches in input order (see the module's docstring). Use `run`."""

    settings: Settings
    size: int
    _context: Any = field(default_factory=lambda: multiprocessing.get_context("fork"))
    _workers: list[_Worker] = field(default_factory=list)
    _queue: collections.deque[_Task] = field(default_factory=collections.deque)
    _finished: dict[int, list[Extraction]] = field(default_factory=dict)
    _splits: dict[int, _Split] = field(default_factory=dict)
    _start_failures: int = 0

    def run(self, batches: Iterable[Batch]) -> Iterator[list[Extraction]]:
        """Each batch's extractions, in input order."""
        source = enumerate(batches)
        exhausted = False
        upcoming = 0  # the number of the batch the caller gets next
        read = 0  # batches taken from the input so far
        try:
            self._workers = [self._start() for _ in range(self.size)]
            while True:
                while upcoming in self._finished:
                    yield self._finished.pop(upcoming)
                    upcoming += 1
                for worker in self._idle():
                    task = self._queue.popleft() if self._queue else None
                    if task is None and not exhausted and read - upcoming < 3 * self.size:
                        number, batch = next(source, (-1, []))
                        if number < 0:
                            exhausted = True
                        else:
                            read += 1
                            task = _Task(number, batch, time_budget(batch, self.settings))
                    if task is None:
                        break
                    self._send(worker, task)
                if exhausted and not self._queue and not any(worker.task for worker in self._workers):
                    if upcoming < read:  # every batch is back: the last ones are in `_finished`
                        continue
                    return
                self._wait()
        finally:
            self._stop()

    # --- Workers ------------------------------------------------------------------------------------------------

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        inherited = [worker.connection for worker in self._workers] + [ours]
        process = self._context.Process(target=_serve, args=(theirs, self.settings, inherited), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _idle(self) -> list[_Worker]:
        return [worker for worker in self._workers if worker.ready and worker.task is None]

    def _send(self, worker: _Worker, task: _Task) -> None:
        try:
            worker.connection.send(task.items)
        except OSError:  # it died while waiting for work: replace it, and give the task to the next one
            log.warning("worker %s %s while idle", worker.process.pid, _death(worker.process))
            self._replace(worker)
            self._queue.appendleft(task)
            return
        worker.task, worker.started = task, time.monotonic()

    def _replace(self, worker: _Worker) -> None:
        worker.connection.close()
        worker.process.join(_EXIT_WAIT_S)
        self._workers[self._workers.index(worker)] = self._start()

    def _wait(self) -> None:
        watched = [worker for worker in self._workers if worker.task is not None or not worker.ready]
        deadlines = [worker.started + worker.task.budget for worker in watched if worker.task and worker.task.budget]
        timeout = min([_MAX_WAIT_S, *(deadline - time.monotonic() for deadline in deadlines)])
        handles: list[Any] = [worker.connection for worker in watched] + [worker.process.sentinel for worker in watched]
        ready = set(wait(handles, timeout=max(0.0, timeout)))
        for worker in watched:
            if worker.connection in ready:
                self._receive(worker)
            elif worker.process.sentinel in ready:
                self._lost(worker, _death(worker.process))
            elif worker.overdue:
                assert worker.task is not None
                self._kill(worker)
                self._lost(worker, f"took longer than {worker.task.budget:g} s (settings.article_timeout)")

    def _receive(self, worker: _Worker) -> None:
        task = worker.task
        try:
            answer: list[Extraction] | None = worker.connection.recv()
        except Exception as error:  # noqa: BLE001 - it died while answering, or the answer is cut short
            self._lost(worker, _death(worker.process) if worker.process.exitcode is not None else repr(error))
            return
        if not worker.ready:
            worker.ready = True
            log.debug("worker %s ready", worker.process.pid)
            return
        assert task is not None and answer is not None
        worker.task = None
        self._done(task, answer)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(worker.process.pid, signal.SIGKILL)
        worker.process.join(_EXIT_WAIT_S)

    def _lost(self, worker: _Worker, why: str) -> None:
        """The worker died or was killed: replace it, and run its batch again article by article (or report the
        article, when it ran alone)."""
        task = worker.task
        self._replace(worker)
        if task is None:  # it died starting up
            self._start_failures += 1
            if self._start_failures >= _MAX_START_FAILURES:
                raise RuntimeError(f"worker processes die as they start: the last one {why}")
            log.warning("worker %s %s before its first batch", worker.process.pid, why)
            return
        self._start_failures = 0
        log.warning("worker %s %s on a batch of %d", worker.process.pid, why, len(task.items))
        if task.slot is None and len(task.items) > 1:
            self._splits[task.number] = _Split([None] * len(task.items))
            alone = [
                _Task(task.number, [item], time_budget([item], self.settings), slot)
                for slot, item in enumerate(task.items)
            ]
            self._queue.extendleft(reversed(alone))
            return
        item = task.items[0]
        raw = item if isinstance(item, RawDocument) else RawDocument(origin=item.origin)
        error = ItemError(raw.origin, "pipeline", "WorkerLost", f"the worker extracting it {why}")
        self._done(task, [failed_extraction(raw, error)])

    def _done(self, task: _Task, extractions: list[Extraction]) -> None:
        if task.slot is None:
            self._finished[task.number] = extractions
            return
        split = self._splits[task.number]
        split.slots[task.slot] = extractions[0]
        if split.done:
            del self._splits[task.number]
            self._finished[task.number] = [slot for slot in split.slots if slot is not None]

    def _stop(self) -> None:
        for worker in self._workers:
            worker.connection.close()  # a worker waiting for a batch sees the end of its input and exits
        deadline = time.monotonic() + _EXIT_WAIT_S
        for worker in self._workers:
            if worker.task is not None:
                self._kill(worker)
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.exitcode is None:
                self._kill(worker)
        self._workers = []


def _death(process: ForkProcess) -> str:
    """How a worker process ended, in words."""
    process.join(_EXIT_WAIT_S)
    code = process.exitcode
    if code is None:
        return "stopped answering"
    if code < 0:
        name = signal.Signals(-code).name
        hint = " (out of memory?)" if -code == signal.SIGKILL else ""
        return f"died ({name}{hint})"
    return f"exited with status {code}"


def extract_batches(
    batches: Iterable[Batch], settings: Settings, workers: int | None = None
) -> Iterator[list[Extraction]]:
    """Extract batches in input order, on `workers` worker processes (default: settings.worker_count).

    The model and knowledge are loaded here first, so that the workers share them instead of loading them again.
    """
    count = settings.worker_count if workers is None else max(1, workers)
    pipeline.load_resources(settings)
    yield from WorkerPool(settings, count).run(batches)


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
