"""Aggregates over the filtered events, computed in DuckDB: the timeline, the map's places, the actor network."""

from __future__ import annotations

from typing import Any

import duckdb

from dateline.store.queries.filters import (
    CONFLICT_TYPES,
    INTERVALS,
    EventFilters,
    Page,
    QueryError,
    dicts,
    events_of,
    sql_list,
)


def timeline(con: duckdb.DuckDBPyConnection, filters: EventFilters, *, interval: str = "month") -> list[dict[str, Any]]:
    """Event counts (and fatalities) per period and type, oldest first; undated events are left out."""
    if interval not in INTERVALS:
        raise QueryError(f"interval: {interval!r} is not one of {', '.join(INTERVALS)}")
    source = events_of(con)
    where, params = filters.where(source.reviewed)
    period = "date_start" if interval == "day" else f"CAST(date_trunc('{interval}', date_start) AS DATE)"
    rows = dicts(
        con,
        f"""
        SELECT {period} AS period, type, count(*) AS count,
               coalesce(sum(killed_best), 0) AS killed
        FROM {source.relation} WHERE date_start IS NOT NULL AND {where}
        GROUP BY ALL ORDER BY period, type
        """,
        params,
    )
    return [{**row, "period": row["period"].isoformat()} for row in rows]


# Map points are grouped on a grid this many degrees wide (about 1 km), so 100,000 events stay a few thousand points.
MAP_GRID_DEGREES = 0.01
# Most places one map answer holds (the busiest first): enough for any country, small enough for the browser.
MAP_MAX_POINTS = 10_000


def map_points(con: duckdb.DuckDBPyConnection, filters: EventFilters, *, limit: int = 5000) -> Page:
    """Located events grouped by place: count, fatalities, the commonest type, the deadliest event's id, the place's
    name and the commonest precision of its locations (place, admin2, admin1 or country)."""
    source = events_of(con)
    where, params = filters.where(source.reviewed)
    grouped = f"""
        SELECT CAST(round(lat / {MAP_GRID_DEGREES}) AS INTEGER) AS gy,
               CAST(round(lon / {MAP_GRID_DEGREES}) AS INTEGER) AS gx,
               avg(lat) AS lat, avg(lon) AS lon, count(*) AS count, coalesce(sum(killed_best), 0) AS killed,
               mode(type) AS type, arg_max(id, coalesce(killed_best, 0)) AS event_id,
               any_value(location_name) AS name, mode(location_precision) AS precision
        FROM {source.relation} WHERE lat IS NOT NULL AND lon IS NOT NULL AND {where}
        GROUP BY gy, gx
    """
    rows = dicts(
        con,
        f"SELECT lat, lon, count, killed, type, event_id, name, precision, count(*) OVER () AS places FROM ({grouped}) "
        "ORDER BY count DESC, event_id LIMIT ?",
        [*params, limit],
    )
    total = rows[0]["places"] if rows else 0
    for row in rows:
        del row["places"]
    return Page(rows, total)


def network(con: duckdb.DuckDBPyConnection, filters: EventFilters, *, limit: int = 200) -> dict[str, Any]:
    """Actors as nodes and source→recipient pairs as edges: weight = events, sign = conflict (-1) or cooperation."""
    source = events_of(con)
    where, params = filters.where(source.reviewed)
    conflict = sql_list(CONFLICT_TYPES)
    # Unnesting in SELECT lists (not lateral joins in FROM) is an order of magnitude faster in DuckDB here.
    edges = dicts(
        con,
        f"""
        WITH by_source AS (
            SELECT unnest(source_ids) AS source, recipient_ids, type IN ({conflict}) AS is_conflict
            FROM {source.relation} WHERE {where}
        ), pairs AS (
            SELECT source, unnest(recipient_ids) AS target, is_conflict FROM by_source
        )
        SELECT source, target, count(*) AS weight, count(*) FILTER (WHERE is_conflict) AS conflict,
               count(*) FILTER (WHERE NOT is_conflict) AS cooperation
        FROM pairs WHERE source <> target
        GROUP BY source, target ORDER BY weight DESC, source, target LIMIT ?
        """,
        [*params, limit],
    )
    for edge in edges:
        edge["sign"] = -1 if edge["conflict"] > edge["cooperation"] else 1
        edge["signed_weight"] = edge["cooperation"] - edge["conflict"]
    ids = sorted({edge["source"] for edge in edges} | {edge["target"] for edge in edges})
    nodes = dicts(
        con,
        "SELECT id, name, country, sector, n_mentions FROM actors "
        "WHERE id IN (SELECT unnest(?::VARCHAR[])) ORDER BY id",
        [ids],
    )
    known = {node["id"] for node in nodes}
    nodes.extend(
        {"id": id_, "name": id_, "country": None, "sector": None, "n_mentions": 0} for id_ in ids if id_ not in known
    )
    return {"nodes": nodes, "edges": edges}
