"""SQL of reviews: the audit trail (event_reviews), each reviewed event as reviewed (reviewed_events), and the reads
the review desk, the API and `dateline eval reviewed` need. Tables in reviews.sql; the rules in dateline/review/.

Functions take a DuckDB connection (a cursor of the served database, or `Store.connection`); the writes run in one
transaction each.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from dateline.records import Event
from dateline.store.codec import from_json
from dateline.store.rows import event_row


def dicts(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    columns = [column[0] for column in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


@dataclass(frozen=True)
class EventVersions:
    """One event twice: as the machine extracted it, and as it stands after every review (the same when none)."""

    machine: dict[str, Any]  # contract JSON, cluster_id filled in
    current: dict[str, Any]
    seq: int
    review: dict[str, Any] | None  # the summary of the current review state, or None


def event_versions(con: duckdb.DuckDBPyConnection, event_id: str) -> EventVersions | None:
    """The machine's and the current record of an event (None when there is no such event)."""
    rows = dicts(
        con,
        "SELECT e.record AS machine, e.cluster_id, e.seq, r.record AS reviewed, r.review "
        "FROM events e LEFT JOIN reviewed_events r ON r.id = e.id WHERE e.id = ?",
        [event_id],
    )
    if not rows:
        return None
    row = rows[0]
    machine: dict[str, Any] = json.loads(row["machine"])
    machine["cluster_id"] = row["cluster_id"]
    current: dict[str, Any] = json.loads(row["reviewed"]) if row["reviewed"] else dict(machine)
    current["cluster_id"] = row["cluster_id"]
    review = json.loads(row["review"]) if row["review"] else None
    return EventVersions(machine, current, int(row["seq"]), review)


def write_review(
    con: duckdb.DuckDBPyConnection,
    event_id: str,
    *,
    status: str,
    reviewer: str,
    note: str | None,
    changes: Sequence[dict[str, Any]],
    reviewed: dict[str, Any],
    seq: int,
    summary: dict[str, Any],
    at: dt.datetime,
) -> int:
    """Store one review in one transaction: its row in the audit trail, and the event as reviewed (`reviewed`, contract
    JSON) with the review `summary`. Returns the review's id."""
    row = event_row(from_json(Event, reviewed), seq)
    del row["cluster_id"]  # the machine's cluster stays the truth (event_view takes it from events)
    row["review_status"] = status
    row["review"] = json.dumps(summary, ensure_ascii=False)
    con.execute("BEGIN TRANSACTION")
    try:
        found = con.execute(
            'INSERT INTO event_reviews (event_id, status, reviewer, note, "at", changes) VALUES (?, ?, ?, ?, ?, ?) '
            "RETURNING id",
            [event_id, status, reviewer, note, at, json.dumps(list(changes), ensure_ascii=False)],
        ).fetchall()
        con.execute("DELETE FROM reviewed_events WHERE id = ?", [event_id])
        con.register("reviewed_row", pa.Table.from_pylist([row]))
        try:
            con.execute("INSERT INTO reviewed_events BY NAME SELECT * FROM reviewed_row")
        finally:
            con.unregister("reviewed_row")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    return int(found[0][0])


def review_trail(con: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """Every review of an event, oldest first: id, status, reviewer, note, at, changes."""
    rows = dicts(
        con,
        'SELECT id, status, reviewer, note, "at", changes FROM event_reviews WHERE event_id = ? ORDER BY id',
        [event_id],
    )
    return [{**row, "at": row["at"].isoformat(), "changes": json.loads(row["changes"])} for row in rows]


def known_actors(con: duckdb.DuckDBPyConnection, actor_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The canonical actors among `actor_ids`, by id: id, name, country, sector."""
    rows = dicts(
        con,
        "SELECT id, name, country, sector FROM actors WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [list(actor_ids)],
    )
    return {row["id"]: row for row in rows}


@dataclass(frozen=True)
class ReviewedPair:
    """A reviewed event: the machine's record, the record as reviewed, and the latest status."""

    event_id: str
    status: str
    machine: dict[str, Any]
    reviewed: dict[str, Any]


def reviewed_pairs(con: duckdb.DuckDBPyConnection) -> Iterator[ReviewedPair]:
    """Every reviewed event, in event id order (what `dateline eval reviewed` scores)."""
    cursor = con.cursor()
    try:
        cursor.execute(
            "SELECT e.id, r.review_status, e.record AS machine, r.record AS reviewed "
            "FROM reviewed_events r JOIN events e ON e.id = r.id ORDER BY e.id"
        )
        while chunk := cursor.fetchmany(1000):
            for event_id, status, machine, reviewed in chunk:
                yield ReviewedPair(event_id, status, json.loads(machine), json.loads(reviewed))
    finally:
        cursor.close()


def count_events(con: duckdb.DuckDBPyConnection) -> int:
    """Every event the machine extracted."""
    found = con.execute("SELECT count(*) FROM events").fetchall()
    return int(found[0][0]) if found else 0
