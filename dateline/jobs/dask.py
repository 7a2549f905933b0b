"""The Dask engine: extraction distributed over the workers of a Dask cluster (optional extra `dateline[dask]`).

Reads: batches of RawDocument/ItemError and Settings. Writes: lists of Extraction in input order, or Parquet
partitions (dateline.jobs.partitions: one file per batch, part-00000.parquet, ...) written by the workers into a
directory they all see.
A LocalCluster is started when no scheduler address is given; with an address (e.g. a cluster started by
dask-jobqueue) the existing workers are used. Each worker loads the model once (pipeline.load_resources is cached
per process) and keeps it for every batch it gets. At most two batches per worker are in flight, so memory stays flat.
"""

from __future__ import annotations

import collections
import itertools
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.jobs import partitions
from dateline.jobs.batches import article_id_of, batched, extract_batch_safely
from dateline.readers import DEFAULT_TEXT_COLUMN, read_paths
from dateline.records import Extraction, ItemError, RawDocument
from dateline.settings import Settings

if TYPE_CHECKING:
    from dask.distributed import Client

log = logging.getLogger(__name__)

Batch = list[RawDocument | ItemError]


class DaskMissingError(RuntimeError):
    """Dask is not installed: it is an optional extra."""


def require_dask() -> None:
    """Raise DaskMissingError now, before any work, when the optional extra is not installed."""
    try:
        import dask.distributed  # noqa: F401
    except ImportError as error:
        raise DaskMissingError("the dask engine needs Dask: pip install 'dateline[dask]'") from error


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 1, processes: bool = True) -> Iterator[Client]:
    """A client of the cluster at `scheduler`, or of a new LocalCluster of `workers` one-thread workers."""
    require_dask()
    from dask.distributed import Client, LocalCluster

    if not log.isEnabledFor(logging.DEBUG):
        # Dask sets its own loggers to INFO on import; its start-up lines would drown dateline's stderr summary.
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]  # dask has no annotations here
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=max(1, workers),
        threads_per_worker=1,
        processes=processes,
        dashboard_address=":0",  # any free port: two clusters on one machine must not clash on 8787
        silence_logs=logging.WARNING,  # dask's INFO lines would drown dateline's stderr summary
    )
    with cluster, Client(cluster) as local_client:  # type: ignore[no-untyped-call]
        yield local_client


def _worker_count(client: Client) -> int:
    info: dict[str, Any] = client.scheduler_info()
    return max(1, len(info.get("workers", {})))


def extract_batches_dask(batches: Iterable[Batch], settings: Settings, client: Client) -> Iterator[list[Extraction]]:
    """Extract batches on the cluster's workers; yields each batch's extractions in input order."""
    window = 2 * _worker_count(client)
    pending: collections.deque[Any] = collections.deque()
    for batch in batches:
        pending.append(client.submit(extract_batch_safely, batch, settings, pure=False))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def extract_stream_dask(
    raws: Iterable[RawDocument | ItemError],
    settings: Settings,
    scheduler: str | None = None,
    workers: int | None = None,
    processes: bool = True,
) -> Iterator[Extraction]:
    """Like jobs.extract_stream (the local engine), on a Dask cluster: the same records in the same order."""
    count = settings.worker_count if workers is None else max(1, workers)
    with dask_client(scheduler, count, processes) as client:
        for extractions in extract_batches_dask(batched(raws, max(1, settings.batch_size)), settings, client):
            yield from extractions


def write_partition(batch: Batch, settings: Settings, path: str) -> tuple[str, int, int]:
    """Run on a worker: extract a batch and write it as one Parquet partition; returns (path, articles, failed)."""
    extractions = extract_batch_safely(batch, settings)
    partitions.write_partition_file(extractions, Path(path))
    return path, len(extractions), sum(1 for item in extractions if item.errors)


def write_partitions(
    raws: Iterable[RawDocument | ItemError], settings: Settings, directory: Path, client: Client
) -> Iterator[tuple[str, int, int]]:
    """Extract on the cluster and write one partition per store batch (settings.store_batch articles, what ingest
    stores and merges in one transaction) into `directory`, numbered after the partitions already there; yields
    (path, articles, failed) per partition, in input order, as they complete."""
    yield from write_batch_partitions(batched(raws, max(1, settings.store_batch)), settings, directory, client)


def write_batch_partitions(
    batches: Iterable[Batch], settings: Settings, directory: Path, client: Client
) -> Iterator[tuple[str, int, int]]:
    """`write_partitions` for input already cut into batches: one partition per batch."""
    directory.mkdir(parents=True, exist_ok=True)
    first = partitions.next_partition_index(directory)
    window = 2 * _worker_count(client)
    pending: collections.deque[Any] = collections.deque()
    for index, batch in enumerate(batches, start=first):
        path = str(partitions.partition_path(directory, index))
        pending.append(client.submit(write_partition, batch, settings, path, pure=False))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def extract_to_partitions(
    paths: Iterable[str],
    settings: Settings,
    directory: Path,
    processes: bool = True,
    text_column: str = DEFAULT_TEXT_COLUMN,
) -> tuple[int, int, int]:
    """`dateline extract --partitions`: extract the articles under `paths` on the cluster (settings.scheduler, else
    a LocalCluster) into partitions in `directory`, skipping the articles a partition there already holds (so an
    interrupted run resumes); CSV files take the article text from column `text_column`. Returns (articles
    extracted, of which failed, articles skipped)."""
    done = {
        article_id
        for path in partitions.partition_files(directory)
        for article_id in partitions.extracted_article_ids(path)
    }
    skipped = 0

    def not_done(items: Iterable[RawDocument | ItemError]) -> Iterator[RawDocument | ItemError]:
        nonlocal skipped
        for item in items:
            if done and isinstance(item, RawDocument) and article_id_of(item, settings) in done:
                skipped += 1
                continue
            yield item

    todo = not_done(read_paths(paths, text_column=text_column, max_chars=settings.max_chars))
    first = next(todo, None)
    if first is None:  # everything is in the partitions already: no cluster to start
        return 0, 0, skipped
    count = failed = 0
    with dask_client(settings.scheduler or None, settings.worker_count, processes) as client:
        for _path, articles, failures in write_partitions(itertools.chain([first], todo), settings, directory, client):
            count += articles
            failed += failures
    return count, failed, skipped
