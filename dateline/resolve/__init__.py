"""Cross-article resolution: reports of the same real-world event merged into clusters, every report kept.

Reads: the stored events given (and the clustered events that share a date block or a place cell with them, see
dateline.store.resolution). Writes: each report's cluster_id, the
cluster rows (reconciled by dateline.store.clusters.cluster_row) and, per merged report, the link that merged it
(table cluster_links). Incremental: new reports join existing clusters or start new ones; nothing else is recomputed.
See docs/resolve.md.
"""

from __future__ import annotations

import bisect
import json
import logging
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from dateline.records import PLOVER_TYPES
from dateline.resolve.cluster import Attachment, BlockIndex, attach, attach_to, by_date
from dateline.resolve.config import ResolveConfig, load_config
from dateline.resolve.score import Link, Report, comparable, link, parts_json
from dateline.resolve.storage import ReportCache, light_reports, write_attachments
from dateline.store.clusters import ClusterPlan
from dateline.store.resolution import block_members, cell_members, links_of, unclustered_rows, wide_members

if TYPE_CHECKING:
    from dateline.store import Store

__all__ = [
    "Attachment",
    "Link",
    "Report",
    "ReportCache",
    "ResolveConfig",
    "attach",
    "comparable",
    "link",
    "links_of",
    "load_config",
    "plan_clusters",
    "resolve_new_events",
]

log = logging.getLogger(__name__)


def resolve_new_events(
    store: Store,
    event_ids: Sequence[str] = (),
    *,
    rows: Sequence[dict[str, Any]] | None = None,
    config: ResolveConfig | None = None,
    cache: ReportCache | None = None,
) -> None:
    """Attach stored events that have no cluster yet to clusters (existing or new): the events `rows` (as
    Store.write_batch returns them, so they need not be read back), else those of `event_ids`. Runs in the caller's
    transaction when there is one: a batch and the merge of its events then commit together. `cache` keeps the
    reports made, for the next calls on the same store."""
    config = config or load_config()
    cache = cache or ReportCache()
    if rows is None:
        rows = unclustered_rows(store, event_ids)
    new_reports = [cache.report(row, config) for row in rows if row["cluster_id"] is None]
    if not new_reports:
        return
    blocked, near = _candidates(store, new_reports, config, cache)
    attachments = attach(new_reports, blocked, config, near=near)
    made = write_attachments(store, attachments)
    merged = sum(1 for attachment in attachments if attachment.linked_to is not None)
    log.debug("resolved %d reports: %d linked to a cluster, %d clusters written", len(new_reports), merged, made)


def plan_clusters(
    store: Store,
    parts: Sequence[Sequence[dict[str, Any]]],
    *,
    config: ResolveConfig | None = None,
    cache: ReportCache | None = None,
) -> ClusterPlan:
    """Where new events go, before they are stored (Store.write_batch(..., plan=...) stores them there).

    `parts`: the rows of the new events, in the groups they are merged in, in order: each part is attached as if
    the parts before it were stored and merged already, which is what storing and merging each part alone (then
    resolve_new_events) would give, with the database read once and the clusters written once. Returns each new
    event's cluster id ("c" + the smallest member id), the final id of each existing cluster they join, the members
    each cluster got in the last part it grew in (the order its row is rebuilt in), and the links that merged them."""
    config = config or load_config()
    cache = cache or ReportCache()
    reports = [[cache.report(row, config) for row in rows] for rows in parts]
    blocked, near = _candidates(store, [report for part in reports for report in part], config, cache)
    session = _Session({report.id: cluster for report, cluster in [*blocked, *near]})
    # One index for the whole batch: each part's reports join it as they are attached, then take their place in
    # it as stored reports (settle) under their clusters' current ids, for the next part.
    index = BlockIndex(config.date_slack_days, config.max_candidates_per_block, config.block_max_days)
    flat = [report for part in reports for report in part]
    index.load(blocked, near, weeks={block for report in flat for block in BlockIndex.blocks_of(report, config)})
    links: list[tuple[str, str, float, str]] = []
    for number, part in enumerate(reports):
        attachments = attach_to(index, part, config)
        session.apply(attachments, number)
        index.settle()
        index.cluster_of.update(session.cluster_of)
        links.extend(
            (a.report_id, a.linked_to, a.link.score, json.dumps(parts_json(a.link)))
            for a in attachments
            if a.linked_to is not None and a.link is not None
        )
    new_ids = [report.id for part in reports for report in part]
    log.debug("planned %d reports in %d parts: %d linked to a cluster", len(new_ids), len(parts), len(links))
    return ClusterPlan(
        cluster_of={event_id: session.cluster_of[event_id] for event_id in new_ids},
        renamed={old: session.cluster_of_cluster[old] for old in session.stored_grown},
        links=links,
        last_joined=session.last_joined,
    )


class _Session:
    """Cluster ids while the parts of a batch are attached one after another: each report's current cluster, what
    each stored cluster is called now ("c" + its smallest member id changes when a member with a smaller id joins),
    and which members joined each cluster in the last part it grew in."""

    def __init__(self, stored: dict[str, str]) -> None:
        self.cluster_of = dict(stored)  # report id -> its cluster's current id
        self.members: dict[str, list[str]] = {}  # current cluster id -> the reports in play in it
        for report_id, cluster in stored.items():
            self.members.setdefault(cluster, []).append(report_id)
        self.cluster_of_cluster = {cluster: cluster for cluster in self.members}  # stored id -> current id
        self.stored_under = {cluster: [cluster] for cluster in self.members}  # current id -> its stored ids
        self.stored_grown: set[str] = set()  # stored clusters that grew, by their stored id
        self.last_joined: dict[str, list[str]] = {}  # current cluster id -> the members of its last growth

    def apply(self, attachments: Sequence[Attachment], number: int) -> None:
        joined: dict[str, list[str]] = {}
        for attachment in attachments:
            joined.setdefault(attachment.cluster, []).append(attachment.report_id)
        for key, new_members in joined.items():
            if key.startswith("+"):  # a new cluster
                final = "c" + min(new_members)
            else:
                final = "c" + min(key[1:], *new_members)
                self._rename(key, final)
            self.members.setdefault(final, []).extend(new_members)
            for report_id in new_members:
                self.cluster_of[report_id] = final
            self.last_joined[final] = list(new_members)

    def _rename(self, old: str, new: str) -> None:
        stored_ids = self.stored_under.get(old, [])
        for stored in stored_ids:
            self.cluster_of_cluster[stored] = new
            self.stored_grown.add(stored)
        if old == new:
            return
        if stored_ids:
            self.stored_under.setdefault(new, []).extend(self.stored_under.pop(old))
        for report_id in self.members.pop(old, []):
            self.cluster_of[report_id] = new
            self.members.setdefault(new, []).append(report_id)
        self.last_joined.pop(old, None)


def _candidates(
    store: Store, new_reports: Sequence[Report], config: ResolveConfig, cache: ReportCache
) -> tuple[list[tuple[Report, str]], list[tuple[Report, str]]]:
    """The stored reports the new ones can meet, as (report, cluster id): those of the (family, week) blocks they
    touch (the block index's share of each), and those of the place cells they touch that are not in the first.

    Every member is read with the block columns only; the whole report (actors, casualties, evidence text) only of
    the members that can pass the cheap tests of a pair (factual, dates, country) with one of the new reports, and
    of those met through a place cell: the others (about half of a block's members in a large database) hold their
    place in the index as light reports and are never scored (see `_may_meet`)."""
    blocks = {block for report in new_reports for block in BlockIndex.blocks_of(report, config)}
    family_of = {type_: config.family_of.get(type_, type_) for type_ in PLOVER_TYPES}
    blocked_columns = block_members(
        store,
        sorted(blocks),
        family_of,
        slack_days=config.date_slack_days,
        per_block=config.max_candidates_per_block,
        max_days=config.block_max_days,
    )
    wide_blocks = {block for report in new_reports for block in BlockIndex.wide_blocks_of(report, config)}
    wide_columns = wide_members(
        store,
        sorted(wide_blocks),
        family_of,
        slack_days=config.date_slack_days,
        per_block=config.max_candidates_per_block,
        max_days=config.block_max_days,
    )
    for name, values in wide_columns.items():
        blocked_columns[name] = [*blocked_columns[name], *values]
    cells: dict[tuple[str, int, int], bool] = {}
    for report in new_reports:
        if report.placed:
            dated = by_date(report, config.block_max_days)  # such a report meets undated (or wide) ones only
            for cell in BlockIndex.cells_around(report):
                cells[cell] = cells.get(cell, True) and dated
    seen = set(blocked_columns["id"])
    in_cells = cell_members(store, cells, per_block=config.max_candidates_per_block, max_days=config.block_max_days)
    near_rows = [
        (event_id, cluster)
        for event_id, cluster in zip(in_cells["id"], in_cells["cluster_id"], strict=True)
        if event_id not in seen
    ]
    light = light_reports(blocked_columns, config)
    may_meet = _may_meet(new_reports, config)
    wanted = [report.id for report in light if may_meet(report)]
    reports = cache.reports(store, [*wanted, *(event_id for event_id, _ in near_rows)], config)
    blocked = [
        (reports.get(report.id) or cache.get(report.id) or report, str(cluster))
        for report, cluster in zip(light, blocked_columns["cluster_id"], strict=True)
    ]
    near = [(reports[event_id], str(cluster)) for event_id, cluster in near_rows]
    return blocked, near


def _may_meet(new_reports: Sequence[Report], config: ResolveConfig) -> Callable[[Report], bool]:
    """Whether a stored dated report (of a block) can reach the scoring of a pair with one of `new_reports`: it is
    factual and either overlaps, within the slack, the dates of a factual dated new report of its family and of no
    other country (what cluster._best_link tests before scoring), or sits in a place cell around a factual undated
    placed new report of its type (an undated report meets every report of its cells). A superset of the stored
    reports `_best_link` scores, whatever the block index's caps keep."""
    slack = config.date_slack_days
    spans: dict[tuple[str, str | None], list[tuple[int, int]]] = {}
    undated_cells: set[tuple[str, int, int]] = set()
    for report in new_reports:
        if not report.factual:
            continue
        if by_date(report, config.block_max_days):
            assert report.first_day is not None and report.last_day is not None
            span = (report.first_day - slack, report.last_day + slack)
            spans.setdefault((report.family, report.country or None), []).append(span)
            spans.setdefault((report.family, _ANY_COUNTRY), []).append(span)
        elif report.placed:
            undated_cells.update(BlockIndex.cells_around(report))
    merged = {key: _merged(found) for key, found in spans.items()}

    def may_meet(stored: Report) -> bool:
        if not stored.factual:
            return False
        if stored.placed and undated_cells:
            assert stored.lat is not None and stored.lon is not None
            if (stored.type, math.floor(stored.lat * 2), math.floor(stored.lon * 2)) in undated_cells:
                return True
        if not by_date(stored, config.block_max_days):
            return True  # a member of a (family, year) block of wide reports (few): read whole
        assert stored.first_day is not None and stored.last_day is not None
        keys = (
            [(stored.family, stored.country), (stored.family, None)]
            if stored.country
            else [(stored.family, _ANY_COUNTRY)]
        )
        return any(_overlaps(merged.get(key, ()), stored.first_day, stored.last_day) for key in keys)

    return may_meet


_ANY_COUNTRY = "\0any"  # the spans of every new report of a family, whatever its country


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Day spans joined where they overlap: their starts and their ends, sorted."""
    starts: list[int] = []
    ends: list[int] = []
    for first, last in sorted(spans):
        if ends and first <= ends[-1]:
            ends[-1] = max(ends[-1], last)
        else:
            starts.append(first)
            ends.append(last)
    return starts, ends


def _overlaps(merged: tuple[list[int], list[int]] | tuple[()], first: int, last: int) -> bool:
    """Whether the day span first..last meets one of the joined spans."""
    if not merged:
        return False
    starts, ends = merged
    position = bisect.bisect_right(starts, last) - 1
    return position >= 0 and ends[position] >= first
