"""Downloads from the served database: the events of the current filter (the UI's download button, /api/export) and
whole tables for `dateline export` while the database is served (/internal/export). Both stream as they read.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from fastapi import HTTPException

from dateline import export
from dateline.export import ExportError
from dateline.export.partitioned import PARTITIONED_FORMAT
from dateline.store.queries import EventFilters
from dateline.web.serving import ServedDatabase

# Formats of the download button: the events of the current filter.
DOWNLOADS = {
    "csv": "text/csv; charset=utf-8",
    "geojson": "application/geo+json",
    "jsonl": "application/x-ndjson",
}
CHUNK_BYTES = 1 << 16


def event_download(served: ServedDatabase, fmt: str, filters: EventFilters) -> Iterator[bytes]:
    """The events matching `filters` in csv, geojson or jsonl (the flattened columns in csv; contract JSON in jsonl)."""
    filters.where()  # a bad filter fails here, before the response starts

    def chunks() -> Iterator[bytes]:
        with served.reading_store() as store:
            for line in export.event_lines(store, fmt, filters):
                yield line.encode("utf-8")

    return chunks()


def table_export(served: ServedDatabase, table: str, fmt: str, *, everything: bool) -> Iterator[bytes]:
    """A whole table as `dateline export` writes it (parquet through the server's scratch folder)."""
    if fmt == PARTITIONED_FORMAT:
        raise HTTPException(400, f"{fmt} writes a folder: stop `dateline serve` first, or export --format parquet")
    try:
        export.check_request(table, fmt, None if fmt != "parquet" else served.scratch / "check.parquet")
    except ExportError as error:
        raise HTTPException(400, str(error)) from error
    if fmt == "parquet":
        return _parquet(served, table)
    return _text(served, table, fmt, everything)


def _text(served: ServedDatabase, table: str, fmt: str, everything: bool) -> Iterator[bytes]:
    with served.reading_store() as store:
        for line in export.text_lines(store, table, fmt, everything=everything):
            yield line.encode("utf-8")


def _parquet(served: ServedDatabase, table: str) -> Iterator[bytes]:
    path = served.scratch / f"{uuid.uuid4().hex}.parquet"
    try:
        with served.reading_store() as store:
            store.copy_to_parquet(table, path)
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK_BYTES):
                yield chunk
    finally:
        path.unlink(missing_ok=True)
