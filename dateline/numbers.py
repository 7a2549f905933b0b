"""Numbers written in words or digits: "25,000", "1.5 million", "twenty-four", "two dozen", "hundreds".

Shared by the times stage (durations such as "three days") and the casualties stage (counts of people).
The vocabulary is in knowledge/number_words.tsv.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

NUMBER_WORDS_PATH = Path(__file__).with_name("knowledge") / "number_words.tsv"
KINDS = frozenset({"number", "multiplier", "scale", "vague"})

_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+")


@dataclass(frozen=True, slots=True)
class NumberWord:
    kind: str  # number, multiplier, scale or vague (see the data file's header)
    low: int
    best: int
    high: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as low/best/high; exact numbers have all three equal."""

    low: int
    best: int
    high: int

    @property
    def exact(self) -> bool:
        return self.low == self.best == self.high


@cache
def load_number_words(path: Path = NUMBER_WORDS_PATH) -> dict[str, NumberWord]:
    """Read the number-word table; a bad row raises ValueError naming file:line."""
    words: dict[str, NumberWord] = {}
    header_seen = False
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            header_seen = True
            if fields != ["word", "kind", "low", "best", "high"]:
                raise ValueError(f"{path}:{line_number}: expected header 'word kind low best high'")
            continue
        if len(fields) != 5 or fields[1] not in KINDS:
            raise ValueError(f"{path}:{line_number}: expected 5 tab-separated fields with a known kind: {line!r}")
        try:
            low, best, high = (int(value) for value in fields[2:])
        except ValueError as error:
            raise ValueError(f"{path}:{line_number}: low/best/high must be integers: {line!r}") from error
        if not low <= best <= high:
            raise ValueError(f"{path}:{line_number}: need low <= best <= high: {line!r}")
        words[fields[0]] = NumberWord(fields[1], low, best, high)
    if not words:
        raise ValueError(f"{path}: no number words")
    return words


def tokens_of(text: str) -> list[str]:
    """Lower-case number tokens: digits (with thousands commas and decimals) and words; hyphens split words."""
    return _TOKEN.findall(text.lower().replace("-", " "))


def _digits(token: str) -> float | None:
    try:
        return float(token.replace(",", ""))
    except ValueError:
        return None


def _cardinal(tokens: list[str], words: dict[str, NumberWord]) -> float | None:
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


def parse_quantity(text: str) -> Quantity | None:
    """The quantity a phrase states: "25,000" → exact; "hundreds" or "several dozen" → a low/best/high range."""
    words = load_number_words()
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
