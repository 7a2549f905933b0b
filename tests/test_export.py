"""Exports: every format of every table, parsed back; usage mistakes raise ExportError."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dateline.bench.synthetic import synthetic_extraction
from dateline.export import COMMON_FORMATS, EVENT_FORMATS, EVENT_TABLES, ExportError, export_table
from dateline.export.acled import ACLED_COLUMNS, interaction, load_countries, load_inter_codes
from dateline.knowledge import KnowledgeError
from dateline.store import TABLES, Store

N_ARTICLES = 12
PAIRS = [(table, fmt) for table in TABLES for fmt in COMMON_FORMATS] + [
    (table, fmt) for table in EVENT_TABLES for fmt in EVENT_FORMATS
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "export.duckdb"
    with Store(path) as store:
        result = store.write_batch([synthetic_extraction(n) for n in range(N_ARTICLES)])
        store.assign_singleton_clusters(result.new_event_ids)
    return path


@pytest.fixture(scope="module")
def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return {table: store.count_rows(table) for table in TABLES}


@pytest.fixture(scope="module")
def located(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return {table: sum(row["lat"] is not None for row in store.iter_rows(table)) for table in EVENT_TABLES}


def _export(db: Path, table: str, fmt: str, tmp_path: Path) -> tuple[int, Path]:
    out = tmp_path / f"{table}.{fmt}"
    return export_table(db, table, fmt, out), out


@pytest.mark.parametrize(("table", "fmt"), PAIRS)
def test_export_every_table_and_format_parses_back(
    db: Path, counts: dict[str, int], located: dict[str, int], tmp_path: Path, table: str, fmt: str
) -> None:
    written, out = _export(db, table, fmt, tmp_path)
    if fmt == "parquet":
        rows = pq.read_table(out).to_pylist()
        assert "record" not in rows[0]
    elif fmt in ("csv", "acled"):
        with out.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    elif fmt == "geojson":
        collection = json.loads(out.read_text(encoding="utf-8"))
        assert collection["type"] == "FeatureCollection"
        rows = collection["features"]
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = located[table] if fmt == "geojson" else counts[table]
    assert expected > 0
    assert written == len(rows) == expected


def test_export_events_jsonl_is_contract_json(db: Path, tmp_path: Path) -> None:
    _, out = _export(db, "events", "jsonl", tmp_path)
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {event.id: event for n in range(N_ARTICLES) for event in synthetic_extraction(n).events}
    for event in events:
        original = by_id[event["id"]]
        assert event["evidence"] == {"text": original.evidence.text, "start": original.evidence.start,
                                     "end": original.evidence.end}  # fmt: skip
        assert event["cluster_id"] == "c" + event["id"]
        assert set(event) >= {"type", "mode", "acled", "source", "recipient", "date", "location", "casualties"}


def test_export_geojson_coordinates_match_events(db: Path, tmp_path: Path) -> None:
    _, out = _export(db, "events", "geojson", tmp_path)
    for feature in json.loads(out.read_text(encoding="utf-8"))["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point"
        assert (lat, lon) == (feature["properties"]["lat"], feature["properties"]["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180


def test_export_acled_columns_and_rules(db: Path, tmp_path: Path) -> None:
    _, out = _export(db, "events", "acled", tmp_path)
    with out.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
    by_id = {event.id: event for n in range(N_ARTICLES) for event in synthetic_extraction(n).events}
    for row in rows:
        event = by_id[row["dateline_event_id"]]
        killed = event.casualties.killed
        assert int(row["fatalities"]) == (killed.best if killed else 0)
        if event.location and event.location.country == "IQ":
            assert (row["iso"], row["country"], row["region"]) == ("368", "Iraq", "Middle East")
        if event.date is not None:
            assert row["time_precision"] == {"day": "1", "week": "2", "month": "2", "year": "3"}[event.date.precision]
            assert row["year"] == "2021" and row["event_date"].startswith("2021-")


def test_export_plover_keys(db: Path, tmp_path: Path) -> None:
    _, out = _export(db, "events", "plover", tmp_path)
    first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert {"event_id", "event_date", "event_type", "mode", "context", "source_actor", "source_country",
            "source_sector", "target_actor", "target_country", "target_sector", "location", "story_id",
            "event_text"} <= set(first)  # fmt: skip


def test_export_to_stream(db: Path, counts: dict[str, int]) -> None:
    stream = io.StringIO()
    assert export_table(db, "quotes", "jsonl", None, stream=stream) == counts["quotes"]
    assert len(stream.getvalue().splitlines()) == counts["quotes"]


def test_export_empty_database_writes_header_only(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    with Store(path):
        pass
    stream = io.StringIO()
    assert export_table(path, "events", "csv", None, stream=stream) == 0
    assert stream.getvalue().startswith("id,article_id,")


@pytest.mark.parametrize(
    ("table", "fmt", "out", "message"),
    [
        ("nope", "jsonl", None, "unknown table"),
        ("quotes", "acled", None, "does not apply"),
        ("articles", "geojson", None, "does not apply"),
        ("events", "xml", None, "does not apply"),
        ("events", "parquet", None, "--out"),
        ("events", "csv", Path("/no/such/folder/out.csv"), "does not exist"),
    ],
)
def test_export_usage_mistakes(db: Path, table: str, fmt: str, out: Path | None, message: str) -> None:
    with pytest.raises(ExportError, match=message):
        export_table(db, table, fmt, out)


def test_export_missing_database(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no database"):
        export_table(tmp_path / "missing.duckdb", "events", "jsonl", None)


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"), [(1, 7, "17"), (7, 1, "17"), (2, None, "20"), (None, 3, ""), (3, 3, "33")]
)
def test_export_acled_interaction(inter1: int | None, inter2: int | None, expected: str) -> None:
    assert interaction(inter1, inter2) == expected


def test_export_knowledge_tables_load() -> None:
    countries = load_countries()
    assert countries["SY"] is countries["SYR"] and countries["SYR"].iso == 760
    assert load_inter_codes()["REB"] == 2


@pytest.mark.parametrize(
    ("rows", "message"),
    [("REB\t2\nMIL\n", r"bad\.tsv:4: expected 2"), ("REB\t2\nMIL\t9\n", r"bad\.tsv:4: inter must be 1\.\.8")],
)
def test_export_knowledge_bad_row_names_file_and_line(tmp_path: Path, rows: str, message: str) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("# comment\nsector\tinter\n" + rows, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=message):
        load_inter_codes(bad)


@pytest.fixture(scope="module")
def flagged_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six events an article: the fifth of each is negated and the sixth historical (bench/synthetic.py)."""
    path = tmp_path_factory.mktemp("flagged") / "flagged.duckdb"
    with Store(path) as store:
        result = store.write_batch([synthetic_extraction(n, events_per_article=6) for n in range(4)])
        store.assign_singleton_clusters(result.new_event_ids)
    return path


@pytest.mark.parametrize("fmt", EVENT_FORMATS)
def test_export_analyst_formats_hold_asserted_events_unless_all(flagged_db: Path, tmp_path: Path, fmt: str) -> None:
    real = export_table(flagged_db, "events", fmt, tmp_path / f"real.{fmt}")
    everything = export_table(flagged_db, "events", fmt, tmp_path / f"all.{fmt}", everything=True)
    with Store(flagged_db, read_only=True) as store:
        located = {row["id"]: row["lat"] is not None for row in store.iter_rows("events")}
    flagged = {f"{a}-e{i}" for a in {event_id.rsplit("-e", 1)[0] for event_id in located} for i in (4, 5)}
    expected_all = sum(located.values()) if fmt == "geojson" else len(located)
    expected_real = expected_all - sum(1 for e in flagged if fmt != "geojson" or located[e])
    assert (real, everything) == (expected_real, expected_all)


def test_export_carries_factuality_confidence_and_review_status(flagged_db: Path, tmp_path: Path) -> None:
    export_table(flagged_db, "events", "acled", tmp_path / "all.csv", everything=True)
    with (tmp_path / "all.csv").open(newline="", encoding="utf-8") as handle:
        rows = {row["dateline_event_id"]: row for row in csv.DictReader(handle)}
    negated = next(row for event_id, row in rows.items() if event_id.endswith("-e4"))
    historical = next(row for event_id, row in rows.items() if event_id.endswith("-e5"))
    plain = next(row for event_id, row in rows.items() if event_id.endswith("-e0"))
    assert (negated["dateline_factuality"], historical["dateline_factuality"]) == ("negated", "historical")
    assert (plain["dateline_factuality"], plain["dateline_review_status"]) == ("asserted", "")
    assert float(plain["dateline_confidence"]) > 0
    export_table(flagged_db, "events", "plover", tmp_path / "all.jsonl", everything=True)
    record = json.loads((tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert {"factuality", "confidence", "review_status"} <= set(record)
    export_table(flagged_db, "clusters", "geojson", tmp_path / "clusters.geojson", everything=True)
    features = json.loads((tmp_path / "clusters.geojson").read_text(encoding="utf-8"))["features"]
    assert {feature["properties"]["factuality"] for feature in features} == {"asserted", "negated", "historical"}
    table = export_table(flagged_db, "events", "csv", tmp_path / "table.csv")  # a table dump: every row
    assert table == len(rows)
