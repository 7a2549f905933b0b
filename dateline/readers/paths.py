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


def read_file(path: Path, text_column: str = formats.DEFAULT_TEXT_COLUMN) -> Iterator[RawDocument | ItemError]:
    """Read one file by its suffix: .jsonl as JSON Lines, .html/.htm as HTML, .csv with the article text in column
    `text_column`, .warc and feeds as archives, anything else as text."""
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        reader = formats.reader_for(path, text_column)
        if reader is not None:
            yield from reader(path, origin)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl_file(path, origin)
        else:
            yield _read_document(path, origin, suffix)
    except OSError as error:
        yield _error(origin, f"cannot read ({error.strerror or error})", "OSError")


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_directory(root: Path, text_column: str = formats.DEFAULT_TEXT_COLUMN) -> Iterator[RawDocument | ItemError]:
    """Every readable file under a directory, sorted; other files are skipped (logged), hidden ones ignored."""
    found = 0
    for child in sorted(root.rglob("*")):
        if not child.is_file() or _is_hidden(child, root):
            continue
        if child.suffix.lower() not in READABLE_SUFFIXES:
            log.debug("skipping %s: not a readable suffix (%s)", child, ", ".join(sorted(READABLE_SUFFIXES)))
            continue
        found += 1
        yield from read_file(child, text_column)
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
    published: str | None = None,
) -> Iterator[RawDocument | ItemError]:
    """Read every path in order; directories recursively (sorted), "-" as JSON Lines on stdin; CSV files take the
    article text from column `text_column` (an empty name raises ValueError now, before anything is read).
    `published` ("YYYY-MM-DD") dates the articles whose input gives no date (a .txt file has no way to say it)."""
    found = _read_paths(paths, stdin, formats.check_text_column(text_column))
    return found if published is None else _dated(found, published)


def _dated(items: Iterator[RawDocument | ItemError], published: str) -> Iterator[RawDocument | ItemError]:
    for item in items:
        yield replace(item, published=published) if isinstance(item, RawDocument) and not item.published else item


def _read_paths(
    paths: Iterable[str], stdin: IO[str] | IO[bytes] | None, text_column: str
) -> Iterator[RawDocument | ItemError]:
    for name in paths:
        if name == "-":
            yield from read_stdin(stdin)
            continue
        path = Path(name)
        if path.is_dir():
            yield from read_directory(path, text_column)
        elif path.is_file():
            yield from read_file(path, text_column)
        else:
            yield _error(name, "no such file or directory", "FileNotFound")
