"""Ingest into a database that a running `dateline serve` holds: the batches go to the server, which stores and
merges them on its writer thread (web/internal.py), while its readers keep reading (docs/storage.md, "Sharing one
file").

The server leaves a note beside the file (dateline/store/sidecar.py) with its port and a per-run secret; the
internal endpoints answer only requests that carry the secret. Batches travel as contract JSON (plus each article's
origin, which the contract leaves out) and come back as the write's counts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

import httpx

from dateline.jobs.writer import SinkTotals
from dateline.records import Extraction, ItemError, to_json
from dateline.store import StoreError
from dateline.store.codec import from_json
from dateline.store.sidecar import SECRET_HEADER, ServerNote, read_note

log = logging.getLogger(__name__)

BATCH_TIMEOUT_S = 600.0  # storing and merging one batch on a busy server; far above what it takes
PROBE_TIMEOUT_S = 5.0


class ServerIngestError(StoreError):
    """The server holding the database refused or failed a batch."""


def extraction_payload(extraction: Extraction) -> dict[str, Any]:
    return {"record": to_json(extraction), "origin": extraction.article.origin}


def extraction_of(payload: dict[str, Any]) -> Extraction:
    """The inverse of `extraction_payload` (raises TypeError, ValueError or KeyError on a payload of another shape)."""
    extraction = from_json(Extraction, payload["record"])
    origin = payload.get("origin")
    if origin is None:
        return extraction
    from dataclasses import replace

    return replace(extraction, article=replace(extraction.article, origin=str(origin)))


def outcome_payload(totals: SinkTotals) -> dict[str, Any]:
    return {
        "stored": totals.stored,
        "skipped": totals.skipped,
        "events": totals.events,
        "quotes": totals.quotes,
        "refused": {article_id: to_json(error) for article_id, error in totals.refused.items()},
    }


class ServerClient:
    """The ingest's side of the server's internal endpoints (jobs/ingest.py wraps it as a BatchSink, ServerSink)."""

    def __init__(self, db: str, note: ServerNote) -> None:
        self.db = db
        self.note = note
        self._client: httpx.Client | None = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                base_url=self.note.url, headers={SECRET_HEADER: self.note.secret}, timeout=BATCH_TIMEOUT_S
            )
        return self._client

    def _stopped(self, error: Exception) -> ServerIngestError:
        return ServerIngestError(f"the server holding {self.db} stopped answering ({type(error).__name__})")

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        try:
            response = self._http().request(method, path, json=body)
        except httpx.HTTPError as error:
            raise self._stopped(error) from error
        if response.status_code != 200:
            try:
                reason = response.json().get("error", "")
            except ValueError:
                reason = response.text[:200]
            raise ServerIngestError(f"the server holding {self.db} refused: {reason} ({response.status_code})")
        return response.json()

    def stored_ids(self) -> set[str]:
        return set(self._call("GET", "/internal/ingest/stored-ids")["ids"])

    def open(self) -> None:
        self._http()

    def resolve_leftovers(self) -> None:
        self._call("POST", "/internal/ingest/leftovers")

    def store(
        self, storable: Sequence[Extraction], orphan_errors: Sequence[ItemError], parts: Sequence[int]
    ) -> SinkTotals:
        """Have the server store a batch (as jobs.writer.store_batch takes it) and merge its events."""
        answer = self._call(
            "POST",
            "/internal/ingest/batch",
            {
                "extractions": [extraction_payload(extraction) for extraction in storable],
                "errors": [to_json(error) for error in orphan_errors],
                "parts": list(parts),
            },
        )
        return SinkTotals(
            stored=answer["stored"],
            skipped=answer["skipped"],
            events=answer["events"],
            quotes=answer["quotes"],
            refused={key: ItemError(**value) for key, value in answer["refused"].items()},
        )

    def export(self, table: str, fmt: str, *, everything: bool) -> Iterator[bytes]:
        """A whole table as the server exports it (what `dateline export` writes), streamed."""
        body = {"table": table, "format": fmt, "all": everything}
        try:
            with self._http().stream("POST", "/internal/export", json=body) as response:
                if response.status_code != 200:
                    response.read()
                    raise ServerIngestError(response.json().get("error", f"export refused ({response.status_code})"))
                yield from response.iter_bytes()
        except httpx.HTTPError as error:
            raise ServerIngestError(
                f"the server holding {self.db} stopped answering ({type(error).__name__})"
            ) from error

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None


def find_server(db: str) -> ServerClient | None:
    """The server holding `db`, when its note is there and the server answers with the note's secret."""
    note = read_note(db)
    if note is None:
        return None
    try:
        response = httpx.get(
            f"{note.url}/internal/ingest/hello", headers={SECRET_HEADER: note.secret}, timeout=PROBE_TIMEOUT_S
        )
    except httpx.HTTPError:
        log.info("the server note beside %s is stale (nothing answers on port %d)", db, note.port)
        return None
    if response.status_code != 200:
        log.info("the server note beside %s is stale (port %d answers %d)", db, note.port, response.status_code)
        return None
    log.info("%s is served on port %d: sending the batches to that server", db, note.port)
    return ServerClient(db, note)
