"""What the routes share: a read-only connection per request, the page size, the event filters, JSON responses.

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
from dateline.store import Store
from dateline.store.queries import EventFilters


def connection(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one request, closed after it (FastAPI dependency).

    Opening per request (a few ms) instead of once keeps the file free for an ingest between requests."""
    shared: Store | None = request.app.state.store
    if shared is not None:  # an in-memory database cannot be reopened
        cursor = shared.connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
        return
    settings: Settings = request.app.state.settings
    with Store(settings.db, read_only=True) as store:
        yield store.connection


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
) -> EventFilters:
    """The event filters shared by the event list, clusters, map, timeline and network."""
    return EventFilters(type, mode, acled_event_type, actor, country, start, end, bbox, q, cluster)


Filters = Annotated[EventFilters, Depends(event_filters)]
