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
from typing import Any

from dateline.store.rows import COUNT_KINDS

_DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_PLACE_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}
_UNKNOWN_RANK = 9


def _majority(reports: Sequence[dict[str, Any]], column: str) -> Any:
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
