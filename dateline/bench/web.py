"""API latency benchmark: a synthetic database of N events, `dateline serve` on 127.0.0.1, timed HTTP requests.

Run: `.venv/bin/python -m dateline.bench.web --events 100000 --db /tmp/web-bench.duckdb` (prints JSON on stdout).
The events come from dateline.bench.synthetic, spread over 15 years, ~2,000 places and 200 actors so that the
filters, the map grouping and the network have realistic work to do. Requests go only to 127.0.0.1 and the loop
is bounded (--requests per endpoint).
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from dateline.bench.synthetic import synthetic_extraction
from dateline.records import Actor, ActorRef, Casualties, Count, EventDate, Extraction, Location
from dateline.store import Store

EVENTS_PER_ARTICLE = 10
ARTICLES_PER_BATCH = 1000
N_ACTORS = 200
N_PLACES = 2000
SECTORS = ("MIL", "REB", "GOV", "CVL", "COP")


def _vary(extraction: Extraction, rng: random.Random, places: list[tuple[float, float, str]]) -> Extraction:
    """Spread one synthetic article's events over dates, places and actors (the synthetic corpus has few)."""
    events = []
    used: dict[str, ActorRef] = {}
    for event in extraction.events:
        lat, lon, name = places[rng.randrange(len(places))]
        day = rng.randrange(15 * 365)
        year, rest = divmod(day, 365)
        date = f"{2010 + year}-{1 + rest // 31 % 12:02d}-{1 + rest % 28:02d}"
        numbers = [rng.randrange(N_ACTORS) for _ in range(2)]
        refs = [ActorRef(f"actor {a}", f"a{a}", f"Actor {a}", "XXX", SECTORS[a % 5]) for a in numbers]
        used.update((ref.id or "", ref) for ref in refs)
        killed = rng.choice([None, rng.randrange(0, 60)])
        events.append(
            replace(
                event,
                date=EventDate(date, "day", date) if rng.random() > 0.05 else None,
                location=Location(name, name, lat, lon, "XX", None, None, "place") if rng.random() > 0.1 else None,
                source=(refs[0],),
                recipient=(refs[1],),
                casualties=Casualties(killed=Count(killed, killed, killed) if killed is not None else None),
            )
        )
    mentions = extraction.actors[0].mentions if extraction.actors else ()
    actors = tuple(Actor(key, ref.name or key, ref.country, ref.sector, mentions) for key, ref in used.items())
    return replace(extraction, events=tuple(events), actors=actors)


def build_database(path: Path, n_events: int, seed: int = 7) -> dict[str, Any]:
    """Write about `n_events` varied synthetic events (one cluster each) into a new database at `path`."""
    rng = random.Random(seed)
    places = [(rng.uniform(-40, 60), rng.uniform(-20, 80), f"Place {n}") for n in range(N_PLACES)]
    n_articles = max(1, n_events // EVENTS_PER_ARTICLE)
    started = time.perf_counter()
    with Store(path) as store:
        for first in range(0, n_articles, ARTICLES_PER_BATCH):
            last = min(first + ARTICLES_PER_BATCH, n_articles)
            batch = [
                _vary(synthetic_extraction(n, events_per_article=EVENTS_PER_ARTICLE), rng, places)
                for n in range(first, last)
            ]
            result = store.write_batch(batch)
            store.assign_singleton_clusters(result.new_event_ids)
        counts = store.counts()
    return {"events": counts["events"], "build_s": round(time.perf_counter() - started, 1)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """`dateline serve` on a free port of 127.0.0.1 for the duration of the block."""
    port = _free_port()
    command = [sys.executable, "-m", "dateline.cli", "serve", "--db", str(db), "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{url}/api/events?limit=1", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def _paths(rng: random.Random, n_events: int) -> dict[str, list[str]]:
    """For each endpoint, a few request variants (pages, filters, sorts) cycled through during the run."""
    offsets = [rng.randrange(0, max(1, n_events - 500)) for _ in range(5)]
    return {
        "events page": [f"/api/events?limit=50&offset={o}" for o in offsets],
        "events filtered+sorted": [
            "/api/events?type=ASSAULT&sort=-fatalities&limit=50",
            "/api/events?start=2015-01-01&end=2015-06-30&limit=50",
            "/api/events?actor=a17&limit=50&offset=20",
            "/api/events?bbox=0,0,30,30&sort=-date&limit=50",
            "/api/events?q=Northern&limit=50&offset=100",
        ],
        "events max page (500)": [f"/api/events?limit=500&offset={offsets[0]}"],
        "event detail": [f"/api/events/syn0-{o // 10:07d}-e3" for o in offsets],
        "clusters": ["/api/clusters?limit=50", "/api/clusters?type=AGREE&limit=50"],
        "actors": ["/api/actors?limit=50", "/api/actors?q=actor 1&limit=50"],
        "actor detail": ["/api/actors/a17", "/api/actors/a150"],
        "quotes": ["/api/quotes?limit=50&offset=500", "/api/quotes?speaker=Q1&limit=50"],
        "timeline month": ["/api/timeline?interval=month", "/api/timeline?interval=month&type=ASSAULT"],
        # Per day over 15 years is ~80,000 rows: the UI asks for days only over a chosen range.
        "timeline day (one year)": ["/api/timeline?interval=day&start=2016-01-01&end=2016-12-31"],
        "map": ["/api/map", "/api/map?start=2016-01-01&end=2016-12-31"],
        "network": ["/api/network", "/api/network?start=2020-01-01"],
    }


def _percentiles(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1), "max_ms": round(ordered[-1], 1)}


def measure(url: str, n_events: int, requests: int, concurrency: int, seed: int = 11) -> dict[str, Any]:
    """Per endpoint: `requests` timed GETs, `concurrency` at a time; p50, p95 and max latency in ms."""
    results: dict[str, Any] = {}
    with httpx.Client(base_url=url, timeout=30) as client:
        for name, variants in _paths(random.Random(seed), n_events).items():
            client.get(variants[0])  # warm the route once

            def timed(number: int, variants: list[str] = variants) -> float:
                started = time.perf_counter()
                response = client.get(variants[number % len(variants)])
                response.raise_for_status()
                return (time.perf_counter() - started) * 1000

            with ThreadPoolExecutor(max_workers=concurrency) as pool:
                timings = list(pool.map(timed, range(requests)))
            results[name] = _percentiles(timings)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="synthetic events to write")
    parser.add_argument("--db", type=Path, required=True, help="database file (built when it does not exist)")
    parser.add_argument("--requests", type=int, default=200, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=1, help="requests in flight at once")
    args = parser.parse_args(argv)
    report: dict[str, Any] = {"events": None}
    if not args.db.exists():
        report.update(build_database(args.db, args.events))
    with serving(args.db) as url:
        report["events"] = httpx.get(f"{url}/api/events?limit=1").json()["total"]
        report["requests_per_endpoint"] = args.requests
        report["concurrency"] = args.concurrency
        report["latency"] = measure(url, report["events"], args.requests, args.concurrency)
    sys.stdout.write(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
