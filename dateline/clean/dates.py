"""Publication dates as pages print them: find full dates in a line, tell date lines from story, check the year."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
MIN_YEAR = 1900

_MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # noqa: E501
_YEAR_SEP = r"(?:\s*,\s*|\s+)"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# Each pattern names its groups year/month/day; "order" marks the numeric forms whose day and month need sorting out.
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(r"(?<![\d/.])(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<![\d/.])(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})(?![\d/])"),
    re.compile(r"(?<![\d/.-])(?P<first>\d{1,2})(?P<sep>[/.-])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})(?![\d/])"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}{_YEAR_SEP}(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
    re.compile(rf"(?<!\d){_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR_SEP}(?P<year>\d{{4}})(?!\d)", re.IGNORECASE),
)
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


def _to_date(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("first") is not None:
        month, day = _numeric_order(int(groups["first"]), int(groups["second"]), groups["sep"])
    else:
        month_text = groups["month"]
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")]
        day = int(groups["day"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(line: str) -> list[FoundDate]:
    """Every full date (day, month and year) in a line, left to right, without overlaps."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(line):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            value = _to_date(match)
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


def parse_given_date(text: str) -> dt.date | None:
    """A date given with the input: ISO "YYYY-MM-DD" (a datetime is cut to its date), else one written-out date."""
    text = text.strip()
    match = ISO_START.match(text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    dates = find_dates(text)
    return dates[0].value if len(dates) == 1 else None
