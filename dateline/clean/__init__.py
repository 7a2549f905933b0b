"""The cleaning stage: a raw document becomes an Article with clean text, title, publication date and dateline.

Reads: RawDocument (text or HTML, plus any metadata the input gave). Writes: Article, whose `text` every offset of the
later stages points into: story paragraphs only, separated by "\\n\\n", whitespace collapsed inside lines, characters
otherwise as written. Headline, date stamps and bylines become metadata and leave the text; boilerplate is dropped.

1. HTML (an .html file, an `html` field, or markup found in a text) → main text and page metadata (clean/html.py);
2. text → paragraphs (clean/text.py);
3. the top: headline, date stamp, byline (clean/header.py); the foot: date stamps;
4. boilerplate (clean/boilerplate.py, cues in knowledge/boilerplate.tsv);
5. metadata: given values win, then HTML metadata, then what the text says; absurd dates are refused with a note.

The knowledge (boilerplate cues, month names) arrives as one `CleanKnowledge`, loaded once per process by
`load_clean_knowledge()` in `pipeline.load_resources`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from dataclasses import dataclass

from dateline.clean.boilerplate import remove_boilerplate
from dateline.clean.dates import MIN_YEAR, parse_given_date, year_in_range
from dateline.clean.header import cued_publication_date, find_dateline, read_header, split_footer_dates
from dateline.clean.html import HtmlContent, HtmlError, extract_html
from dateline.clean.knowledge import CleanKnowledge, load_clean_knowledge
from dateline.clean.text import looks_like_html, split_paragraphs, tidy_field
from dateline.records import Article, RawDocument

__all__ = [
    "BadDocumentError",
    "CleanKnowledge",
    "CleanResult",
    "clean_document",
    "clean_with_notes",
    "content_id",
    "load_clean_knowledge",
]

log = logging.getLogger(__name__)

PARAGRAPH_BREAK = "\n\n"
# HTML carries markup, scripts and styles: a page may be this many times longer than the text limit.
HTML_SIZE_FACTOR = 10


class BadDocumentError(ValueError):
    """The document cannot become an article (empty, too large, no text after cleaning)."""


@dataclass(frozen=True, slots=True)
class CleanResult:
    """A cleaned article, plus notes on metadata that was refused (e.g. an absurd publication date)."""

    article: Article
    notes: tuple[str, ...] = ()


def content_id(content: str) -> str:
    """A stable id from content: the same text always gets the same id."""
    return "a" + hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _source_text(raw: RawDocument, max_chars: int) -> tuple[str, HtmlContent | None]:
    """The text to clean, and the HTML metadata when the input was HTML."""
    text = raw.text if raw.text and raw.text.strip() else None
    html = raw.html if raw.html and raw.html.strip() else None
    if text is not None and not looks_like_html(text):
        if len(text) > max_chars:
            raise BadDocumentError(f"{len(text)} characters, more than the limit of {max_chars}")
        return text, None
    page = text if text is not None else html
    if page is None:
        raise BadDocumentError("empty document: no text")
    if len(page) > max_chars * HTML_SIZE_FACTOR:
        raise BadDocumentError(f"HTML of {len(page)} characters, more than the limit of {max_chars * HTML_SIZE_FACTOR}")
    try:
        content = extract_html(page)
    except HtmlError as error:
        raise BadDocumentError(str(error)) from error
    return content.text, content


def _check_date(
    value: dt.date | str | None, source: str, today: dt.date, notes: list[str], knowledge: CleanKnowledge
) -> str | None:
    """An ISO date when the value is a date with a plausible year; otherwise None, with a note saying why."""
    if value is None:
        return None
    parsed = value if isinstance(value, dt.date) else parse_given_date(value, knowledge.dates)
    if parsed is None:
        notes.append(f"publication date {value!r} from {source} is not a date; ignored")
        return None
    if not year_in_range(parsed, today):
        notes.append(
            f"publication date {parsed.isoformat()} from {source} is outside {MIN_YEAR}–{today.year + 1}; ignored"
        )
        return None
    return parsed.isoformat()


def _choose_published(
    candidates: list[tuple[dt.date | str | None, str]], today: dt.date, knowledge: CleanKnowledge
) -> tuple[str | None, list[str]]:
    """The first plausible date in order of trust (given, HTML metadata, the text's own stamps)."""
    notes: list[str] = []
    for value, source in candidates:
        checked = _check_date(value, source, today, notes, knowledge)
        if checked is not None:
            return checked, notes
    return None, notes


def clean_with_notes(
    raw: RawDocument, *, max_chars: int, knowledge: CleanKnowledge, today: dt.date | None = None
) -> CleanResult:
    """Turn a raw document into an Article, with notes on refused metadata. Raises BadDocumentError."""
    rules = knowledge.rules
    today = today or dt.datetime.now(dt.UTC).date()
    source_text, page = _source_text(raw, max_chars)
    page = page or HtmlContent(text="")
    given_title = tidy_field(raw.title) or tidy_field(page.title)
    header = read_header(split_paragraphs(source_text), knowledge, given_title=given_title)
    body, footer_date = split_footer_dates(header.body, knowledge)
    body = remove_boilerplate(body, rules)
    text = PARAGRAPH_BREAK.join(paragraph.text for paragraph in body)
    if not text:
        raise BadDocumentError("no article text left after removing boilerplate")
    if len(text) > max_chars:
        raise BadDocumentError(f"{len(text)} characters, more than the limit of {max_chars}")
    published, notes = _choose_published(
        [
            (raw.published, "the input"),
            (page.published, "the HTML metadata"),
            (header.published, "a date line"),
            (footer_date, "a date line"),
            (cued_publication_date(body, knowledge), "the text"),
        ],
        today,
        knowledge,
    )
    article = Article(
        id=tidy_field(raw.id) or content_id(text),
        text=text,
        title=given_title or header.title,
        published=published,
        dateline=find_dateline(body, rules),
        source=tidy_field(raw.source) or tidy_field(page.source),
        url=tidy_field(raw.url) or tidy_field(page.url),
        origin=raw.origin,
    )
    return CleanResult(article=article, notes=tuple(notes))


def clean_document(raw: RawDocument, *, max_chars: int, knowledge: CleanKnowledge) -> Article:
    """Turn a raw document into an Article; notes on refused metadata are logged (clean_with_notes returns them)."""
    result = clean_with_notes(raw, max_chars=max_chars, knowledge=knowledge)
    for note in result.notes:
        log.warning("%s: %s", raw.origin, note)
    return result.article
