"""An ingest killed with SIGKILL at any moment and run again ends with the database of a run that was never
interrupted: every article once, every event once and in a cluster, and the same clusters (each batch is stored and
merged in one transaction, and a re-run cuts the same batches).

The ingest runs in a subprocess with the pipeline replaced by synthetic extractions (many of whose events merge
across articles), so that only storing and merging are tested."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from dateline.store import Store, StoreError

ARTICLES = 60
BATCH = 3  # articles per store batch (one transaction), in parse batches of 2
_INGEST = """
import logging, sys
from dateline import pipeline
from dateline.bench.synthetic import synthetic_extraction
from dateline.jobs import batches, ingest
from dateline.settings import Settings

def stand_in(batch, settings):
    return [synthetic_extraction(int(item.text.split(":")[1]), events_per_article=4) for item in batch]

pipeline.load_resources = lambda settings: None
batches.extract_batch = stand_in
logging.basicConfig(level=logging.WARNING, format="%(message)s")
logging.getLogger("dateline.jobs.writer").setLevel(logging.DEBUG)
settings = Settings(db=sys.argv[2], batch_size=2, store_batch=int(sys.argv[3]), workers=2)
summary = ingest.ingest_paths([sys.argv[1]], settings)
print(summary.read, summary.stored, summary.already_stored, flush=True)
"""


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("resume") / "in.jsonl"
    lines = [json.dumps({"id": f"syn0-{n:07d}", "text": f"n:{n}"}) for n in range(ARTICLES)]
    lines.insert(7, "{broken json")  # an item that is never stored: the batches of a re-run must still line up
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _when_free(db: Path) -> Store:
    """The store, read-only, once no process holds it for writing (waits up to 10 s)."""
    deadline = time.monotonic() + 10
    while True:
        try:
            with Store(db, read_only=True):
                return Store(db, read_only=True)
        except StoreError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.1)


def _command(source: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", _INGEST, str(source), str(db), str(BATCH)]


def _state(db: Path) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        events = store.fetch_dicts("SELECT id, cluster_id FROM events ORDER BY id")
        clusters = store.fetch_dicts("SELECT id, record FROM clusters ORDER BY id")
        articles = store.article_ids()
    return {"articles": articles, "events": events, "clusters": clusters}


@pytest.fixture(scope="module")
def clean_run(source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    subprocess.run(_command(source, db), check=True, capture_output=True, env={**os.environ})
    state = _state(db)
    assert len(state["articles"]) == ARTICLES and len(state["events"]) == ARTICLES * 4
    merged = len(state["events"]) - len(state["clusters"])
    assert merged > ARTICLES  # reports do merge across articles: the clusters are worth comparing
    return state


@pytest.mark.slow
@pytest.mark.parametrize("stored_batches", [1, 4, 9])
def test_jobs_resume_after_sigkill_equals_a_clean_run(
    source: Path, clean_run: dict[str, Any], tmp_path: Path, stored_batches: int
) -> None:
    db = tmp_path / "killed.duckdb"
    process = subprocess.Popen(_command(source, db), stderr=subprocess.PIPE, text=True, env={**os.environ})
    assert process.stderr is not None
    seen = 0
    for line in process.stderr:
        seen += "stored batch" in line
        if seen == stored_batches:
            break
    process.send_signal(signal.SIGKILL)  # the writer is in the middle of a later batch, or about to be
    process.wait()
    assert seen == stored_batches
    with _when_free(db) as store:  # the writer dies with its parent (a moment later): the file is freed
        interrupted = store.counts()
        assert store.unclustered_event_ids() == []  # no event was left without its cluster
    assert 0 < interrupted["articles"] < ARTICLES
    rerun = subprocess.run(_command(source, db), capture_output=True, text=True, env={**os.environ})
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    read, stored, already = (int(value) for value in rerun.stdout.split())
    assert (stored, already) == (ARTICLES - interrupted["articles"], interrupted["articles"])
    assert read == ARTICLES + 1
    assert _state(db) == clean_run
