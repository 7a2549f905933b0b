"""What the command line shows while it works: the progress bar's known total and a readable rate, and where each
extracted article came from (used by dateline/cli.py, the only module that prints).

- `known_total(paths)`: how many articles the inputs hold when that is cheap to know (text and HTML files count one
  each, JSON Lines files one per non-blank line); None when an input cannot be counted without reading it whole
  (CSV, WARC, feeds, stdin). The bar then shows the count alone, not "0/?".
- `rate_text(per_second)`: "3.9 articles/s", "0.25 articles/s", or "…" before the first article (not "None").
- `origin_fields(origin)`: "corpus/feed.jsonl:12" as {"file": "corpus/feed.jsonl", "row": 12}.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dateline import readers

COUNTED_ONE_EACH = frozenset({".txt", ".html", ".htm"})
COUNTED_BY_LINE = frozenset({".jsonl"})


def _count_file(path: Path) -> int | None:
    suffix = path.suffix.lower()
    if suffix in COUNTED_ONE_EACH:
        return 1
    if suffix in COUNTED_BY_LINE:
        try:
            with path.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
        except OSError:
            return 1  # the reader reports it as one failed item
    return None


def _files(path: Path) -> Iterable[Path]:
    if path.is_dir():
        return (
            child
            for child in sorted(path.rglob("*"))
            if child.is_file()
            and child.suffix.lower() in readers.READABLE_SUFFIXES
            and not any(part.startswith(".") for part in child.relative_to(path).parts)
        )
    return [path]


def known_total(paths: Iterable[str]) -> int | None:
    """How many articles `paths` hold, when every input can be counted cheaply; else None."""
    total = 0
    for given in paths:
        if given == "-":
            return None
        for path in _files(Path(given)):
            count = _count_file(path) if path.exists() else 1
            if count is None:
                return None
            total += count
    return total


def rate_text(per_second: float | None) -> str:
    """A rate a person reads at a glance: two significant figures at most."""
    if per_second is None:
        return "… articles/s"
    if per_second >= 10:
        return f"{per_second:.0f} articles/s"
    if per_second >= 1:
        return f"{per_second:.1f} articles/s"
    return f"{per_second:.2f} articles/s"


def origin_fields(origin: str | None) -> dict[str, str | int | None]:
    """The file and, for files holding several articles, the row (line, CSV row, feed entry) an article came from."""
    if not origin:
        return {"file": None, "row": None}
    head, _, tail = origin.rpartition(":")
    if head and tail.isdigit():
        return {"file": head, "row": int(tail)}
    return {"file": origin, "row": None}
