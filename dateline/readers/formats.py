"""Readers for the container formats analysts collect news in: CSV tables, WARC web archives, RSS/Atom feed files.

Reads: one file. Writes: RawDocument per article, ItemError per record that cannot be read (reading goes on when
it can). Origins: "path:line" for CSV rows (the row's first line), "path:N" for the N-th feed entry or WARC record.
warcio and feedparser are imported on first use; feeds are parsed from bytes so nothing is ever fetched.
"""

from __future__ import annotations

import csv
import functools
import io
import logging
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from dateline.readers.decoding import DecodeError, decode_bytes
from dateline.records import ItemError, RawDocument

log = logging.getLogger(__name__)

CSV_SUFFIXES = frozenset({".csv"})
WARC_SUFFIXES = frozenset({".warc"})  # and ".warc.gz", recognised by name
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})
FORMAT_SUFFIXES = CSV_SUFFIXES | WARC_SUFFIXES | FEED_SUFFIXES
DEFAULT_TEXT_COLUMN = "text"
# Optional CSV metadata columns: our field → column names tried in order (lower-cased headers).
CSV_META_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "title": ("title", "headline"),
    "published": ("published", "date", "publish_date", "published_at"),
    "url": ("url", "link"),
    "source": ("source", "outlet"),
}
WARC_STARTS = (b"WARC/", b"\x1f\x8b")
# The csv module refuses a field longer than 131,072 characters by default (and, before this, the rest of the file
# was lost); an article may be as long as settings.max_chars, which the cleaner enforces.
CSV_FIELD_LIMIT = 2**31 - 1
# Bytes an item may hold per character of settings.max_chars (a page's markup around its text; see item_byte_limit).
BYTES_PER_CHAR = 8
MAX_ITEM_BYTES = BYTES_PER_CHAR * 500_000  # settings.max_chars by default
HTML_TYPES = ("text/html", "application/xhtml+xml")

Reader = Callable[[Path, str], Iterator[RawDocument | ItemError]]


def check_text_column(name: str) -> str:
    """The CSV text column name, refused when empty."""
    if not name.strip():
        raise ValueError("the CSV text column name is empty")
    return name


def _error(origin: str, message: str, error_type: str = "BadRecord") -> ItemError:
    return ItemError(origin=origin, stage="ingest", error_type=error_type, message=message)


def item_byte_limit(max_chars: int) -> int:
    """The most bytes one item (a file, a WARC record) may hold before it is refused unread: room for a page of
    settings.max_chars characters with its markup, so that a decompression bomb or a runaway file never fills the
    memory before the cleaner's own limit is reached."""
    return max(BYTES_PER_CHAR * max_chars, 1 << 20)


def reader_for(path: Path, text_column: str = DEFAULT_TEXT_COLUMN, max_bytes: int = MAX_ITEM_BYTES) -> Reader | None:
    """The reader of a CSV (taking the article text from `text_column`), WARC (records up to `max_bytes`) or feed
    file, or None for the other formats."""
    name = path.name.lower()
    if name.endswith(".warc.gz") or path.suffix.lower() in WARC_SUFFIXES:
        return functools.partial(read_warc, max_bytes=max_bytes)
    if path.suffix.lower() in CSV_SUFFIXES:
        return functools.partial(read_csv, text_column=text_column)
    if path.suffix.lower() in FEED_SUFFIXES:
        return read_feed
    return None


# --- CSV --------------------------------------------------------------------------------------------------------


def read_csv(path: Path, origin: str, text_column: str = DEFAULT_TEXT_COLUMN) -> Iterator[RawDocument | ItemError]:
    """One article per row; the text is in column `text_column`, other known columns are metadata."""
    try:
        content = decode_bytes(path.read_bytes())
    except DecodeError as error:
        yield _error(origin, str(error), "DecodeError")
        return
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader, None)
    except csv.Error as error:
        yield _error(f"{origin}:1", f"unreadable CSV header ({error})")
        return
    if not header:
        yield _error(origin, "empty CSV file", "EmptyFile")
        return
    names = [name.strip().lower() for name in header]
    if text_column.lower() not in names:
        shown = ", ".join(repr(name) for name in header[:12])
        yield _error(origin, f"no text column {text_column!r} (columns: {shown}); choose one with --text-column")
        return
    yield from _csv_rows(reader, names, names.index(text_column.lower()), origin)


def _csv_rows(reader: Any, names: list[str], text_index: int, origin: str) -> Iterator[RawDocument | ItemError]:
    meta_index = {
        field: names.index(found)
        for field, candidates in CSV_META_COLUMNS.items()
        for found in [next((name for name in candidates if name in names), None)]
        if found is not None
    }
    rows = 0
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # the reader goes on at the next row
            yield _error(f"{origin}:{line}", f"unreadable CSV row ({error})")
            continue
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        yield _csv_document(row, names, text_index, meta_index, f"{origin}:{line}")
    if not rows:
        yield _error(origin, "CSV file has a header but no rows", "EmptyFile")


def _csv_document(
    row: list[str], names: list[str], text_index: int, meta_index: Mapping[str, int], origin: str
) -> RawDocument | ItemError:
    if len(row) != len(names):
        return _error(origin, f"row has {len(row)} cells, the header {len(names)}")
    text = row[text_index]
    if not text.strip():
        return _error(origin, f"no article text: column {names[text_index]!r} is empty")
    meta: dict[str, Any] = {field: row[index].strip() or None for field, index in meta_index.items()}
    return RawDocument(origin=origin, text=text, **meta)


# --- WARC -------------------------------------------------------------------------------------------------------


def read_warc(path: Path, origin: str, max_bytes: int = MAX_ITEM_BYTES) -> Iterator[RawDocument | ItemError]:
    """HTML response records of a WARC file (plain or gzipped) as articles; other records are skipped, and a record
    whose body holds more than `max_bytes` is refused after reading that much of it (never decompressed whole)."""
    from warcio.archiveiterator import ArchiveIterator

    found = 0
    number = 0
    with path.open("rb") as handle:
        if not handle.read(8).startswith(WARC_STARTS):
            yield _error(f"{origin}:1", "not a WARC file (it starts with neither 'WARC/' nor gzip)", "BadRecord")
            return
        handle.seek(0)
        try:
            for number, record in enumerate(ArchiveIterator(handle), start=1):
                document = _warc_document(record, f"{origin}:{number}", max_bytes)
                if document is not None:
                    found += 1
                    yield document
        # warcio raises whatever its parser hits on a damaged record (AttributeError on a missing URI, ...).
        except Exception as error:  # noqa: BLE001
            yield _error(f"{origin}:{number + 1}", f"unreadable WARC record ({error})".replace("\n", " "))
            return
    if not found:
        yield _error(origin, "WARC file holds no HTML response records", "EmptyFile")


def _warc_document(record: Any, origin: str, max_bytes: int) -> RawDocument | ItemError | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    if not content_type.startswith(HTML_TYPES):
        log.debug("skipping %s: %s", origin, content_type or "no content type")
        return None
    status = record.http_headers.get_statuscode()
    url = record.rec_headers.get_header("WARC-Target-URI")
    if status and not status.startswith("2"):
        return _error(origin, f"HTTP status {status} for {url}", "HTTPError")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return _error(
            origin, f"response for {url} is larger than {max_bytes:,} bytes (8 × settings.max_chars)", "TooLarge"
        )
    html = _decode_html(body, content_type)
    if not html.strip():
        return _error(origin, f"empty HTML response for {url}", "EmptyFile")
    return RawDocument(origin=origin, html=html, url=url or None)


def _decode_html(body: bytes, content_type: str) -> str:
    """The charset the server declared, else our usual decoding (BOM, UTF-8, Windows-1252)."""
    charset = content_type.partition("charset=")[2].split(";")[0].strip().strip('"')
    if charset:
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_bytes(body)
    except DecodeError:
        return body.decode("utf-8", errors="replace")


# --- RSS / Atom -------------------------------------------------------------------------------------------------


def read_feed(path: Path, origin: str) -> Iterator[RawDocument | ItemError]:
    """One article per feed entry: its content (else summary) as HTML, title, published, link, id, feed title."""
    import feedparser

    parsed = feedparser.parse(path.read_bytes())
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception") if parsed.get("bozo") else "no entries"
        yield _error(origin, f"not a readable RSS/Atom feed ({reason})".replace("\n", " "), "BadFeed")
        return
    outlet = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, start=1):
        yield _feed_document(entry, outlet, f"{origin}:{number}")


def _feed_document(entry: Any, outlet: str | None, origin: str) -> RawDocument | ItemError:
    contents = entry.get("content") or []
    html = next((part.get("value") for part in contents if (part.get("value") or "").strip()), None)
    html = html or entry.get("summary")
    if not html or not html.strip():
        return _error(origin, "feed entry has no content or summary")
    title = entry.get("title")
    if title and html.lstrip().startswith("<") is False:
        html = f"<p>{html}</p>"
    return RawDocument(
        origin=origin,
        html=f"<html><body>{html}</body></html>",
        id=entry.get("id") or None,
        title=title or None,
        published=entry.get("published") or entry.get("updated") or None,
        url=entry.get("link") or None,
        source=outlet or None,
    )
