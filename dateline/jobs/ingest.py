"""The ingest job: extract the articles under some paths and store them in a database (on local worker processes or
on Dask), load Parquet partitions, find the demo corpus.

Batches go to a BatchSink: the database file itself (StoreSink), or, when `dateline serve` holds the file, that
server (ServerSink in jobs/served.py), which stores them with the same `store_batch` on its writer thread.

Library code: it logs and reports progress through a callback, it never prints.
"""

from __future__ import annotations

import itertools
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from dateline import pipeline, readers, resolve
from dateline.jobs.batches import article_id_of, batched
from dateline.jobs.partitions import PartitionError, partition_article_ids, partition_files, read_partition
from dateline.jobs.served import ServerClient, find_server
from dateline.jobs.workers import extract_batches
from dateline.records import Extraction, ItemError, RawDocument
from dateline.settings import Settings
from dateline.store import Store, StoreWriteError, WriteResult

log = logging.getLogger(__name__)

DEMO_CORPUS = Path(__file__).parent.parent / "demo" / "articles"


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


@dataclass(frozen=True)
class BatchOutcome:
    """What storing one batch did: the write's result, and why each article that could not be stored was not."""

    result: WriteResult
    refused: dict[str, ItemError] = field(default_factory=dict)


def store_batch(store: Store, storable: Sequence[Extraction], orphan_errors: Sequence[ItemError]) -> BatchOutcome:
    """Write a batch in one transaction (if that fails, each article alone; an article that cannot be stored has its
    errors stored without it), then merge its new events into clusters. The one way a batch is stored, whether this
    process holds the database or a running `dateline serve` does (web/internal.py calls it on its writer thread)."""
    result, refused = _write(store, list(storable), list(orphan_errors))
    resolve.resolve_new_events(store, result.new_event_ids)
    return BatchOutcome(result, refused)


def resolve_leftovers(store: Store) -> None:
    """Resolve the events an interrupted run left without a cluster."""
    leftovers = store.unclustered_event_ids()
    if leftovers:
        log.info("resolving %d events left unclustered by an interrupted run", len(leftovers))
        resolve.resolve_new_events(store, leftovers)


class BatchSink(Protocol):
    """Where an ingest's batches go: the database file itself (StoreSink), or the `dateline serve` that holds it
    (jobs/served.py, ServerSink). Used as: stored_ids() first (before worker processes start), then open(),
    resolve_leftovers(), store(...) per batch in input order, close()."""

    def stored_ids(self) -> set[str]:
        """The ids of the articles stored already (they are neither extracted nor stored again)."""
        ...

    def open(self) -> None: ...

    def resolve_leftovers(self) -> None: ...

    def store(self, storable: Sequence[Extraction], orphan_errors: Sequence[ItemError]) -> BatchOutcome:
        """Store one batch (articles with text, and the errors of items that have none) and merge its events."""
        ...

    def close(self) -> None: ...


class StoreSink:
    """This process opens the database file (the one writer while the ingest runs)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self._store: Store | None = None

    def stored_ids(self) -> set[str]:
        if self._store is not None:
            return set(self._store.article_ids())
        with Store(self.db) as store:  # a locked or foreign database fails now, before the model is loaded
            return set(store.article_ids())

    def open(self) -> None:
        self._store = Store(self.db)
        self._store.open()

    @property
    def _open_store(self) -> Store:
        if self._store is None:
            raise RuntimeError("StoreSink.open() first")
        return self._store

    def resolve_leftovers(self) -> None:
        resolve_leftovers(self._open_store)

    def store(self, storable: Sequence[Extraction], orphan_errors: Sequence[ItemError]) -> BatchOutcome:
        return store_batch(self._open_store, storable, orphan_errors)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


class ServerSink:
    """The `dateline serve` holding the database stores the batches (on its writer thread, with `store_batch`)."""

    def __init__(self, client: ServerClient) -> None:
        self.client = client

    def stored_ids(self) -> set[str]:
        return self.client.stored_ids()

    def open(self) -> None:
        self.client.open()

    def resolve_leftovers(self) -> None:
        self.client.resolve_leftovers()

    def store(self, storable: Sequence[Extraction], orphan_errors: Sequence[ItemError]) -> BatchOutcome:
        result, refused = self.client.store(storable, orphan_errors)
        return BatchOutcome(result, refused)

    def close(self) -> None:
        self.client.close()


def open_sink(db: str) -> BatchSink:
    """The sink for database `db`: the `dateline serve` that holds it, when one runs (it leaves a note beside the
    file), else the file itself."""
    server = find_server(db)
    return ServerSink(server) if server is not None else StoreSink(db)


@contextmanager
def _opened(sink: BatchSink) -> Iterator[BatchSink]:
    sink.open()
    try:
        yield sink
    finally:
        sink.close()


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


def _ingest_batch(sink: BatchSink, extractions: list[Extraction], summary: IngestSummary) -> None:
    storable = [extraction for extraction in extractions if extraction.article.text]
    orphan_errors = [error for extraction in extractions if not extraction.article.text for error in extraction.errors]
    outcome = sink.store(storable, orphan_errors)
    result, refused = outcome.result, outcome.refused
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
    log.debug("stored batch: %d new articles, %d already stored", result.stored, result.skipped)


def ingest_paths(
    paths: Iterable[str],
    settings: Settings,
    on_progress: Callable[[int], Any] | None = None,
    *,
    partitions: Path | None = None,
    dask_processes: bool = True,
    text_column: str = readers.DEFAULT_TEXT_COLUMN,
    published: str | None = None,
) -> IngestSummary:
    """Extract every article under `paths` and store it in settings.db, one transaction per batch.

    Articles already in the database (same id, i.e. same content hash unless an id was given) are skipped,
    so an interrupted ingest resumes without duplicates. An unreadable item is counted as failed and its error
    stored; an article on which a stage failed is stored with its errors. With settings.engine "dask" the
    extraction runs on a Dask cluster and goes through Parquet partitions (see `_ingest_dask`). CSV files take the
    article text from column `text_column`; `published` dates the articles whose input gives no date.
    """
    articles = readers.read_paths(paths, text_column=text_column, published=published)
    sink = open_sink(settings.db)
    if settings.engine == "dask":
        return _ingest_dask(articles, settings, on_progress, partitions, dask_processes, sink)
    summary = IngestSummary()
    stored_ids = sink.stored_ids()  # a locked or foreign database fails now, before the model is loaded
    pipeline.load_resources(settings)  # fails once on a broken model or knowledge file; forked workers inherit it
    fresh = _not_stored(articles, stored_ids, settings, summary, on_progress)
    results = extract_batches(batched(fresh, max(1, settings.batch_size)), settings)
    # Start the worker processes (on the first batch) before DuckDB starts its threads: forking after is unsafe.
    first = next(results, None)
    with _opened(sink):
        sink.resolve_leftovers()
        for extractions in itertools.chain([first] if first is not None else [], results):
            _ingest_batch(sink, extractions, summary)
            if on_progress is not None:
                on_progress(len(extractions))
    return summary


class PartitionsNeededError(ValueError):
    """The workers of a remote cluster cannot write into this machine's temporary directory."""


@contextmanager
def _partitions_directory(given: Path | None, scheduler: str) -> Iterator[Path]:
    """`given`, or a temporary directory removed afterwards (only a LocalCluster's workers can see that one)."""
    if given is not None:
        given.mkdir(parents=True, exist_ok=True)
        yield given
        return
    if scheduler:
        raise PartitionsNeededError(
            "ingest on an existing Dask cluster needs --partitions DIR, a directory every worker and this machine see"
        )
    with tempfile.TemporaryDirectory(prefix="dateline-partitions-") as temporary:
        yield Path(temporary)


def _ingest_dask(
    articles: Iterable[RawDocument | ItemError],
    settings: Settings,
    on_progress: Callable[[int], Any] | None,
    partitions: Path | None,
    processes: bool,
    sink: BatchSink,
) -> IngestSummary:
    """Ingest with the Dask engine: the workers extract each batch into a Parquet partition, and this process,
    the one writer, loads each partition into the database as it completes, in input order.

    Resumable twice over: partitions left in `partitions` by an interrupted run are loaded first, and articles
    already stored are neither extracted nor stored again.
    """
    from dateline.jobs.dask import dask_client, require_dask, write_partitions

    require_dask()  # the optional extra: fail before the database is touched
    summary = IngestSummary()
    with _partitions_directory(partitions, settings.scheduler) as directory:
        with _opened(sink):
            stored_ids = sink.stored_ids()
            sink.resolve_leftovers()
            counted: set[str] = set()  # articles of earlier partitions, counted now: not again when the input is read
            for earlier in partition_files(directory):
                counted.update(_load_partition(sink, earlier, stored_ids, summary, on_progress))
        fresh = _not_stored(articles, stored_ids, settings, summary, on_progress, counted)
        first = next(fresh, None)
        if first is None:  # every article is stored already: no cluster to start
            return summary
        todo = itertools.chain([first], fresh)
        workers = settings.worker_count
        with dask_client(settings.scheduler or None, workers, processes) as client, _opened(sink):
            for written, _articles, _failed in write_partitions(todo, settings, directory, client):
                _load_partition(sink, Path(written), stored_ids, summary, on_progress)
                if partitions is None:  # temporary: the disk holds the batches in flight, not the corpus
                    Path(written).unlink()
    return summary


def ingest_partitions(
    directory: Path, settings: Settings, on_progress: Callable[[int], Any] | None = None
) -> IngestSummary:
    """Load the Parquet partitions in `directory` (written by the Dask engine, here or on another cluster) into
    settings.db, one transaction per partition. Articles already stored are skipped: loading twice adds nothing."""
    files = partition_files(directory)
    if not files:
        raise PartitionError(f"{directory}: no partitions (part-NNNNN.parquet files) found")
    summary = IngestSummary()
    with _opened(open_sink(settings.db)) as sink:
        stored_ids = sink.stored_ids()
        sink.resolve_leftovers()
        for path in files:
            _load_partition(sink, path, stored_ids, summary, on_progress)
    return summary


def _load_partition(
    sink: BatchSink, path: Path, stored_ids: set[str], summary: IngestSummary, on_progress: Callable[[int], Any] | None
) -> list[str]:
    """Store one partition and return its article ids; a partition whose articles are all stored already is
    counted without reading its records."""
    article_ids = partition_article_ids(path)
    if article_ids and stored_ids.issuperset(article_ids):
        summary.read += len(article_ids)
        summary.already_stored += len(article_ids)
    else:
        extractions = read_partition(path)
        _ingest_batch(sink, extractions, summary)
        stored_ids.update(extraction.article.id for extraction in extractions if extraction.article.text)
    if on_progress is not None:
        on_progress(len(article_ids))
    return article_ids


def _not_stored(
    items: Iterable[RawDocument | ItemError],
    stored_ids: set[str],
    settings: Settings,
    summary: IngestSummary,
    on_progress: Callable[[int], Any] | None,
    counted: frozenset[str] | set[str] = frozenset(),
) -> Iterator[RawDocument | ItemError]:
    """The items whose article is not stored yet; the others are counted as already stored (unless their id is in
    `counted`) and not extracted again, so a re-run after an interruption costs only the cleaning of what was done."""
    for item in items:
        if stored_ids and isinstance(item, RawDocument):
            article_id = article_id_of(item, settings)
            if article_id in stored_ids:
                if article_id not in counted:
                    summary.read += 1
                    summary.already_stored += 1
                    if on_progress is not None:
                        on_progress(1)
                continue
        yield item
