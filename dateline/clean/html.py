"""HTML pages → main text and page metadata (title, publication date, canonical URL, site name).

1. trafilatura finds the main text and reads the metadata (og:title, <title>, h1; article:published_time, <time>
   and other markup via htmldate, original date rather than last update, no guessing from the text);
2. if it finds no text (tiny or broken pages), the plain text of the page from the standard library's forgiving
   HTML parser, minus scripts, styles and navigation;
3. if that is empty too, the page has no text and the caller refuses it.

trafilatura keeps the text of paragraphs and drops text that sits in a bare `<div>` between them
(`<p>A</p><div>B</div><p>C</p>` gave A and C). A sentence of the page's plain text that falls between two kept
paragraphs and is missing from trafilatura's text is story text lost, not boilerplate (menus, bylines and footers sit
around the story, not inside it): the page is then read again with trafilatura's `favor_recall`, which keeps it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import trafilatura
from trafilatura.settings import Document

log = logging.getLogger(__name__)

DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
NON_TEXT_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg", "iframe")
BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section", "article", "pre", "dd"}
)

# trafilatura refuses bare fragments ("<p>...</p>", as JSONL `html` fields often are) with an error log; wrap them.
DOCUMENT_TAG = re.compile(r"<(?:html|body|head)\b", re.IGNORECASE)

SITE_NAME_MAX_WORDS = 6


class HtmlError(ValueError):
    """The HTML has no readable text."""


@dataclass(frozen=True, slots=True)
class HtmlContent:
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None


def _site_name(sitename: str | None, title: str | None) -> str | None:
    """trafilatura falls back to the page title when a page names no site; that is not a site name."""
    if not sitename or sitename == title or len(sitename.split()) > SITE_NAME_MAX_WORDS:
        return None
    return sitename


def _with_trafilatura(html: str) -> HtmlContent | None:
    if DOCUMENT_TAG.search(html, 0, 5000) is None:
        html = f"<html><body>{html}</body></html>"
    document = _bare_extraction(html, favor_recall=False)
    if document is None:
        return None
    if _lost_inside(document.text or "", _with_stdlib(html).text):
        document = _bare_extraction(html, favor_recall=True) or document
    return HtmlContent(
        text=document.text or "",
        title=document.title or None,
        published=document.date or None,
        url=document.url or None,
        source=_site_name(document.sitename, document.title),
    )


def _bare_extraction(html: str, *, favor_recall: bool) -> Document | None:
    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=DATE_PARAMS,
            favor_recall=favor_recall,
        )
    except Exception as error:  # noqa: BLE001 - a third-party parser failing on odd HTML falls back to lxml
        log.debug("trafilatura failed: %s", error)
        return None
    if not isinstance(document, Document) or not (document.text or "").strip():
        return None
    return document


# A line of the plain text counts as a lost sentence with at least this many words and a sentence's last mark.
LOST_SENTENCE_MIN_WORDS = 4
SENTENCE_END = (".", "!", "?", '."', "”")


def _lost_inside(kept: str, plain: str) -> bool:
    """Whether a sentence-like line of the page's plain text is missing from the kept text while lines before and
    after it were kept."""
    kept_flat = " ".join(kept.split())
    status: list[bool | None] = []  # per line: kept, lost sentence, or neither (None)
    for line in plain.splitlines():
        flat = " ".join(line.split())
        if not flat:
            continue
        if flat in kept_flat:
            status.append(True)
        elif len(flat.split()) >= LOST_SENTENCE_MIN_WORDS and flat.endswith(SENTENCE_END):
            status.append(False)
    kept_at = [index for index, value in enumerate(status) if value]
    return bool(kept_at) and any(value is False for value in status[kept_at[0] : kept_at[-1]])


class _PlainText(HTMLParser):
    """Collects the text of a page outside non-text elements, with a line break at each block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skipping: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in NON_TEXT_TAGS:
            self._skipping.append(tag)
        elif tag == "title":
            self._in_title = True
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
        elif tag == "title":
            self._in_title = False
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skipping:
            self.parts.append(data)


def _with_stdlib(html: str) -> HtmlContent:
    parser = _PlainText()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError) as error:  # old parser versions assert on some malformed declarations
        raise HtmlError(f"HTML could not be parsed ({error})") from error
    title = " ".join("".join(parser.title).split())
    return HtmlContent(text="".join(parser.parts), title=title or None)


def extract_html(html: str) -> HtmlContent:
    """Main text and metadata of an HTML page; raises HtmlError when the page has no text at all."""
    content = _with_trafilatura(html) or _with_stdlib(html)
    if not content.text.strip():
        raise HtmlError("no text found in the HTML")
    return content
