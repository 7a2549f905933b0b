"""Time cross-article resolution on synthetic event reports (never real text).

    .venv/bin/python scripts/resolve_bench.py --reports 10000 100000        # the clustering alone, in memory
    .venv/bin/python scripts/resolve_bench.py --store 10000 --db /tmp/rb.duckdb  # through the store, in batches

The in-memory run makes `n` reports of happenings each reported 1-4 times, dated over n / 10,000 years (a constant
flow of news, so blocks keep their size), placed in a 2 x 2 degree box per country, arriving in date order and
clustered in batches of 500 against the clustered reports of the batch's date window (as ingest does). The store run
writes synthetic articles (dateline.bench.synthetic) in batches and resolves each batch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from pathlib import Path

from dateline.resolve import Report, attach, load_config, resolve_new_events
from dateline.resolve.score import text_vector

TYPES = ("ASSAULT", "COERCE", "PROTEST", "RETREAT", "MOBILIZE", "CONSULT")
WORDS = [
    "bomb",
    "market",
    "shelling",
    "village",
    "convoy",
    "checkpoint",
    "protest",
    "square",
    "troops",
    "border",
    "raid",
    "arrest",
    "talks",
    "militia",
]


def synthetic_reports(count: int, seed: int = 1) -> list[Report]:
    """`count` reports of roughly count / 2.5 happenings, 10,000 reports per year of dates."""
    rng = random.Random(seed)
    config = load_config()
    start = dt.date(2018, 1, 1).toordinal()
    reports: list[Report] = []
    happening = 0
    while len(reports) < count:
        happening += 1
        type_ = rng.choice(TYPES)
        day = start + rng.randrange(max(7, count * 365 // 10_000))  # a constant flow: 10,000 reports a year
        country = rng.choice(("IQ", "SY", "AF", "YE", "ML"))
        lat, lon = 30 + rng.random() * 2, 40 + rng.random() * 2
        words = " ".join(rng.sample(WORDS, 4))
        for copy in range(rng.randint(1, 4)):
            reports.append(
                Report(
                    id=f"r{len(reports):07d}",
                    article_id=f"a{happening}-{copy}",
                    type=type_,
                    family=config.family_of[type_],
                    first_day=day + rng.choice((0, 0, 1)),
                    last_day=day + 1,
                    lat=lat + rng.gauss(0, 0.02),
                    lon=lon + rng.gauss(0, 0.02),
                    country=country,
                    killed=rng.choice((None, 3, 4, 10)),
                    words=text_vector(words, config.stopwords),
                )
            )
    # News arrives roughly in date order: sort by day, shuffled within a week.
    return sorted(reports[:count], key=lambda report: ((report.first_day or 0) // 7, rng.random()))


def time_in_memory(count: int, batch: int = 500) -> tuple[float, int]:
    """Seconds to cluster `count` reports arriving in batches, and the number of clusters made."""
    config = load_config()
    reports = synthetic_reports(count)
    began = time.perf_counter()
    clustered: list[tuple[Report, str]] = []
    for first in range(0, len(reports), batch):
        new = reports[first : first + batch]
        # As the store does: only clustered reports whose dates reach the batch's window are loaded.
        since = min(report.first_day or 0 for report in new) - config.date_slack_days
        window = [(report, cluster) for report, cluster in clustered if (report.last_day or 0) >= since]
        attachments = attach(new, window, config)
        by_id = {report.id: report for report in reports[first : first + batch]}
        clustered.extend((by_id[a.report_id], a.cluster) for a in attachments)
    return time.perf_counter() - began, len({cluster for _, cluster in clustered})


def time_store(count: int, db: Path, batch_articles: int = 250) -> float:
    """Seconds to write and resolve `count` synthetic events (2 per article) through the store."""
    from dateline.bench.synthetic import synthetic_extraction
    from dateline.store import Store

    began = time.perf_counter()
    resolve_seconds = 0.0
    with Store(db) as store:
        for first in range(0, count // 2, batch_articles):
            batch = [synthetic_extraction(number) for number in range(first, min(count // 2, first + batch_articles))]
            result = store.write_batch(batch)
            tick = time.perf_counter()
            resolve_new_events(store, result.new_event_ids)
            resolve_seconds += time.perf_counter() - tick
    print(f"store {count}: total {time.perf_counter() - began:.1f} s, of which resolve {resolve_seconds:.1f} s")
    return resolve_seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, nargs="*", default=[])
    parser.add_argument("--store", type=int, default=0)
    parser.add_argument("--db", type=Path, default=Path("/tmp/resolve_bench.duckdb"))
    args = parser.parse_args()
    for count in args.reports:
        seconds, clusters = time_in_memory(count)
        print(f"in memory {count}: {seconds:.1f} s, {count / seconds:,.0f} reports/s, {clusters} clusters")
    if args.store:
        args.db.unlink(missing_ok=True)
        time_store(args.store, args.db)


if __name__ == "__main__":
    main()
