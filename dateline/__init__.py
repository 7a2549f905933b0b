"""dateline: news reports about armed conflict in, a sourced and queryable record of events out.

The Python API mirrors the command line; importing it loads no model and imports neither spaCy, DuckDB nor pandas
(that happens on first use):

    extract(text, published=None) -> Extraction        one article's records (as `dateline extract`)
    ingest(paths, db=..., on_progress=...) -> summary  extract and store files (as `dateline ingest`);
                                                       ingest_files is its earlier name
    open(path) -> Database                             query a database as DataFrames or Arrow tables
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dateline.jobs.ingest import IngestSummary
    from dateline.records import Extraction
    from dateline.store.frames import Database


def extract(text: str, published: str | None = None) -> Extraction:
    """Extract events, quotes, places, times and actors from one article's text."""
    from dateline.jobs import extract_text

    return extract_text(text, published=published)


def ingest(
    paths: str | Path | Iterable[str | Path],
    db: str | Path | None = None,
    *,
    config: str | Path | None = None,
    on_progress: Callable[[int], Any] | None = None,
    text_column: str | None = None,
    workers: int | None = None,
) -> IngestSummary:
    """Extract and store articles from files, folders or "-" (stdin), like `dateline ingest`.

    `db` defaults to the db setting; `on_progress(n)` is called after each stored batch of n articles;
    `text_column` names the article text column of CSV files (default "text"); `workers` overrides the workers
    setting (1 = extract in this process).
    """
    from dateline.jobs.ingest import ingest_paths
    from dateline.settings import load_settings

    names = [str(paths)] if isinstance(paths, str | Path) else [str(path) for path in paths]
    overrides: dict[str, Any] = {"db": str(db) if db is not None else None, "workers": workers}
    settings = load_settings(config).with_overrides(**overrides)
    if text_column is None:
        return ingest_paths(names, settings, on_progress=on_progress)
    return ingest_paths(names, settings, on_progress=on_progress, text_column=text_column)


ingest_files = ingest  # its earlier name, kept for code written against it


def open(path: str | Path) -> Database:  # shadows the builtin on purpose: dateline.open
    """Open a dateline database read-only; its methods return events, clusters, quotes and actors as DataFrames."""
    from dateline.store.frames import Database

    return Database(path)


__all__ = ["__version__", "extract", "ingest", "ingest_files", "open"]
