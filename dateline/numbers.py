"""Numbers written in words or digits: "25,000", "1.5 million", "twenty-four", "two dozen", "hundreds".

Shared by the times stage (durations such as "three days") and the casualties stage (counts of people). The
vocabulary is knowledge/number_words.tsv, read by `load_number_words`; each of those stages carries it in its
knowledge bundle and passes it to `parse_quantity`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dateline.knowledge import KnowledgeError, knowledge_path, read_tsv

NUMBER_WORDS_FILE = knowledge_path("number_words.tsv")
KINDS = frozenset({"number", "multiplier", "scale", "vague"})

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+")


@dataclass(frozen=True, slots=True)
class NumberWord:
    kind: str  # number, multiplier, scale or vague (see the data file's header)
    low: int
    best: int
    high: int


# Lower-case word or phrase → its meaning, as read from number_words.tsv.
NumberWords = Mapping[str, NumberWord]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as low/best/high; exact numbers have all three equal."""

    low: int
    best: int
    high: int

    @property
    def exact(self) -> bool:
        return self.low == self.best == self.high


def load_number_words(path: Path = NUMBER_WORDS_FILE) -> dict[str, NumberWord]:
    """Read the number-word table; a bad row raises KnowledgeError naming file:line."""
    words: dict[str, NumberWord] = {}
    for row in read_tsv(path, ("word", "kind", "low", "best", "high")):
        if row["kind"] not in KINDS:
            raise row.error(f"unknown kind {row['kind']!r} (expected one of {', '.join(sorted(KINDS))})")
        low, best, high = row.integer("low"), row.integer("best"), row.integer("high")
        if not low <= best <= high:
            raise row.error(f"need low <= best <= high, got {low}, {best}, {high}")
        words[row["word"]] = NumberWord(row["kind"], low, best, high)
    if not words:
        raise KnowledgeError(f"{path}:0: no number words")
    return words


def tokens_of(text: str) -> list[str]:
    """Lower-case number tokens: digits (with thousands commas and decimals) and words; hyphens split words."""
    return _TOKEN.findall(text.lower().replace("-", " "))


def _digits(token: str) -> float | None:
    try:
        return float(token.replace(",", ""))
    except ValueError:
        return None


def _cardinal(tokens: list[str], words: NumberWords) -> float | None:
    """An exact number from digits and number words, e.g. ["two", "hundred", "and", "five"]; None if not one."""
    total = 0.0
    current: float | None = None
    for token in tokens:
        value = _digits(token) if token[0].isdigit() else None
        entry = words.get(token)
        if value is not None:
            current = (current or 0.0) + value
        elif token == "and" and current is not None:
            continue
        elif entry is None or entry.kind == "vague":
            return None
        elif entry.kind == "number":
            current = (current or 0.0) + entry.best
        else:  # multiplier or scale
            current = (current if current is not None else 1.0) * entry.best
            if entry.kind == "scale" and entry.best >= 1000:
                total, current = total + current, 0.0
    if current is None and total == 0.0:
        return None
    return total + (current or 0.0)


def parse_quantity(text: str, words: NumberWords) -> Quantity | None:
    """The quantity a phrase states: "25,000" → exact; "hundreds" or "several dozen" → a low/best/high range."""
    tokens = [token for token in tokens_of(text) if token != "of"]
    if len(tokens) > 1 and tokens[0] in ("a", "an") and getattr(words.get(tokens[1]), "kind", "") == "vague":
        tokens = tokens[1:]  # "a few"
    if not tokens:
        return None
    phrase = " ".join(tokens_of(text))
    vague = words.get(phrase) or words.get(" ".join(tokens))
    if vague is not None and vague.kind == "vague":
        return Quantity(vague.low, vague.best, vague.high)
    first = words.get(tokens[0])
    if first is not None and first.kind == "vague" and len(tokens) > 1:
        factor = _cardinal(tokens[1:], words)  # "several hundred", "a few dozen"
        if factor is None or not math.isfinite(factor):
            return None
        return Quantity(round(first.low * factor), round(first.best * factor), round(first.high * factor))
    value = _cardinal(tokens, words)
    if value is None or not math.isfinite(value):  # a 400-digit "number" overflows to infinity
        return None
    return Quantity(round(value), round(value), round(value))
