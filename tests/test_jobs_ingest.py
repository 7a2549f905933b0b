"""The ingest job with the pipeline replaced by a stand-in: failures stay per item, counts are right."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from dateline import clean, jobs, pipeline
from dateline.bench.synthetic import synthetic_extraction
from dateline.jobs import batches
from dateline.jobs.ingest import ingest_paths
from dateline.records import Extraction, ItemError, RawDocument
from dateline.settings import Settings
from dateline.store import Store, StoreWriteError


def _fake_extract(batch: Sequence[RawDocument | ItemError], settings: Settings) -> list[Extraction]:
    """Stand-in for the pipeline: "poison" breaks the whole batch, "n:K" is synthetic article K."""
    if any(isinstance(item, RawDocument) and item.text == "poison" for item in batch):
        if len(batch) > 1:
            raise RuntimeError("the batch broke")
        raise ValueError("poisoned item")
    found = []
    for item in batch:
        if isinstance(item, ItemError):
            found.append(jobs.failed_extraction(RawDocument(origin=item.origin), item))
        else:
            found.append(synthetic_extraction(int((item.text or "n:0").split(":")[1])))
    return found


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setattr(pipeline, "load_resources", lambda settings: None)
    monkeypatch.setattr(batches, "extract_batch", _fake_extract)
    return Settings(db=str(tmp_path / "jobs.duckdb"), batch_size=4, workers=1)


@pytest.fixture
def corpus(tmp_path: Path) -> list[str]:
    lines = [f'{{"text": "n:{n}", "id": "ignored-{n}"}}' for n in range(6)]
    lines.insert(2, '{"text": "poison"}')
    lines.insert(4, "{broken json")
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(path)]


def test_jobs_ingest_batch_crash_fails_only_the_bad_item(settings: Settings, corpus: list[str]) -> None:
    summary = ingest_paths(corpus, settings)
    assert (summary.read, summary.stored, summary.failed) == (8, 6, 2)
    assert {error.error_type for error in summary.errors} >= {"ValueError", "JSONDecodeError"}
    with Store(settings.db, read_only=True) as store:
        assert store.counts()["articles"] == 6
        stages = {row["stage"] for row in store.iter_records("errors")}
    assert stages >= {"pipeline", "ingest"}


def test_jobs_ingest_rerun_same_counts(settings: Settings, corpus: list[str]) -> None:
    ingest_paths(corpus, settings)
    with Store(settings.db, read_only=True) as store:
        counts = store.counts()
    again = ingest_paths(corpus, settings)
    assert (again.stored, again.already_stored, again.failed) == (0, 6, 2)
    with Store(settings.db, read_only=True) as store:
        assert store.counts() == counts


def test_jobs_ingest_partial_article_stored_with_errors(settings: Settings, corpus: list[str]) -> None:
    summary = ingest_paths(corpus, settings)
    with_errors = [n for n in range(6) if synthetic_extraction(n).errors]
    assert summary.partial == len(with_errors) and not summary.ok
    with Store(settings.db, read_only=True) as store:
        stored = store.read_extraction(synthetic_extraction(with_errors[0]).article.id)
    assert stored is not None and stored.errors


def test_jobs_ingest_store_failure_falls_back_to_single_articles(
    settings: Settings, corpus: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Store.write_batch
    refused = synthetic_extraction(1).article.id

    def picky_write(self: Store, extractions: Sequence[Extraction], **kwargs: object) -> object:
        if len(extractions) > 1 or any(e.article.id == refused for e in extractions):
            raise StoreWriteError("batch not stored: test")
        return original(self, extractions, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "write_batch", picky_write)
    summary = ingest_paths(corpus, settings)
    assert summary.stored == 5 and summary.failed == 3
    assert any(error.stage == "store" and error.article_id == refused for error in summary.errors)
    with Store(settings.db, read_only=True) as store:
        assert refused not in store.article_ids()
        assert any(row["stage"] == "store" for row in store.iter_records("errors"))


def test_jobs_ingest_empty_folder_is_one_failed_item(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    summary = ingest_paths([str(tmp_path / "empty")], settings)
    assert (summary.read, summary.stored, summary.failed, summary.ok) == (1, 0, 1, False)
    with Store(settings.db, read_only=True) as store:
        assert store.counts()["errors"] == 1


def test_jobs_ingest_unclustered_leftovers_resolved(settings: Settings, corpus: list[str]) -> None:
    with Store(settings.db) as store:
        store.write_batch([synthetic_extraction(50)])  # stored, never resolved: as if killed in between
    ingest_paths(corpus, settings)
    with Store(settings.db, read_only=True) as store:
        assert store.unclustered_event_ids() == []


def test_jobs_ingest_rerun_does_not_extract_stored_articles_again(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "extracted.txt"  # the stand-in runs in a worker process: it notes what it got in a file

    def cleaning_extract(batch: Sequence[RawDocument | ItemError], settings: Settings) -> list[Extraction]:
        found = []
        for item in batch:
            assert isinstance(item, RawDocument)
            with log.open("a", encoding="utf-8") as notes:
                notes.write(item.origin + "\n")
            found.append(
                Extraction(
                    article=clean.clean_document(
                        item, max_chars=settings.max_chars, knowledge=clean.load_clean_knowledge()
                    )
                )
            )
        return found

    monkeypatch.setattr(batches, "extract_batch", cleaning_extract)
    folder = tmp_path / "texts"
    folder.mkdir()
    for n in range(5):
        (folder / f"{n}.txt").write_text(f"Troops shelled village number {n} on Monday, officials said.\n")
    (tmp_path / "more.jsonl").write_text('{"id": "given", "text": "Protesters marched in the capital."}\n')
    paths = [str(folder), str(tmp_path / "more.jsonl")]
    assert ingest_paths(paths, settings).stored == 6
    (folder / "5.txt").write_text("A new report: gunmen raided a market on Friday.\n")
    log.unlink()
    again = ingest_paths(paths, settings)
    assert (again.read, again.stored, again.already_stored) == (7, 1, 6)
    assert log.read_text(encoding="utf-8").splitlines() == [str(folder / "5.txt")]
