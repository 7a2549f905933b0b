"""HTML pages. Each calls the same query function as its JSON twin under /api (linked as rel="alternate")."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from dateline.records import PLOVER_TYPES
from dateline.store import queries
from dateline.store.queries import CONFLICT_TYPES, EventFilters
from dateline.web.dependencies import Con, Filters, Limit, Offset, page_limit
from dateline.web.highlight import article_spans, event_spans, render_marked

router = APIRouter(include_in_schema=False)


def _render(request: Request, template: str, twin: str, **context: Any) -> HTMLResponse:
    """A page with a link to its JSON twin (the /api path answering from the same query)."""
    context.update(json_twin=twin, plover_types=PLOVER_TYPES, conflict_types=sorted(CONFLICT_TYPES))
    response: HTMLResponse = request.app.state.templates.TemplateResponse(request, template, context)
    return response


def _found(item: dict[str, Any] | None, what: str, key: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(status_code=404, detail=f"no {what} with id {key!r}")
    return item


def _twin(request: Request, path: str) -> str:
    query = request.url.query
    return f"{path}?{query}" if query else path


# What the UI shows unless asked otherwise: events asserted as having happened (the API's default is every event).
UI_FACTUALITY = "asserted"


def ui_filters(request: Request, filters: EventFilters) -> EventFilters:
    """The page's filters, asserted events only unless the URL asks for factuality."""
    if "factuality" in request.query_params:
        return filters
    return dataclasses.replace(filters, factuality=UI_FACTUALITY)


def _ui_twin(request: Request, path: str, filters: EventFilters) -> str:
    """The JSON twin of a page showing `filters` (the UI default spelled out, so the twin answers the same)."""
    query = dict(request.query_params)
    query.setdefault("factuality", filters.factuality or "any")
    return f"{path}?{urlencode(query)}"


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, con: Con, filters: Filters) -> HTMLResponse:
    """Map, timeline, event table and filters; the JavaScript fills them from /api (first table page inline)."""
    filters = ui_filters(request, filters)
    first = queries.list_events(con, filters, limit=25)
    twin = _ui_twin(request, "/api/events", filters)
    download_query = twin.split("?", 1)[1]
    return _render(request, "dashboard.html", twin, first=first, filters=filters, download_query=download_query)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, con: Con, event_id: str) -> HTMLResponse:
    event = _found(queries.get_event(con, event_id), "event", event_id)
    detail = _found(queries.get_article(con, event["article_id"]), "article", event["article_id"])
    text = detail["article"]["text"]
    evidence = event["evidence"]
    marked = render_marked(text, event_spans(text, event), (evidence["start"], evidence["end"]))
    enabled = request.app.state.token_mode and not request.app.state.served.read_only
    return _render(
        request, "event.html", f"/api/events/{event_id}", event=event, marked_text=marked, review_enabled=enabled
    )


@router.get("/clusters/{cluster_id}", response_class=HTMLResponse)
def cluster_page(request: Request, con: Con, cluster_id: str) -> HTMLResponse:
    cluster = _found(queries.get_cluster(con, cluster_id), "cluster", cluster_id)
    return _render(request, "cluster.html", f"/api/clusters/{cluster_id}", cluster=cluster)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request,
    con: Con,
    q: str | None = None,
    sort: str = "-mentions",
    limit: Limit = 50,
    offset: Offset = 0,
) -> HTMLResponse:
    limit = page_limit(request, limit)
    page = queries.list_actors(con, q=q, sort=sort, limit=limit, offset=offset)
    return _render(
        request, "actors.html", _twin(request, "/api/actors"), page=page, q=q or "", limit=limit, offset=offset
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, con: Con, actor_id: str) -> HTMLResponse:
    actor = _found(queries.get_actor(con, actor_id), "actor", actor_id)
    return _render(request, "actor.html", f"/api/actors/{actor_id}", actor=actor)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, con: Con, article_id: str) -> HTMLResponse:
    detail = _found(queries.get_article(con, article_id), "article", article_id)
    marked = render_marked(detail["article"]["text"], article_spans(detail))
    return _render(request, "article.html", f"/api/articles/{article_id}", detail=detail, marked_text=marked)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request,
    con: Con,
    speaker: str | None = None,
    q: str | None = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> HTMLResponse:
    limit = page_limit(request, limit)
    page = queries.list_quotes(con, speaker=speaker, q=q, limit=limit, offset=offset)
    context = {"page": page, "q": q or "", "speaker": speaker or "", "limit": limit, "offset": offset}
    return _render(request, "quotes.html", _twin(request, "/api/quotes"), **context)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request) -> HTMLResponse:
    """The actor network; the JavaScript draws it from /api/network with the same filters (asserted events unless the
    URL asks for factuality)."""
    query = dict(request.query_params)
    query.setdefault("factuality", UI_FACTUALITY)
    return _render(request, "network.html", f"/api/network?{urlencode(query)}")


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, con: Con, q: Annotated[str, Query()] = "") -> HTMLResponse:
    result = queries.search(con, q) if q.strip() else None
    return _render(request, "search.html", _twin(request, "/api/search"), result=result, q=q)


@router.get("/errors", response_class=HTMLResponse)
def errors_page(request: Request, con: Con, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    limit = page_limit(request, limit)
    page = queries.list_errors(con, limit=limit, offset=offset)
    return _render(request, "errors.html", _twin(request, "/api/errors"), page=page, limit=limit, offset=offset)
