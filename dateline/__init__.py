"""dateline: news reports about armed conflict in, a sourced and queryable record of events out.

The Python API mirrors the command line; importing it loads no model (that happens on first use).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from dateline.records import Extraction


def extract(text: str, published: str | None = None) -> Extraction:
    """Extract events, quotes, places, times and actors from one article's text."""
    from dateline.pipeline import extract_text

    return extract_text(text, published=published)


__all__ = ["__version__", "extract"]
