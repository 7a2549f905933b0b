"""Fuzz the API with schemathesis against its own OpenAPI, then load it with 32 concurrent clients.

Usage: .venv/bin/python scripts/check_api.py [--db FILE] [--max-examples 30] [--seconds 60] [--clients 32]
Without --db it builds a synthetic database (dateline.bench.synthetic) in a temporary folder. The server is a
`dateline serve` subprocess on 127.0.0.1; it is stopped at the end. Exit status 1 on any 5xx or client error.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from dateline.bench.fuzz import stored_ids
from dateline.bench.synthetic import synthetic_extraction
from dateline.store import Store

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
PATHS = ["/api/events?limit=50", "/api/clusters", "/api/actors", "/api/quotes", "/api/timeline", "/api/map", "/"]


def build_db(path: Path, articles: int = 300) -> None:
    with Store(path) as store:
        for first in range(0, articles, 50):
            store.write_batch([synthetic_extraction(n) for n in range(first, first + 50)])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen([str(BIN / "dateline"), "serve", "--db", str(db), "--port", str(port)])
    for _ in range(200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/events?limit=1", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def fuzz(port: int, max_examples: int, ids: Path) -> int:
    """schemathesis over every operation; path parameters are drawn from the database's ids (read into the JSON
    file `ids` before the server took the file) half of the time (scripts/fuzz_hooks.py), so single-item routes are
    reached with items that exist."""
    command = [
        str(BIN / "schemathesis"), "run", f"http://127.0.0.1:{port}/openapi.json",
        "--checks", "not_a_server_error", "--max-examples", str(max_examples), "--phases", "examples,coverage,fuzzing",
    ]  # fmt: skip
    paths = [str(HERE), str(HERE.parent), os.environ.get("PYTHONPATH", "")]
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": "fuzz_hooks",
        "DATELINE_FUZZ_IDS": str(ids),
        "PYTHONPATH": os.pathsep.join(path for path in paths if path),
    }
    # The property-test database goes to a temporary folder, not into the working tree (.hypothesis/).
    with tempfile.TemporaryDirectory(prefix="dateline-schemathesis-") as folder:
        command += ["--generation-database", ":memory:"]
        return subprocess.run(command, check=False, env=env, cwd=folder).returncode


def load(port: int, clients: int, seconds: float) -> bool:
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(number: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as http:
            index = number
            while time.monotonic() < stop_at:
                path = PATHS[index % len(PATHS)]
                index += 1
                started = time.monotonic()
                try:
                    status = http.get(path).status_code
                except httpx.HTTPError as error:
                    status, path = 0, f"{path} {error!r}"
                with lock:
                    latencies.append(time.monotonic() - started)
                    if status != 200:
                        failures.append(f"{status} {path}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))] if ordered else 0.0
    print(
        f"load: {clients} clients x {seconds:g} s: {len(latencies)} requests, {len(latencies) / seconds:.0f} req/s, "
        f"latency median {statistics.median(ordered or [0]) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {(ordered[-1] if ordered else 0) * 1000:.0f} ms, errors {len(failures)}"
    )
    for failure in failures[:10]:
        print("  error:", failure)
    return not failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--max-examples", type=int, default=30)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "check.duckdb"
        if args.db is None:
            build_db(db)
        ids = Path(folder) / "ids.json"  # the server holds the file: no other process can open it then
        ids.write_text(json.dumps(stored_ids(db)), encoding="utf-8")
        server = start_server(db, args.port)
        try:
            fuzz_status = fuzz(args.port, args.max_examples, ids)
            print(f"schemathesis exit status: {fuzz_status}")
            loaded = load(args.port, args.clients, args.seconds)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 0 if fuzz_status == 0 and loaded else 1


if __name__ == "__main__":
    sys.exit(main())
