"""The shared pieces of the read queries: event filters as SQL, sort orders, pages, and small row helpers."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import duckdb
import pycountry

# PLOVER types that count as conflict (negative edges in the network); every other type is cooperation.
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "ACCUSE", "REJECT", "PROTEST", "SANCTION", "MOBILIZE"})
INTERVALS = ("day", "week", "month")
# `sort` values the event list accepts: name -> ORDER BY expression (a leading "-" reverses it). {row_id} is the
# machine row's rowid (see EventSource): insertion order, a stable tie-breaker.
EVENT_SORTS = {
    "date": "date_start {dir} NULLS LAST, {row_id}",
    "fatalities": "killed_best {dir} NULLS LAST, date_start NULLS LAST, {row_id}",
    "confidence": "confidence {dir}, {row_id}",
    "type": "type {dir}, date_start NULLS LAST, {row_id}",
    "country": "country {dir} NULLS LAST, date_start NULLS LAST, {row_id}",
    "location": "location_name {dir} NULLS LAST, date_start NULLS LAST, {row_id}",
}
# Factuality values of the `factuality` filter: asserted (no flag) or one of the four flags.
FACTUALITY_FLAGS = ("negated", "hypothetical", "future", "historical")
FACTUALITY_VALUES = ("asserted", *FACTUALITY_FLAGS)
# Values of the `flags` filter: events with no record flag (`none`), or carrying one of records.EVENT_FLAGS.
FLAG_VALUES = ("none", "aggregate", "no_source")
# Review states of the `review` filter; without the filter, rejected events are left out.
REVIEW_VALUES = ("unreviewed", "confirmed", "corrected", "rejected")
DEFAULT_REVIEW = ("unreviewed", "confirmed", "corrected")
ANY = "any"
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
    factuality: str | None = None  # comma-separated FACTUALITY_VALUES, or "any" (the default)
    min_confidence: float | None = None
    review: str | None = None  # comma-separated REVIEW_VALUES, or "any"; default: all but rejected
    flags: str | None = None  # comma-separated FLAG_VALUES, or "any" (the default)

    def where(self, reviewed: bool = True) -> tuple[str, list[Any]]:
        """The SQL condition over the events as reviewed (see EventSource) and its parameters; `reviewed=False` when
        no event has a review (the events table is read, which has no review_status)."""
        clauses: list[str] = [_review_clause(self.review, reviewed)]
        params: list[Any] = []
        if self.factuality:
            clauses.append(_factuality_clause(self.factuality))
        if self.flags:
            clauses.append(_flags_clause(self.flags))
        if self.min_confidence is not None:
            if not 0 <= self.min_confidence <= 1:
                raise QueryError(f"min_confidence: {self.min_confidence} is not between 0 and 1")
            clauses.append("confidence >= ?")
            params.append(self.min_confidence)
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
            params.extend([f"%{escape_like(self.q)}%"] * 3)
        clauses = [clause for clause in clauses if clause != "TRUE"]
        return (" AND ".join(clauses) or "TRUE"), params


def _choices(text: str, allowed: Sequence[str], name: str) -> list[str]:
    """A comma-separated list of allowed words (or "any": every one), checked."""
    words = [word.strip().lower() for word in text.split(",") if word.strip()]
    if words == [ANY]:
        return list(allowed)
    wrong = [word for word in words if word not in allowed]
    if wrong or not words:
        raise QueryError(f"{name}: {text!r} is not {ANY} or a comma-separated list of {', '.join(allowed)}")
    return words


def _review_clause(review: str | None, reviewed: bool = True) -> str:
    """Events whose review state is one of those asked (the words are checked, so they are safe in SQL)."""
    wanted = set(_choices(review, REVIEW_VALUES, "review")) if review else set(DEFAULT_REVIEW)
    if wanted == set(REVIEW_VALUES):
        return "TRUE"
    if not reviewed:
        return "TRUE" if "unreviewed" in wanted else "FALSE"
    states = [f"'{state}'" for state in sorted(wanted - {"unreviewed"})]
    parts = [f"review_status IN ({', '.join(states)})"] if states else []
    if "unreviewed" in wanted:
        parts.append("review_status IS NULL")
    return "(" + " OR ".join(parts) + ")"


def _factuality_clause(factuality: str) -> str:
    """Events that are asserted (no flag set), or carry one of the flags asked."""
    wanted = _choices(factuality, FACTUALITY_VALUES, "factuality")
    if set(wanted) == set(FACTUALITY_VALUES):
        return "TRUE"
    parts = [flag for flag in FACTUALITY_FLAGS if flag in wanted]
    if "asserted" in wanted:
        parts.append("NOT (" + " OR ".join(FACTUALITY_FLAGS) + ")")
    return "(" + " OR ".join(parts) + ")"


def _flags_clause(flags: str) -> str:
    """Events with no record flag (`none`), or carrying one of the flags asked (read from the record's JSON; the
    words are checked, so they are safe in SQL)."""
    wanted = _choices(flags, FLAG_VALUES, "flags")
    if set(wanted) == set(FLAG_VALUES):
        return "TRUE"
    carried = "json_extract_string(record, '$.flags[*]')"
    parts = [f"list_contains({carried}, '{flag}')" for flag in FLAG_VALUES[1:] if flag in wanted]
    if "none" in wanted:
        parts.append(f"len({carried}) = 0")
    return "(" + " OR ".join(parts) + ")"


@dataclass(frozen=True)
class EventSource:
    """Where the events as reviewed are read: event_view (store/reviews.sql) once an event has been reviewed, else
    the events table itself. Every event is then the machine's, and reading the table spares the binding of the view,
    a few milliseconds a query: most of what a page of events costs on a small database."""

    relation: str
    row_id: str  # the machine row's rowid
    review: str  # the review summary column
    reviewed: bool

    @property
    def not_rejected(self) -> str:
        return "review_status IS DISTINCT FROM 'rejected'" if self.reviewed else "TRUE"


REVIEWED = EventSource("event_view", "row_id", "review", True)
UNREVIEWED = EventSource("events", "rowid", "NULL::JSON AS review", False)


def events_of(con: duckdb.DuckDBPyConnection) -> EventSource:
    """The source to read events from now (see EventSource)."""
    found = con.execute("SELECT EXISTS (SELECT 1 FROM reviewed_events)").fetchall()
    return REVIEWED if found and found[0][0] else UNREVIEWED


def escape_like(text: str) -> str:
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


def order_by(sort: str, choices: dict[str, str], row_id: str = "row_id") -> str:
    name = sort.lstrip("-")
    if name not in choices:
        raise QueryError(f"sort: {sort!r} is not one of {', '.join(sorted(choices))} (prefix - to reverse)")
    return choices[name].format(dir="DESC" if sort.startswith("-") else "ASC", row_id=row_id)


def dicts(
    con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
) -> list[dict[str, Any]]:
    """Rows of a query as dicts; `params` are positional (?) or named ($name)."""
    cursor = con.execute(sql, dict(params) if isinstance(params, Mapping) else list(params))
    columns = [column[0] for column in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> Any:
    found = con.execute(sql, list(params)).fetchall()
    return found[0][0] if found else None


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """An event row of event_view as contract JSON, with its current cluster and its review (None when unreviewed)."""
    record: dict[str, Any] = json.loads(row["record"])
    record["cluster_id"] = row["cluster_id"]
    review = row.get("review")
    record["review"] = json.loads(review) if review else None
    return record


def sql_list(words: frozenset[str]) -> str:
    return ", ".join(f"'{word}'" for word in sorted(words))
