"""The Python API: dateline.extract, dateline.ingest, dateline.open (DataFrames and Arrow tables), a light import."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas
import pyarrow
import pytest

import dateline
from dateline.bench.synthetic import synthetic_extraction
from dateline.records import Article
from dateline.store import Store

N_ARTICLES = 10
HEAVY_MODULES = ("spacy", "duckdb", "pandas", "pyarrow", "warcio", "feedparser", "trafilatura")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    with Store(path) as store:
        result = store.write_batch([synthetic_extraction(n) for n in range(N_ARTICLES)])
        store.assign_singleton_clusters(result.new_event_ids)
    return path


def test_python_api_import_is_light() -> None:
    code = f"import sys, json, dateline; print(json.dumps([m for m in {HEAVY_MODULES!r} if m in sys.modules]))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert json.loads(done.stdout) == []


def test_python_api_exports_its_names() -> None:
    assert sorted(dateline.__all__) == ["__version__", "extract", "ingest", "ingest_files", "open"]
    assert callable(dateline.ingest) and dateline.ingest_files is dateline.ingest


def test_python_api_open_tables_match_counts(db: Path) -> None:
    with dateline.open(db) as database:
        counts = database.counts()
        events, clusters = database.events(), database.clusters()
        quotes, actors = database.quotes(), database.actors()
    assert (len(events), len(clusters), len(quotes), len(actors)) == (
        counts["events"],
        counts["clusters"],
        counts["quotes"],
        counts["actors"],
    )
    assert {"id", "type", "mode", "evidence", "location", "cluster_id"} <= set(events.columns)
    assert isinstance(events, pandas.DataFrame) and events["id"].is_unique


@pytest.mark.parametrize(
    "filters",
    [
        {"type": "assault"},
        {"start": "2000-01-01", "end": "2100-12-31"},
        {"country": "XX"},
        {"actor": "Q1"},
        {},
        {"factuality": "asserted"},
        {"flags": "none"},
        {"min_confidence": 0.6},
        {"review": "confirmed,corrected"},
    ],
)
def test_python_api_event_filters_are_the_rest_api_filters(db: Path, filters: dict[str, Any]) -> None:
    from dateline.store.queries import EventFilters, list_events

    with dateline.open(db) as database:
        frame = database.events(**filters)
    with Store(db, read_only=True) as store:
        expected = list_events(store.connection.cursor(), EventFilters(**filters), limit=10_000)
    assert len(frame) == expected.total
    assert list(frame.get("id", [])) == [item["id"] for item in expected.items]


def test_python_api_what_is_real_filters_narrow_the_events(db: Path) -> None:
    with dateline.open(db) as database:
        everything = database.events()
        sure = database.events(min_confidence=float(everything["confidence"].median()) + 1e-9)
        reviewed = database.events(review="confirmed,corrected")
    assert 0 < len(sure) < len(everything) and (sure["confidence"] > everything["confidence"].median()).all()
    assert len(reviewed) == 0  # nothing in this database was reviewed


def test_python_api_type_filter_keeps_only_that_type(db: Path) -> None:
    with dateline.open(db) as database:
        assaults = database.events(type="assault")
    assert len(assaults) > 0 and set(assaults["type"]) == {"ASSAULT"}


def test_python_api_limit_pages_and_stops(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("dateline.store.frames.PAGE_SIZE", 3)
    with dateline.open(db) as database:
        everything = database.events()
        first_five = database.events(limit=5)
        none = database.events(limit=0)
    assert list(first_five["id"]) == list(everything["id"][:5])
    assert none.empty
    with dateline.open(db) as database, pytest.raises(ValueError, match="limit"):
        database.events(limit=-1)


def test_python_api_arrow_tables(db: Path) -> None:
    with dateline.open(db) as database:
        table = database.arrow("events", mode=None)
        actors = database.arrow("actors", q="Army")
        with pytest.raises(ValueError, match="unknown table"):
            database.arrow("places")
    assert isinstance(table, pyarrow.Table) and "evidence" in table.column_names
    assert table.num_rows == len(table.column("id").unique())
    assert actors.num_rows >= 1 and all("Army" in name for name in actors.column("name").to_pylist())


def test_python_api_open_missing_database(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="run `dateline ingest` first"):
        dateline.open(tmp_path / "none.duckdb")


def test_python_api_bad_filter_raises(db: Path) -> None:
    from dateline.store.queries import QueryError

    with dateline.open(db) as database, pytest.raises(QueryError):
        database.events(start="not a date")


def test_python_api_extract_returns_records(resources: object) -> None:
    extraction = dateline.extract("Gunmen killed three police officers in Kirkuk on Monday.", published="2024-03-05")
    assert extraction.article.published == "2024-03-05"
    assert [event.type for event in extraction.events] == ["ASSAULT"]


def test_python_api_ingest_then_open(resources: object, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text("Militants shelled a market in Aleppo on Sunday, killing four people.")
    (folder / "rows.csv").write_text('story\n"Police arrested two suspects in Basra on Friday."\n', encoding="utf-8")
    progress: list[int] = []
    path = tmp_path / "out.duckdb"
    summary = dateline.ingest(folder, db=path, on_progress=progress.append, text_column="story")
    assert (summary.read, summary.stored, summary.failed) == (2, 2, 0)
    assert sum(progress) == 2
    again = dateline.ingest_files([str(folder)], db=path, text_column="story")
    assert (again.stored, again.already_stored) == (0, 2)
    with dateline.open(path) as database:
        assert set(database.events()["article_id"]) == {item.id for item in _stored_articles(path)}


def _stored_articles(path: Path) -> list[Article]:
    with Store(path, read_only=True) as store:
        extractions = [store.read_extraction(article_id) for article_id in store.article_ids()]
    return [extraction.article for extraction in extractions if extraction is not None]
