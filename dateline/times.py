"""The times stage: every time expression, normalised against the article's date.

Reads: Article.text, Article.published, Doc. Writes: TimeExpr. (Placeholder until the events-and-times issue.)
"""

from __future__ import annotations

from spacy.tokens import Doc

from dateline.records import Article, TimeExpr


def find_times(article: Article, doc: Doc) -> list[TimeExpr]:
    """Find and normalise time expressions."""
    return []
