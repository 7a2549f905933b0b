"""Publication dates as pages print them: find full dates in a line, tell date lines from story, check the year.

The month names come from knowledge/time_words.yaml (see clean/knowledge.py), compiled once into `DateWords`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

MIN_YEAR = 1900

_YEAR_SEP = r"(?:\s*,\s*|\s+)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"


@dataclass(frozen=True, slots=True)
class DateWords:
    """Month names (lower case → 1-12) and the date patterns written with them.

    Each pattern names its groups year/month/day; "first"/"second"/"sep" mark the numeric forms whose day and month
    need sorting out."""

    months: Mapping[str, int]
    patterns: tuple[re.Pattern[str], ...]


def _factored(words: Iterable[str]) -> str:
    """A regex matching exactly `words`, longest first, with common prefixes factored out ("jan(?:uary)?").

    Why not "january|jan|...": re tries every alternative at every position, and the pages' date stamps are searched
    line by line; the factored form fails at the first letter that fits no name, as fast as the hand-written one."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)


def date_words(months: Mapping[str, int]) -> DateWords:
    """Compile the date patterns for these month names (a longer name first, so "june" is not read as "jun")."""
    month = rf"(?P<month>{_factored(months)})\.?"
    patterns = (
        re.compile(r"(?<![\d/.])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
        re.compile(r"(?<![\d/.])(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})(?![\d/])"),
        re.compile(r"(?<![\d/.-])(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\d/])"),
        re.compile(rf"\b{month}\s+{_DAY}{_YEAR_SEP}(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
        re.compile(rf"(?<!\d){_DAY}\s+(?:of\s+)?{month}{_YEAR_SEP}(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
    )
    return DateWords(months, patterns)


TIME = re.compile(
    r"(?<!\d)T?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\.\d+)?(?:\s*[ap]\.?\s?m\b\.?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|(?<!\d)\d{1,2}\s*[ap]\.?\s?m\b\.?",
    re.IGNORECASE,
)
UPDATE_CUE = re.compile(r"\b(?:updated|modified|edited|revised|amended)\b\W*(?:on|at)?\W*$", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
# A date line is short: a date, a time, cue words, perhaps a byline. Longer lines are story even if they hold a date.
DATE_LINE_MAX_WORDS = 16
BYLINE_MAX_WORDS = 6


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A full calendar date found in a line, where it is, and whether the words before it mark an update."""

    value: dt.date
    start: int
    end: int
    updated: bool


def _numeric_order(first: int, second: int, sep: str) -> tuple[int, int]:
    """(month, day) for 05/19/2015 (US order with slashes) or 19.05.2015 (day first with dots and dashes)."""
    if sep == "/":
        return (second, first) if first > 12 else (first, second)
    return (first, second) if second > 12 else (second, first)


def _to_date(match: re.Match[str], months: Mapping[str, int]) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first") is not None:
        month, day = _numeric_order(int(groups["first"]), int(groups["second"]), groups["sep"])
    else:
        month_text = groups["month"]
        month = int(month_text) if month_text.isdigit() else months[month_text.lower().rstrip(".")]
        day = int(groups["day"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(line: str, words: DateWords) -> list[FoundDate]:
    """Every full date (day, month and year) in a line, left to right, without overlaps."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in words.patterns:
        for match in pattern.finditer(line):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _to_date(match, words.months)
            if value is None:
                continue
            before = line[max(0, match.start() - 30) : match.start()]
            found.append(FoundDate(value, match.start(), match.end(), bool(UPDATE_CUE.search(before))))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda item: item.start)


def is_date_line(line: str, dates: list[FoundDate], date_words: frozenset[str]) -> bool:
    """True when a line is only a date stamp: dates, times, cue words ("Updated", "ET"), perhaps "By <name>"."""
    if not dates or len(line.split()) > DATE_LINE_MAX_WORDS:
        return False
    rest = line
    for found in reversed(dates):
        rest = rest[: found.start] + " " + rest[found.end :]
    rest = TIME.sub(" ", rest)
    leftover = [word for word in WORD.findall(rest) if word.casefold() not in date_words]
    if not leftover:
        return True
    return leftover[0].casefold() == "by" and len(leftover) <= BYLINE_MAX_WORDS


def publication_date(dates: list[FoundDate]) -> dt.date | None:
    """The date a stamp gives for publication: the first not marked as an update, else the first update."""
    original = [found for found in dates if not found.updated]
    chosen = original or dates
    return chosen[0].value if chosen else None


def year_in_range(value: dt.date, today: dt.date) -> bool:
    """Publication years before 1900 or after next year are absurd for a news report."""
    return MIN_YEAR <= value.year <= today.year + 1


ISO_START = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def parse_given_date(text: str, words: DateWords) -> dt.date | None:
    """A date given with the input: ISO "YYYY-MM-DD" (a datetime is cut to its date), else one written-out date."""
    text = text.strip()
    match = ISO_START.match(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    dates = find_dates(text, words)
    return dates[0].value if len(dates) == 1 else None
