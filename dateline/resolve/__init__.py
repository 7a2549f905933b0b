"""Cross-article resolution: reports of the same real-world event merged into clusters, every report kept.

Reads: the stored events given (and the clustered events that share a date block or a place cell with them, see
dateline.store.resolution). Writes: each report's cluster_id, the
cluster rows (reconciled by dateline.store.clusters.cluster_row) and, per merged report, the link that merged it
(table cluster_links). Incremental: new reports join existing clusters or start new ones; nothing else is recomputed.
See docs/resolve.md.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dateline.records import PLOVER_TYPES
from dateline.resolve.cluster import Attachment, BlockIndex, attach
from dateline.resolve.config import ResolveConfig, load_config
from dateline.resolve.score import Link, Report, comparable, link
from dateline.resolve.storage import report_of, write_attachments
from dateline.store.resolution import block_members, cell_members, links_of, unclustered_rows

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


def resolve_new_events(
    store: Store,
    event_ids: Sequence[str] = (),
    *,
    rows: Sequence[dict[str, Any]] | None = None,
    config: ResolveConfig | None = None,
) -> None:
    """Attach stored events that have no cluster yet to clusters (existing or new): the events `rows` (as
    Store.write_batch returns them, so they need not be read back), else those of `event_ids`. Runs in the caller's
    transaction when there is one: a batch and the merge of its events then commit together."""
    config = config or load_config()
    if rows is None:
        rows = unclustered_rows(store, event_ids)
    new_reports = [report_of(row, config) for row in rows if row["cluster_id"] is None]
    if not new_reports:
        return
    blocked, near = _candidates(store, new_reports, config)
    attachments = attach(new_reports, blocked, config, near=near)
    made = write_attachments(store, attachments)
    merged = sum(1 for attachment in attachments if attachment.linked_to is not None)
    log.debug("resolved %d reports: %d linked to a cluster, %d clusters written", len(new_reports), merged, made)


def _candidates(
    store: Store, new_reports: Sequence[Report], config: ResolveConfig
) -> tuple[list[tuple[Report, str]], list[tuple[Report, str]]]:
    """The stored reports the new ones can meet, as (report, cluster id): those of the (family, week) blocks they
    touch (the block index's share of each), and those of the place cells they touch that are not in the first."""
    blocks = {block for report in new_reports if report.dated for block in BlockIndex.blocks_of(report, config)}
    family_of = {type_: config.family_of.get(type_, type_) for type_ in PLOVER_TYPES}
    blocked_rows = block_members(
        store,
        sorted(blocks),
        family_of,
        slack_days=config.date_slack_days,
        per_block=config.max_candidates_per_block,
    )
    cells: dict[tuple[str, int, int], bool] = {}
    for report in new_reports:
        if report.placed:
            for cell in BlockIndex.cells_around(report):
                cells[cell] = cells.get(cell, True) and report.dated  # a dated report meets undated ones only
    seen = {row["id"] for row in blocked_rows}
    near_rows = [row for row in cell_members(store, cells) if row["id"] not in seen]
    blocked = [(report_of(row, config), str(row["cluster_id"])) for row in blocked_rows]
    near = [(report_of(row, config), str(row["cluster_id"])) for row in near_rows]
    return blocked, near
