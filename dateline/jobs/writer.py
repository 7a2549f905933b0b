"""The local store as the sink of an ingest: a writer process that owns the database and, for each finished batch
in the order it gets them, stores the articles and merges their events into clusters in ONE transaction, while the
ingest goes on reading and extracting.

One transaction per batch is what makes an ingest killed at any moment (SIGKILL included) resume as if it had never
stopped: the database holds whole batches, each merged, and a re-run starts with the first batch it lacks, so its
clusters equal those of a run that was never interrupted. The writer dies with the process that started it
(PR_SET_PDEATHSIG on Linux), so a killed ingest leaves no process holding the file.

The ingest process itself never opens DuckDB: its worker processes are forked from it, also when one is replaced in
the middle of a run, and a fork must not meet DuckDB's threads.

`store_batch` is the one way a batch is stored: here, and on the writer thread of a `dateline serve` that holds the
file (web/internal.py; jobs/ingest.py's ServerSink sends it the batches).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import signal
from collections.abc import Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import ForkProcess
from types import TracebackType
from typing import Any

from dateline import resolve
from dateline.jobs.workers import die_with_parent
from dateline.records import Extraction, ItemError
from dateline.store import ClusterPlan, Store, StoreError, StoreWriteError, WriteResult

log = logging.getLogger(__name__)

# Batches handed to the writer and not yet stored: the ingest waits when the writer is this far behind.
MAX_QUEUED_BATCHES = 2
# How long a stopped writer may take to finish the batch it is storing before it is killed (nothing is lost then:
# the batch's transaction rolls back and a re-run stores it).
STOP_WAIT_S = 60.0


@dataclass
class SinkTotals:
    """What a sink stored: articles, articles it had already, events and quotes, and the articles it refused (by id,
    with why)."""

    stored: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    refused: dict[str, ItemError] = field(default_factory=dict)

    def add(self, other: SinkTotals) -> None:
        self.stored += other.stored
        self.skipped += other.skipped
        self.events += other.events
        self.quotes += other.quotes
        self.refused.update(other.refused)


class WriterError(StoreError):
    """The writer process failed or died; what it committed before is in the database, whole."""


class StoreSink:
    """Store and merge finished batches in a database file, in a writer process (see the module's docstring).

    `with StoreSink(path) as sink:` starts the writer, which opens the database (a locked or foreign file raises
    StoreError here, before any work); `sink.stored_ids()`, `sink.write(batch)` for each batch, `sink.finish()`.
    Each batch's events are merged in parts of `merge_every` articles (settings.batch_size), in order."""

    def __init__(self, path: str, *, merge_every: int = 0) -> None:
        self.path = path
        self.merge_every = merge_every
        self._process: ForkProcess | None = None
        self._connection: Connection | None = None
        self._stored_ids: set[str] = set()
        self._queued = 0
        self._totals = SinkTotals()

    def __enter__(self) -> StoreSink:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def start(self) -> None:
        context = multiprocessing.get_context("fork")
        ours, theirs = context.Pipe()
        args = (self.path, self.merge_every, theirs, ours)
        self._process = context.Process(target=_write_batches, args=args, daemon=True)
        self._process.start()
        theirs.close()
        self._connection = ours
        kind, value = self._receive()
        if kind == "error":
            self.close()
            raise StoreError(str(value))
        self._stored_ids = value

    def stored_ids(self) -> set[str]:
        """The ids of the articles the database held when the sink started."""
        return self._stored_ids

    def write(self, extractions: list[Extraction]) -> None:
        """Hand a batch to the writer (it is stored later, in order); waits while the writer is far behind."""
        self._send(("batch", extractions))
        self._queued += 1
        while self._queued > MAX_QUEUED_BATCHES:
            self._collect()

    def finish(self) -> SinkTotals:
        """Wait until every batch handed is stored and merged; what was stored in all."""
        self._send(("finish", None))
        while self._queued:
            self._collect()
        kind, _ = self._receive()
        if kind != "finished":
            raise WriterError(f"the writer answered {kind!r} when asked to finish")
        self.close()
        return self._totals

    def close(self) -> None:
        """Stop the writer (after the batch it is storing, if any; batches not yet stored are dropped: a re-run
        extracts them again)."""
        if self._connection is not None:
            with contextlib.suppress(OSError):
                self._connection.send(("stop", None))
            self._connection.close()
            self._connection = None
        if self._process is not None:
            self._process.join(STOP_WAIT_S)
            if self._process.exitcode is None:
                self._process.kill()
                self._process.join()
            self._process = None

    def _collect(self) -> None:
        kind, value = self._receive()
        if kind != "stored":
            raise WriterError(f"the writer failed: {value}")
        self._totals.add(value)
        self._queued -= 1

    def _send(self, message: tuple[str, Any]) -> None:
        if self._connection is None:
            raise WriterError("the writer is not running")
        try:
            self._connection.send(message)
        except OSError as error:
            raise WriterError(f"the writer is gone ({self._exit_status()})") from error

    def _receive(self) -> tuple[str, Any]:
        if self._connection is None:
            raise WriterError("the writer is not running")
        try:
            message: tuple[str, Any] = self._connection.recv()
        except (EOFError, OSError) as error:
            raise WriterError(f"the writer is gone ({self._exit_status()})") from error
        return message

    def _exit_status(self) -> str:
        if self._process is None:
            return "not started"
        self._process.join(5)
        code = self._process.exitcode
        return (
            "still running" if code is None else f"exit status {code}" if code >= 0 else signal.strsignal(-code) or ""
        )


def _write_batches(path: str, merge_every: int, connection: Connection, parent_end: Connection) -> None:
    """The writer process: open the database, say which articles it holds, then store batches until told to stop."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the ingest, which then closes our input
    parent_end.close()
    store = Store(path)
    try:
        store.open()  # waits a moment for the lock of a writer that is just going away
    except StoreError as error:
        connection.send(("error", str(error)))
        return
    cache = resolve.ReportCache()
    with store:
        resolve_leftovers(store)
        connection.send(("ready", set(store.article_ids())))
        log.debug("writer ready on %s", path)
        while True:
            try:
                kind, value = connection.recv()
            except (EOFError, OSError):
                return
            if kind == "stop":
                return
            if kind == "finish":
                connection.send(("finished", None))
                return
            try:
                storable, orphan_errors, parts = split_batch(value, merge_every)
                connection.send(("stored", store_batch(store, storable, orphan_errors, parts, cache=cache)))
            except Exception as error:
                log.debug("the writer failed", exc_info=True)
                connection.send(("failed", f"{type(error).__name__}: {error}"))
                return


def resolve_leftovers(store: Store) -> None:
    """Events left without a cluster by an ingest of an older dateline killed between storing and merging."""
    leftovers = store.unclustered_event_ids()
    if leftovers:
        log.info("resolving %d events left unclustered by an interrupted run", len(leftovers))
        with store.transaction():
            resolve.resolve_new_events(store, leftovers)


def split_batch(
    extractions: Sequence[Extraction], merge_every: int = 0
) -> tuple[list[Extraction], list[ItemError], list[int]]:
    """A batch as `store_batch` takes it: the articles to store, the errors of items that have no article, and the
    part each article's events are merged in (consecutive runs of `merge_every` extractions, the workers' parse
    batches; 0: one part)."""
    storable: list[Extraction] = []
    parts: list[int] = []
    for position, extraction in enumerate(extractions):
        if extraction.article.text:
            storable.append(extraction)
            parts.append(position // merge_every if merge_every > 0 else 0)
    orphan_errors = [error for extraction in extractions if not extraction.article.text for error in extraction.errors]
    return storable, orphan_errors, parts


def store_batch(
    store: Store,
    storable: Sequence[Extraction],
    orphan_errors: Sequence[ItemError],
    parts: Sequence[int] | None = None,
    *,
    cache: resolve.ReportCache | None = None,
) -> SinkTotals:
    """Store a batch and merge its events in one transaction, each article's events in its part of `parts` (see
    `split_batch`; each part is merged as if the ones before were stored already, so the size of a transaction does
    not change the clusters); if that fails, each article alone (an article that cannot be stored is refused, its
    errors stored without it). `orphan_errors` (of items without an article) are stored too.

    The one way a batch is stored, whether an ingest's writer process holds the database or a running `dateline
    serve` does (web/internal.py calls it on the server's writer thread)."""
    storable, orphan_errors = list(storable), list(orphan_errors)
    part_of: dict[str, int] = {}
    for extraction, part in zip(storable, parts or [0] * len(storable), strict=True):
        part_of.setdefault(extraction.article.id, part)
    try:
        return _totals(_store_and_merge(store, storable, orphan_errors, cache, part_of))
    except StoreWriteError:
        log.warning("batch of %d articles not stored; storing them one by one", len(storable), exc_info=True)
    totals = SinkTotals()
    for extraction in storable:
        try:
            totals.add(_totals(_store_and_merge(store, [extraction], [], cache)))
        except StoreWriteError as error:
            article = extraction.article
            refused = ItemError(article.origin or article.id, "store", type(error).__name__, str(error), article.id)
            totals.refused[article.id] = refused
            orphan_errors = [*orphan_errors, *extraction.errors, refused]
    store.write_errors(orphan_errors)
    return totals


def _store_and_merge(
    store: Store,
    extractions: list[Extraction],
    orphan_errors: list[ItemError],
    cache: resolve.ReportCache | None,
    part_of: dict[str, int] | None = None,
) -> WriteResult:
    """Store articles, and their events in their clusters, in one transaction; the events are merged in the parts
    `part_of` gives their articles (default: one), in order."""
    reports = cache or resolve.ReportCache()

    def plan(rows: list[dict[str, Any]]) -> ClusterPlan:
        parts: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            parts.setdefault((part_of or {}).get(row["article_id"], 0), []).append(row)
        return resolve.plan_clusters(store, [parts[number] for number in sorted(parts)], cache=reports)

    result = store.write_batch(extractions, errors=orphan_errors, plan=plan)
    log.debug("stored batch: %d new articles, %d already stored", result.stored, result.skipped)
    return result


def _totals(result: WriteResult) -> SinkTotals:
    return SinkTotals(stored=result.stored, skipped=result.skipped, events=result.events, quotes=result.quotes)
