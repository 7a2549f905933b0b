"""Read queries for the REST API and the web UI: filtering, sorting, paging and aggregation happen in DuckDB.

Every function takes a DuckDB connection (a read-only cursor of `Store.connection`, one per request) and returns
plain JSON-ready data. HTML pages and their JSON twins call the same function here.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pycountry

# PLOVER types that count as conflict (negative edges in the network); every other type is cooperation.
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "REJECT", "PROTEST", "SANCTION", "MOBILIZE"})
INTERVALS = ("day", "week", "month")
# `sort` values the event list accepts: name -> ORDER BY expression (a leading "-" reverses it).
EVENT_SORTS = {
    "date": "date_start {dir} NULLS LAST, rowid",
    "fatalities": "killed_best {dir} NULLS LAST, date_start NULLS LAST, rowid",
    "confidence": "confidence {dir}, rowid",
    "type": "type {dir}, date_start NULLS LAST, rowid",
    "country": "country {dir} NULLS LAST, date_start NULLS LAST, rowid",
    "location": "location_name {dir} NULLS LAST, date_start NULLS LAST, rowid",
}
ACTOR_SORTS = {
    "mentions": "n_mentions {dir}, id",
    "articles": "n_articles {dir}, id",
    "name": "name {dir}, id",
}


class QueryError(ValueError):
    """A query parameter cannot be used (unknown sort, bad date, bad bbox): the client's mistake."""


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    total: int

    def to_json(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total}


@dataclass(frozen=True)
class EventFilters:
    """Filters of the event list, map, timeline and network; None means no filter."""

    type: str | None = None
    mode: str | None = None
    acled_event_type: str | None = None
    actor: str | None = None
    country: str | None = None
    start: str | None = None
    end: str | None = None
    bbox: str | None = None
    q: str | None = None
    cluster: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over the events table and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for column in ("type", "mode", "acled_event_type"):
            value = getattr(self, column)
            if value:
                clauses.append(f"{column} = ?")
                params.append(value.upper() if column == "type" else value)
        if self.cluster:
            clauses.append("cluster_id = ?")
            params.append(self.cluster)
        if self.country:
            clauses.append("country = ?")
            params.append(country_alpha2(self.country))
        if self.actor:
            clauses.append(
                "(list_contains(source_ids, ?) OR list_contains(recipient_ids, ?)"
                " OR list_contains(list_transform(list_concat(source_names, recipient_names), lambda n: lower(n)),"
                " lower(?)))"
            )
            params.extend([self.actor] * 3)
        if self.start:
            clauses.append("date_end >= ?")
            params.append(parse_date(self.start, "start"))
        if self.end:
            clauses.append("date_start <= ?")
            params.append(parse_date(self.end, "end"))
        if self.bbox:
            clause, values = _bbox_clause(self.bbox)
            clauses.append(clause)
            params.extend(values)
        if self.q:
            clauses.append(
                "(evidence_text ILIKE ? OR location_name ILIKE ? OR array_to_string(source_names, ' ') ILIKE ?)"
            )
            params.extend([f"%{_escape_like(self.q)}%"] * 3)
        return (" AND ".join(clauses) or "TRUE"), params


def _escape_like(text: str) -> str:
    # DuckDB's ILIKE has no default escape character, so % and _ in user text would act as wildcards.
    return text.replace("%", "").replace("_", " ").strip()


def parse_date(text: str, name: str) -> dt.date:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD; a short form means its first day) or QueryError."""
    parts = text.strip().split("-")
    try:
        numbers = [int(part) for part in parts]
        while len(numbers) < 3:
            numbers.append(1)
        if len(numbers) != 3 or len(parts[0]) != 4:
            raise ValueError(text)
        return dt.date(*numbers)
    except ValueError as error:
        raise QueryError(f"{name}: {text!r} is not an ISO date (YYYY-MM-DD)") from error


def country_alpha2(code: str) -> str:
    """ISO alpha-2 for an alpha-2 or alpha-3 code (events store the place's alpha-2 code)."""
    code = code.strip().upper()
    if len(code) == 3:
        found = pycountry.countries.get(alpha_3=code)
        if found is None:
            raise QueryError(f"country: {code!r} is not an ISO 3166 code")
        return str(found.alpha_2)
    return code


def _bbox_clause(text: str) -> tuple[str, list[float]]:
    try:
        west, south, east, north = (float(part) for part in text.split(","))
    except ValueError as error:
        raise QueryError(f"bbox: {text!r} is not west,south,east,north") from error
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise QueryError(f"bbox: {text!r} is out of range")
    if west <= east:
        return "(lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?)", [south, north, west, east]
    # A box across the antimeridian: west of 180 or east of -180.
    return "(lat BETWEEN ? AND ? AND (lon >= ? OR lon <= ?))", [south, north, west, east]


def _order_by(sort: str, choices: dict[str, str]) -> str:
    name = sort.lstrip("-")
    if name not in choices:
        raise QueryError(f"sort: {sort!r} is not one of {', '.join(sorted(choices))} (prefix - to reverse)")
    return choices[name].format(dir="DESC" if sort.startswith("-") else "ASC")


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = con.execute(sql, list(params))
    columns = [column[0] for column in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    found = con.execute(sql, list(params)).fetchall()
    return found[0][0] if found else None


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def _event_record(row: dict[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(row["record"])
    record["cluster_id"] = row["cluster_id"]
    return record


# --- Events ---------------------------------------------------------------------------------------------------


def list_events(
    con: duckdb.DuckDBPyConnection, filters: EventFilters, *, sort: str = "date", limit: int = 50, offset: int = 0
) -> Page:
    """A page of events (contract JSON, with cluster_id) matching the filters, and how many match in all."""
    where, params = filters.where()
    total = int(_scalar(con, f"SELECT count(*) FROM events WHERE {where}", params) or 0)
    # Sort and page over narrow columns first, then fetch the page's records: sorting with the JSON records
    # attached costs several times more at 100,000 events. The database is read-only while served, so rowid
    # (insertion order: article, then position in it) is a stable tie-breaker.
    order = _order_by(sort, EVENT_SORTS)
    found = con.execute(
        f"SELECT rowid FROM events WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]
    ).fetchall()
    row_ids = [row[0] for row in found]
    rows = _dicts(
        con,
        "SELECT rowid AS row_id, record, cluster_id FROM events WHERE rowid IN (SELECT unnest(?::BIGINT[]))",
        [row_ids],
    )
    by_row = {row["row_id"]: row for row in rows}
    return Page([_event_record(by_row[row_id]) for row_id in row_ids if row_id in by_row], total)


def _article_heads(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    rows = _dicts(
        con,
        "SELECT id, title, source, url, published FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [list(article_ids)],
    )
    return {row["id"]: row for row in rows}


def _quotes_about(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    rows = _dicts(
        con,
        "SELECT record FROM quotes WHERE event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY article_id, seq",
        [list(event_ids)],
    )
    return [json.loads(row["record"]) for row in rows]


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with its article's heading, the other reports of its cluster and the quotes about the cluster."""
    rows = _dicts(con, "SELECT record, cluster_id FROM events WHERE id = ?", [event_id])
    if not rows:
        return None
    event = _event_record(rows[0])
    reports: list[dict[str, Any]] = []
    if event["cluster_id"]:
        reports = [
            _event_record(row)
            for row in _dicts(
                con,
                "SELECT record, cluster_id FROM events WHERE cluster_id = ? AND id <> ? ORDER BY date_start, id",
                [event["cluster_id"], event_id],
            )
        ]
    heads = _article_heads(con, [event["article_id"], *(report["article_id"] for report in reports)])
    for report in reports:
        report["article"] = heads.get(report["article_id"])
    event["article"] = heads.get(event["article_id"])
    event["cluster_reports"] = reports
    event["quotes"] = _quotes_about(con, [event_id, *(report["id"] for report in reports)])
    return event


# --- Clusters -------------------------------------------------------------------------------------------------


def list_clusters(con: duckdb.DuckDBPyConnection, filters: EventFilters, *, limit: int = 50, offset: int = 0) -> Page:
    """A page of clusters (real-world events) that have at least one report matching the filters, largest first."""
    where, params = filters.where()
    selected = f"id IN (SELECT cluster_id FROM events WHERE {where})" if where != "TRUE" else "TRUE"
    total = int(_scalar(con, f"SELECT count(*) FROM clusters WHERE {selected}", params) or 0)
    found = con.execute(
        f"SELECT id FROM clusters WHERE {selected} ORDER BY n_reports DESC, date_start NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    ids = [row[0] for row in found]
    rows = _dicts(con, "SELECT id, record FROM clusters WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    by_id = {row["id"]: json.loads(row["record"]) for row in rows}
    return Page([by_id[cluster_id] for cluster_id in ids if cluster_id in by_id], total)


def get_cluster(con: duckdb.DuckDBPyConnection, cluster_id: str) -> dict[str, Any] | None:
    """One cluster with every report (event) in it and the quotes about it."""
    rows = _dicts(con, "SELECT record FROM clusters WHERE id = ?", [cluster_id])
    if not rows:
        return None
    cluster: dict[str, Any] = json.loads(rows[0]["record"])
    reports = [
        _event_record(row)
        for row in _dicts(
            con, "SELECT record, cluster_id FROM events WHERE cluster_id = ? ORDER BY date_start, id", [cluster_id]
        )
    ]
    heads = _article_heads(con, [report["article_id"] for report in reports])
    for report in reports:
        report["article"] = heads.get(report["article_id"])
    cluster["reports"] = reports
    cluster["quotes"] = _quotes_about(con, [report["id"] for report in reports])
    return cluster


# --- Actors ---------------------------------------------------------------------------------------------------


def list_actors(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    sort: str = "-mentions",
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """A page of canonical actors; `q` matches the name, an alias or the id."""
    where, params = "TRUE", []
    if q:
        where = "(name ILIKE ? OR id ILIKE ? OR array_to_string(aliases, ' | ') ILIKE ?)"
        params = [f"%{_escape_like(q)}%"] * 3
    total = int(_scalar(con, f"SELECT count(*) FROM actors WHERE {where}", params) or 0)
    rows = _dicts(
        con,
        f"SELECT * FROM actors WHERE {where} ORDER BY {_order_by(sort, ACTOR_SORTS)} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page(rows, total)


def get_actor(con: duckdb.DuckDBPyConnection, actor_id: str, *, limit: int = 50) -> dict[str, Any] | None:
    """One actor with its aliases, events (first `limit`, newest first), quotes and counterparts."""
    rows = _dicts(con, "SELECT * FROM actors WHERE id = ?", [actor_id])
    if not rows:
        return None
    actor = rows[0]
    involved = "(list_contains(source_ids, ?) OR list_contains(recipient_ids, ?))"
    actor["n_events"] = int(_scalar(con, f"SELECT count(*) FROM events WHERE {involved}", [actor_id] * 2) or 0)
    actor["events"] = [
        _event_record(row)
        for row in _dicts(
            con,
            f"SELECT record, cluster_id FROM events WHERE {involved} ORDER BY date_start DESC NULLS LAST, id LIMIT ?",
            [actor_id, actor_id, limit],
        )
    ]
    actor["quotes"] = [
        json.loads(row["record"])
        for row in _dicts(
            con, "SELECT record FROM quotes WHERE speaker_id = ? ORDER BY article_id, seq LIMIT ?", [actor_id, limit]
        )
    ]
    actor["counterparts"] = _counterparts(con, actor_id, limit)
    return actor


def _counterparts(con: duckdb.DuckDBPyConnection, actor_id: str, limit: int) -> list[dict[str, Any]]:
    """Actors on the other side of this actor's events, with how many events were conflict or cooperation."""
    conflict = _sql_list(CONFLICT_TYPES)
    return _dicts(
        con,
        f"""
        WITH pairs AS (
            SELECT unnest(recipient_ids) AS other, type FROM events WHERE list_contains(source_ids, ?)
            UNION ALL
            SELECT unnest(source_ids) AS other, type FROM events WHERE list_contains(recipient_ids, ?)
        )
        SELECT p.other AS id, coalesce(a.name, p.other) AS name, count(*) AS events,
               count(*) FILTER (WHERE p.type IN ({conflict})) AS conflict,
               count(*) FILTER (WHERE p.type NOT IN ({conflict})) AS cooperation
        FROM pairs p LEFT JOIN actors a ON a.id = p.other
        WHERE p.other <> ?
        GROUP BY ALL ORDER BY events DESC, id LIMIT ?
        """,
        [actor_id, actor_id, actor_id, limit],
    )


def _sql_list(words: frozenset[str]) -> str:
    return ", ".join(f"'{word}'" for word in sorted(words))


# --- Quotes, articles, errors ---------------------------------------------------------------------------------


def list_quotes(
    con: duckdb.DuckDBPyConnection,
    *,
    speaker: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """A page of quotes; `speaker` is an actor id or words of the speaker's name, `q` words of the quote."""
    clauses: list[str] = []
    params: list[Any] = []
    if speaker:
        clauses.append("(speaker_id = ? OR speaker_name ILIKE ? OR speaker_text ILIKE ?)")
        params.extend([speaker, *[f"%{_escape_like(speaker)}%"] * 2])
    if q:
        clauses.append("text ILIKE ?")
        params.append(f"%{_escape_like(q)}%")
    where = " AND ".join(clauses) or "TRUE"
    total = int(_scalar(con, f"SELECT count(*) FROM quotes WHERE {where}", params) or 0)
    rows = _dicts(
        con,
        f"SELECT record FROM quotes WHERE {where} ORDER BY article_id, seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page([json.loads(row["record"]) for row in rows], total)


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """An article's text with every extracted span: events, quotes, places, times and actor mentions."""
    rows = _dicts(
        con, "SELECT id, title, published, dateline, source, url, text FROM articles WHERE id = ?", [article_id]
    )
    if not rows:
        return None
    article = rows[0]

    def records(table: str) -> list[dict[str, Any]]:
        sql = f"SELECT record FROM {table} WHERE article_id = ? ORDER BY seq"
        return [json.loads(row["record"]) for row in _dicts(con, sql, [article_id])]

    events = [
        _event_record(row)
        for row in _dicts(con, "SELECT record, cluster_id FROM events WHERE article_id = ? ORDER BY seq", [article_id])
    ]
    mentions = _dicts(
        con,
        """
        SELECT m.actor_id, aa.name, m.text, m."start", m."end" FROM actor_mentions m
        JOIN article_actors aa ON aa.article_id = m.article_id AND aa.seq = m.actor_seq
        WHERE m.article_id = ? ORDER BY m."start", m."end"
        """,
        [article_id],
    )
    return {
        "article": article,
        "events": events,
        "quotes": records("quotes"),
        "places": records("places"),
        "times": records("times"),
        "actors": mentions,
    }


def list_errors(con: duckdb.DuckDBPyConnection, *, limit: int = 50, offset: int = 0) -> Page:
    """A page of item errors, newest first."""
    total = int(_scalar(con, "SELECT count(*) FROM item_errors") or 0)
    rows = _dicts(
        con,
        'SELECT origin, stage, error_type, message, article_id, stored_article, "at" FROM item_errors '
        "ORDER BY id DESC LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return Page([{key: _jsonable(value) for key, value in row.items()} for row in rows], total)


# --- Aggregates: timeline, map, network -----------------------------------------------------------------------


def timeline(con: duckdb.DuckDBPyConnection, filters: EventFilters, *, interval: str = "month") -> list[dict[str, Any]]:
    """Event counts (and fatalities) per period and type, oldest first; undated events are left out."""
    if interval not in INTERVALS:
        raise QueryError(f"interval: {interval!r} is not one of {', '.join(INTERVALS)}")
    where, params = filters.where()
    period = "date_start" if interval == "day" else f"CAST(date_trunc('{interval}', date_start) AS DATE)"
    rows = _dicts(
        con,
        f"""
        SELECT {period} AS period, type, count(*) AS count,
               coalesce(sum(killed_best), 0) AS killed
        FROM events WHERE date_start IS NOT NULL AND {where}
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
    """Located events grouped by place: count, fatalities, the commonest type and the deadliest event's id."""
    where, params = filters.where()
    grouped = f"""
        SELECT round(lat / {MAP_GRID_DEGREES}) AS gy, round(lon / {MAP_GRID_DEGREES}) AS gx,
               avg(lat) AS lat, avg(lon) AS lon, count(*) AS count, coalesce(sum(killed_best), 0) AS killed,
               mode(type) AS type, arg_max(id, coalesce(killed_best, 0)) AS event_id,
               any_value(location_name) AS name
        FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL AND {where}
        GROUP BY gy, gx
    """
    rows = _dicts(
        con,
        f"SELECT lat, lon, count, killed, type, event_id, name, count(*) OVER () AS places FROM ({grouped}) "
        "ORDER BY count DESC, event_id LIMIT ?",
        [*params, limit],
    )
    total = rows[0]["places"] if rows else 0
    for row in rows:
        del row["places"]
    return Page(rows, total)


def network(con: duckdb.DuckDBPyConnection, filters: EventFilters, *, limit: int = 200) -> dict[str, Any]:
    """Actors as nodes and source→recipient pairs as edges: weight = events, sign = conflict (-1) or cooperation."""
    where, params = filters.where()
    conflict = _sql_list(CONFLICT_TYPES)
    # Unnesting in SELECT lists (not lateral joins in FROM) is an order of magnitude faster in DuckDB here.
    edges = _dicts(
        con,
        f"""
        WITH by_source AS (
            SELECT unnest(source_ids) AS source, recipient_ids, type IN ({conflict}) AS is_conflict
            FROM events WHERE {where}
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
    nodes = _dicts(
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


@dataclass(frozen=True)
class SearchResult:
    events: Page
    actors: Page
    quotes: Page

    def to_json(self) -> dict[str, Any]:
        return {"events": self.events.to_json(), "actors": self.actors.to_json(), "quotes": self.quotes.to_json()}


def search(con: duckdb.DuckDBPyConnection, q: str, *, limit: int = 20) -> SearchResult:
    """Events, actors and quotes whose words contain `q`."""
    return SearchResult(
        events=list_events(con, EventFilters(q=q), sort="-date", limit=limit),
        actors=list_actors(con, q=q, limit=limit),
        quotes=list_quotes(con, q=q, limit=limit),
    )
