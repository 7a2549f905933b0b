"""The server's internal endpoints: what `dateline ingest` and `dateline export` send to the server that holds their
database (docs/storage.md, "Sharing one file"). Not part of the public API (absent from /openapi.json).

Every request must carry the per-run secret of the server's note (dateline/store/sidecar.py) in the X-Dateline-Secret
header; anything else answers 403. Batches are stored with jobs.writer.store_batch on the writer thread, one after
another, while the readers go on reading the last committed state.
"""

from __future__ import annotations

import hmac
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response, StreamingResponse

from dateline.jobs.served import extraction_of, outcome_payload
from dateline.jobs.writer import SinkTotals, resolve_leftovers, store_batch
from dateline.records import Extraction, ItemError
from dateline.store import Store
from dateline.store.sidecar import SECRET_HEADER
from dateline.web import downloads
from dateline.web.dependencies import json_response
from dateline.web.serving import ServedDatabase

router = APIRouter(prefix="/internal", include_in_schema=False)
MAX_BATCH_BYTES = 512 * 1024 * 1024  # a batch of articles at the max_chars limit, and their records


def _check_secret(request: Request) -> None:
    expected: str | None = request.app.state.secret
    given = request.headers.get(SECRET_HEADER, "")
    if expected is None or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise HTTPException(status_code=403, detail="internal endpoint: wrong or missing server secret")


def _served(request: Request) -> ServedDatabase:
    _check_secret(request)
    served: ServedDatabase = request.app.state.served
    return served


@router.get("/ingest/hello")
def hello(request: Request) -> Response:
    served = _served(request)
    return json_response({"ok": True, "writable": not served.read_only})


@router.get("/ingest/stored-ids")
def stored_ids(request: Request) -> Response:
    served = _served(request)
    return json_response({"ids": served.write_now(lambda store: store.article_ids())})


@router.post("/ingest/leftovers")
async def leftovers(request: Request) -> Response:
    served = _served(request)
    await served.write(resolve_leftovers)
    return json_response({"ok": True})


def _batch_of(body: Any) -> tuple[list[Extraction], list[ItemError], list[int] | None]:
    try:
        extractions = [extraction_of(item) for item in body["extractions"]]
        errors = [ItemError(**item) for item in body["errors"]]
        parts = [int(part) for part in body["parts"]] if body.get("parts") is not None else None
        if parts is not None and len(parts) != len(extractions):
            raise ValueError("one part per extraction")
    except (TypeError, ValueError, KeyError) as error:
        raise HTTPException(status_code=400, detail=f"not a batch: {type(error).__name__}") from error
    return extractions, errors, parts


@router.post("/ingest/batch")
async def batch(request: Request) -> Response:
    served = _served(request)
    if int(request.headers.get("content-length") or 0) > MAX_BATCH_BYTES:
        raise HTTPException(status_code=413, detail="batch too large")
    extractions, errors, parts = _batch_of(await request.json())

    def work(store: Store) -> SinkTotals:
        return store_batch(store, extractions, errors, parts)

    totals = await served.write(work)
    return json_response(outcome_payload(totals))


@router.post("/export")
async def export(request: Request) -> Response:
    """A whole table in one format (what `dateline export` writes), streamed from the served database."""
    served = _served(request)
    body = await request.json()
    try:
        table, fmt, everything = str(body["table"]), str(body["format"]), bool(body.get("all", False))
    except (TypeError, KeyError) as error:
        raise HTTPException(status_code=400, detail="give table and format") from error
    chunks = downloads.table_export(served, table, fmt, everything=everything)
    return StreamingResponse(chunks, media_type="application/octet-stream")
