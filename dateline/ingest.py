"""The ingest stage: read articles from files, directories and stdin as RawDocuments.

Reads: paths. Writes: RawDocument, or ItemError for an input that cannot be read (the batch goes on).
Supported: .txt, .html/.htm, .jsonl (one article per line; the field names of common scrapers are mapped, see
JSONL_FIELDS), .csv (one article per row, text in the column named by `csv_text_column`, default "text"), .warc and
.warc.gz (HTML responses), .rss/.atom/.xml feed files (one article per entry), directories (recursively, sorted,
hidden entries skipped) and "-" (JSON Lines on stdin). An explicitly named file with another suffix is read as text
(or as HTML when it is). Errors name the item in `origin` ("path" or "path:line", "path:entry" for feeds and WARC
records); their message does not repeat it.

Decoding, in order: a byte-order mark (UTF-8, UTF-16, UTF-32) → UTF-8 → a legacy single-byte file (Windows-1252,
else Latin-1) when no UTF-8 sequence occurs in it; bytes that are partly UTF-8 and partly not are refused.
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import re
import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from dateline import ingest_formats as formats
from dateline.ingest_formats import csv_text_column as csv_text_column
from dateline.records import ItemError, RawDocument

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | formats.FORMAT_SUFFIXES
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
STDIN_ORIGIN = "<stdin>"

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP or Office document"),
    (b"\x1f\x8b", "gzip"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
)
SNIFF_BYTES = 8192
# Text has few control bytes; above this share of the first 8 KiB a file is binary. Set by hand (text files: 0%).
MAX_CONTROL_SHARE = 0.05
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)


class DecodeError(ValueError):
    """Bytes that are not readable text; the message says why in one line."""


def _error(origin: str, message: str, error_type: str) -> ItemError:
    return ItemError(origin=origin, stage="ingest", error_type=error_type, message=message)


def _binary_kind(data: bytes) -> str | None:
    """What binary format the bytes are, or None when they look like text (BOM-marked UTF-16/32 is text)."""
    if data.startswith(tuple(bom for bom, _ in BOMS)):
        return None
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "contains NUL bytes"
    if head and len(CONTROL_BYTES.findall(head)) / len(head) > MAX_CONTROL_SHARE:
        return "mostly control bytes"
    return None


def decode_bytes(data: bytes) -> str:
    """Bytes → text by BOM, UTF-8, or a legacy single-byte encoding; raises DecodeError for binary or mixed bytes."""
    kind = _binary_kind(data)
    if kind is not None:
        raise DecodeError(f"binary file ({kind}), not text")
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                message = f"invalid {codec.upper()} at byte {error.start} despite its byte-order mark"
                raise DecodeError(message) from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if UTF8_SEQUENCE.search(data):
            raise DecodeError(
                f"invalid UTF-8 at byte {error.start} (the file mixes encodings or is damaged)"
            ) from error
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


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
    """One JSON Lines article: an object with a non-empty string text or html (or an alias); optional metadata."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return _error(origin, f"not valid JSON ({error.msg} at column {error.colno})", "JSONDecodeError")
    if not isinstance(record, dict):
        return _error(origin, f"expected a JSON object, got {_type_name(record)}", "BadRecord")
    keys = _field_names(record)
    wrong = [
        f"'{key}' must be a string, got {_type_name(record[key])}"
        for field, key in keys.items()
        if not isinstance(record[key], str)
        and not (field == "id" and isinstance(record[key], int) and not isinstance(record[key], bool))
    ]
    if wrong:
        return _error(origin, "; ".join(wrong), "BadRecord")
    text = record[keys["text"]] if "text" in keys else None
    html = record[keys["html"]] if "html" in keys else None
    if not (text and text.strip()) and not (html and html.strip()):
        present = [key for field in JSONL_TEXT_FIELDS for key in JSONL_FIELDS[field] if key in record]
        detail = f"'{present[0]}' is empty" if present else "no 'text' or 'html' field"
        return _error(origin, f"no article text: {detail}", "BadRecord")
    meta = {field: str(record[keys[field]]).strip() or None for field in JSONL_META_FIELDS if field in keys}
    return RawDocument(origin=origin, text=text or None, html=html or None, **meta)


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


def _read_jsonl_file(path: Path, origin: str) -> Iterator[RawDocument | ItemError]:
    """Stream a .jsonl file line by line (flat memory); UTF-16/32 files with a BOM are decoded as a whole stream."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
        kind = _binary_kind(head)
        if kind is not None:
            yield _error(origin, f"binary file ({kind}), not JSON Lines", "BinaryFile")
            return
        handle.seek(0)
        wide = next((codec for bom, codec in BOMS if head.startswith(bom) and codec != "utf-8-sig"), None)
        if wide is not None:
            yield from read_jsonl_lines(io.TextIOWrapper(handle, encoding=wide), origin)
        else:
            yield from read_jsonl_lines(handle, origin)


def _read_document(path: Path, origin: str, suffix: str) -> RawDocument | ItemError:
    data = path.read_bytes()
    if not data.strip():
        return _error(origin, "empty file", "EmptyFile")
    try:
        text = decode_bytes(data)
    except DecodeError as error:
        return _error(origin, str(error), "BinaryFile" if str(error).startswith("binary") else "DecodeError")
    if not text.strip():
        return _error(origin, "empty file", "EmptyFile")
    if suffix in HTML_SUFFIXES or HTML_START.match(text):
        return RawDocument(origin=origin, html=text)
    return RawDocument(origin=origin, text=text)


def read_file(path: Path) -> Iterator[RawDocument | ItemError]:
    """Read one file by its suffix: .jsonl as JSON Lines, .html/.htm as HTML, anything else as text."""
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        reader = formats.reader_for(path)
        if reader is not None:
            yield from reader(path, origin)
        elif suffix in JSONL_SUFFIXES:
            yield from _read_jsonl_file(path, origin)
        else:
            yield _read_document(path, origin, suffix)
    except OSError as error:
        yield _error(origin, f"cannot read ({error.strerror or error})", "OSError")


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_directory(root: Path) -> Iterator[RawDocument | ItemError]:
    """Every readable file under a directory, sorted; other files are skipped (logged), hidden ones ignored."""
    found = 0
    for child in sorted(root.rglob("*")):
        if not child.is_file() or _is_hidden(child, root):
            continue
        if child.suffix.lower() not in READABLE_SUFFIXES:
            log.debug("skipping %s: not a readable suffix (%s)", child, ", ".join(sorted(READABLE_SUFFIXES)))
            continue
        found += 1
        yield from read_file(child)
    if not found:
        yield _error(str(root), "directory holds no .txt, .html, .htm or .jsonl files", "EmptyDirectory")


def read_stdin(stdin: IO[str] | IO[bytes] | None = None) -> Iterator[RawDocument | ItemError]:
    """JSON Lines from stdin, decoded line by line as UTF-8 so one bad line does not stop the rest."""
    stream: Any = stdin if stdin is not None else sys.stdin
    source = getattr(stream, "buffer", stream)
    yield from read_jsonl_lines(source, STDIN_ORIGIN)


def read_paths(paths: Iterable[str], stdin: IO[str] | IO[bytes] | None = None) -> Iterator[RawDocument | ItemError]:
    """Read every path in order; directories recursively (sorted), "-" as JSON Lines on stdin."""
    for name in paths:
        if name == "-":
            yield from read_stdin(stdin)
            continue
        path = Path(name)
        if path.is_dir():
            yield from read_directory(path)
        elif path.is_file():
            yield from read_file(path)
        else:
            yield _error(name, "no such file or directory", "FileNotFound")


class _CallableModule(types.ModuleType):
    """Lets `dateline.ingest(paths, db=...)` (the Python API) and `dateline.ingest.read_paths` (this module) share
    one name: the package attribute `ingest` is this module once it is imported, so the module itself is callable."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        import dateline

        return dateline.ingest_files(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
