"""Reports from stored event rows, and clusters written back: resolution's side of the store (the SQL itself is in
dateline.store.resolution, as all SQL is in dateline.store).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dateline.resolve.cluster import Attachment
from dateline.resolve.config import ResolveConfig
from dateline.resolve.score import LazyWords, Report, parts_json
from dateline.store.resolution import cluster_members, dissolve_clusters, report_columns

if TYPE_CHECKING:
    from dateline.store import Store

_GENERIC_ACTOR = re.compile(r"(x|[a-z]{3})-[a-z]{3}")


def _day(value: dt.date | None) -> int | None:
    return value.toordinal() if value is not None else None


def _specific(actor_ids: Sequence[str]) -> frozenset[str]:
    """Actor ids that name someone: generic ones ("x-reb", "irq-mil": a country or x, a sector) say little."""
    return frozenset(actor_id for actor_id in actor_ids if not _generic(actor_id))


@functools.lru_cache(maxsize=65_536)
def _generic(actor_id: str) -> bool:
    return _GENERIC_ACTOR.fullmatch(actor_id) is not None


class ReportCache:
    """Reports already made, by event id, for the life of one writer: the same stored events are candidates of
    batch after batch, and a stored event's report never changes (its cluster is kept apart). Bounded: the
    oldest are forgotten first."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self._reports: OrderedDict[str, Report] = OrderedDict()

    def report(self, row: dict[str, Any], config: ResolveConfig) -> Report:
        found = self._reports.get(row["id"])
        if found is None:
            found = self._reports[row["id"]] = report_of(row, config)
            if len(self._reports) > self.size:
                self._reports.popitem(last=False)
        return found

    def get(self, event_id: str) -> Report | None:
        """The report of `event_id` if it was made already."""
        return self._reports.get(event_id)

    def reports(self, store: Store, event_ids: Sequence[str], config: ResolveConfig) -> dict[str, Report]:
        """The reports of stored events, by id: those not made yet from their rows, read now (only theirs: the
        candidates of batch after batch are mostly the same events)."""
        found = {event_id: report for event_id in event_ids if (report := self._reports.get(event_id)) is not None}
        columns = report_columns(store, [event_id for event_id in event_ids if event_id not in found])
        for made in _reports_of_columns(columns, config):
            found[made.id] = self._keep(made)
        return found

    def _keep(self, report: Report) -> Report:
        self._reports[report.id] = report
        if len(self._reports) > self.size:
            self._reports.popitem(last=False)
        return report


def _reports_of_columns(columns: dict[str, list[Any]], config: ResolveConfig) -> list[Report]:
    """`report_of` of each event of `columns` (REPORT_COLUMNS, name -> values), without a dict per row."""
    at = {name: position for position, name in enumerate(columns)}
    return [report_of(_Row(at, values), config) for values in zip(*columns.values(), strict=True)]


class _Row:
    """One row of a column-wise result, read by column name as report_of reads a row dict."""

    __slots__ = ("_at", "_values")

    def __init__(self, at: dict[str, int], values: tuple[Any, ...]) -> None:
        self._at = at
        self._values = values

    def __getitem__(self, name: str) -> Any:
        return self._values[self._at[name]]


def report_of(row: Any, config: ResolveConfig) -> Report:
    """A Report from an events row (columns as in dateline.store.resolution.REPORT_COLUMNS; a dict or anything read
    by column name)."""
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
        words=LazyWords(row["evidence_text"], config.stopwords),
        factual=not (row["negated"] or row["hypothetical"] or row["future"]),
        evidence=(row["evidence_start"], row["evidence_end"]),
    )


def light_reports(columns: dict[str, list[Any]], config: ResolveConfig) -> list[Report]:
    """What the block index and the cheap tests of a pair read of stored events (LIGHT_COLUMNS of
    dateline.store.resolution, name -> values: dates, factuality, country, type, place), as `report_of` makes them;
    the rest is left empty (`light`): such a report holds its place in a block but is never scored."""
    family_of = config.family_of
    return [
        Report(
            id=event_id,
            article_id="",
            type=type_,
            family=family_of.get(type_, type_),
            first_day=_day(start),
            last_day=_day(end),
            lat=lat if precision != "country" else None,
            lon=lon if precision != "country" else None,
            country=country,
            factual=not (negated or hypothetical or future),
            light=True,
        )
        for event_id, type_, start, end, lat, lon, precision, country, negated, hypothetical, future in zip(
            columns["id"],
            columns["type"],
            columns["date_start"],
            columns["date_end"],
            columns["lat"],
            columns["lon"],
            columns["location_precision"],
            columns["country"],
            columns["negated"],
            columns["hypothetical"],
            columns["future"],
            strict=True,
        )
    ]


def write_attachments(store: Store, attachments: Sequence[Attachment]) -> int:
    """Store the clusters: grown clusters are rebuilt (id "c" + smallest member id), new ones made; returns clusters.
    One transaction (the caller's, when it has one: ingest stores a batch and merges it in one)."""
    grown = sorted({a.cluster for a in attachments if not a.cluster.startswith("+")})
    groups = cluster_members(store, grown)
    for attachment in attachments:
        groups.setdefault(attachment.cluster, []).append(attachment.report_id)
    links = [
        (a.report_id, a.linked_to, a.link.score, json.dumps(parts_json(a.link)))
        for a in attachments
        if a.linked_to is not None and a.link is not None
    ]
    with store.transaction():  # killed half-way, nothing of it is left: no event without its cluster
        dissolve_clusters(store, grown, links)
        return store.write_clusters(list(groups.values()))
