"""The ingest stage: read articles from files, directories and stdin as RawDocuments.

Reads: paths. Writes: RawDocument, or ItemError for an input that cannot be read.
Supported: .txt, .html/.htm, .jsonl (one article per line), directories (recursively) and "-" (JSON Lines on stdin).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from dateline.records import ItemError, RawDocument

TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
JSONL_FIELDS = ("id", "title", "published", "url", "source")


def _error(origin: str, message: str, error_type: str = "ReadError") -> ItemError:
    return ItemError(origin=origin, stage="ingest", error_type=error_type, message=message)


def _decode(data: bytes, origin: str) -> str:
    """Decode bytes as UTF-8 (with or without BOM), then UTF-16 with a BOM, then Latin-1 as the last resort."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def read_jsonl_lines(lines: Iterable[str], origin: str) -> Iterator[RawDocument | ItemError]:
    """Read JSON Lines articles; a bad line becomes an error naming the line, and reading goes on."""
    for number, line in enumerate(lines, start=1):
        where = f"{origin}:{number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield _error(where, f"{where}: not valid JSON ({error.msg})", "JSONDecodeError")
            continue
        if not isinstance(record, dict):
            yield _error(where, f"{where}: expected a JSON object, got {type(record).__name__}", "BadRecord")
            continue
        text, html = record.get("text"), record.get("html")
        if not isinstance(text, str) and not isinstance(html, str):
            yield _error(where, f"{where}: needs a string field 'text' or 'html'", "BadRecord")
            continue
        meta = {key: record.get(key) for key in JSONL_FIELDS}
        bad = [key for key, value in meta.items() if value is not None and not isinstance(value, (str, int))]
        if bad:
            yield _error(where, f"{where}: field(s) {', '.join(bad)} must be strings", "BadRecord")
            continue
        yield RawDocument(
            origin=where,
            text=text if isinstance(text, str) else None,
            html=html if isinstance(html, str) and not isinstance(text, str) else None,
            **{key: (str(value) if value is not None else None) for key, value in meta.items()},
        )


def read_file(path: Path) -> Iterator[RawDocument | ItemError]:
    """Read one file by its suffix."""
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as error:
        yield _error(origin, f"{origin}: cannot read ({error.strerror})", "OSError")
        return
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield _error(origin, f"{origin}: binary file, not text", "BinaryFile")
        return
    text = _decode(data, origin)
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_lines(text.splitlines(), origin)
    elif suffix in HTML_SUFFIXES:
        yield RawDocument(origin=origin, html=text)
    else:
        yield RawDocument(origin=origin, text=text)


def read_paths(paths: Iterable[str], stdin: IO[str] | None = None) -> Iterator[RawDocument | ItemError]:
    """Read every path in order; directories recursively (sorted), "-" as JSON Lines on stdin."""
    for name in paths:
        if name == "-":
            yield from read_jsonl_lines(stdin or sys.stdin, "<stdin>")
            continue
        path = Path(name)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in READABLE_SUFFIXES:
                    yield from read_file(child)
        elif path.is_file():
            yield from read_file(path)
        else:
            yield _error(name, f"{name}: no such file or directory", "FileNotFound")
