"""`dateline ingest --engine dask` stores the same records as the local engine, through Parquet partitions, and an
interrupted run resumes without duplicates."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dateline.cli import app
from dateline.export import export_table
from dateline.jobs.ingest import DEMO_CORPUS, IngestSummary, ingest_partitions, ingest_paths
from dateline.jobs.partitions import partition_files
from dateline.records import to_json
from dateline.settings import Settings
from dateline.store import Store

pytest.importorskip("dask.distributed")

DEMO = str(DEMO_CORPUS)
TABLES = ("events", "quotes", "articles", "actors", "clusters")


class Interrupted(Exception):
    """Stands for a kill in the middle of an ingest."""


def _stored_records(db: Path) -> list[str]:
    """Every stored article's records (events, quotes, places, times, actors, errors) as sorted JSON lines."""
    with Store(db, read_only=True) as store:
        extractions = [store.read_extraction(article_id) for article_id in store.article_ids()]
    return sorted(json.dumps(to_json(item), sort_keys=True) for item in extractions)


def _exported(db: Path) -> dict[str, list[str]]:
    """The JSONL export of every table, lines sorted (the order of equal sort keys may differ)."""
    tables: dict[str, list[str]] = {}
    for table in TABLES:
        out = io.StringIO()
        export_table(db, table, "jsonl", None, stream=out)
        tables[table] = sorted(out.getvalue().splitlines())
    return tables


@pytest.fixture(scope="module")
def local_db(resources: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    summary = ingest_paths([DEMO], Settings(db=str(db), workers=1, batch_size=4, store_batch=4))
    assert summary.ok and summary.stored >= 18
    return db


def _dask_settings(db: Path) -> Settings:
    return Settings(db=str(db), workers=1, batch_size=4, store_batch=4, engine="dask")


@pytest.fixture(scope="module")
def dask_run(resources: object, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, IngestSummary]:
    """The demo corpus ingested with the Dask engine (a LocalCluster of one worker thread): db, partitions, summary."""
    folder = tmp_path_factory.mktemp("dask")
    db, parts = folder / "dask.duckdb", folder / "parts"
    summary = ingest_paths([DEMO], _dask_settings(db), partitions=parts, dask_processes=False)
    return db, parts, summary


def test_distributed_ingest_same_records_as_local(local_db: Path, dask_run: tuple[Path, Path, Any]) -> None:
    db, parts, summary = dask_run
    assert summary.ok and summary.stored == summary.read >= 18
    assert len(partition_files(parts)) == -(-summary.read // 4)  # one partition per batch of 4
    assert _stored_records(db) == _stored_records(local_db)
    local, dask = _exported(local_db), _exported(db)
    assert all(local[table] for table in TABLES)
    assert dask == local


def test_distributed_ingest_resumes_without_duplicates(local_db: Path, tmp_path: Path) -> None:
    db, parts = tmp_path / "dask.duckdb", tmp_path / "parts"
    loaded: list[int] = []

    def stop_after_two_partitions(count: int) -> None:
        loaded.append(count)
        if len(loaded) == 2:
            raise Interrupted

    with pytest.raises(Interrupted):
        ingest_paths([DEMO], _dask_settings(db), stop_after_two_partitions, partitions=parts, dask_processes=False)
    with Store(db, read_only=True) as store:
        assert len(store.article_ids()) == 8  # two batches of 4 stored before the interruption
    (parts / "part-00099.parquet.partial").write_bytes(b"a partition cut short")  # must be ignored
    summary = ingest_paths([DEMO], _dask_settings(db), partitions=parts, dask_processes=False)
    assert summary.ok
    assert summary.read == summary.stored + summary.already_stored >= 18
    assert summary.already_stored == 8
    assert _stored_records(db) == _stored_records(local_db)
    assert _exported(db) == _exported(local_db)
    again = ingest_paths([DEMO], _dask_settings(db), partitions=parts, dask_processes=False)
    assert (again.stored, again.events, again.already_stored) == (0, 0, summary.read)


def test_distributed_ingest_loads_partitions_made_elsewhere(
    local_db: Path, dask_run: tuple[Path, Path, Any], tmp_path: Path
) -> None:
    _db, parts, _summary = dask_run
    db = tmp_path / "loaded.duckdb"
    summary = ingest_partitions(parts, Settings(db=str(db)))
    assert summary.ok and summary.stored >= 18
    assert _exported(db) == _exported(local_db)
    twice = ingest_partitions(parts, Settings(db=str(db)))
    assert (twice.stored, twice.already_stored) == (0, summary.stored)


def test_distributed_ingest_without_partitions_dir_leaves_nothing(resources: object, tmp_path: Path) -> None:
    article = tmp_path / "in" / "a.txt"
    article.parent.mkdir()
    article.write_text("Gunmen killed two guards at a bank in Mosul on Monday, police said.", encoding="utf-8")
    settings = Settings(db=str(tmp_path / "db.duckdb"), workers=1, engine="dask")
    summary = ingest_paths([str(article.parent)], settings, dask_processes=False)
    assert (summary.stored, summary.failed) == (1, 0)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["db.duckdb", "in"]


def _cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "400"})  # long paths in messages stay on one line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ingest",), "--partitions DIR"),
        (("ingest", "{in}", "--partitions", "{tmp}/p"), "need --engine dask"),
        (("ingest", "{in}", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"), "needs --partitions DIR"),
        (("ingest", "--partitions", "{tmp}/empty"), "no partitions"),
        (("ingest", "{in}", "--engine", "ray"), "unknown engine"),
    ],
)
def test_distributed_ingest_cli_usage_errors_exit_2(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("Troops shelled a village near Aleppo on Friday.", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    filled = [arg.format(**{"in": source, "tmp": tmp_path}) for arg in args]
    result = _cli(*filled, "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_distributed_cli_without_dask_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if the extra were not installed
    source = tmp_path / "a.txt"
    source.write_text("Troops shelled a village near Aleppo on Friday.", encoding="utf-8")
    for command in (("extract",), ("ingest", "--db", str(tmp_path / "x.duckdb"))):
        result = _cli(*command, str(source), "--engine", "dask")
        assert result.exit_code == 2, result.output
        assert "pip install 'dateline[dask]'" in result.output


def test_distributed_cli_extract_partitions_then_ingest_them(resources: object, tmp_path: Path) -> None:
    """The HPC route with real worker processes: extract into partitions, re-run (nothing new), load, load again."""
    folder = tmp_path / "in"
    folder.mkdir()
    for index, text in enumerate(
        (
            "Militants stormed a police station in Kirkuk on Sunday, killing three officers, officials said.",
            "Aid convoys reached Fallujah on Wednesday, the United Nations said.",
        )
    ):
        (folder / f"{index}.txt").write_text(text, encoding="utf-8")
    parts, db = tmp_path / "parts", tmp_path / "db.duckdb"
    first = _cli("extract", str(folder), "--engine", "dask", "--workers", "1", "--partitions", str(parts))
    assert first.exit_code == 0, first.output
    assert "2 articles, 0 with errors, 0 already in partitions" in first.output
    rerun = _cli("extract", str(folder), "--engine", "dask", "--workers", "1", "--partitions", str(parts))
    assert "0 articles, 0 with errors, 2 already in partitions" in rerun.output
    loaded = _cli("ingest", "--partitions", str(parts), "--db", str(db))
    assert loaded.exit_code == 0, loaded.output
    assert "2 read, 2 stored, 0 already stored" in loaded.output
    again = _cli("ingest", "--partitions", str(parts), "--db", str(db))
    assert "2 read, 0 stored, 2 already stored" in again.output


@pytest.mark.parametrize(
    ("environ", "engine"),
    [({}, "local"), ({"DATELINE_ENGINE": "dask", "DATELINE_SCHEDULER": "tcp://head:8786"}, "dask")],
)
def test_distributed_engine_setting_from_environment(environ: dict[str, str], engine: str) -> None:
    from dateline.settings import load_settings

    settings = load_settings(environ=environ)
    assert (settings.engine, settings.scheduler) == (engine, environ.get("DATELINE_SCHEDULER", ""))


def test_distributed_engine_setting_unknown_value_names_the_key() -> None:
    from dateline.settings import load_settings

    with pytest.raises(ValueError, match=r"'engine'.*'spark'"):
        load_settings(environ={"DATELINE_ENGINE": "spark"})
