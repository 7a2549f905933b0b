"""SQL for cross-article resolution (dateline.resolve): the event rows it compares, the clusters it rewrites, and
the links that say why reports were merged.

The `cluster_links` table (one row per report that joined a cluster through a link: the report, the report it
matched, the score and its parts as JSON) is created here if missing; docs/resolve.md asks for it in schema.sql.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dateline.store import Store

# The events columns a report is made of (dateline.resolve.storage.report_of reads them).
REPORT_COLUMNS = """id, article_id, type, date_start, date_end, lat, lon, location_precision, country, admin1,
    source_ids, recipient_ids, killed_best, injured_best, evidence_text, evidence_start, evidence_end, negated,
    hypothetical, future, cluster_id"""

LINKS_DDL = """CREATE TABLE IF NOT EXISTS cluster_links (
    event_id VARCHAR PRIMARY KEY, linked_to VARCHAR NOT NULL, score DOUBLE NOT NULL, parts JSON NOT NULL)"""


def unclustered_rows(store: Store, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Event rows among `event_ids` that have no cluster yet."""
    return store.fetch_dicts(
        f"SELECT {REPORT_COLUMNS} FROM events WHERE cluster_id IS NULL AND id IN (SELECT unnest(?::VARCHAR[]))",
        [list(event_ids)],
    )


def clustered_rows_near(store: Store, types: Sequence[str], first: dt.date, last: dt.date) -> list[dict[str, Any]]:
    """Clustered event rows of `types` whose dates meet [first, last] (the only ones new reports can meet)."""
    return store.fetch_dicts(
        f"""SELECT {REPORT_COLUMNS} FROM events WHERE cluster_id IS NOT NULL
        AND type IN (SELECT unnest(?::VARCHAR[])) AND date_start <= ? AND date_end >= ?""",
        [list(types), last, first],
    )


def clustered_rows_around(
    store: Store, types: Sequence[str], box: tuple[float, float, float, float], *, dated_too: bool
) -> list[dict[str, Any]]:
    """Clustered event rows of `types` inside box (south, north, west, east): undated ones, and dated ones when
    `dated_too` (an undated new report may meet them)."""
    south, north, west, east = box
    return store.fetch_dicts(
        f"""SELECT {REPORT_COLUMNS} FROM events WHERE cluster_id IS NOT NULL
        AND type IN (SELECT unnest(?::VARCHAR[])) AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?
        AND (date_start IS NULL OR ?)""",
        [list(types), south, north, west, east, dated_too],
    )


def cluster_members(store: Store, cluster_ids: Sequence[str]) -> dict[str, list[str]]:
    """The event ids of each cluster, sorted."""
    rows = store.fetch_dicts(
        "SELECT id, cluster_id FROM events WHERE cluster_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id",
        [list(cluster_ids)],
    )
    members: dict[str, list[str]] = {cluster_id: [] for cluster_id in cluster_ids}
    for row in rows:
        members[row["cluster_id"]].append(row["id"])
    return members


def dissolve_clusters(store: Store, cluster_ids: Sequence[str], links: Sequence[tuple[str, str, float, str]]) -> None:
    """In one transaction: take the events of `cluster_ids` out of their clusters, delete those clusters (they are
    about to be rebuilt with more members), and store `links` (event, linked to, score, parts JSON)."""
    con = store.connection
    con.execute(LINKS_DDL)
    con.execute("BEGIN TRANSACTION")
    try:
        if cluster_ids:
            con.execute(
                "UPDATE events SET cluster_id = NULL WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))",
                [list(cluster_ids)],
            )
            con.execute("DELETE FROM clusters WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(cluster_ids)])
        if links:
            con.executemany("INSERT OR REPLACE INTO cluster_links VALUES (?, ?, ?, ?)", list(links))
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def links_of(store: Store, cluster_id: str) -> list[dict[str, Any]]:
    """Why a cluster's reports were merged: one row per linked report with the score and its parts."""
    store.connection.execute(LINKS_DDL)
    return store.fetch_dicts(
        """SELECT l.event_id, l.linked_to, l.score, l.parts FROM cluster_links l JOIN events e ON e.id = l.event_id
        WHERE e.cluster_id = ? ORDER BY l.event_id""",
        [cluster_id],
    )
