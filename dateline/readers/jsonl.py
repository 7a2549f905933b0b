"""JSON Lines articles: one object per line with a text or html field (or a common scraper's name for it, see
JSONL_FIELDS) and optional metadata; a bad line becomes an ItemError for that line and reading goes on.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dateline.readers.decoding import BOMS, SNIFF_BYTES, binary_kind, utf16_without_bom
from dateline.records import ItemError, RawDocument

JSONL_TEXT_FIELDS = ("text", "html")
JSONL_META_FIELDS = ("id", "title", "published", "url", "source")
# Field names used by common news scrapers (news-please, newspaper3k exports, Scrapy feeds) for our fields; the
# first one present in a record wins.
JSONL_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article_text", "maintext"),
    "html": ("html", "raw_html"),
    "id": ("id",),
    "title": ("title", "headline"),
    "published": ("published", "date", "publish_date", "published_at", "date_publish"),
    "url": ("url", "link"),
    "source": ("source", "source_domain"),
}


def _error(origin: str, message: str, error_type: str) -> ItemError:
    return ItemError(origin=origin, stage="ingest", error_type=error_type, message=message)


def _type_name(value: Any) -> str:
    return {dict: "object", list: "array", bool: "boolean", int: "number", float: "number"}.get(type(value), "value")


def _field_names(record: dict[str, Any]) -> dict[str, str]:
    """Our field → the record's key holding it (the first alias present with a value)."""
    chosen: dict[str, str] = {}
    for field, aliases in JSONL_FIELDS.items():
        found = next((key for key in aliases if record.get(key) is not None), None)
        if found is not None:
            chosen[field] = found
    return chosen


def parse_jsonl_record(line: str, origin: str) -> RawDocument | ItemError:
    """One JSON Lines article: an object with a non-empty string text or html (or an alias); optional metadata. A field
    of the wrong type (`"published": 20140611`, `"url": 5`) is ignored, with a note the pipeline reports; without a
    usable text or html the record is refused."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return _error(origin, f"not valid JSON ({error.msg} at column {error.colno})", "JSONDecodeError")
    if not isinstance(record, dict):
        return _error(origin, f"expected a JSON object, got {_type_name(record)}", "BadRecord")
    keys = _field_names(record)
    wrong = {field: key for field, key in keys.items() if not _well_typed(field, record[key])}
    notes = tuple(f"'{key}' must be a string, got {_type_name(record[key])}; ignored" for key in wrong.values())
    text = record[keys["text"]] if "text" in keys and "text" not in wrong else None
    html = record[keys["html"]] if "html" in keys and "html" not in wrong else None
    if not (text and text.strip()) and not (html and html.strip()):
        if any(field in wrong for field in JSONL_TEXT_FIELDS):
            return _error(origin, "; ".join(note.removesuffix("; ignored") for note in notes), "BadRecord")
        present = [key for field in JSONL_TEXT_FIELDS for key in JSONL_FIELDS[field] if key in record]
        detail = f"'{present[0]}' is empty" if present else "no 'text' or 'html' field"
        return _error(origin, f"no article text: {detail}", "BadRecord")
    meta: dict[str, Any] = {
        field: str(record[keys[field]]).strip() or None
        for field in JSONL_META_FIELDS
        if field in keys and field not in wrong
    }
    return RawDocument(origin=origin, text=text or None, html=html or None, notes=notes, **meta)


def _well_typed(field: str, value: Any) -> bool:
    """A string, or (for an id) a whole number."""
    return isinstance(value, str) or (field == "id" and isinstance(value, int) and not isinstance(value, bool))


def read_jsonl_lines(lines: Iterable[str | bytes], origin: str) -> Iterator[RawDocument | ItemError]:
    """Read JSON Lines articles; a bad line becomes an error for that line, and reading goes on."""
    empty = True
    for number, line in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if isinstance(line, bytes):
            try:
                line = line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield _error(where, f"invalid UTF-8 at byte {error.start} of the line", "DecodeError")
                continue
        if not line.strip():
            continue
        empty = False
        yield parse_jsonl_record(line, where)
    if empty:
        yield _error(origin, "no JSON Lines records (empty input)", "EmptyFile")


def read_jsonl_file(path: Path, origin: str) -> Iterator[RawDocument | ItemError]:
    """Stream a .jsonl file line by line (flat memory); UTF-16/32 files (with a BOM, or UTF-16 without one) are
    decoded as a whole stream."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
        kind = binary_kind(head)
        if kind is not None:
            yield _error(origin, f"binary file ({kind}), not JSON Lines", "BinaryFile")
            return
        handle.seek(0)
        wide = next((codec for bom, codec in BOMS if head.startswith(bom) and codec != "utf-8-sig"), None)
        wide = wide or utf16_without_bom(head)
        if wide is not None:
            yield from read_jsonl_lines(io.TextIOWrapper(handle, encoding=wide, errors="replace"), origin)
        else:
            yield from read_jsonl_lines(handle, origin)
