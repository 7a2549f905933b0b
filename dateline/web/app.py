"""The web application: REST API under /api, HTML pages, offline OpenAPI docs, static and vendored JavaScript, and
the internal endpoints through which `dateline ingest` and `dateline export` reach the database the server holds.

`create_app(settings)` opens the database once, as its one writer (web/serving.py): requests read through cursors of
it, reviews and ingested batches are written by one writer thread. While the app runs, a note beside the file
(dateline/store/sidecar.py) tells `dateline ingest` to send its batches here. See docs/storage.md.

Security (web/auth.py): with a `token`, every request (API, pages, static and vendored files) must carry it as
`Authorization: Bearer <token>` or the browser's session cookie (from /login); reviews need token mode. CORS is off
unless `cors_origins` are given. Browser libraries are served from dateline/web/node_modules (installed by
`make install`), never from a CDN.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import duckdb
import pycountry
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from dateline.settings import Settings
from dateline.store import StoreError, StoreLockedError
from dateline.store.queries import QueryError
from dateline.store.sidecar import ServerNote, new_secret, remove_note, write_note
from dateline.web import api, internal, pages
from dateline.web.auth import add_token_check, check_token
from dateline.web.dependencies import error_body
from dateline.web.serving import IN_MEMORY, ReadOnlyError, open_served

log = logging.getLogger(__name__)

WEB_DIR = Path(__file__).parent
NODE_MODULES = WEB_DIR / "node_modules"
# URL path under /vendor/ -> folder inside node_modules: only the files the UI needs are reachable.
VENDOR = {
    "d3": "d3/dist",
    "topojson-client": "topojson-client/dist",
    "world-atlas": "world-atlas",
    "swagger-ui": "swagger-ui-dist",
}


# What each of Event.flags tells an analyst (records.EVENT_FLAGS), shown beside the flag on every page.
FLAG_NOTES = {
    "aggregate": "one record for many occurrences told together: do not count it as one event",
    "no_source": "no acting party was found in the text",
}


def country_name(code: str | None) -> str:
    """A country's name from its ISO alpha-3 code; other codes (IGO, IMG, ...) as they are."""
    found = pycountry.countries.get(alpha_3=code) if code and len(code) == 3 else None
    return str(getattr(found, "common_name", None) or found.name) if found else str(code or "")


def templates() -> Jinja2Templates:
    pages = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    pages.env.filters["country_name"] = country_name
    pages.env.filters["flag_note"] = lambda flag: FLAG_NOTES.get(str(flag), str(flag))
    return pages


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class MissingTokenError(ValueError):
    """Serving on a non-loopback address without a token."""


def check_bind(host: str, token: str | None) -> None:
    """Binding anywhere but loopback exposes the data: it requires a token."""
    if host not in LOOPBACK_HOSTS and not token:
        raise MissingTokenError(f"serving on {host} requires a token (--token or DATELINE_TOKEN)")


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api") and "text/html" in request.headers.get("accept", "")


async def handle_error(request: Request, error: Exception) -> Response:
    """The one exception handler: every failure answers the same body, as JSON or rendered in the error page."""
    if isinstance(error, StarletteHTTPException):
        status, message = error.status_code, str(error.detail)
    elif isinstance(error, RequestValidationError):
        problems = [f"{'.'.join(str(p) for p in item['loc'][1:])}: {item['msg']}" for item in error.errors()]
        status, message = 400, "; ".join(problems) or "invalid request"
    elif isinstance(error, QueryError):
        status, message = 400, str(error)
    elif isinstance(error, ReadOnlyError):
        status, message = 403, str(error)
    elif isinstance(error, StoreError | duckdb.Error):
        # DuckDB's messages name files and processes: they go to the log, never to the client.
        log.warning("database error on %s: %s", request.url.path, error)
        status, message = 503, "database unavailable: try again shortly"
    else:
        log.error("unexpected error on %s", request.url.path, exc_info=error)
        status, message = 500, f"internal error: {type(error).__name__}"
    body = error_body(status, message)
    if _wants_html(request):
        pages: Jinja2Templates = request.app.state.templates
        return pages.TemplateResponse(request, "error.html", {"error": body}, status_code=status)
    headers = {"Retry-After": "5"} if status == 503 else None
    return JSONResponse(body, status_code=status, headers=headers)


def _mount_static(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    for url, folder in VENDOR.items():
        path = NODE_MODULES / folder
        if not path.is_dir():
            log.warning("%s is missing: run `make install` (npm ci in dateline/web) for the web UI", path)
        app.mount(f"/vendor/{url}", StaticFiles(directory=str(path), check_dir=False), name=f"vendor-{url}")


def create_app(
    settings: Settings,
    *,
    token: str | None = None,
    cors_origins: Sequence[str] = (),
    read_only: bool = False,
    announce_port: int | None = None,
) -> FastAPI:
    """The FastAPI app over settings.db, opened now (StoreError for a missing, foreign or locked file).

    `read_only` serves without writing (reviews and ingests refused; other readers may share the file).
    `announce_port`: while the app runs, leave the note that sends `dateline ingest` and `dateline export` on this
    file to the server listening there (`dateline serve` passes its port)."""
    if token:
        check_token(token)
    served = open_served(settings.db, read_only=read_only)
    note = None
    if announce_port is not None and settings.db != IN_MEMORY:
        note = ServerNote(announce_port, new_secret(), os.getpid(), settings.host == "::1")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        served.open()  # again, when the app is started a second time
        if note is not None:
            write_note(settings.db, note)
        try:
            yield
        finally:
            if note is not None:
                remove_note(settings.db, note)
            served.close()

    app = FastAPI(
        title="dateline",
        summary="Conflict events read from news reports, each field pointing at the words behind it.",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.served = served
    app.state.secret = note.secret if note is not None else None
    app.state.token_mode = bool(token)
    app.state.templates = templates()
    app.add_exception_handler(StarletteHTTPException, handle_error)
    # Exception subclasses get their own entries: a handler for bare Exception runs outside the app and re-raises.
    for kind in (RequestValidationError, QueryError, StoreError, duckdb.Error, Exception):
        app.add_exception_handler(kind, handle_error)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="dateline API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
            swagger_ui_parameters={"validatorUrl": None},
        )

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(internal.router)
    _mount_static(app)
    if cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"], allow_headers=["*"])
    if token:
        add_token_check(app, token)  # added last, so it runs first: CORS preflights need the token too
    return app


WAIT_FOR_FILE_S = 1.0  # between tries to open a database another process holds


def create_app_when_free(settings: Settings, on_wait: Callable[[], object], **options: Any) -> FastAPI:
    """`create_app`, retried while another process (an ingest) holds the file; `on_wait` is called once, the first
    time it must wait. Other StoreErrors are raised at once."""
    waited = False
    while True:
        try:
            return create_app(settings, **options)
        except StoreLockedError:
            if not waited:
                on_wait()
                waited = True
            time.sleep(WAIT_FOR_FILE_S)
