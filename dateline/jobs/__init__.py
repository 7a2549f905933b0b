"""Running jobs: the pipeline over many documents, in this process, on local worker processes or on a Dask cluster,
and the ingest job that stores what they extract. Library code: it logs and reports progress through a callback, it
never prints.

- `batches`: one batch in this process (clean, parse together, analyse each article); `extract_text` for one text.
- `workers`: the local engine, a pool of worker processes (`extract_stream`, `extract_batches`, `start_worker`).
- `dask`: the Dask engine (optional extra `dateline[dask]`): the same records, in the same order, on a cluster.
- `partitions`: the Parquet partitions the Dask workers write and `dateline ingest --partitions` loads.
- `ingest`: extract and store into a database (`ingest_paths`, `ingest_partitions`), resumable, one writer.

This face holds the first two only: `ingest`, `dask` and `partitions` import DuckDB and pyarrow (whose threads
should not be running when `dateline extract` forks its workers), so they are imported from their modules.
"""

from dateline.jobs.batches import (
    article_id_of,
    batched,
    extract_batch,
    extract_batch_safely,
    extract_text,
    failed_extraction,
)
from dateline.jobs.workers import WORKER_GC_YOUNG_THRESHOLD, extract_batches, extract_stream, start_worker

__all__ = [
    "WORKER_GC_YOUNG_THRESHOLD",
    "article_id_of",
    "batched",
    "extract_batch",
    "extract_batch_safely",
    "extract_batches",
    "extract_stream",
    "extract_text",
    "failed_extraction",
    "start_worker",
]
