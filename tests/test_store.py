"""The DuckDB store: round trips, idempotent writes, one transaction per batch, schema versions, clusters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from dateline.bench.synthetic import synthetic_extraction
from dateline.records import Article, Extraction, ItemError, to_json
from dateline.settings import Settings
from dateline.store import SCHEMA_VERSION, Store, StoreError, StoreWriteError
from dateline.store.rows import date_range


def _contract(extraction: Extraction) -> dict[str, object]:
    data: dict[str, object] = to_json(extraction)
    return data


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.mark.parametrize("number", [0, 3, 10])
def test_store_round_trip_equals_original_json(db: Path, number: int) -> None:
    extraction = synthetic_extraction(number)
    with Store(db) as store:
        store.write_batch([extraction])
        back = store.read_extraction(extraction.article.id)
    assert back is not None
    assert _contract(back) == _contract(extraction)
    assert back.article.origin == extraction.article.origin


def test_store_round_trip_keeps_errors_of_stored_article(db: Path) -> None:
    extraction = synthetic_extraction(3)  # every 7th+3 synthetic article carries a stage error
    assert extraction.errors
    with Store(db) as store:
        store.write_batch([extraction])
        back = store.read_extraction(extraction.article.id)
    assert back is not None and back.errors == extraction.errors


@pytest.mark.parametrize(
    "text",
    ["Shelling hit Idlib.", "Ракета попала в Харьков.", "قصف في حلب", "Cafe\u0301 bombing 💥 in Zürich", "a\u200bb"],
)
def test_store_round_trip_odd_unicode_article(db: Path, text: str) -> None:
    extraction = Extraction(article=Article(id="odd", text=text, title="\u202eTitle"))
    with Store(db) as store:
        store.write_batch([extraction])
        back = store.read_extraction("odd")
    assert back is not None and _contract(back) == _contract(extraction)


def test_store_round_trip_keeps_the_main_event(db: Path) -> None:
    extraction = synthetic_extraction(4)
    main_id = extraction.events[0].id
    marked = dataclasses.replace(extraction, article=dataclasses.replace(extraction.article, main_event_id=main_id))
    with Store(db) as store:
        store.write_batch([marked])
        back = store.read_extraction(marked.article.id)
    assert back is not None and back.article.main_event_id == main_id
    assert _contract(back) == _contract(marked)


def test_store_migrates_a_version_1_database(db: Path) -> None:
    """A database written before articles had main_event_id (and before reviews) gains both when opened for writing."""
    with Store(db) as store:
        store.write_batch([synthetic_extraction(5)])
    con = duckdb.connect(str(db))
    con.execute("ALTER TABLE articles DROP COLUMN main_event_id")
    for statement in ["DROP VIEW event_view", "DROP TABLE reviewed_events", "DROP TABLE event_reviews",
                      "DROP SEQUENCE event_reviews_id"]:  # fmt: skip
        con.execute(statement)
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    con.close()
    with Store(db) as store:
        assert store.schema_version() == SCHEMA_VERSION == 3
        back = store.read_extraction(synthetic_extraction(5).article.id)
        assert store.count_rows("events") == 2  # read through event_view, which the migration made
    assert back is not None and back.article.main_event_id is None


def test_store_read_extraction_unknown_id_is_none(db: Path) -> None:
    with Store(db) as store:
        assert store.read_extraction("nope") is None


def test_store_reingest_adds_nothing(db: Path) -> None:
    batch = [synthetic_extraction(n) for n in range(6)]
    with Store(db) as store:
        first = store.write_batch(batch)
        counts = store.counts()
        second = store.write_batch(batch)
        assert store.counts() == counts
    assert (first.stored, first.skipped, first.events, first.quotes) == (6, 0, 12, 6)
    assert (second.stored, second.skipped, second.events, second.new_event_ids) == (0, 6, 0, [])


def test_store_duplicate_article_in_one_batch_stored_once(db: Path) -> None:
    extraction = synthetic_extraction(1)
    with Store(db) as store:
        result = store.write_batch([extraction, extraction])
        assert store.counts()["articles"] == 1
    assert (result.stored, result.skipped) == (1, 1)


def test_store_failure_mid_batch_stores_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    batch = [synthetic_extraction(n) for n in range(4)]

    def broken_upsert(self: Store, rows: object) -> None:
        raise duckdb.ConversionException("disk trouble")  # after articles, events and quotes were inserted

    with Store(db) as store:
        monkeypatch.setattr(Store, "_upsert_actors", broken_upsert)
        with pytest.raises(StoreWriteError, match="disk trouble"):
            store.write_batch(batch, errors=[ItemError("x.txt", "ingest", "ReadError", "unreadable")])
        assert set(store.counts().values()) == {0}
        monkeypatch.undo()
        assert store.write_batch(batch).stored == 4


def test_store_bad_row_fails_whole_batch(db: Path) -> None:
    good = synthetic_extraction(1)
    bad = synthetic_extraction(2)
    # the same event id twice breaks the events primary key: the good article must not be stored either
    bad = Extraction(article=bad.article, events=(bad.events[0], bad.events[0]))
    with Store(db) as store:
        with pytest.raises(StoreWriteError):
            store.write_batch([good, bad])
        assert store.counts()["articles"] == 0


def test_store_actors_merge_across_articles(db: Path) -> None:
    batch = [synthetic_extraction(n) for n in range(30)]
    with Store(db) as store:
        store.write_batch(batch[:15])
        store.write_batch(batch[15:])
        actors = {row["id"]: row for row in store.iter_records("actors")}
    mentions: dict[str, int] = {}
    articles: dict[str, set[str]] = {}
    for extraction in batch:
        for actor in extraction.actors:
            mentions[actor.id] = mentions.get(actor.id, 0) + len(actor.mentions)
            articles.setdefault(actor.id, set()).add(extraction.article.id)
    assert {key: row["n_mentions"] for key, row in actors.items()} == mentions
    assert {key: row["n_articles"] for key, row in actors.items()} == {k: len(v) for k, v in articles.items()}
    assert actors["Q1"]["aliases"] == ["Northern Army"]


def test_store_singleton_clusters(db: Path) -> None:
    batch = [synthetic_extraction(n) for n in range(3)]
    with Store(db) as store:
        result = store.write_batch(batch)
        assert store.unclustered_event_ids() == sorted(result.new_event_ids)
        assert store.assign_singleton_clusters(result.new_event_ids) == 6
        assert store.assign_singleton_clusters(result.new_event_ids) == 0
        assert store.unclustered_event_ids() == []
        clusters = list(store.iter_records("clusters"))
        events = list(store.iter_records("events"))
    assert {c["id"] for c in clusters} == {e["cluster_id"] for e in events}
    assert all(c["n_reports"] == 1 and c["event_ids"] == [c["id"][1:]] for c in clusters)


def test_store_cluster_reconciles_casualties(db: Path) -> None:
    batch = [synthetic_extraction(n, events_per_article=1) for n in range(3)]
    with Store(db) as store:
        result = store.write_batch(batch)
        store.write_clusters([result.new_event_ids])
        (cluster,) = list(store.iter_records("clusters"))
    killed = [extraction.events[0].casualties.killed for extraction in batch]
    assert cluster["n_reports"] == 3
    assert cluster["casualties"]["killed"]["low"] == min(count.low for count in killed if count)
    assert cluster["casualties"]["killed"]["high"] == max(count.high for count in killed if count)


def test_store_errors_deduplicated(db: Path) -> None:
    error = ItemError("bad.jsonl:3", "ingest", "JSONDecodeError", "not valid JSON")
    with Store(db) as store:
        assert store.write_errors([error, error]) == 1
        assert store.write_errors([error]) == 0
        assert [row["origin"] for row in store.iter_records("errors")] == ["bad.jsonl:3"]


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2015-05-17", "day", ("2015-05-17", "2015-05-17")),
        ("2015-05-17", "week", ("2015-05-11", "2015-05-17")),
        ("2015-05-17", "month", ("2015-05-01", "2015-05-31")),
        ("2016-02", "month", ("2016-02-01", "2016-02-29")),
        ("2015-05", "day", ("2015-05-01", "2015-05-31")),
        ("2015", "year", ("2015-01-01", "2015-12-31")),
        ("2015-05-17", "year", ("2015-01-01", "2015-12-31")),
        ("2015-W21", "week", ("2015-05-18", "2015-05-24")),
        ("2015-02-30", "day", (None, None)),
        ("PRESENT_REF", "day", (None, None)),
        ("", "day", (None, None)),
    ],
)
def test_store_date_range(value: str, precision: str, expected: tuple[str | None, str | None]) -> None:
    start, end = date_range(value, precision)
    assert (start.isoformat() if start else None, end.isoformat() if end else None) == expected


def test_store_flattened_event_columns(db: Path) -> None:
    extraction = synthetic_extraction(0)
    event = extraction.events[0]
    with Store(db) as store:
        store.write_batch([extraction])
        row = next(r for r in store.iter_rows("events") if r["id"] == event.id)
    assert row["type"] == event.type
    assert row["killed_best"] == (event.casualties.killed.best if event.casualties.killed else None)
    assert row["source_ids"] == [ref.id for ref in event.source if ref.id]
    assert row["evidence_start"] == event.evidence.start
    assert isinstance(row["date_start"], dt.date | type(None))


def test_store_frame_gives_flattened_columns(db: Path) -> None:
    with Store(db) as store:
        store.write_batch([synthetic_extraction(n) for n in range(3)])
        events = store.frame("events")
    assert len(events) == 6 and "record" not in events.columns
    assert set(events["article_id"]) == {synthetic_extraction(n).article.id for n in range(3)}


def test_store_read_only_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "missing.duckdb", read_only=True).open()


def test_store_read_only_refuses_writes(db: Path) -> None:
    with Store(db) as store:
        store.write_batch([synthetic_extraction(0)])
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
        with pytest.raises(StoreWriteError):
            store.write_batch([synthetic_extraction(1)])


@pytest.mark.parametrize(("version", "message"), [(0, "older"), (SCHEMA_VERSION + 1, "newer")])
def test_store_other_schema_version_errors_clearly(db: Path, version: int, message: str) -> None:
    with Store(db):
        pass
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM schema_version")
    con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
    con.close()
    with pytest.raises(StoreError, match=message):
        Store(db).open()


def test_store_foreign_database_errors(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE something (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="older"):
        Store(db).open()


_WRITER = textwrap.dedent(
    """
    import sys
    from dateline.store import Store
    from dateline.bench.synthetic import synthetic_extraction

    path, total, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with Store(path) as store:
        for first in range(0, total, size):
            batch = [synthetic_extraction(n, events_per_article=4) for n in range(first, min(first + size, total))]
            result = store.write_batch(batch)
            store.assign_singleton_clusters(store.unclustered_event_ids())
            print(result.stored, flush=True)
    """
)


@pytest.mark.slow
def test_store_sigkill_mid_ingest_leaves_no_half_article(db: Path) -> None:
    total, size = 400, 20
    command = [sys.executable, "-c", _WRITER, str(db), str(total), str(size)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={**os.environ})
    assert process.stdout is not None
    for _ in range(3):  # let three batches commit, then kill it while it writes the next ones
        assert process.stdout.readline().strip()
    process.send_signal(signal.SIGKILL)
    process.wait()
    with Store(db) as store:
        stored = store.counts()["articles"]
        half = store.fetch_dicts(
            "SELECT a.id FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.id, a.n_events HAVING count(e.id) <> a.n_events"
        )
    assert 3 * size <= stored < total and stored % size == 0
    assert half == []
    subprocess.run(command, check=True, capture_output=True)
    with Store(db) as store:
        counts = store.counts()
        duplicates = store.fetch_dicts("SELECT id FROM events GROUP BY id HAVING count(*) > 1")
        assert counts["articles"] == total
        assert counts["events"] == counts["clusters"] == total * 4
        assert duplicates == [] and store.unclustered_event_ids() == []


@pytest.mark.slow
def test_store_sigkill_mid_cli_ingest_then_rerun(tmp_path: Path) -> None:
    texts = [
        f"Report {n}\n\nGunmen attacked a checkpoint in Kirkuk on Sunday, killing {n % 9 + 1} police officers. "
        f"Officials blamed the attack on insurgents, statement number {n}."
        for n in range(40)
    ]
    source = tmp_path / "reports.jsonl"
    source.write_text("".join(json.dumps({"id": f"r{n}", "text": text}) + "\n" for n, text in enumerate(texts)))
    db = tmp_path / "cli.duckdb"
    command = [str(Path(sys.executable).with_name("dateline")), "-v", "ingest", str(source), "--db", str(db)]
    env = {**os.environ, "DATELINE_BATCH_SIZE": "2", "DATELINE_STORE_BATCH": "2", "DATELINE_WORKERS": "1"}
    process = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    assert process.stderr is not None
    batches, lines = 0, []
    for line in process.stderr:
        lines.append(line)
        batches += "stored batch" in line
        if batches == 2:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert batches == 2, "ingest ended before two batches were stored:\n" + "".join(lines[-20:])
    with Store(db) as store:
        assert 4 <= store.counts()["articles"] < len(texts)
    rerun = subprocess.run(command, capture_output=True, text=True, env=env)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    with Store(db, read_only=True) as store:
        assert sorted(store.article_ids()) == sorted(f"r{n}" for n in range(len(texts)))
        half = store.fetch_dicts(
            "SELECT a.id FROM articles a LEFT JOIN events e ON e.article_id = a.id "
            "GROUP BY a.id, a.n_events HAVING count(e.id) <> a.n_events"
        )
        assert half == [] and store.unclustered_event_ids() == []


@pytest.mark.slow
def test_store_round_trip_real_extractions_of_seeds(seeds_dir: Path, db: Path, settings: Settings) -> None:
    from dateline import jobs, readers

    extractions = jobs.extract_batch(list(readers.read_paths([str(seeds_dir)])), settings)
    with Store(db) as store:
        store.write_batch(extractions)
        for extraction in extractions:
            back = store.read_extraction(extraction.article.id)
            assert back is not None and _contract(back) == _contract(extraction)
