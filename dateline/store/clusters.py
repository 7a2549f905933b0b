"""Cluster rows: one real-world event built from the stored reports (event rows) that describe it.

Reconciliation rules (documented in docs/storage.md): type, mode and ACLED type by majority (ties: the most
confident report); date and location from the most precise report (ties: the most confident); actors are the union
in report order; each casualty count has low = smallest low, high = largest high, best = median of the bests.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa

from dateline.store.rows import COUNT_KINDS

_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_PLACE_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}
_UNKNOWN_RANK = 9


def _majority(reports: Sequence[dict[str, Any]], column: str) -> Any:
    if len(reports) == 1:
        return reports[0][column]
    counts = Counter(report[column] for report in reports if report[column] is not None)
    if not counts:
        return None
    top = max(counts.values())
    return next(report[column] for report in reports if report[column] is not None and counts[report[column]] == top)


def _union(reports: Sequence[dict[str, Any]], column: str) -> list[str]:
    return list(dict.fromkeys(value for report in reports for value in report[column]))


def _reconcile_count(reports: Sequence[dict[str, Any]], kind: str) -> dict[str, Any] | None:
    known = [report for report in reports if report[f"{kind}_best"] is not None]
    if not known:
        return None
    return {
        "low": min(report[f"{kind}_low"] for report in known),
        "best": round(statistics.median(report[f"{kind}_best"] for report in known)),
        "high": max(report[f"{kind}_high"] for report in known),
    }


def cluster_row(cluster_id: str, reports: Sequence[dict[str, Any]], sources: Sequence[str]) -> dict[str, Any]:
    """The cluster row for event rows `reports` (sorted most confident first); `sources` names each report's outlet."""
    ranked = sorted(reports, key=lambda report: -report["confidence"])
    records = [json.loads(report["record"]) for report in ranked]
    dated = min(ranked, key=lambda report: _DATE_RANK.get(report["date_precision"] or "", _UNKNOWN_RANK))
    placed = min(ranked, key=lambda report: _PLACE_RANK.get(report["location_precision"] or "", _UNKNOWN_RANK))
    dated_record = records[ranked.index(dated)]
    placed_record = records[ranked.index(placed)]
    casualties = {kind: _reconcile_count(ranked, kind) for kind in COUNT_KINDS}
    type_ = _majority(ranked, "type")
    acled = next((record["acled"] for record in records if record.get("acled")), None)
    source_refs = list({json.dumps(ref, sort_keys=True): ref for r in records for ref in r["source"]}.values())
    recipient_refs = list({json.dumps(ref, sort_keys=True): ref for r in records for ref in r["recipient"]}.values())
    event_ids = [report["id"] for report in ranked]
    article_ids = list(dict.fromkeys(report["article_id"] for report in ranked))
    record = {
        "id": cluster_id,
        "type": type_,
        "mode": _majority(ranked, "mode"),
        "acled": acled,
        "date": dated_record["date"],
        "location": placed_record["location"],
        "source": source_refs,
        "recipient": recipient_refs,
        "casualties": casualties,
        "n_reports": len(ranked),
        "n_sources": len(set(sources)),
        "event_ids": event_ids,
        "article_ids": article_ids,
    }
    flat_counts = {
        f"{kind}_{bound}": (count[bound] if count else None)
        for kind, count in casualties.items()
        for bound in ("low", "best", "high")
    }
    return {
        "id": cluster_id,
        "type": type_,
        "mode": record["mode"],
        "acled_event_type": acled["event_type"] if acled else None,
        "acled_sub_event_type": acled["sub_event_type"] if acled else None,
        "date_value": dated["date_value"],
        "date_precision": dated["date_precision"],
        "date_start": dated["date_start"],
        "date_end": dated["date_end"],
        "lat": placed["lat"],
        "lon": placed["lon"],
        "country": placed["country"],
        "admin1": placed["admin1"],
        "location_name": placed["location_name"],
        "location_precision": placed["location_precision"],
        "source_ids": _union(ranked, "source_ids"),
        "recipient_ids": _union(ranked, "recipient_ids"),
        "source_names": _union(ranked, "source_names"),
        "recipient_names": _union(ranked, "recipient_names"),
        **flat_counts,
        "n_reports": len(ranked),
        "n_sources": len(set(sources)),
        "event_ids": event_ids,
        "article_ids": article_ids,
        "record": json.dumps(record, ensure_ascii=False),
    }


@dataclass(frozen=True)
class ClusterPlan:
    """Where a batch's new events go, worked out (by dateline.resolve) before they are stored: each new event's
    cluster id; the id each existing cluster they join ends up with ("c" + its smallest member id, so it changes
    when a new member's id sorts first); the links that merged them (event, linked to, score, parts JSON); and, per
    cluster, the members that joined it in the last part of the batch it grew in, in the order they were attached
    (its row is rebuilt from its other members sorted by id, then these: as when each part is stored alone)."""

    cluster_of: dict[str, str]
    renamed: dict[str, str]
    links: list[tuple[str, str, float, str]]
    last_joined: dict[str, list[str]]


_MEMBERS_OF = """
    SELECT e.*, coalesce(a.source, a.id) AS outlet FROM events e JOIN articles a ON a.id = e.article_id
    WHERE e.cluster_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY e.id
"""


def write_plan(
    con: duckdb.DuckDBPyConnection, plan: ClusterPlan, new_rows: Sequence[dict[str, Any]], outlets: dict[str, str]
) -> list[dict[str, Any]]:
    """Store a plan's clusters once its new events are inserted with their cluster ids (in the caller's
    transaction, on its connection): existing members follow their cluster's new id, and every new or grown
    cluster's row is (re)built from all its members. `outlets` names each new event's article's outlet. Returns the
    cluster rows written."""
    new_ids = {row["id"] for row in new_rows}
    found = con.execute(_MEMBERS_OF, [list(plan.renamed)])
    names = [column[0] for column in found.description or ()]
    old_members = [
        member for row in found.fetchall() if (member := dict(zip(names, row, strict=True)))["id"] not in new_ids
    ]
    changed = {old: new for old, new in plan.renamed.items() if old != new}
    if changed:
        con.register("renamed_clusters", pa.table({"old": list(changed), "new": list(changed.values())}))
        try:
            con.execute("UPDATE events SET cluster_id = r.new FROM renamed_clusters r WHERE events.cluster_id = r.old")
        finally:
            con.unregister("renamed_clusters")
    if plan.renamed:
        con.execute("DELETE FROM clusters WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(plan.renamed)])
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in old_members:
        groups.setdefault(plan.renamed[row["cluster_id"]], []).append(row)
    by_id = {row["id"]: {**row, "outlet": outlets[row["id"]]} for row in new_rows}
    for event_id, cluster_id in plan.cluster_of.items():
        groups.setdefault(cluster_id, []).append(by_id[event_id])
    cluster_rows = [
        cluster_row(cluster_id, ordered, [member["outlet"] for member in ordered])
        for cluster_id, members in groups.items()
        for ordered in [_in_row_order(members, plan.last_joined.get(cluster_id, []))]
    ]
    if cluster_rows:
        con.register("new_clusters", pa.Table.from_pylist(cluster_rows))
        try:
            con.execute("INSERT INTO clusters BY NAME SELECT * FROM new_clusters")
        finally:
            con.unregister("new_clusters")
    store_links(con, plan.links)
    return cluster_rows


def _in_row_order(members: list[dict[str, Any]], last: list[str]) -> list[dict[str, Any]]:
    """The members sorted by id, those of the cluster's last growth after them in the order they joined."""
    tail = set(last)
    by_id = {member["id"]: member for member in members}
    return [
        *sorted((member for member in members if member["id"] not in tail), key=lambda member: member["id"]),
        *(by_id[event_id] for event_id in last),
    ]


LINKS_DDL = """CREATE TABLE IF NOT EXISTS cluster_links (
    event_id VARCHAR PRIMARY KEY, linked_to VARCHAR NOT NULL, score DOUBLE NOT NULL, parts JSON NOT NULL)"""


def store_links(con: duckdb.DuckDBPyConnection, links: Sequence[tuple[str, str, float, str]]) -> None:
    """Store why reports were merged (event, linked to, score, parts JSON), one row per event, in one insert."""
    con.execute(LINKS_DDL)
    if not links:
        return
    event_ids, linked_to, scores, parts = zip(*links, strict=True)
    table = pa.table(
        {"event_id": event_ids, "linked_to": linked_to, "score": pa.array(scores, pa.float64()), "parts": parts}
    )
    con.register("new_links", table)
    try:
        con.execute("INSERT OR REPLACE INTO cluster_links SELECT * FROM new_links")
    finally:
        con.unregister("new_links")
