"""Export a table of the database: jsonl, csv or parquet for every table; acled, plover, geojson and parquet-month
(a folder partitioned by month) for events and clusters. Reads the database through Store (read-only); writes one
file (a folder for parquet-month) or a text stream.

Events are exported as reviewed (the store's event_view), with their factuality, confidence and review status.
What is real: the analyst's formats (acled, plover, geojson) hold only asserted events that no review rejected (for
clusters: clusters with at least one such report) unless `everything` is asked for (`--all`); the table dumps
(jsonl, csv, parquet) hold every row, with the columns to tell. `text_lines` yields a format's text, for the web
server's downloads; `event_lines` does so for the events a filter selects.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
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
from dateline.store import TABLES, Store, StoreError, StoreLockedError
from dateline.store import record_of as store_record
from dateline.store.queries import FACTUALITY_FLAGS, EventFilters, cluster_selection, cluster_states

# The events an analyst's format holds by default: asserted, and not rejected by a review (the default of `review`).
REAL_EVENTS = EventFilters(factuality="asserted")
FILTERED_FORMATS = ("acled", "plover", "geojson")
type Where = tuple[str, list[Any]]

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


def _jsonl_lines(store: Store, table: str, where: Where) -> Iterator[str]:
    for row in store.iter_rows(table, with_record=True, where=where):
        yield json.dumps(_record(table, row), ensure_ascii=False, default=str) + "\n"


def _record(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A row in its JSON shape: contract JSON (events with their cluster and review), else the columns."""
    return store_record(TABLES[table], row)


def _csv_lines(columns: list[str], rows: Iterator[Mapping[str, Any]]) -> Iterator[str]:
    """The header, then one string per row (a cell may hold a line break: count strings, not lines)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({name: _cell(row.get(name)) for name in columns})
        yield buffer.getvalue()


def _plain_csv_lines(store: Store, table: str, where: Where) -> Iterator[str]:
    return _csv_lines(store.columns(table), store.iter_rows(table, where=where))


def _event_records(store: Store, table: str, where: Where) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(flattened row, contract record) pairs of events or clusters; event records carry their cluster and review."""
    for row in store.iter_rows(table, with_record=True, where=where):
        yield row, _record(table, row)


def _evidence_by_event(store: Store) -> dict[str, dict[str, Any]]:
    return {
        row["id"]: {"text": row["evidence_text"], "start": row["evidence_start"], "end": row["evidence_end"]}
        for row in store.iter_rows("events")
    }


def _event_ids(table: str, row: Mapping[str, Any]) -> list[str]:
    """The events a row stands for: itself, or a cluster's reports."""
    return list(row["event_ids"]) if table == "clusters" else [row["id"]]


def _factuality(row: Mapping[str, Any]) -> str:
    """asserted, or the factuality flags an event carries ("hypothetical; future")."""
    flags = [flag for flag in FACTUALITY_FLAGS if row.get(flag)]
    return LIST_SEPARATOR.join(flags) if flags else "asserted"


NO_STATE = {"factuality": "", "confidence": "", "review_status": "", "flags": [], "n_mentions": 0}


def _states(
    table: str, row: Mapping[str, Any], record: Mapping[str, Any], clusters: Mapping[str, Any]
) -> dict[str, Any]:
    """Factuality, confidence, review status, record flags and number of mentions of an event, or of a cluster (from
    its reports: queries.cluster_states)."""
    if table == "clusters":
        return dict(clusters.get(row["id"]) or NO_STATE)
    return {
        "factuality": _factuality(row),
        "confidence": row["confidence"],
        "review_status": row["review_status"],
        "flags": list(record.get("flags") or []),
        "n_mentions": len(record.get("mentions") or []),
    }


def _party_ties(record: Mapping[str, Any]) -> dict[str, list[Any]]:
    """How each party is tied to the event, in the order of source_names/recipient_names: patron and attribution."""
    ties: dict[str, list[Any]] = {}
    for role in ("source", "recipient"):
        refs = list(record.get(role) or [])
        ties[f"{role}_patrons"] = [ref.get("patron") for ref in refs]
        ties[f"{role}_attributions"] = [ref.get("attribution") for ref in refs]
    return ties


def _acled_rows(store: Store, table: str, where: Where) -> Iterator[dict[str, Any]]:
    outlets = store.article_outlets()
    evidence = _evidence_by_event(store) if table == "clusters" else {}
    clusters = cluster_states(store.connection) if table == "clusters" else {}
    tables = load_acled_tables()
    main_ids = store.main_event_ids()
    for row, record in _event_records(store, table, where):
        article_ids = row["article_ids"] if table == "clusters" else [row["article_id"]]
        event_ids = row["event_ids"] if table == "clusters" else [row["id"]]
        stamps = [outlets[a]["ingested_at"] for a in article_ids if a in outlets]
        states = _states(table, row, record, clusters)
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
            factuality=states["factuality"],
            review_status=states["review_status"] or "",
            confidence=states["confidence"],
            flags=states["flags"],
            n_mentions=states["n_mentions"],
            main_event=any(event_id in main_ids for event_id in event_ids),
        )


def _acled_lines(store: Store, table: str, where: Where) -> Iterator[str]:
    return _csv_lines(list(ACLED_COLUMNS), _acled_rows(store, table, where))


def _plover_lines(store: Store, table: str, where: Where) -> Iterator[str]:
    evidence = _evidence_by_event(store) if table == "clusters" else {}
    clusters = cluster_states(store.connection) if table == "clusters" else {}
    main_ids = store.main_event_ids()
    for row, record in _event_records(store, table, where):
        if table == "clusters":
            text = (evidence.get(row["event_ids"][0]) or {}).get("text") if row["event_ids"] else None
            story_ids = list(row["article_ids"])
        else:
            text, story_ids = record["evidence"]["text"], [row["article_id"]]
        plover = plover_record(record, event_id=row["id"], story_ids=story_ids, event_text=text)
        states = _states(table, row, record, clusters)
        plover["review_status"] = states["review_status"] or None
        plover["main_event"] = any(event_id in main_ids for event_id in _event_ids(table, row))
        if table == "clusters":
            plover.update(factuality=states["factuality"] or None, confidence=None, flags=states["flags"],
                          n_mentions=states["n_mentions"])  # fmt: skip
        yield json.dumps(plover, ensure_ascii=False) + "\n"


def _geojson_lines(store: Store, table: str, where: Where) -> Iterator[str]:
    clusters = cluster_states(store.connection) if table == "clusters" else {}
    main_ids = store.main_event_ids()
    yield '{"type": "FeatureCollection", "features": [\n'
    count = 0
    for row in store.iter_rows(table, with_record=True, where=where):
        if row["lat"] is None or row["lon"] is None:
            continue
        record = _record(table, row)
        properties = {name: _jsonable(value) for name, value in row.items() if name not in ("record", "review")}
        properties.update(_states(table, row, record, clusters))
        properties.update(_party_ties(record))
        properties["main_event"] = any(event_id in main_ids for event_id in _event_ids(table, row))
        feature = {
            "type": "Feature",
            "id": row["id"],
            "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
            "properties": properties,
        }
        yield (",\n" if count else "") + json.dumps(feature, ensure_ascii=False)
        count += 1
    yield "\n]}\n"


LINES: dict[str, Callable[[Store, str, Where], Iterator[str]]] = {
    "jsonl": _jsonl_lines,
    "csv": _plain_csv_lines,
    "acled": _acled_lines,
    "plover": _plover_lines,
    "geojson": _geojson_lines,
}
TEXT_FORMATS = tuple(LINES)


def selection(table: str, fmt: str, *, everything: bool) -> Where:
    """The rows a format holds by default (see the module docstring): every row, or the real events and clusters."""
    if everything or fmt not in FILTERED_FORMATS or table not in EVENT_TABLES:
        return ("TRUE", [])
    return REAL_EVENTS.where() if table == "events" else cluster_selection(REAL_EVENTS)


def text_lines(store: Store, table: str, fmt: str, *, everything: bool = False) -> Iterator[str]:
    """A table in a text format, as the lines `export_table` writes."""
    return LINES[fmt](store, table, selection(table, fmt, everything=everything))


def event_lines(store: Store, fmt: str, filters: EventFilters) -> Iterator[str]:
    """The events `filters` select (as the API's event list does), in csv, jsonl or geojson."""
    return LINES[fmt](store, "events", filters.where())


# Strings a format yields besides its rows (each row is one string): the csv header, the GeoJSON frame.
FRAME_STRINGS = {"csv": 1, "acled": 1, "geojson": 2}


def _write_rows(lines: Iterator[str], fmt: str, handle: TextIO) -> int:
    """Write a format's strings; returns the rows written."""
    count = 0
    for line in lines:
        handle.write(line)
        count += 1
    return count - FRAME_STRINGS.get(fmt, 0)


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


def _export_through_server(
    db: str, table: str, fmt: str, out: Path | None, stream: TextIO | None, everything: bool, locked: StoreError
) -> int:
    """Export from the `dateline serve` that holds the database (jobs/served.py); the rows counted as they pass."""
    from dateline.jobs.served import find_server

    server = find_server(db)
    if server is None:
        raise ExportError(str(locked))
    if fmt == PARTITIONED_FORMAT:
        raise ExportError(f"{fmt} writes a folder: stop `dateline serve` on {db} first, or export --format parquet")
    try:
        chunks = server.export(table, fmt, everything=everything)
        if fmt == "parquet" and out is not None:
            return _write_parquet_bytes(chunks, out)
        with _output(out, stream) as handle:
            return _write_rows(_rows_of(chunks, fmt), fmt, handle)
    except StoreError as error:
        raise ExportError(str(error)) from error
    finally:
        server.close()


def _write_parquet_bytes(chunks: Iterator[bytes], out: Path) -> int:
    import pyarrow.parquet as pq

    partial = out.with_name(out.name + ".part")
    try:
        with partial.open("wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return int(pq.ParquetFile(out).metadata.num_rows)


def _rows_of(chunks: Iterator[bytes], fmt: str) -> Iterator[str]:
    """The server's text cut back into the strings `_write_rows` counts: one per row, plus the frame strings."""
    text = io.TextIOWrapper(io.BufferedReader(_ByteStream(chunks)), encoding="utf-8", newline="")
    if fmt in ("csv", "acled"):
        reader = csv.reader(text)  # rows, whatever line breaks their cells hold
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for row in reader:
            writer.writerow(row)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        return
    lines = iter(text)
    if fmt == "geojson":
        yield next(lines, "")
        for line in lines:
            if line.startswith("]}"):
                yield line
                return
            yield line
        return
    yield from lines


class _ByteStream(io.RawIOBase):
    """Chunks of bytes as a readable stream."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks
        self._left = b""

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while not self._left:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._left = chunk
        size = min(len(target), len(self._left))
        target[:size] = self._left[:size]
        self._left = self._left[size:]
        return size


def export_table(
    db_path: str | Path,
    table: str,
    fmt: str,
    out: Path | None,
    *,
    stream: TextIO | None = None,
    everything: bool = False,
) -> int:
    """Write `table` of the database at `db_path` in format `fmt` to `out` (or `stream`/stdout); returns the rows.
    `everything`: the acled, plover and geojson formats hold every event, not only the real ones."""
    check_request(table, fmt, out)
    if not Path(db_path).exists():
        raise ExportError(f"no database at {db_path}: run `dateline ingest` first")
    try:
        store = Store(db_path, read_only=True)
        store.open()
    except StoreLockedError as error:  # `dateline serve` holds the file: it exports for us
        return _export_through_server(str(db_path), table, fmt, out, stream, everything, error)
    except StoreError as error:
        raise ExportError(str(error)) from error
    try:
        with store:
            if fmt == "parquet" and out is not None:
                return store.copy_to_parquet(table, out)
            if fmt == PARTITIONED_FORMAT and out is not None:
                return write_month_partitions(store, table, out)
            with _output(out, stream) as handle:
                return _write_rows(text_lines(store, table, fmt, everything=everything), fmt, handle)
    except StoreError as error:
        raise ExportError(str(error)) from error
