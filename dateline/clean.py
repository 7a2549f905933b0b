"""The cleaning stage: a raw document becomes an Article with clean text, title, publication date and dateline.

Reads: RawDocument. Writes: Article. (Placeholder: the ingest issue builds boilerplate removal and metadata.)
"""

from __future__ import annotations

import hashlib

from dateline.records import Article, RawDocument


class BadDocumentError(ValueError):
    """The document cannot become an article (empty, binary, too large, unreadable)."""


def content_id(content: str) -> str:
    """A stable id from content: the same text always gets the same id."""
    return "a" + hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def clean_document(raw: RawDocument, *, max_chars: int) -> Article:
    """Turn a raw document into an Article."""
    text = (raw.text or raw.html or "").strip()
    if not text:
        raise BadDocumentError(f"{raw.origin}: empty document")
    if len(text) > max_chars:
        raise BadDocumentError(f"{raw.origin}: {len(text)} characters, more than the limit of {max_chars}")
    return Article(
        id=raw.id or content_id(text),
        text=text,
        title=raw.title,
        published=raw.published,
        source=raw.source,
        url=raw.url,
        origin=raw.origin,
    )
