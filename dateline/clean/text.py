"""Plain-text normalisation: raw text → paragraphs with whitespace tidied and characters inside lines untouched."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass

LINE_BREAKS = re.compile(r"\r\n|[\r\v\f\x85\u2028\u2029]")
# Invisible formatting characters that break word matching; zero-width (non-)joiners stay (they matter in some scripts).
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Lone surrogates (from JSON "\\ud800" escapes) cannot be written as UTF-8; they become U+FFFD.
SURROGATE = re.compile("[\ud800-\udfff]")
SPACES = re.compile(r"[^\S\n]+")
ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});")
HTML_TAG = re.compile(
    r"</?(?:p|br|div|span|a|b|i|em|strong|li|ul|ol|h[1-6]|img|figure|figcaption|blockquote|html|body)\b[^<>]{0,300}>",
    re.IGNORECASE,
)
TERMINAL = ".!?\"”’'»)…]"

# Hard-wrapped text (e-mail, wire copy) has short lines that end mid-sentence; these thresholds say when to rejoin.
# Calibrated by hand on 72- and 80-column wire copy and on the seeds (none of which is wrapped).
WRAP_MAX_LINE = 100
WRAP_MIN_LINES = 6
WRAP_MIN_OPEN_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of the cleaned text; `block` numbers the blank-line-separated raw chunk it came from."""

    text: str
    block: int


def looks_like_html(text: str) -> bool:
    """True when a 'plain' text is really HTML (a page saved as .txt, or markup left in a JSON field)."""
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return True
    return len(HTML_TAG.findall(text, 0, 100_000)) >= 3


def normalise(text: str) -> str:
    """Unify line breaks, drop control and invisible characters, decode stray entities, compose accents (NFC).

    Lone surrogates become U+FFFD (they cannot be written as UTF-8).
    """
    text = LINE_BREAKS.sub("\n", text)
    if ENTITY.search(text):
        text = html.unescape(text)
    text = SURROGATE.sub("\ufffd", CONTROL.sub("", INVISIBLE.sub("", text)))
    return unicodedata.normalize("NFC", text)


def _blocks(text: str) -> list[list[str]]:
    """Blank-line-separated chunks, each a list of its lines with whitespace collapsed."""
    blocks: list[list[str]] = [[]]
    for line in text.split("\n"):
        tidy = SPACES.sub(" ", line).strip()
        if tidy:
            blocks[-1].append(tidy)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _is_hard_wrapped(blocks: list[list[str]]) -> bool:
    """True when lines are short and most lines inside multi-line blocks stop mid-sentence."""
    lines = [line for block in blocks for line in block]
    if any(len(line) > WRAP_MAX_LINE for line in lines):
        return False
    inner = [line for block in blocks for line in block[:-1]]
    if len(inner) < WRAP_MIN_LINES:
        return False
    open_lines = sum(1 for line in inner if not line.endswith(tuple(TERMINAL)))
    return open_lines / len(inner) >= WRAP_MIN_OPEN_SHARE


def _unwrap(lines: list[str]) -> str:
    """Join the lines of a wrapped paragraph; a word hyphenated across the break keeps its hyphen, loses the space."""
    joined = lines[0]
    for line in lines[1:]:
        split_word = joined.endswith("-") and len(joined) > 1 and joined[-2].isalpha() and line[:1].islower()
        joined += line if split_word else " " + line
    return joined


def split_paragraphs(text: str) -> list[Paragraph]:
    """Normalised text → paragraphs: one per line, or one per block when the text is hard-wrapped."""
    blocks = _blocks(normalise(text))
    if _is_hard_wrapped(blocks):
        return [Paragraph(_unwrap(block), number) for number, block in enumerate(blocks)]
    return [Paragraph(line, number) for number, block in enumerate(blocks) for line in block]


def tidy_field(value: str | None) -> str | None:
    """A metadata value (title, id, URL) on one line: normalised like the text, whitespace collapsed; None if empty."""
    if value is None:
        return None
    return " ".join(normalise(value).split()) or None


def word_count(text: str) -> int:
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """True when a paragraph ends like a sentence (full stop, question, exclamation, closing quote or bracket)."""
    return text.endswith(tuple(TERMINAL))
