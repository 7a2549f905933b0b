"""Export a table of the database: jsonl, csv or parquet for every table; acled, plover, geojson and parquet-month
(a folder partitioned by month) for events and clusters. Reads the database through Store (read-only); writes one
file (a folder for parquet-month) or a text stream.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from dateline.export.acled import ACLED_COLUMNS, acled_row, load_acled_tables
from dateline.export.partitioned import PARTITIONED_FORMAT, write_month_partitions
from dateline.export.plover import plover_record
from dateline.store import TABLES, Store, StoreError

COMMON_FORMATS = ("jsonl", "csv", "parquet")
EVENT_FORMATS = ("acled", "plover", "geojson")
FOLDER_FORMATS = (PARTITIONED_FORMAT,)  # events and clusters only; --out names a new folder
EVENT_TABLES = ("events", "clusters")
LIST_SEPARATOR = "; "  # how csv cells hold list columns (source_ids, event_ids, ...)


class ExportError(Exception):
    """A usage mistake: unknown table or format, parquet without a file, no database."""


def _cell(value: Any) -> Any:
    """A flattened column value as a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime | dt.date) else value


def _write_jsonl(store: Store, table: str, handle: TextIO) -> int:
    count = 0
    for record in store.iter_records(table):
        handle.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        count += 1
    return count


def _write_csv_rows(handle: TextIO, columns: list[str], rows: Iterator[Mapping[str, Any]]) -> int:
    writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({name: _cell(row.get(name)) for name in columns})
        count += 1
    return count


def _write_csv(store: Store, table: str, handle: TextIO) -> int:
    return _write_csv_rows(handle, store.columns(table), store.iter_rows(table))


def _event_records(store: Store, table: str) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(flattened row, contract record) pairs of events or clusters; event records carry their cluster id."""
    for row in store.iter_rows(table, with_record=True):
        record = json.loads(row.pop("record"))
        if table == "events":
            record["cluster_id"] = row["cluster_id"]
        yield row, record


def _evidence_by_event(store: Store) -> dict[str, dict[str, Any]]:
    return {
        row["id"]: {"text": row["evidence_text"], "start": row["evidence_start"], "end": row["evidence_end"]}
        for row in store.iter_rows("events")
    }


def _acled_rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    outlets = store.article_outlets()
    evidence = _evidence_by_event(store) if table == "clusters" else {}
    tables = load_acled_tables()
    for row, record in _event_records(store, table):
        article_ids = row["article_ids"] if table == "clusters" else [row["article_id"]]
        event_ids = row["event_ids"] if table == "clusters" else [row["id"]]
        stamps = [outlets[a]["ingested_at"] for a in article_ids if a in outlets]
        yield acled_row(
            record,
            row_id=row["id"],
            event_ids=event_ids,
            cluster_id=row["id"] if table == "clusters" else row["cluster_id"],
            article_ids=article_ids,
            evidence=record.get("evidence") or evidence.get(event_ids[0]),
            outlets=[outlets[a]["source"] or "" for a in article_ids if a in outlets],
            timestamp=max(stamps) if stamps else None,
            tables=tables,
        )


def _write_acled(store: Store, table: str, handle: TextIO) -> int:
    return _write_csv_rows(handle, list(ACLED_COLUMNS), _acled_rows(store, table))


def _write_plover(store: Store, table: str, handle: TextIO) -> int:
    evidence = _evidence_by_event(store) if table == "clusters" else {}
    count = 0
    for row, record in _event_records(store, table):
        if table == "clusters":
            text = (evidence.get(row["event_ids"][0]) or {}).get("text") if row["event_ids"] else None
            story_ids = list(row["article_ids"])
        else:
            text, story_ids = record["evidence"]["text"], [row["article_id"]]
        plover = plover_record(record, event_id=row["id"], story_ids=story_ids, event_text=text)
        handle.write(json.dumps(plover, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_geojson(store: Store, table: str, handle: TextIO) -> int:
    handle.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for row in store.iter_rows(table):
        if row["lat"] is None or row["lon"] is None:
            continue
        feature = {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": {name: _jsonable(value) for name, value in row.items()},
        }
        handle.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    handle.write("\n]}\n")
    return count


WRITERS: dict[str, Callable[[Store, str, TextIO], int]] = {
    "jsonl": _write_jsonl,
    "csv": _write_csv,
    "acled": _write_acled,
    "plover": _write_plover,
    "geojson": _write_geojson,
}


def check_request(table: str, fmt: str, out: Path | None) -> None:
    """Raise ExportError for a table/format/output combination that cannot work."""
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose from {', '.join(TABLES)}")
    allowed = COMMON_FORMATS + (EVENT_FORMATS + FOLDER_FORMATS if table in EVENT_TABLES else ())
    if fmt not in allowed:
        also = (
            ""
            if table in EVENT_TABLES
            else f" ({', '.join(EVENT_FORMATS + FOLDER_FORMATS)} only for events and clusters)"
        )
        raise ExportError(f"format {fmt!r} does not apply to table {table!r}; choose from {', '.join(allowed)}{also}")
    if fmt == "parquet" and out is None:
        raise ExportError("parquet is a binary format: give a file with --out")
    if fmt == PARTITIONED_FORMAT and (out is None or out.exists()):
        raise ExportError(f"{fmt} writes a folder of Parquet files: give a new folder with --out")
    if out is not None and not out.parent.is_dir():
        raise ExportError(f"cannot write {out}: folder {out.parent} does not exist")


@contextmanager
def _output(out: Path | None, stream: TextIO | None) -> Iterator[TextIO]:
    """The stream to write: `out` through a temporary file renamed on success, else `stream` or stdout."""
    if out is None:
        yield stream or sys.stdout
        return
    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def export_table(db_path: str | Path, table: str, fmt: str, out: Path | None, *, stream: TextIO | None = None) -> int:
    """Write `table` of the database at `db_path` in format `fmt` to `out` (or `stream`/stdout); returns the rows."""
    check_request(table, fmt, out)
    if not Path(db_path).exists():
        raise ExportError(f"no database at {db_path}: run `dateline ingest` first")
    try:
        with Store(db_path, read_only=True) as store:
            if fmt == "parquet" and out is not None:
                return store.copy_to_parquet(table, out)
            if fmt == PARTITIONED_FORMAT and out is not None:
                return write_month_partitions(store, table, out)
            with _output(out, stream) as handle:
                return WRITERS[fmt](store, table, handle)
    except StoreError as error:
        raise ExportError(str(error)) from error
