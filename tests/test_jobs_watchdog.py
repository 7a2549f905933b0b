"""The worker pool's watchdog: a worker that dies (segfault, out-of-memory kill) or outlasts its batch's time budget
is replaced, the article that did it becomes an error, every other article is extracted, and the run goes on.

The workers here run a stand-in for the pipeline (forked workers inherit the monkeypatch): an article whose text
says CRASH kills its worker with SIGSEGV, OOM with SIGKILL, STUCK sleeps; the others come back at once."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Sequence

import pytest

from dateline.jobs import workers
from dateline.records import Article, Extraction, ItemError, RawDocument
from dateline.settings import Settings


def _stand_in(batch: Sequence[RawDocument | ItemError], settings: Settings) -> list[Extraction]:
    for item in batch:
        text = item.text if isinstance(item, RawDocument) else ""
        if text == "CRASH":
            os.kill(os.getpid(), signal.SIGSEGV)
        if text == "OOM":
            os.kill(os.getpid(), signal.SIGKILL)
        if text == "STUCK":
            time.sleep(600)
    return [
        Extraction(article=Article(id=item.origin, text=item.text or "", origin=item.origin))
        for item in batch
        if isinstance(item, RawDocument)
    ]


@pytest.fixture(autouse=True)
def stand_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "extract_batch_safely", _stand_in)
    monkeypatch.setattr(workers.pipeline, "load_resources", lambda settings: None)


def _batches(*texts: str, size: int = 3) -> list[list[RawDocument | ItemError]]:
    items: list[RawDocument | ItemError] = [RawDocument(origin=f"item{n}", text=text) for n, text in enumerate(texts)]
    return [items[start : start + size] for start in range(0, len(items), size)]


def _run(batches: list[list[RawDocument | ItemError]], timeout: float = 60.0, count: int = 2) -> list[Extraction]:
    settings = Settings(article_timeout=timeout)
    return [extraction for batch in workers.extract_batches(batches, settings, workers=count) for extraction in batch]


@pytest.mark.parametrize(("text", "death"), [("CRASH", "SIGSEGV"), ("OOM", "SIGKILL")])
def test_jobs_watchdog_dead_worker_fails_only_its_article(text: str, death: str) -> None:
    started = time.monotonic()
    extractions = _run(_batches("a", text, "b", "c", "d"))
    assert time.monotonic() - started < 30
    assert [extraction.article.origin for extraction in extractions] == [f"item{n}" for n in range(5)]
    failed = [extraction for extraction in extractions if extraction.errors]
    assert [extraction.article.origin for extraction in failed] == ["item1"]
    error = failed[0].errors[0]
    assert (error.stage, error.error_type) == ("pipeline", "WorkerLost")
    assert death in error.message
    assert [extraction.article.text for extraction in extractions if not extraction.errors] == ["a", "b", "c", "d"]


def test_jobs_watchdog_stuck_worker_is_killed_after_its_budget() -> None:
    started = time.monotonic()
    extractions = _run(_batches("a", "STUCK", "b", "c"), timeout=1.0)
    assert time.monotonic() - started < 30
    failed = {extraction.article.origin: extraction.errors[0] for extraction in extractions if extraction.errors}
    assert list(failed) == ["item1"]
    assert "took longer than 1 s" in failed["item1"].message
    assert len(extractions) == 4


def test_jobs_watchdog_one_worker_survives_many_crashes_in_order() -> None:
    texts = ["CRASH" if n % 3 == 0 else f"t{n}" for n in range(10)]
    extractions = _run(_batches(*texts, size=4), count=1)
    assert [extraction.article.origin for extraction in extractions] == [f"item{n}" for n in range(10)]
    assert [bool(extraction.errors) for extraction in extractions] == [text == "CRASH" for text in texts]


def test_jobs_watchdog_many_batches_keep_input_order() -> None:
    texts = [f"t{n}" for n in range(50)]
    extractions = _run(_batches(*texts, size=2), count=2)
    assert [extraction.article.text for extraction in extractions] == texts


def test_jobs_watchdog_workers_exit_with_the_run() -> None:
    pool = workers.WorkerPool(Settings(), 2)
    results = pool.run(_batches("a", "b", "c", "d"))
    first = next(results)
    processes = [worker.process for worker in pool._workers]
    assert first and all(process.is_alive() for process in processes)
    list(results)
    assert all(not process.is_alive() for process in processes)
