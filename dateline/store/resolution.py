"""SQL for cross-article resolution (dateline.resolve): the event rows it compares, the clusters it rewrites, and
the links that say why reports were merged.

Candidates are found by blocks, not by reading every event near a batch's dates: for each (type family, week) a new
report touches, the `per_block` clustered reports of that block that sort last by (first day, id), the ones the
resolver's block index keeps; for each place cell (type, half-degree grid) a placed new report touches, the clustered
reports of that cell. What a new report is compared with then depends on the report alone, not on the rest of its
batch, and the work per report stays bounded however many events the database holds.

The `cluster_links` table (one row per report that joined a cluster through a link: the report, the report it
matched, the score and its parts as JSON) is created here if missing; docs/resolve.md asks for it in schema.sql.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from dateline.store.clusters import LINKS_DDL, store_links

if TYPE_CHECKING:
    from dateline.store import Store

# The events columns a report is made of (dateline.resolve.storage.report_of reads them).
REPORT_COLUMNS = """id, article_id, type, date_start, date_end, lat, lon, location_precision, country, admin1,
    source_ids, recipient_ids, killed_best, injured_best, evidence_text, evidence_start, evidence_end, negated,
    hypothetical, future, cluster_id"""

# The columns the block index and the cheap tests of a pair need (dates, factuality, country, place cell): what the
# block and cell queries return for every member; the rest of a report is read only for the members that can pass
# those tests with a new report (dateline.resolve._candidates).
LIGHT_COLUMNS = """id, cluster_id, type, date_start, date_end, lat, lon, location_precision, country, negated,
    hypothetical, future"""


# A date's proleptic ordinal (Python's date.toordinal(): 0001-01-01 is day 1), as resolution counts days.
_ORDINAL = "(date_diff('day', DATE '0001-01-01', {column}) + 1)"

# The light columns of an events row `e`, for a CTE that carries them (the members are then read from it: a second
# pass over every event, to fetch the rows of the members by id, cost more than the block query itself).
_E_LIGHT = ", ".join("e." + column.strip() for column in LIGHT_COLUMNS.split(","))

_BLOCK_MEMBERS = f"""
    WITH spans AS MATERIALIZED (
        SELECT {_E_LIGHT}, t.family,
            ({_ORDINAL.format(column="e.date_start")} - $slack) // 7 AS first_week,
            ({_ORDINAL.format(column="e.date_end")} + $slack) // 7 AS last_week
        FROM events e JOIN family_types t ON t.type = e.type
        WHERE e.cluster_id IS NOT NULL AND e.date_start IS NOT NULL AND e.date_end IS NOT NULL
            AND date_diff('day', e.date_start, e.date_end) < $max_days
            AND e.date_start BETWEEN $earliest AND $latest
    ), members AS (
        SELECT s.id FROM spans s JOIN wanted_blocks w
            ON s.family = w.family AND w.week BETWEEN s.first_week AND s.last_week
        QUALIFY row_number() OVER (PARTITION BY w.family, w.week ORDER BY s.date_start DESC, s.id DESC) <= $per_block
    )
    SELECT {LIGHT_COLUMNS} FROM spans WHERE id IN (SELECT id FROM members)
"""

_WIDE_MEMBERS = f"""
    WITH spans AS MATERIALIZED (
        SELECT {_E_LIGHT}, t.family,
            year(e.date_start - CAST($slack AS INTEGER)) AS first_year,
            year(e.date_end + CAST($slack AS INTEGER)) AS last_year
        FROM events e JOIN family_types t ON t.type = e.type
        WHERE e.cluster_id IS NOT NULL AND e.date_start IS NOT NULL AND e.date_end IS NOT NULL
            AND date_diff('day', e.date_start, e.date_end) >= $max_days
            AND e.date_start <= $latest AND e.date_end >= $earliest
    ), members AS (
        SELECT s.id FROM spans s JOIN wanted_blocks w
            ON s.family = w.family AND w.year BETWEEN s.first_year AND s.last_year
        QUALIFY row_number() OVER (PARTITION BY w.family, w.year ORDER BY s.date_start DESC, s.id DESC) <= $per_block
    )
    SELECT {LIGHT_COLUMNS} FROM spans WHERE id IN (SELECT id FROM members)
"""

_CELL_MEMBERS = f"""
    SELECT {_E_LIGHT} FROM events e JOIN wanted_cells w
        ON e.type = w.type AND floor(e.lat * 2) = w.row AND floor(e.lon * 2) = w.col
    WHERE e.cluster_id IS NOT NULL AND e.lat IS NOT NULL AND e.lon IS NOT NULL
        AND e.location_precision IS DISTINCT FROM 'country'
        AND (NOT w.undated_only OR e.date_start IS NULL OR e.date_end IS NULL
            OR date_diff('day', e.date_start, e.date_end) >= $max_days)
    QUALIFY row_number() OVER (
        PARTITION BY w.type, w.row, w.col ORDER BY e.date_start DESC NULLS FIRST, e.id DESC) <= $per_block
"""


def unclustered_rows(store: Store, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """Event rows among `event_ids` that have no cluster yet."""
    return store.fetch_dicts(
        f"SELECT {REPORT_COLUMNS} FROM events WHERE cluster_id IS NULL AND id IN (SELECT unnest(?::VARCHAR[]))",
        [list(event_ids)],
    )


def report_columns(store: Store, event_ids: Sequence[str]) -> dict[str, list[Any]]:
    """The events of `event_ids` column by column (REPORT_COLUMNS: name -> values, one per event): through Arrow,
    which for tens of thousands of rows costs about half of fetching them as tuples and making a dict of each."""
    if not event_ids:
        return _no_columns(REPORT_COLUMNS)
    ids = pa.table({"id": pa.array(list(event_ids), pa.string())})
    return _columns(
        store, {"wanted_ids": ids}, f"SELECT {REPORT_COLUMNS} FROM events WHERE id IN (SELECT id FROM wanted_ids)", {}
    )


def block_members(
    store: Store,
    blocks: Sequence[tuple[str, int]],
    family_of: Mapping[str, str],
    *,
    slack_days: int,
    per_block: int,
    max_days: int = 31,
) -> dict[str, list[Any]]:
    """Clustered events blocked by date (dated, over fewer than `max_days` days) in the (family, week) `blocks`, as
    LIGHT_COLUMNS (name -> values): per block, the `per_block` that sort last by (date_start, id). A report's weeks
    run from (first day - slack) // 7 to (last day + slack) // 7; `family_of` gives each event type's family.

    As such an event spans fewer than `max_days` days, only those starting between the first wanted week's first
    day less the slack and `max_days`, and the last wanted week's last day plus the slack, can be in a block: a
    range on the indexed date_start, so the query reads those, not every event of the database."""
    if not blocks:
        return _no_columns(LIGHT_COLUMNS)
    registered, weeks = _block_tables(blocks, "week", family_of)
    # (ordinal(end) + slack) // 7 >= week needs end >= 7 * week - slack, and end < start + max_days;
    # (ordinal(start) - slack) // 7 <= week needs start <= 7 * week + 6 + slack
    earliest = dt.date.fromordinal(max(1, 7 * min(weeks) - slack_days - max_days + 1))
    latest = dt.date.fromordinal(7 * max(weeks) + 6 + slack_days)
    params = {"slack": slack_days, "per_block": per_block, "max_days": max_days, "earliest": earliest, "latest": latest}
    return _columns(store, registered, _BLOCK_MEMBERS, params)


def wide_members(
    store: Store,
    blocks: Sequence[tuple[str, int]],
    family_of: Mapping[str, str],
    *,
    slack_days: int,
    per_block: int,
    max_days: int = 31,
) -> dict[str, list[Any]]:
    """Clustered events dated over `max_days` days or more (not blocked by date) in the (family, year) `blocks`, as
    LIGHT_COLUMNS (name -> values): per block, the `per_block` that sort last by (date_start, id). A report's years
    run from the year of (first day - slack) to that of (last day + slack)."""
    if not blocks:
        return _no_columns(LIGHT_COLUMNS)
    registered, years = _block_tables(blocks, "year", family_of)
    # year(start - slack) <= year needs start <= 31 December + slack; year(end + slack) >= year needs end >= 1 January
    # less the slack
    latest = dt.date(max(years), 12, 31) + dt.timedelta(days=slack_days)
    earliest = dt.date.fromordinal(max(1, dt.date(min(years), 1, 1).toordinal() - slack_days))
    params = {"slack": slack_days, "per_block": per_block, "max_days": max_days, "latest": latest, "earliest": earliest}
    return _columns(store, registered, _WIDE_MEMBERS, params)


def cell_members(
    store: Store, cells: Mapping[tuple[str, int, int], bool], *, per_block: int, max_days: int = 31
) -> dict[str, list[Any]]:
    """Clustered, placed events in the (type, row, column) half-degree `cells` (row = floor(lat * 2), column =
    floor(lon * 2)), as LIGHT_COLUMNS (name -> values); where a cell maps to True, only those not blocked by date
    (undated, or over `max_days` days or more); per cell, the `per_block` that sort last by (date_start, id),
    undated ones last."""
    if not cells:
        return _no_columns(LIGHT_COLUMNS)
    keys = sorted(cells)
    wanted = pa.table(
        {
            "type": [key[0] for key in keys],
            "row": pa.array([key[1] for key in keys], pa.float64()),
            "col": pa.array([key[2] for key in keys], pa.float64()),
            "undated_only": [cells[key] for key in keys],
        }
    )
    return _columns(store, {"wanted_cells": wanted}, _CELL_MEMBERS, {"per_block": per_block, "max_days": max_days})


def _block_tables(
    blocks: Sequence[tuple[str, int]], unit: str, family_of: Mapping[str, str]
) -> tuple[dict[str, pa.Table], tuple[int, ...]]:
    """The tables a block query joins: the wanted (family, `unit`) blocks and each event type's family; and the
    wanted units (weeks or years), for the date range the query may read."""
    families, units = zip(*sorted(set(blocks)), strict=True)
    registered = {
        "wanted_blocks": pa.table({"family": list(families), unit: pa.array(units, pa.int64())}),
        "family_types": pa.table({"type": list(family_of), "family": list(family_of.values())}),
    }
    return registered, units


def _no_columns(columns: str) -> dict[str, list[Any]]:
    return {name.strip(): [] for name in columns.split(",")}


def _columns(store: Store, tables: Mapping[str, pa.Table], sql: str, params: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Run `sql` with the Arrow `tables` registered under their names; its result column by column."""
    con = store.connection
    for name, table in tables.items():
        con.register(name, table)
    try:
        relation = con.sql(sql, params=dict(params)) if params else con.sql(sql)
        result = relation.to_arrow_table()
        return {name: result.column(name).to_pylist() for name in result.column_names}
    finally:
        for name in tables:
            con.unregister(name)


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
    """Take the events of `cluster_ids` out of their clusters, delete those clusters (they are about to be rebuilt
    with more members), and store `links` (event, linked to, score, parts JSON): in the caller's transaction, so
    that the clusters are rebuilt before anything commits."""
    con = store.connection
    with store.transaction():
        if cluster_ids:
            con.execute(
                "UPDATE events SET cluster_id = NULL WHERE cluster_id IN (SELECT unnest(?::VARCHAR[]))",
                [list(cluster_ids)],
            )
            con.execute("DELETE FROM clusters WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(cluster_ids)])
        store_links(con, links)


def links_of(store: Store, cluster_id: str) -> list[dict[str, Any]]:
    """Why a cluster's reports were merged: one row per linked report with the score and its parts."""
    store.connection.execute(LINKS_DDL)
    return store.fetch_dicts(
        """SELECT l.event_id, l.linked_to, l.score, l.parts FROM cluster_links l JOIN events e ON e.id = l.event_id
        WHERE e.cluster_id = ? ORDER BY l.event_id""",
        [cluster_id],
    )
