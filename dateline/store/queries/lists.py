"""Pages and single items: events, clusters, actors, quotes, articles, errors, and search over them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from dateline.records import EVENT_FLAGS
from dateline.store.queries.accounts import competing_accounts
from dateline.store.queries.filters import (
    ACTOR_SORTS,
    CONFLICT_TYPES,
    EVENT_SORTS,
    FACTUALITY_FLAGS,
    REVIEWED,
    EventFilters,
    EventSource,
    Page,
    dicts,
    escape_like,
    event_record,
    events_of,
    jsonable,
    order_by,
    scalar,
    sql_list,
)
from dateline.store.reviews import review_trail


def _event_columns(source: EventSource) -> str:
    """The columns an event's JSON is made of (see filters.event_record)."""
    return f"record, cluster_id, {source.review}"


# --- Events ---------------------------------------------------------------------------------------------------


def list_events(
    con: duckdb.DuckDBPyConnection, filters: EventFilters, *, sort: str = "date", limit: int = 50, offset: int = 0
) -> Page:
    """A page of events (contract JSON, with cluster_id) matching the filters, and how many match in all."""
    source = events_of(con)
    where, params = filters.where(source.reviewed)
    return _event_page(con, source, where, params, order_by(sort, EVENT_SORTS, source.row_id), limit, offset)


def _event_page(
    con: duckdb.DuckDBPyConnection,
    source: EventSource,
    where: str,
    params: list[Any],
    order: str,
    limit: int,
    offset: int,
) -> Page:
    """Events matching `where`, in `order`, one page of them.

    Sorting and paging run over narrow columns first and only the page's records are fetched: sorting with the JSON
    records attached costs several times more at 100,000 events. row_id (the machine row's rowid: article, then
    position in it) is a stable tie-breaker: rows are only ever appended.
    """
    relation, row_id = source.relation, source.row_id
    total = int(scalar(con, f"SELECT count(*) FROM {relation} WHERE {where}", params) or 0)
    found = con.execute(
        f"SELECT {row_id} FROM {relation} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset]
    ).fetchall()
    row_ids = [row[0] for row in found]
    rows = dicts(
        con,
        f"SELECT {row_id} AS row_id, {_event_columns(source)} FROM {relation} "
        f"WHERE {row_id} IN (SELECT unnest(?::BIGINT[]))",
        [row_ids],
    )
    by_row = {row["row_id"]: row for row in rows}
    return Page([event_record(by_row[row_id]) for row_id in row_ids if row_id in by_row], total)


def _article_heads(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    rows = dicts(
        con,
        "SELECT id, title, source, url, published FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [list(article_ids)],
    )
    return {row["id"]: row for row in rows}


def _quotes_about(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    rows = dicts(
        con,
        "SELECT record FROM quotes WHERE event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY article_id, seq",
        [list(event_ids)],
    )
    return [json.loads(row["record"]) for row in rows]


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event with its article's heading, the other reports of its cluster and the quotes about the cluster."""
    source = events_of(con)
    columns = _event_columns(source)
    rows = dicts(con, f"SELECT {columns} FROM {source.relation} WHERE id = ?", [event_id])
    if not rows:
        return None
    event = event_record(rows[0])
    reports: list[dict[str, Any]] = []
    if event["cluster_id"]:
        reports = [
            event_record(row)
            for row in dicts(
                con,
                f"SELECT {columns} FROM {source.relation} WHERE cluster_id = ? AND id <> ? ORDER BY date_start, id",
                [event["cluster_id"], event_id],
            )
        ]
    heads = _article_heads(con, [event["article_id"], *(report["article_id"] for report in reports)])
    for report in reports:
        report["article"] = heads.get(report["article_id"])
    event["article"] = heads.get(event["article_id"])
    event["cluster_reports"] = reports
    event["quotes"] = _quotes_about(con, [event_id, *(report["id"] for report in reports)])
    event["reviews"] = review_trail(con, event_id)
    return event


# --- Clusters -------------------------------------------------------------------------------------------------


def list_clusters(con: duckdb.DuckDBPyConnection, filters: EventFilters, *, limit: int = 50, offset: int = 0) -> Page:
    """A page of clusters (real-world events) that have at least one report matching the filters, largest first."""
    selected, params = cluster_selection(filters, events_of(con))
    total = int(scalar(con, f"SELECT count(*) FROM clusters WHERE {selected}", params) or 0)
    found = con.execute(
        f"SELECT id FROM clusters WHERE {selected} ORDER BY n_reports DESC, date_start NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    ids = [row[0] for row in found]
    rows = dicts(con, "SELECT id, record FROM clusters WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    by_id = {row["id"]: json.loads(row["record"]) for row in rows}
    return Page([by_id[cluster_id] for cluster_id in ids if cluster_id in by_id], total)


def get_cluster(con: duckdb.DuckDBPyConnection, cluster_id: str) -> dict[str, Any] | None:
    """One cluster with every report (event) in it and the quotes about it."""
    rows = dicts(con, "SELECT record FROM clusters WHERE id = ?", [cluster_id])
    if not rows:
        return None
    cluster: dict[str, Any] = json.loads(rows[0]["record"])
    source = events_of(con)
    reports = [
        event_record(row)
        for row in dicts(
            con,
            f"SELECT {_event_columns(source)} FROM {source.relation} WHERE cluster_id = ? ORDER BY date_start, id",
            [cluster_id],
        )
    ]
    heads = _article_heads(con, [report["article_id"] for report in reports])
    for report in reports:
        report["article"] = heads.get(report["article_id"])
    cluster["reports"] = reports
    cluster["quotes"] = _quotes_about(con, [report["id"] for report in reports])
    cluster["accounts"] = competing_accounts(con, reports, cluster["quotes"])
    return cluster


def cluster_selection(filters: EventFilters, source: EventSource = REVIEWED) -> tuple[str, list[Any]]:
    """The SQL condition over clusters for "has a report matching the filters", and its parameters."""
    where, params = filters.where(source.reviewed)
    selected = f"id IN (SELECT cluster_id FROM {source.relation} WHERE {where})" if where != "TRUE" else "TRUE"
    return selected, params


def cluster_states(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    """Per cluster, from its reports as reviewed: factuality ("asserted" when a report is asserted and not rejected,
    else the flags its reports carry), the highest confidence of its reports that are not rejected, the review
    statuses its reports have ("corrected; rejected"; empty when none was reviewed), the record flags (Event.flags)
    that every report not rejected carries (one report naming a source clears no_source), and the mentions of the
    event over those reports."""
    rows = dicts(
        con,
        f"SELECT cluster_id, {', '.join(FACTUALITY_FLAGS)}, confidence, review_status, "
        "json_extract_string(record, '$.flags[*]') AS record_flags, "
        "coalesce(json_array_length(record, '$.mentions'), 0) AS n_mentions "
        "FROM event_view WHERE cluster_id IS NOT NULL ORDER BY cluster_id, row_id",
    )
    states: dict[str, dict[str, Any]] = {}
    for row in rows:
        fresh = {"flags": set(), "asserted": False, "confidence": None, "statuses": [], "record_flags": None,
                 "n_mentions": 0}  # fmt: skip
        state = states.setdefault(row["cluster_id"], fresh)
        rejected = row["review_status"] == "rejected"
        flags = {flag for flag in FACTUALITY_FLAGS if row[flag]}
        state["asserted"] |= not flags and not rejected
        state["flags"] |= flags
        if not rejected:
            state["confidence"] = max(state["confidence"] or 0.0, row["confidence"])
            kept = set(row["record_flags"] or ())
            state["record_flags"] = kept if state["record_flags"] is None else state["record_flags"] & kept
            state["n_mentions"] += row["n_mentions"]
        if row["review_status"] and row["review_status"] not in state["statuses"]:
            state["statuses"].append(row["review_status"])
    return {
        cluster_id: {
            "factuality": "asserted" if state["asserted"] else "; ".join(sorted(state["flags"])) or "asserted",
            "confidence": state["confidence"],
            "review_status": "; ".join(state["statuses"]),
            "flags": [flag for flag in EVENT_FLAGS if flag in (state["record_flags"] or ())],
            "n_mentions": state["n_mentions"],
        }
        for cluster_id, state in states.items()
    }


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
        params = [f"%{escape_like(q)}%"] * 3
    total = int(scalar(con, f"SELECT count(*) FROM actors WHERE {where}", params) or 0)
    rows = dicts(
        con,
        f"SELECT * FROM actors WHERE {where} ORDER BY {order_by(sort, ACTOR_SORTS)} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page(rows, total)


def get_actor(con: duckdb.DuckDBPyConnection, actor_id: str, *, limit: int = 50) -> dict[str, Any] | None:
    """One actor with its aliases, events (first `limit`, newest first), quotes and counterparts."""
    rows = dicts(con, "SELECT * FROM actors WHERE id = ?", [actor_id])
    if not rows:
        return None
    actor = rows[0]
    source = events_of(con)
    involved = f"(list_contains(source_ids, ?) OR list_contains(recipient_ids, ?)) AND {source.not_rejected}"
    newest = order_by("-date", EVENT_SORTS, source.row_id)
    events = _event_page(con, source, involved, [actor_id, actor_id], newest, limit, 0)
    actor["n_events"] = events.total
    actor["events"] = events.items
    actor["quotes"] = [
        json.loads(row["record"])
        for row in dicts(
            con, "SELECT record FROM quotes WHERE speaker_id = ? ORDER BY article_id, seq LIMIT ?", [actor_id, limit]
        )
    ]
    actor["counterparts"] = _counterparts(con, actor_id, limit)
    return actor


def _counterparts(con: duckdb.DuckDBPyConnection, actor_id: str, limit: int) -> list[dict[str, Any]]:
    """Actors on the other side of this actor's events, with how many events were conflict or cooperation."""
    conflict = sql_list(CONFLICT_TYPES)
    source = events_of(con)
    return dicts(
        con,
        f"""
        WITH pairs AS (
            SELECT unnest(list_concat(
                CASE WHEN list_contains(source_ids, $actor) THEN recipient_ids ELSE [] END,
                CASE WHEN list_contains(recipient_ids, $actor) THEN source_ids ELSE [] END
            )) AS other, type
            FROM {source.relation} WHERE (list_contains(source_ids, $actor) OR list_contains(recipient_ids, $actor))
              AND {source.not_rejected}
        )
        SELECT p.other AS id, coalesce(a.name, p.other) AS name, count(*) AS events,
               count(*) FILTER (WHERE p.type IN ({conflict})) AS conflict,
               count(*) FILTER (WHERE p.type NOT IN ({conflict})) AS cooperation
        FROM pairs p LEFT JOIN actors a ON a.id = p.other
        WHERE p.other <> $actor
        GROUP BY ALL ORDER BY events DESC, id LIMIT $limit
        """,
        {"actor": actor_id, "limit": limit},
    )


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
        params.extend([speaker, *[f"%{escape_like(speaker)}%"] * 2])
    if q:
        clauses.append("text ILIKE ?")
        params.append(f"%{escape_like(q)}%")
    where = " AND ".join(clauses) or "TRUE"
    total = int(scalar(con, f"SELECT count(*) FROM quotes WHERE {where}", params) or 0)
    rows = dicts(
        con,
        f"SELECT record FROM quotes WHERE {where} ORDER BY article_id, seq LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return Page([json.loads(row["record"]) for row in rows], total)


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """An article's text with every extracted span: events, quotes, places, times and actor mentions."""
    rows = dicts(
        con,
        "SELECT id, title, published, dateline, source, url, text, main_event_id FROM articles WHERE id = ?",
        [article_id],
    )
    if not rows:
        return None
    article = rows[0]
    source = events_of(con)

    def records(table: str) -> list[dict[str, Any]]:
        sql = f"SELECT record FROM {table} WHERE article_id = ? ORDER BY seq"
        return [json.loads(row["record"]) for row in dicts(con, sql, [article_id])]

    events = [
        event_record(row)
        for row in dicts(
            con,
            f"SELECT {_event_columns(source)} FROM {source.relation} WHERE article_id = ? ORDER BY seq",
            [article_id],
        )
    ]
    mentions = dicts(
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
    total = int(scalar(con, "SELECT count(*) FROM item_errors") or 0)
    rows = dicts(
        con,
        'SELECT origin, stage, error_type, message, article_id, stored_article, "at" FROM item_errors '
        "ORDER BY id DESC LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return Page([{key: jsonable(value) for key, value in row.items()} for row in rows], total)


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
