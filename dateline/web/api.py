"""The REST API: JSON over the read queries of dateline.store.queries (paths and fields fixed by docs/contract.md),
reviews of events (POST /api/events/{id}/review, in token mode only) and downloads of the filtered events.

Lists answer {"items": [...], "total": N} and take `limit` (capped by settings.max_page_size) and `offset`. A query
parameter a route does not take is refused (400).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from dateline.store import Store, queries
from dateline.web import downloads
from dateline.web.dependencies import (
    Con,
    FastJSONResponse,
    Filters,
    Limit,
    Offset,
    json_response,
    page_limit,
    reject_unknown_parameters,
)
from dateline.web.serving import ServedDatabase


class ErrorBody(BaseModel):
    """The one error body of every route."""

    ok: bool = False
    error: str
    status: int


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter cannot be used (unknown sort or parameter, bad date, ...)"},
    404: {"model": ErrorBody, "description": "No item with this id"},
    503: {"model": ErrorBody, "description": "The database cannot be read"},
}
router = APIRouter(
    prefix="/api",
    tags=["api"],
    default_response_class=FastJSONResponse,
    responses=_ERRORS,
    dependencies=[Depends(reject_unknown_parameters)],
)


def _found(item: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(status_code=404, detail=f"no {what} with id {key!r}")
    return item


@router.get("/events", summary="Events matching the filters, sorted and paged")
def events(
    request: Request,
    con: Con,
    filters: Filters,
    sort: Annotated[
        str, Query(description="date, fatalities, confidence, type, country, location; -name reverses.")
    ] = ("date"),
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    page = queries.list_events(con, filters, sort=sort, limit=page_limit(request, limit), offset=offset)
    return json_response(page.to_json())


@router.get("/events/{event_id}", summary="One event with its evidence, the other reports of its cluster, quotes")
def event(con: Con, event_id: str) -> Response:
    return json_response(_found(queries.get_event(con, event_id), "event", event_id))


@router.get("/clusters", summary="Real-world events merged across articles")
def clusters(request: Request, con: Con, filters: Filters, limit: Limit = 50, offset: Offset = 0) -> Response:
    return json_response(queries.list_clusters(con, filters, limit=page_limit(request, limit), offset=offset).to_json())


@router.get("/clusters/{cluster_id}", summary="One real-world event with all its reports")
def cluster(con: Con, cluster_id: str) -> Response:
    return json_response(_found(queries.get_cluster(con, cluster_id), "cluster", cluster_id))


@router.get("/actors", summary="Actors with their aliases and mention counts")
def actors(
    request: Request,
    con: Con,
    q: Annotated[str | None, Query(description="Words of the name, an alias or the id.")] = None,
    sort: Annotated[str, Query(description="mentions, articles or name; -name reverses.")] = "-mentions",
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    return json_response(
        queries.list_actors(con, q=q, sort=sort, limit=page_limit(request, limit), offset=offset).to_json()
    )


@router.get("/actors/{actor_id}", summary="One actor: aliases, events, quotes and counterparts")
def actor(request: Request, con: Con, actor_id: str, limit: Limit = 50) -> Response:
    return json_response(_found(queries.get_actor(con, actor_id, limit=page_limit(request, limit)), "actor", actor_id))


@router.get("/quotes", summary="Quotes, by speaker and words")
def quotes(
    request: Request,
    con: Con,
    speaker: Annotated[str | None, Query(description="Speaker's actor id or words of their name.")] = None,
    q: Annotated[str | None, Query(description="Words in the quote.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    page = queries.list_quotes(con, speaker=speaker, q=q, limit=page_limit(request, limit), offset=offset)
    return json_response(page.to_json())


@router.get("/articles/{article_id}", summary="An article's text with every extracted span")
def article(con: Con, article_id: str) -> Response:
    return json_response(_found(queries.get_article(con, article_id), "article", article_id))


@router.get("/timeline", summary="Event counts per day, week or month and type")
def timeline(
    con: Con,
    filters: Filters,
    interval: Annotated[str, Query(description="day, week or month.")] = "month",
) -> Response:
    items = queries.timeline(con, filters, interval=interval)
    return json_response({"interval": interval, "items": items, "total": len(items)})


@router.get("/map", summary="Located events grouped by place, for the map")
def map_points(
    con: Con,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, description="Most places returned, busiest first (at most 10,000).")] = 5000,
) -> Response:
    return json_response(queries.map_points(con, filters, limit=min(limit, queries.MAP_MAX_POINTS)).to_json())


@router.get("/network", summary="Actors as nodes, events between them as weighted, signed edges")
def network(
    request: Request,
    con: Con,
    filters: Filters,
    limit: Annotated[int, Query(ge=1, description="Most edges returned (heaviest first).")] = 200,
) -> Response:
    return json_response(queries.network(con, filters, limit=page_limit(request, limit)))


@router.get("/search", summary="Events, actors and quotes containing the words")
def search(con: Con, q: Annotated[str, Query(min_length=1)]) -> Response:
    return json_response(queries.search(con, q).to_json())


@router.get("/errors", summary="Items that failed, and why")
def errors(request: Request, con: Con, limit: Limit = 50, offset: Offset = 0) -> Response:
    return json_response(queries.list_errors(con, limit=page_limit(request, limit), offset=offset).to_json())


class ReviewBody(BaseModel):
    """A review: confirm the event, correct some of its fields, or reject it (docs/api.md, "Reviews")."""

    model_config = ConfigDict(extra="forbid")
    status: Literal["confirmed", "corrected", "rejected"]
    reviewer: str = Field(min_length=1, max_length=100, description="Who reviews (kept in the audit trail).")
    note: str | None = Field(default=None, max_length=2000, description="Why, in a few words.")
    changes: dict[str, Any] = Field(
        default_factory=dict,
        description="With `corrected`: {field: value} for type, mode, acled, source, recipient, date, location "
        "(or place), killed, injured, displaced, captured.",
    )


_REVIEW_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorBody, "description": "Token mode: the token is missing or wrong"},
    403: {"model": ErrorBody, "description": "Reviews need token mode (serve --token), or the database is read-only"},
}


@router.post(
    "/events/{event_id}/review",
    summary="Confirm, correct or reject an event (needs the token); answers the event as reviewed",
    responses=_REVIEW_ERRORS,
)
async def review_event(request: Request, event_id: str, body: ReviewBody) -> Response:
    from dateline import review  # imports the gazetteer's stage (and spaCy): only once someone reviews

    if not request.app.state.token_mode:
        raise HTTPException(
            403, "reviews need a token: start the server with `dateline serve --token` (or DATELINE_TOKEN)"
        )
    served: ServedDatabase = request.app.state.served

    given = {"status": body.status, "reviewer": body.reviewer, "note": body.note, "changes": body.changes}

    def write(store: Store) -> dict[str, Any]:
        return review.submit_review(store.connection, event_id, given)

    try:
        await served.write(write)
    except review.UnknownEventError as error:
        raise HTTPException(404, str(error)) from error
    except review.ReviewError as error:
        raise HTTPException(400, str(error)) from error
    with served.reader() as con:
        return json_response(queries.get_event(con, event_id))


@router.get("/export", summary="The events matching the filters, as a file: csv, geojson or jsonl")
def export_events(
    request: Request,
    filters: Filters,
    format: Annotated[str, Query(description="csv (flattened columns), geojson or jsonl (contract JSON).")] = "csv",
) -> Response:
    if format not in downloads.DOWNLOADS:
        raise HTTPException(400, f"format: {format!r} is not one of {', '.join(downloads.DOWNLOADS)}")
    chunks = downloads.event_download(request.app.state.served, format, filters)
    headers = {"Content-Disposition": f'attachment; filename="dateline-events.{format}"'}
    return StreamingResponse(chunks, media_type=downloads.DOWNLOADS[format], headers=headers)
