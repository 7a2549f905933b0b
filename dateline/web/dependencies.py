"""What the routes share: a cursor per request, the page size, the event filters, JSON responses, and the refusal of
query parameters a route does not take.

FastAPI dependencies and helpers used by both the REST API (api.py) and the HTML pages (pages.py); app.py builds
the application around them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

import duckdb
from fastapi import Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from dateline.settings import Settings
from dateline.store.queries import FACTUALITY_VALUES, FLAG_VALUES, REVIEW_VALUES, EventFilters, QueryError


def connection(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the served database for one request, closed after it (FastAPI dependency): it reads the last
    committed state, whatever the writer thread is doing (web/serving.py)."""
    with request.app.state.served.reader() as cursor:
        yield cursor


def page_limit(request: Request, limit: int) -> int:
    """The page size asked for, capped by settings.max_page_size."""
    settings: Settings = request.app.state.settings
    return max(1, min(limit, settings.max_page_size))


class FastJSONResponse(JSONResponse):
    """JSON rendered by the standard library without FastAPI's per-field encoding (several times faster on
    a page of 500 events); query results are already plain JSON data."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def json_response(content: Any) -> Response:
    return FastJSONResponse(content)


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"ok": False, "error": message, "status": status}


Con = Annotated[duckdb.DuckDBPyConnection, Depends(connection)]
Limit = Annotated[int, Query(ge=1, description="Page size (capped by the max_page_size setting).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Items to skip (at most 10^9).")]


def event_filters(
    type: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT.")] = None,
    mode: Annotated[str | None, Query(description="PLOVER mode, e.g. firearms.")] = None,
    acled_event_type: Annotated[str | None, Query(description="ACLED event type, e.g. Battles.")] = None,
    actor: Annotated[str | None, Query(description="Actor id or canonical name (source or recipient).")] = None,
    country: Annotated[str | None, Query(description="Country of the location, ISO alpha-2 or alpha-3.")] = None,
    start: Annotated[str | None, Query(description="Events ending on or after this ISO date.")] = None,
    end: Annotated[str | None, Query(description="Events starting on or before this ISO date.")] = None,
    bbox: Annotated[str | None, Query(description="west,south,east,north in degrees.")] = None,
    q: Annotated[str | None, Query(description="Words in the evidence sentence, place or source actor.")] = None,
    cluster: Annotated[str | None, Query(description="Cluster id: the reports of one real-world event.")] = None,
    factuality: Annotated[
        str | None,
        Query(
            description=f"Comma-separated, any of {', '.join(FACTUALITY_VALUES)}: events asserted as having happened "
            "(no flag), or carrying one of the flags; `any` (the default) for all."
        ),
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Events at least this confident.")] = None,
    review: Annotated[
        str | None,
        Query(
            description=f"Comma-separated, any of {', '.join(REVIEW_VALUES)}, or `any`. Default: every event but the "
            "rejected ones."
        ),
    ] = None,
    flags: Annotated[
        str | None,
        Query(
            description=f"Comma-separated, any of {', '.join(FLAG_VALUES)}: events with no record flag (`none`: one "
            "attributed occurrence), or carrying `aggregate` (many occurrences told as one record) or `no_source` (no "
            "acting party found); `any` (the default) for all."
        ),
    ] = None,
) -> EventFilters:
    """The event filters shared by the event list, clusters, map, timeline and network."""
    return EventFilters(
        type, mode, acled_event_type, actor, country, start, end, bbox, q, cluster, factuality, min_confidence, review,
        flags,
    )  # fmt: skip


Filters = Annotated[EventFilters, Depends(event_filters)]


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route (and its dependencies) declares."""
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def reject_unknown_parameters(request: Request) -> None:
    """Refuse query parameters the route does not take (a typo would otherwise be silently ignored: `?tpye=ASSAULT`
    answering every event)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    unknown = sorted(set(request.query_params) - _query_names(dependant))
    if unknown:
        known = ", ".join(sorted(_query_names(dependant))) or "none"
        raise QueryError(f"unknown query parameter(s) {', '.join(unknown)}; this route takes: {known}")
