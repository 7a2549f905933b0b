"""Direct quotes from quote marks alone: which marks open and close, and quotes running over several paragraphs.

Works on the raw article text, not on tokens, so a tokenizer's view of a mark never hides a quote. A span runs from
its opening mark to its closing mark, both included (PolNeAR's gold Content spans include them too). Rules:

1. Curly marks say what they are (“ opens, ” closes); a straight " opens when no quote is open in its paragraph and
   closes otherwise. A closing mark with no open quote that sits before a word (` ”Word`) is taken as an opener, a
   typo common in wire copy; likewise an opening mark inside an open quote that follows a word and precedes a space
   or punctuation (`“Frozen“ and`) closes it.
2. A quote left open at the end of a paragraph continues into the next paragraph when that paragraph starts with an
   opening mark (the news convention for a quotation running over several paragraphs); otherwise it ends with its
   paragraph (an unclosed quote).
3. Single marks (‘ ’ ') are not used: they double as apostrophes.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING_MARKS = frozenset("“«„")
CLOSING_MARKS = frozenset("”»")
AMBIGUOUS_MARKS = frozenset('"″')
ALL_MARKS = OPENING_MARKS | CLOSING_MARKS | AMBIGUOUS_MARKS


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """Text between quote marks: start at the opening mark, end after the closing mark (or the paragraph's end)."""

    start: int
    end: int
    closed: bool
    paragraphs: int = 1


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, trimmed of surrounding spaces: the paragraphs of a cleaned article."""
    found: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = position + line.index(stripped[0])
            found.append((start, start + len(stripped)))
        position += len(line) + 1
    return found


def _opens(text: str, index: int, inside: bool) -> bool:
    """Whether the mark at `index` opens a quote, given whether one is already open in the paragraph."""
    mark = text[index]
    if mark in OPENING_MARKS:
        return True
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if mark in CLOSING_MARKS:
        return not inside and (before.isspace() or before in "([—–") and after.isalnum()
    return not inside


def _closes_as_typo(text: str, index: int) -> bool:
    """An opening mark right after a word and before a space or punctuation (`Wins“ that`), inside an open quote:
    a closing mark typed the wrong way round."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isalnum() or before in ".,!?") and not after.isalnum()


def _starts_with_opener(text: str, paragraph: tuple[int, int]) -> bool:
    start = paragraph[0]
    return text[start] in OPENING_MARKS or (text[start] in AMBIGUOUS_MARKS and _opens(text, start, inside=False))


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """Every quotation delimited by double quote marks, in text order (see the module docstring for the rules)."""
    spans: list[MarkedSpan] = []
    blocks = paragraphs(text)
    open_at: int | None = None
    opened_paragraph = 0
    for number, (start, end) in enumerate(blocks):
        continuing = open_at is not None
        for index in range(start, end):
            if text[index] not in ALL_MARKS:
                continue
            if continuing and index == start:
                continue  # the opening mark that continues last paragraph's quote
            if open_at is None:
                if _opens(text, index, inside=False):
                    open_at, opened_paragraph = index, number
            elif text[index] in OPENING_MARKS and not _closes_as_typo(text, index):
                open_at, opened_paragraph = index, number  # an opener inside an open quote: the first was stray
            else:
                spans.append(MarkedSpan(open_at, index + 1, True, number - opened_paragraph + 1))
                open_at = None
        next_continues = number + 1 < len(blocks) and _starts_with_opener(text, blocks[number + 1])
        if open_at is not None and not next_continues:
            spans.append(MarkedSpan(open_at, end, False, number - opened_paragraph + 1))
            open_at = None
    return spans


def strip_marks(text: str) -> str:
    """The words of a quotation without its quote marks and surrounding spaces."""
    return text.strip().strip("".join(ALL_MARKS)).strip()
