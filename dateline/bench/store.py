"""Store benchmark: write a synthetic corpus through Store, then time typical reads.

Run: `.venv/bin/python -m dateline.bench.store --events 100000 --db /tmp/bench.duckdb` (prints JSON on stdout).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dateline.bench.synthetic import synthetic_extraction
from dateline.store import Store

EVENTS_PER_ARTICLE = 10
ARTICLES_PER_BATCH = 500
REPEATS = 50


def _median_ms(run: Callable[[], Any], repeats: int = REPEATS) -> float:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        timings.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(timings), 2)


def bench_store(path: Path, n_events: int) -> dict[str, Any]:
    """Fill a new database at `path` with about `n_events` synthetic events and time writes and reads."""
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    started = time.perf_counter()
    with Store(path) as store:
        for first in range(0, n_articles, ARTICLES_PER_BATCH):
            last = min(first + ARTICLES_PER_BATCH, n_articles)
            batch = [synthetic_extraction(n, events_per_article=EVENTS_PER_ARTICLE) for n in range(first, last)]
            result = store.write_batch(batch)
            store.assign_singleton_clusters(result.new_event_ids)
    write_s = time.perf_counter() - started
    with Store(path, read_only=True) as store:
        counts = store.counts()
        middle = f"syn0-{n_articles // 2:07d}-e3"
        reads = {
            "event_by_id_ms": _median_ms(lambda: store.fetch_dicts("SELECT * FROM events WHERE id = ?", [middle])),
            "page_50_by_date_ms": _median_ms(
                lambda: store.fetch_dicts(
                    "SELECT * EXCLUDE (record) FROM events WHERE type = ? ORDER BY date_start, id LIMIT 50 OFFSET 500",
                    ["ASSAULT"],
                )
            ),
            "page_50_records_ms": _median_ms(
                lambda: store.fetch_dicts("SELECT record FROM events ORDER BY date_start, id LIMIT 50 OFFSET 5000")
            ),
            "count_by_type_ms": _median_ms(
                lambda: store.fetch_dicts("SELECT type, count(*) FROM events GROUP BY type"), repeats=10
            ),
            "events_of_cluster_ms": _median_ms(
                lambda: store.fetch_dicts("SELECT id FROM events WHERE cluster_id = ?", ["c" + middle])
            ),
        }
    return {
        "events": counts["events"],
        "articles": counts["articles"],
        "write_s": round(write_s, 1),
        "events_per_s": round(counts["events"] / write_s),
        "db_mb": round(path.stat().st_size / 1e6, 1),
        **reads,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000, help="number of synthetic events to write")
    parser.add_argument("--db", type=Path, required=True, help="new database file (must not exist)")
    args = parser.parse_args(argv)
    if args.db.exists():
        parser.error(f"{args.db} exists; give a new file")
    sys.stdout.write(json.dumps(bench_store(args.db, args.events), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
