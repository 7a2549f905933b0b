"""The ingest job: extract the articles under some paths and store them in a database (on local worker processes or
on Dask), load Parquet partitions, find the demo corpus.

Batches go to a BatchSink: the database file itself (jobs/writer.py's StoreSink, a writer process), or, when
`dateline serve` holds the file, that server (ServerSink, through jobs/served.py), which stores them with the same
`jobs.writer.store_batch` on its writer thread.

Library code: it logs and reports progress through a callback, it never prints.
"""

from __future__ import annotations

import collections
import itertools
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from dateline import pipeline, readers
from dateline.jobs.batches import article_id_of, batched
from dateline.jobs.partitions import PartitionError, partition_article_ids, partition_files, read_partition
from dateline.jobs.served import ServerClient, find_server
from dateline.jobs.workers import extract_batches
from dateline.jobs.writer import SinkTotals, StoreSink, split_batch
from dateline.records import Extraction, ItemError, RawDocument
from dateline.settings import Settings

log = logging.getLogger(__name__)

DEMO_CORPUS = Path(__file__).parent.parent / "demo" / "articles"


class BatchSink(Protocol):
    """Where an ingest hands its finished batches, in input order, to be stored and their events merged: the
    database file itself (jobs.writer.StoreSink, a writer process), or the `dateline serve` that holds the file
    (ServerSink). A sink is a context manager (entering it opens the database or reaches the server, and resolves
    what an interrupted run left unmerged); `finish` waits until every batch is stored."""

    def __enter__(self) -> BatchSink: ...

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None: ...

    def stored_ids(self) -> set[str]:
        """The ids of the articles stored before this ingest: they are neither extracted nor stored again."""
        ...

    def write(self, extractions: list[Extraction]) -> None:
        """Store a batch and merge its events (it may be done later, but in the order the batches came)."""
        ...

    def finish(self) -> SinkTotals:
        """Wait until every batch is stored and merged; what was stored in all."""
        ...


class ServerSink:
    """The `dateline serve` holding the database stores the batches (on its writer thread, with the same
    jobs.writer.store_batch, merged in the same parts), while its readers go on reading."""

    def __init__(self, client: ServerClient, *, merge_every: int = 0) -> None:
        self.client = client
        self.merge_every = merge_every
        self._stored_ids: set[str] = set()
        self._totals = SinkTotals()

    def __enter__(self) -> ServerSink:
        self.client.open()
        try:
            self.client.resolve_leftovers()
            self._stored_ids = self.client.stored_ids()
        except BaseException:
            self.client.close()
            raise
        return self

    def __exit__(self, kind: Any, error: Any, trace: Any) -> None:
        self.client.close()

    def stored_ids(self) -> set[str]:
        return self._stored_ids

    def write(self, extractions: list[Extraction]) -> None:
        self._totals.add(self.client.store(*split_batch(extractions, self.merge_every)))

    def finish(self) -> SinkTotals:
        return self._totals


def open_sink(db: str, *, merge_every: int = 0) -> BatchSink:
    """The sink for database `db`: the `dateline serve` that holds it, when one runs (it leaves a note beside the
    file), else the file itself. Each batch's events are merged in parts of `merge_every` articles."""
    server = find_server(db)
    if server is not None:
        return ServerSink(server, merge_every=merge_every)
    return StoreSink(db, merge_every=merge_every)


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
    _partial_ids: set[str] = field(default_factory=set, repr=False)

    @property
    def ok(self) -> bool:
        return not self.failed and not self.partial

    def count(self, extractions: list[Extraction]) -> None:
        """Count a batch as extracted: read, failed (no article), partial (stored with errors), and its errors."""
        self.read += len(extractions)
        for extraction in extractions:
            self.errors.extend(extraction.errors)
            if not extraction.article.text:
                self.failed += 1
            elif extraction.errors:
                self.partial += 1
                self._partial_ids.add(extraction.article.id)

    def add(self, totals: SinkTotals) -> None:
        """Add what the sink stored; an article it refused counts as failed (no longer as partial)."""
        self.stored += totals.stored
        self.already_stored += totals.skipped
        self.events += totals.events
        self.quotes += totals.quotes
        for article_id, error in totals.refused.items():
            self.errors.append(error)
            self.failed += 1
            if article_id in self._partial_ids:
                self.partial -= 1


def ingest_paths(
    paths: Iterable[str],
    settings: Settings,
    on_progress: Callable[[int], Any] | None = None,
    *,
    partitions: Path | None = None,
    dask_processes: bool = True,
    text_column: str = readers.DEFAULT_TEXT_COLUMN,
    sink: BatchSink | None = None,
    published: str | None = None,
) -> IngestSummary:
    """Extract every article under `paths` and store it in settings.db (or hand it to `sink`), one transaction per
    store batch (settings.store_batch articles) that also merges the batch's events into clusters, while the workers
    go on extracting (in parse batches of settings.batch_size).

    Articles already in the database (same id, i.e. same content hash unless an id was given) are skipped,
    so an interrupted ingest resumes without duplicates. Store batches are cut from the input before the stored
    articles are left out, so a re-run after an interruption makes the same batches as a run that was never
    interrupted, and the same clusters. An unreadable item is counted as failed and its error stored; an article on
    which a stage failed is stored with its errors. With settings.engine "dask" the extraction runs on a Dask
    cluster and goes through Parquet partitions (see `_ingest_dask`). CSV files take the article text from column
    `text_column`; `published` dates the articles whose input gives no date.
    """
    articles = readers.read_paths(paths, text_column=text_column, max_chars=settings.max_chars, published=published)
    if settings.engine == "dask":
        return _ingest_dask(articles, settings, on_progress, partitions, dask_processes, sink)
    summary = IngestSummary()
    # The sink opens the database (or reaches the server holding it) first: a locked or foreign file fails now,
    # before the model is loaded.
    with sink or open_sink(settings.db, merge_every=settings.batch_size) as into:
        pipeline.load_resources(settings)  # fails once on a broken model or knowledge file; the workers inherit it
        batches = _fresh_batches(articles, into.stored_ids(), settings, summary, on_progress)
        for extractions in _extracted(batches, settings, summary, on_progress):
            into.write(extractions)
        summary.add(into.finish())
    return summary


def _extracted(
    store_batches: Iterable[list[RawDocument | ItemError]],
    settings: Settings,
    summary: IngestSummary,
    on_progress: Callable[[int], Any] | None,
) -> Iterator[list[Extraction]]:
    """Each store batch's extractions: the workers get it in parse batches of settings.batch_size (their unit of
    work), counted and reported as they come back, and the store batch is whole again for the sink."""
    parts: collections.deque[int] = collections.deque()  # parse batches in each store batch, in order

    def parse_batches() -> Iterator[list[RawDocument | ItemError]]:
        for items in store_batches:
            pieces = list(batched(items, max(1, settings.batch_size)))
            parts.append(len(pieces))
            yield from pieces

    whole: list[Extraction] = []
    pieces_back = 0
    for extractions in extract_batches(parse_batches(), settings):
        summary.count(extractions)
        if on_progress is not None:
            on_progress(len(extractions))
        whole.extend(extractions)
        pieces_back += 1
        if pieces_back == parts[0]:
            parts.popleft()
            yield whole
            whole, pieces_back = [], 0


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
    sink: BatchSink | None = None,
) -> IngestSummary:
    """Ingest with the Dask engine: the workers extract each store batch (settings.store_batch articles) into a
    Parquet partition, and the sink (the one writer) stores and merges each partition as it completes, in input
    order.

    Resumable twice over: partitions left in `partitions` by an interrupted run are loaded first, and articles
    already stored are neither extracted nor stored again.
    """
    from dateline.jobs.dask import dask_client, require_dask, write_batch_partitions

    require_dask()  # the optional extra: fail before the database is touched
    summary = IngestSummary()
    with (
        _partitions_directory(partitions, settings.scheduler) as directory,
        sink or open_sink(settings.db, merge_every=settings.batch_size) as into,
    ):
        stored_ids = into.stored_ids()
        counted: set[str] = set()  # articles of earlier partitions, counted now: not again when the input is read
        for earlier in partition_files(directory):
            counted.update(_load_partition(into, earlier, stored_ids, summary, on_progress))
        batches = _fresh_batches(articles, stored_ids | counted, settings, summary, on_progress, counted)
        first = next(batches, None)
        if first is not None:  # else every article is stored already: no cluster to start
            with dask_client(settings.scheduler or None, settings.worker_count, processes) as client:
                written_partitions = write_batch_partitions(
                    itertools.chain([first], batches), settings, directory, client
                )
                for written, _articles, _failed in written_partitions:
                    _load_partition(into, Path(written), stored_ids, summary, on_progress)
                    if partitions is None:  # temporary: the disk holds the batches in flight, not the corpus
                        Path(written).unlink()
        summary.add(into.finish())
    return summary


def ingest_partitions(
    directory: Path,
    settings: Settings,
    on_progress: Callable[[int], Any] | None = None,
    *,
    sink: BatchSink | None = None,
) -> IngestSummary:
    """Load the Parquet partitions in `directory` (written by the Dask engine, here or on another cluster) into
    settings.db (or hand them to `sink`), one transaction per partition. Articles already stored are skipped: loading
    twice adds nothing."""
    files = partition_files(directory)
    if not files:
        raise PartitionError(f"{directory}: no partitions (part-NNNNN.parquet files) found")
    summary = IngestSummary()
    with sink or open_sink(settings.db, merge_every=settings.batch_size) as into:
        stored_ids = into.stored_ids()
        for path in files:
            _load_partition(into, path, stored_ids, summary, on_progress)
        summary.add(into.finish())
    return summary


def _load_partition(
    sink: BatchSink, path: Path, stored_ids: set[str], summary: IngestSummary, on_progress: Callable[[int], Any] | None
) -> list[str]:
    """Hand one partition to the sink and return its article ids; a partition whose articles are all stored
    already is counted without reading its records."""
    article_ids = partition_article_ids(path)
    if article_ids and stored_ids.issuperset(article_ids):
        summary.read += len(article_ids)
        summary.already_stored += len(article_ids)
    else:
        extractions = read_partition(path)
        summary.count(extractions)
        sink.write(extractions)
        stored_ids.update(extraction.article.id for extraction in extractions if extraction.article.text)
    if on_progress is not None:
        on_progress(len(article_ids))
    return article_ids


def _fresh_batches(
    items: Iterable[RawDocument | ItemError],
    stored_ids: set[str],
    settings: Settings,
    summary: IngestSummary,
    on_progress: Callable[[int], Any] | None,
    counted: frozenset[str] | set[str] = frozenset(),
) -> Iterator[list[RawDocument | ItemError]]:
    """The input cut into store batches of settings.store_batch items, then each without the articles stored
    already (counted as already stored unless their id is in `counted`; not extracted again, so a re-run after an
    interruption costs only the cleaning of what was done); a batch left empty is skipped."""
    for batch in batched(items, max(1, settings.store_batch)):
        fresh: list[RawDocument | ItemError] = []
        for item in batch:
            if stored_ids and isinstance(item, RawDocument):
                article_id = article_id_of(item, settings)
                if article_id in stored_ids:
                    if article_id not in counted:
                        summary.read += 1
                        summary.already_stored += 1
                        if on_progress is not None:
                            on_progress(1)
                    continue
            fresh.append(item)
        if fresh:
            yield fresh
