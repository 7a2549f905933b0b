"""SQL for resolution: read reports' features from the events table, rewrite clusters, keep why reports merged.

The `cluster_links` table (one row per report that joined a cluster through a link: the report, the report it
matched, the score and its parts as JSON) is created here if missing; docs/resolve.md asks for it in schema.sql.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dateline.resolve.cluster import Attachment
from dateline.resolve.config import ResolveConfig
from dateline.resolve.score import Report, parts_json, text_vector

if TYPE_CHECKING:
    from dateline.store import Store

_GENERIC_ACTOR = re.compile(r"(x|[a-z]{3})-[a-z]{3}")
_COLUMNS = """id, article_id, type, date_start, date_end, lat, lon, location_precision, country, admin1, source_ids,
    recipient_ids, killed_best, injured_best, evidence_text, evidence_start, evidence_end, negated,
    hypothetical, future, cluster_id"""

LINKS_DDL = """CREATE TABLE IF NOT EXISTS cluster_links (
    event_id VARCHAR PRIMARY KEY, linked_to VARCHAR NOT NULL, score DOUBLE NOT NULL, parts JSON NOT NULL)"""


def _day(value: dt.date | None) -> int | None:
    return value.toordinal() if value is not None else None


def _specific(actor_ids: Sequence[str]) -> frozenset[str]:
    """Actor ids that name someone: generic ones ("x-reb", "irq-mil": a country or x, a sector) say little."""
    return frozenset(actor_id for actor_id in actor_ids if not _GENERIC_ACTOR.fullmatch(actor_id))


def report_of(row: dict[str, Any], config: ResolveConfig) -> Report:
    """A Report from an events row (columns as in _COLUMNS)."""
    return Report(
        id=row["id"],
        article_id=row["article_id"],
        type=row["type"],
        family=config.family_of.get(row["type"], row["type"]),
        first_day=_day(row["date_start"]),
        last_day=_day(row["date_end"]),
        lat=row["lat"] if row["location_precision"] != "country" else None,  # a centroid says nothing of distance
        lon=row["lon"] if row["location_precision"] != "country" else None,
        country=row["country"],
        admin1=row["admin1"],
        actor_ids=_specific(row["source_ids"]) | _specific(row["recipient_ids"]),
        killed=row["killed_best"],
        injured=row["injured_best"],
        words=text_vector(row["evidence_text"], config.stopwords),
        factual=not (row["negated"] or row["hypothetical"] or row["future"]),
        evidence=(row["evidence_start"], row["evidence_end"]),
    )


def unclustered_rows(store: Store, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Event rows among `event_ids` that have no cluster yet."""
    return store.fetch_dicts(
        f"SELECT {_COLUMNS} FROM events WHERE cluster_id IS NULL AND id IN (SELECT unnest(?::VARCHAR[]))",
        [list(event_ids)],
    )


def clustered_rows_near(store: Store, types: Sequence[str], first: dt.date, last: dt.date) -> list[dict[str, Any]]:
    """Clustered event rows of `types` whose dates meet [first, last] (the only ones new reports can meet)."""
    return store.fetch_dicts(
        f"""SELECT {_COLUMNS} FROM events WHERE cluster_id IS NOT NULL AND type IN (SELECT unnest(?::VARCHAR[]))
        AND date_start <= ? AND date_end >= ?""",
        [list(types), last, first],
    )


def clustered_rows_around(
    store: Store, types: Sequence[str], box: tuple[float, float, float, float], *, dated_too: bool
) -> list[dict[str, Any]]:
    """Clustered event rows of `types` inside box (south, north, west, east): undated ones, and dated ones when
    `dated_too` (an undated new report may meet them)."""
    south, north, west, east = box
    return store.fetch_dicts(
        f"""SELECT {_COLUMNS} FROM events WHERE cluster_id IS NOT NULL AND type IN (SELECT unnest(?::VARCHAR[]))
        AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ? AND (date_start IS NULL OR ?)""",
        [list(types), south, north, west, east, dated_too],
    )


def _members(store: Store, cluster_ids: Sequence[str]) -> dict[str, list[str]]:
    rows = store.fetch_dicts(
        "SELECT id, cluster_id FROM events WHERE cluster_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id",
        [list(cluster_ids)],
    )
    members: dict[str, list[str]] = {cluster_id: [] for cluster_id in cluster_ids}
    for row in rows:
        members[row["cluster_id"]].append(row["id"])
    return members


def write_attachments(store: Store, attachments: Sequence[Attachment]) -> int:
    """Store the clusters: grown clusters are rebuilt (id "c" + smallest member id), new ones made; returns clusters."""
    grown = sorted({a.cluster for a in attachments if not a.cluster.startswith("+")})
    groups = _members(store, grown)
    for attachment in attachments:
        groups.setdefault(attachment.cluster, []).append(attachment.report_id)
    links = [
        (a.report_id, a.linked_to, a.link.score, json.dumps(parts_json(a.link)))
        for a in attachments
        if a.linked_to is not None and a.link is not None
    ]
    con = store.connection
    con.execute(LINKS_DDL)
    con.execute("BEGIN TRANSACTION")
    try:
        if grown:
            con.execute(
                "UPDATE events SET cluster_id = NULL WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))", [grown]
            )
            con.execute("DELETE FROM clusters WHERE id IN (SELECT unnest(?::VARCHAR[]))", [grown])
        if links:
            con.executemany("INSERT OR REPLACE INTO cluster_links VALUES (?, ?, ?, ?)", links)
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
    # Killed between the two transactions, the grown clusters' events are left unclustered: the next ingest
    # resolves them again (jobs/ingest.py picks up unclustered events first).
    return store.write_clusters(list(groups.values()))


def links_of(store: Store, cluster_id: str) -> list[dict[str, Any]]:
    """Why a cluster's reports were merged: one row per linked report with the score and its parts."""
    store.connection.execute(LINKS_DDL)
    return store.fetch_dicts(
        """SELECT l.event_id, l.linked_to, l.score, l.parts FROM cluster_links l JOIN events e ON e.id = l.event_id
        WHERE e.cluster_id = ? ORDER BY l.event_id""",
        [cluster_id],
    )
