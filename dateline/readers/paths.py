"""Reading inputs by path: files by their suffix, directories recursively (sorted, hidden entries skipped) and "-"
(JSON Lines on stdin). An explicitly named file with an unknown suffix is read as text (or as HTML when it is).
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from dateline.readers import formats
from dateline.readers.decoding import DecodeError, decode_bytes
from dateline.readers.jsonl import read_jsonl_file, read_jsonl_lines
from dateline.records import ItemError, RawDocument

log = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | formats.FORMAT_SUFFIXES
STDIN_ORIGIN = "<stdin>"
HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)


def _error(origin: str, message: str, error_type: str) -> ItemError:
    return ItemError(origin=origin, stage="ingest", error_type=error_type, message=message)


def _read_document(path: Path, origin: str, suffix: str, max_bytes: int) -> RawDocument | ItemError:
    size = path.stat().st_size
    if size > max_bytes:
        return _error(origin, f"{size:,} bytes, more than {max_bytes:,} (8 × settings.max_chars); not read", "TooLarge")
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


def read_file(
    path: Path, text_column: str = formats.DEFAULT_TEXT_COLUMN, max_bytes: int = formats.MAX_ITEM_BYTES
) -> Iterator[RawDocument | ItemError]:
    """Read one file by its suffix: .jsonl as JSON Lines, .html/.htm as HTML, .csv with the article text in column
    `text_column`, .warc and feeds as archives, anything else as text (refused unread above `max_bytes`)."""
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        reader = formats.reader_for(path, text_column, max_bytes)
        if reader is not None:
            yield from reader(path, origin)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path, origin)
        else:
            yield _read_document(path, origin, suffix, max_bytes)
    except OSError as error:
        yield _error(origin, f"cannot read ({error.strerror or error})", "OSError")


def is_readable(path: Path) -> bool:
    """Whether a file in a directory is read: by its suffix (".warc.gz" counts as one; before, such archives were
    skipped in directories without a word)."""
    return path.suffix.lower() in READABLE_SUFFIXES or path.name.lower().endswith(".warc.gz")


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_directory(
    root: Path,
    text_column: str = formats.DEFAULT_TEXT_COLUMN,
    max_bytes: int = formats.MAX_ITEM_BYTES,
    seen: set[Path] | None = None,
) -> Iterator[RawDocument | ItemError]:
    """Every readable file under a directory, sorted; other files are skipped (logged), hidden ones ignored, and so
    are files in `seen` (read already through another path); each file read is added to it."""
    found = 0
    seen = set() if seen is None else seen
    for child in sorted(root.rglob("*")):
        if not child.is_file() or _is_hidden(child, root):
            continue
        if not is_readable(child):
            log.debug("skipping %s: not a readable suffix (%s)", child, ", ".join(sorted(READABLE_SUFFIXES)))
            continue
        found += 1
        if _seen_before(child, seen):
            continue
        yield from read_file(child, text_column, max_bytes)
    if not found:
        yield _error(str(root), "directory holds no .txt, .html, .htm or .jsonl files", "EmptyDirectory")


def read_stdin(stdin: IO[str] | IO[bytes] | None = None) -> Iterator[RawDocument | ItemError]:
    """JSON Lines from stdin, decoded line by line as UTF-8 so one bad line does not stop the rest."""
    stream: Any = stdin if stdin is not None else sys.stdin
    source = getattr(stream, "buffer", stream)
    yield from read_jsonl_lines(source, STDIN_ORIGIN)


def read_paths(
    paths: Iterable[str],
    stdin: IO[str] | IO[bytes] | None = None,
    *,
    text_column: str = formats.DEFAULT_TEXT_COLUMN,
    max_chars: int | None = None,
    published: str | None = None,
) -> Iterator[RawDocument | ItemError]:
    """Read every path in order; directories recursively (sorted), "-" as JSON Lines on stdin; CSV files take the
    article text from column `text_column` (an empty name raises ValueError now, before anything is read). A file
    reached twice (named twice, or named and inside a named directory) is read once. With `max_chars`
    (settings.max_chars) an item is refused unread above formats.item_byte_limit(max_chars) bytes.
    `published` ("YYYY-MM-DD") dates the articles whose input gives no date (a .txt file has no way to say it)."""
    max_bytes = formats.MAX_ITEM_BYTES if max_chars is None else formats.item_byte_limit(max_chars)
    found = _read_paths(paths, stdin, formats.check_text_column(text_column), max_bytes)
    return found if published is None else _dated(found, published)


def _dated(items: Iterator[RawDocument | ItemError], published: str) -> Iterator[RawDocument | ItemError]:
    for item in items:
        yield replace(item, published=published) if isinstance(item, RawDocument) and not item.published else item


def _read_paths(
    paths: Iterable[str], stdin: IO[str] | IO[bytes] | None, text_column: str, max_bytes: int
) -> Iterator[RawDocument | ItemError]:
    seen: set[Path] = set()
    for name in paths:
        if name == "-":
            yield from read_stdin(stdin)
            continue
        path = Path(name)
        if path.is_dir():
            yield from read_directory(path, text_column, max_bytes, seen)
        elif path.is_file():
            if not _seen_before(path, seen):
                yield from read_file(path, text_column, max_bytes)
        else:
            yield _error(name, "no such file or directory", "FileNotFound")


def _seen_before(path: Path, seen: set[Path]) -> bool:
    """Whether this file was read already through another path (then it is skipped); else remember it."""
    try:
        resolved = path.resolve()
    except OSError:
        return False
    if resolved in seen:
        log.info("skipping %s: read already through another path", path)
        return True
    seen.add(resolved)
    return False
