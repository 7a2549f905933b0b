"""Parquet partitions of extraction records: what the Dask workers write and `dateline ingest` loads.

One file per batch (part-00000.parquet, part-00001.parquet, ...), one row per article, in input order. Columns:
the article's fields as strings (article_id, text, title, published, dateline, source, url, origin, main_event_id),
then events, quotes, places, times, actors and errors, each the contract's JSON of that list in a string column.
JSON strings round-trip every value exactly (floats included) and need no schema for fields that are null in one
record and an object in the next; DuckDB reads them with `read_parquet` and `json_extract`. An article whose
extraction failed has an empty text and its errors. A partition is written under a temporary name and renamed when
complete, so a partition that exists is whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from dateline.records import Actor, Article, Event, Extraction, ItemError, Place, Quote, TimeExpr, to_json
from dateline.store.codec import from_json

FORMAT_VERSION = "2"  # 2: articles carry main_event_id
VERSION_KEY = b"dateline_partition_version"
ARTICLE_COLUMNS = ("text", "title", "published", "dateline", "source", "url", "origin", "main_event_id")
LIST_COLUMNS: dict[str, type[Any]] = {
    "events": Event,
    "quotes": Quote,
    "places": Place,
    "times": TimeExpr,
    "actors": Actor,
    "errors": ItemError,
}
SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string(), nullable=False),
        *(pa.field(name, pa.string(), nullable=name != "text") for name in ARTICLE_COLUMNS),
        *(pa.field(name, pa.string(), nullable=False) for name in LIST_COLUMNS),
    ],
    metadata={VERSION_KEY: FORMAT_VERSION.encode()},
)
PARTITION_NAME = re.compile(r"^part-(\d{5,})\.parquet$")


class PartitionError(ValueError):
    """A file in a partitions directory is not a readable dateline partition."""


def partition_path(directory: Path, index: int) -> Path:
    return directory / f"part-{index:05d}.parquet"


def partition_files(directory: Path) -> list[Path]:
    """The complete partitions in `directory`, in the order they were written (temporary files are left out)."""
    if not directory.is_dir():
        return []
    found = [(int(match.group(1)), path) for path in directory.iterdir() if (match := PARTITION_NAME.match(path.name))]
    return [path for _index, path in sorted(found)]


def next_partition_index(directory: Path) -> int:
    """The index after the last partition in `directory`, so that a re-run adds files and overwrites none."""
    files = partition_files(directory)
    match = PARTITION_NAME.match(files[-1].name) if files else None
    return int(match.group(1)) + 1 if match else 0


def extraction_row(extraction: Extraction) -> dict[str, Any]:
    """One partition row: the article's fields, and each list of records as its contract JSON."""
    article = extraction.article
    row: dict[str, Any] = {"article_id": article.id}
    row.update({name: getattr(article, name) for name in ARTICLE_COLUMNS})
    for name in LIST_COLUMNS:
        row[name] = json.dumps(to_json(getattr(extraction, name)), ensure_ascii=False)
    return row


def extraction_from_row(row: dict[str, Any]) -> Extraction:
    """The Extraction a partition row was made from (the inverse of `extraction_row`)."""
    article = Article(id=row["article_id"], **{name: row[name] for name in ARTICLE_COLUMNS})
    lists: dict[str, tuple[Any, ...]] = {
        name: tuple(from_json(kind, item) for item in json.loads(row[name])) for name, kind in LIST_COLUMNS.items()
    }
    return Extraction(article=article, **lists)


def write_partition_file(extractions: Sequence[Extraction], path: Path) -> None:
    """Write one partition atomically: to `path` + ".partial", then renamed."""
    table = pa.Table.from_pylist([extraction_row(extraction) for extraction in extractions], schema=SCHEMA)
    partial = path.with_name(path.name + ".partial")
    pq.write_table(table, partial, compression="zstd")
    partial.replace(path)


def _read(path: Path, columns: Sequence[str] | None = None) -> pa.Table:
    try:
        schema = pq.read_schema(path)
        version = (schema.metadata or {}).get(VERSION_KEY)
        if version != FORMAT_VERSION.encode():
            found = version.decode() if version else "none"
            raise PartitionError(f"{path}: not a dateline partition of version {FORMAT_VERSION} (found {found})")
        return pq.read_table(path, columns=list(columns) if columns is not None else None)
    except (OSError, pa.ArrowException) as error:
        raise PartitionError(f"{path}: cannot read the partition: {error}") from error


def read_partition(path: Path) -> list[Extraction]:
    """The extractions stored in one partition, in the order they were written."""
    try:
        return [extraction_from_row(row) for row in _read(path).to_pylist()]
    except (KeyError, TypeError, json.JSONDecodeError) as error:
        raise PartitionError(f"{path}: a row does not hold a dateline record: {error}") from error


def partition_article_ids(path: Path) -> list[str]:
    """The ids of the articles in one partition, read without their text or records."""
    return [str(value) for value in _read(path, ["article_id"]).column("article_id").to_pylist()]


def extracted_article_ids(path: Path) -> list[str]:
    """The ids of the articles the partition holds a successful extraction of (a non-empty text)."""
    table = _read(path, ["article_id", "text"])
    pairs = zip(table.column("article_id").to_pylist(), table.column("text").to_pylist(), strict=True)
    return [str(article_id) for article_id, text in pairs if text]
