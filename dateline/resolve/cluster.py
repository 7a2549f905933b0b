"""Pure incremental clustering: attach each new report to the best comparable cluster, or start a new one.

Candidates come from a block index keyed by (type family, week), so a report is scored only against reports of its
family whose dates fall near its own, and by place cell (type, half-degree grid) for undated reports and for those
whose span is longer than `block_max_days` (a year-precise report would otherwise sit in every week of its year;
such wide reports meet one another by (family, year) besides): the cost grows
with the number of reports times the (small) block size, not with the square of the corpus. The existing reports
given are those the index of every stored report would hold in the blocks and cells the new ones touch
(dateline.store.resolution finds them), so what a report meets does not depend on the rest of its batch. A report
joins the cluster holding its best-scoring comparable report when that score reaches the threshold (single link).
New reports are taken in a fixed order (first day, then id) and ties go to the cluster whose best member id sorts
first, so one batch gives the same partition whatever order it arrived in.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from dateline.resolve.config import ResolveConfig
from dateline.resolve.score import Link, Report, comparable_link

_WEEK = 7


def by_date(report: Report, max_days: int) -> bool:
    """Whether a report is blocked by the weeks of its dates: dated, over at most `max_days` days (else it is
    blocked by its place cell, as an undated report is)."""
    return (
        report.first_day is not None and report.last_day is not None and report.last_day - report.first_day < max_days
    )


@dataclass(frozen=True)
class Attachment:
    """Where one new report went: its cluster key, and the link that put it there (None = it starts a cluster)."""

    report_id: str
    cluster: str
    linked_to: str | None
    link: Link | None


@dataclass
class BlockIndex:
    """Reports by (family, week) for candidate lookup, and the cluster each belongs to."""

    slack_days: int
    per_block: int = 200
    max_days: int = 31  # ResolveConfig.block_max_days
    blocks: dict[tuple[str, int], list[Report]] = field(default_factory=lambda: defaultdict(list))
    # reports not blocked by date but dated (wider than max_days) by (family, year): they meet one another there
    wide_blocks: dict[tuple[str, int], list[Report]] = field(default_factory=lambda: defaultdict(list))
    cells: dict[tuple[str, int, int], list[Report]] = field(default_factory=lambda: defaultdict(list))
    undated_cells: dict[tuple[str, int, int], list[Report]] = field(default_factory=lambda: defaultdict(list))
    cluster_of: dict[str, str] = field(default_factory=dict)
    # the lists (blocks, cells) grown since the last `settle`, by id(), with their length then
    unsettled: dict[int, tuple[list[Report], int]] = field(default_factory=dict)

    def _weeks(self, report: Report) -> range:
        return _weeks(report, self.slack_days)

    @staticmethod
    def _cells(report: Report) -> list[tuple[str, int, int]]:
        return BlockIndex.cells_around(report)

    @staticmethod
    def cells_around(report: Report) -> list[tuple[str, int, int]]:
        """The place cell (type, half-degree grid) of a placed report and its neighbours; its own is the middle."""
        assert report.lat is not None and report.lon is not None
        row, column = math.floor(report.lat * 2), math.floor(report.lon * 2)
        return [(report.type, row + dr, column + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]

    @staticmethod
    def blocks_of(report: Report, config: ResolveConfig) -> list[tuple[str, int]]:
        """The (family, week) blocks of a report blocked by date (none for the others, see `by_date`)."""
        if not by_date(report, config.block_max_days):
            return []
        return [(report.family, week) for week in _weeks(report, config.date_slack_days)]

    @staticmethod
    def wide_blocks_of(report: Report, config: ResolveConfig) -> list[tuple[str, int]]:
        """The (family, year) blocks of a dated report not blocked by date (none for the others)."""
        if not report.dated or by_date(report, config.block_max_days):
            return []
        return [(report.family, year) for year in _years(report, config.date_slack_days)]

    def by_date(self, report: Report) -> bool:
        """Whether `report` is indexed by weeks (else by place cell only, as an undated report)."""
        return by_date(report, self.max_days)

    def add(self, report: Report, cluster: str, *, blocks: bool = True) -> None:
        """Index a report by its weeks (blocked by date; unless `blocks` is False) and by its place cell (placed;
        among the undated ones too when it is not blocked by date)."""
        self.cluster_of[report.id] = cluster
        dated = self.by_date(report)
        if dated and blocks:
            for week in self._weeks(report):
                self._append(self.blocks[(report.family, week)], report)
        elif report.dated and blocks:
            for year in _years(report, self.slack_days):
                self._append(self.wide_blocks[(report.family, year)], report)
        if report.placed:
            cell = self._cells(report)[4]
            self._append(self.cells[cell], report)
            if not dated:
                self._append(self.undated_cells[cell], report)

    def _append(self, members: list[Report], report: Report) -> None:
        self.unsettled.setdefault(id(members), (members, len(members)))
        members.append(report)

    def load(
        self,
        existing: Iterable[tuple[Report, str]],
        near: Iterable[tuple[Report, str]] = (),
        *,
        weeks: Iterable[tuple[str, int]] | None = None,
    ) -> None:
        """Index stored reports: `existing` (report, cluster id) by blocks and cells, `near` (met through a place
        cell only) by cells; in order (first day, then id), so every list is settled. Given `weeks`, the (family,
        week) blocks that will be asked for (those of the reports to attach), a stored report joins only those of
        its blocks: the others are never asked for."""
        stored = [(report, cluster, True) for report, cluster in existing]
        stored.extend((report, cluster, False) for report, cluster in near)
        wanted: dict[str, list[int]] | None = None
        if weeks is not None:
            wanted = {}
            for family, week in sorted(set(weeks)):
                wanted.setdefault(family, []).append(week)
        # `add` without its bookkeeping of what grew (every list is settled once loaded)
        index_blocks, cells, undated_cells, cluster_of = self.blocks, self.cells, self.undated_cells, self.cluster_of
        max_days = self.max_days
        for report, cluster, blocks in sorted(stored, key=lambda entry: _order(entry[0])):
            cluster_of[report.id] = cluster
            dated = by_date(report, max_days)
            if blocks and dated:
                family, all_weeks = report.family, self._weeks(report)
                span: Sequence[int] = all_weeks
                if wanted is not None:
                    asked = wanted.get(family, [])
                    span = asked[bisect.bisect_left(asked, all_weeks.start) : bisect.bisect_left(asked, all_weeks.stop)]
                for week in span:
                    index_blocks[(family, week)].append(report)
            elif blocks and report.dated:
                for year in _years(report, self.slack_days):
                    self.wide_blocks[(report.family, year)].append(report)
            if report.placed:
                assert report.lat is not None and report.lon is not None
                cell = (report.type, math.floor(report.lat * 2), math.floor(report.lon * 2))  # cells_around's middle
                cells[cell].append(report)
                if not dated:
                    undated_cells[cell].append(report)
        self.unsettled.clear()

    def settle(self) -> None:
        """Put the reports attached since the last call in their place in each block and cell (by first day, then
        id), as if they had been stored before: a block or cell keeps its `per_block` last members by that order,
        not by when they came."""
        for members, settled in self.unsettled.values():
            grown = sorted(members[settled:], key=_order)
            del members[settled:]
            for report in grown:
                bisect.insort(members, report, key=_order)
        self.unsettled.clear()

    def candidates(self, report: Report) -> Iterator[Report]:
        """Indexed reports sharing a block with `report` (blocked by date: same family and weeks; undated or wider
        than `max_days`: same type and place cell), each once."""
        found: dict[str, Report] = {}
        dated = self.by_date(report)
        if dated:
            # The most recently indexed members only: a dense block (one front, one week) stays linear.
            weeks = [self.blocks.get((report.family, week), ())[-self.per_block :] for week in self._weeks(report)]
            found = {other.id: other for other in chain.from_iterable(weeks)}
        elif report.dated:
            years = [
                self.wide_blocks.get((report.family, year), ())[-self.per_block :]
                for year in _years(report, self.slack_days)
            ]
            found = {other.id: other for other in chain.from_iterable(years)}
        if report.placed:
            # A report blocked by date meets the undated (or wide) reports of its cells, the others every report
            # there: the last `per_block` of each cell (by first day, then id; undated ones last), so a cell stays
            # linear too.
            cells = self.undated_cells if dated else self.cells
            for cell in self._cells(report):
                for other in cells.get(cell, ())[-self.per_block :]:
                    found.setdefault(other.id, other)
        return iter(found.values())


def _weeks(report: Report, slack_days: int) -> range:
    assert report.first_day is not None and report.last_day is not None
    return range((report.first_day - slack_days) // _WEEK, (report.last_day + slack_days) // _WEEK + 1)


def _years(report: Report, slack_days: int) -> range:
    assert report.first_day is not None and report.last_day is not None
    first = dt.date.fromordinal(max(1, report.first_day - slack_days)).year
    return range(first, dt.date.fromordinal(report.last_day + slack_days).year + 1)


def _order(report: Report) -> tuple[int, str]:
    return (report.first_day if report.first_day is not None else 10**9, report.id)


def _best_link(report: Report, index: BlockIndex, config: ResolveConfig) -> tuple[str, Report, Link] | None:
    best: tuple[float, str, str, Report, Link] | None = None
    if not report.factual:
        return None  # `comparable` needs both reports factual
    # the cheap tests of `comparable` first and inline (a pair failing one is not comparable): most candidates of a
    # week's block fail on the dates, on being factual or on the country
    dated, slack, country = report.dated, config.date_slack_days, report.country
    earliest = (report.first_day or 0) - slack
    latest = (report.last_day or 0) + slack
    for other in index.candidates(report):
        if not other.factual:
            continue
        if dated and other.first_day is not None and other.last_day is not None:
            if other.first_day > latest or other.last_day < earliest:
                continue
            if country and other.country and other.country != country:
                continue
        if other.id == report.id:
            continue
        assert not other.light, f"{other.id} was read for the block index only (resolve._may_meet missed it)"
        # a pair that cannot reach the threshold, or the best score so far, is not scored in full (same result)
        floor = config.threshold if best is None else max(best[0], config.threshold)
        found = comparable_link(report, other, config, floor)
        if found is None or found.score < config.threshold:
            continue
        key = (-found.score, index.cluster_of[other.id], other.id)
        if best is None or key < (-best[0], best[1], best[2]):
            best = (found.score, index.cluster_of[other.id], other.id, other, found)
    return None if best is None else (best[1], best[3], best[4])


def attach(
    new_reports: Sequence[Report],
    existing: Iterable[tuple[Report, str]],
    config: ResolveConfig,
    *,
    near: Iterable[tuple[Report, str]] = (),
) -> list[Attachment]:
    """Cluster `new_reports` against `existing` (report, cluster id) pairs, and `near` ones (met through a place cell
    only); a new cluster's key is "+<report id>"."""
    index = BlockIndex(config.date_slack_days, config.max_candidates_per_block, config.block_max_days)
    index.load(existing, near)
    return attach_to(index, new_reports, config)


def attach_to(index: BlockIndex, new_reports: Sequence[Report], config: ResolveConfig) -> list[Attachment]:
    """Cluster `new_reports` against the reports `index` holds, adding each to it as it is attached (call
    `index.settle()` before attaching more as if these were stored); a new cluster's key is "+<report id>"."""
    attachments: list[Attachment] = []
    for report in sorted(new_reports, key=_order):
        best = _best_link(report, index, config)
        if best is None:
            attachment = Attachment(report.id, "+" + report.id, None, None)
        else:
            cluster, other, found = best
            attachment = Attachment(report.id, cluster, other.id, found)
        index.add(report, attachment.cluster)
        attachments.append(attachment)
    return attachments
