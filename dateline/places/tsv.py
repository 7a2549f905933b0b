"""Reading the places knowledge TSV files: rows with their line numbers, and errors that name file and line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path


def read_tsv(path: Path, columns: int) -> Iterator[tuple[int, list[str]]]:
    """Rows of a knowledge TSV (comments and the header skipped); raises with file:line on a short row."""
    with path.open(encoding="utf-8") as handle:
        seen_header = False
        for number, line in enumerate(handle, start=1):
            if line.startswith("#") or not line.strip():
                continue
            if not seen_header:
                seen_header = True
                continue
            cells = line.rstrip("\n").split("\t")
            if len(cells) < columns:
                raise ValueError(f"{path}:{number}: expected {columns} tab-separated columns, got {len(cells)}")
            yield number, cells


def parse_float(path: Path, number: int, text: str) -> float:
    try:
        return float(text)
    except ValueError as error:
        raise ValueError(f"{path}:{number}: not a number: {text!r}") from error
