"""Cross-article resolution: reports of the same real-world event merged into clusters, every report kept.

Reads: the stored events given (and the clustered events near them in date). Writes: each report's cluster_id, the
cluster rows (reconciled by dateline.store.clusters.cluster_row) and, per merged report, the link that merged it
(table cluster_links). Incremental: new reports join existing clusters or start new ones; nothing else is recomputed.
See docs/resolve.md.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dateline.resolve.cluster import Attachment, attach
from dateline.resolve.config import ResolveConfig, load_config
from dateline.resolve.score import Link, Report, comparable, link
from dateline.resolve.storage import report_of, write_attachments
from dateline.store.resolution import clustered_rows_around, clustered_rows_near, links_of, unclustered_rows

if TYPE_CHECKING:
    from dateline.store import Store

__all__ = [
    "Attachment",
    "Link",
    "Report",
    "ResolveConfig",
    "attach",
    "comparable",
    "link",
    "links_of",
    "load_config",
    "resolve_new_events",
]

log = logging.getLogger(__name__)


def _window(reports: Sequence[Report], slack_days: int) -> tuple[dt.date, dt.date] | None:
    firsts = [report.first_day for report in reports if report.first_day is not None]
    lasts = [report.last_day for report in reports if report.last_day is not None]
    if not firsts or not lasts:
        return None
    return dt.date.fromordinal(min(firsts) - slack_days), dt.date.fromordinal(max(lasts) + slack_days)


def _box(reports: Sequence[Report]) -> tuple[float, float, float, float] | None:
    """Bounding box (south, north, west, east) of the placed reports, one degree wider on each side."""
    placed = [(report.lat, report.lon) for report in reports if report.lat is not None and report.lon is not None]
    if not placed:
        return None
    lats, lons = [lat for lat, _ in placed], [lon for _, lon in placed]
    return min(lats) - 1, max(lats) + 1, min(lons) - 1, max(lons) + 1


def resolve_new_events(store: Store, event_ids: Sequence[str], *, config: ResolveConfig | None = None) -> None:
    """Attach the given stored events that have no cluster yet to clusters (existing or new)."""
    config = config or load_config()
    new_reports = [report_of(row, config) for row in unclustered_rows(store, event_ids)]
    if not new_reports:
        return
    families = {report.family for report in new_reports}
    types = sorted({type_ for type_, family in config.family_of.items() if family in families} | families)
    window = _window(new_reports, config.date_slack_days)
    existing_rows = clustered_rows_near(store, types, *window) if window else []
    box = _box(new_reports)
    if box is not None:
        undated_new = any(not report.dated and report.placed for report in new_reports)
        existing_rows += clustered_rows_around(store, types, box, dated_too=undated_new)
    unique_rows = {row["id"]: row for row in existing_rows}
    existing = [(report_of(row, config), str(row["cluster_id"])) for row in unique_rows.values()]
    attachments = attach(new_reports, existing, config)
    made = write_attachments(store, attachments)
    merged = sum(1 for attachment in attachments if attachment.linked_to is not None)
    log.debug("resolved %d reports: %d linked to a cluster, %d clusters written", len(new_reports), merged, made)
