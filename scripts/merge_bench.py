"""Time the writer's work (store a batch and merge its events, jobs.writer.store_batch) into a fresh database and into
copies of loaded ones, and print a hash of the clusters it made, to check that a change keeps them.

    .venv/bin/python scripts/merge_bench.py /work/ref/bench200.jsonl --articles 128 --into fresh /tmp/loaded.duckdb

The articles are extracted once (in this process, before any timing) and kept in `--cache` (a pickle) for the next
runs; each database is copied before it is written to. Output per database: CPU seconds of the process (DuckDB's
threads included) and wall seconds of the store batches, and short sha1s of the events' cluster ids, the cluster rows
and the cluster links (each with its row count). A loaded database comes from `dateline bench --loaded-db PATH`.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import shutil
import tempfile
import time
from pathlib import Path

from dateline import resolve
from dateline.jobs import extract_batch
from dateline.jobs.writer import split_batch, store_batch
from dateline.readers import read_paths
from dateline.records import Extraction
from dateline.settings import load_settings
from dateline.store import Store

_CHECKS = (
    "SELECT id, cluster_id FROM events ORDER BY id",
    "SELECT id, record, n_reports FROM clusters ORDER BY id",
    "SELECT * FROM cluster_links ORDER BY event_id",
)


def extractions(source: Path, articles: int, cache: Path) -> list[Extraction]:
    """The first `articles` items of `source`, extracted (read from `cache` when it holds them)."""
    if cache.exists():
        found: list[Extraction] = pickle.loads(cache.read_bytes())
        if len(found) == articles:
            return found
    items = list(read_paths([str(source)]))[:articles]
    made = extract_batch(items, load_settings())
    cache.write_bytes(pickle.dumps(made))
    return made


def store_into(database: str, batch: list[Extraction], store_batch_size: int, merge_every: int) -> str:
    """Store `batch` into a fresh database or a copy of `database`; the timings and the hashes, as a line."""
    with tempfile.TemporaryDirectory(prefix="merge-bench-") as folder:
        path = Path(folder) / "db.duckdb"
        if database != "fresh":
            shutil.copyfile(database, path)
        cpu, wall = time.process_time(), time.perf_counter()
        with Store(path) as store:
            cache = resolve.ReportCache()
            for first in range(0, len(batch), store_batch_size):
                storable, orphans, parts = split_batch(batch[first : first + store_batch_size], merge_every)
                store_batch(store, storable, orphans, parts, cache=cache)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            hashes = []
            for sql in _CHECKS:
                rows = store.connection.execute(sql).fetchall()
                hashes.append(f"{hashlib.sha1(repr(rows).encode()).hexdigest()[:12]}/{len(rows)}")
    return f"{database}: cpu {cpu:.2f} s, wall {wall:.2f} s; events/clusters/links {' '.join(hashes)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="a JSON Lines file of articles")
    parser.add_argument("--articles", type=int, default=128)
    parser.add_argument("--into", nargs="+", default=["fresh"], help="'fresh' or database files to copy")
    parser.add_argument("--store-batch", type=int, default=64)
    parser.add_argument("--merge-every", type=int, default=8)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "merge-bench.pkl")
    args = parser.parse_args()
    batch = extractions(args.source, args.articles, args.cache)
    for database in args.into:
        print(store_into(database, batch, args.store_batch, args.merge_every), flush=True)


if __name__ == "__main__":
    main()
