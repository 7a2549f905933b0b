"""Which time expression dates an event: `event_date(times, start, end, article)` for the events stage.

The rule, in order:
 1. a DATE or TIME expression of the event's own clause with a calendar value (day, week, month or year; not a
    duration, set or PRESENT_REF), the nearest to `trigger` when given, else the most precise and then the first;
    the events stage says which expressions of the sentence belong to another verb (`foreign`: "police said
    Monday"). A week or month is made a day when the sentence or the next ones name a day inside it, not after the
    article ("over the weekend. It happened early Sunday morning");
 2. else the last such expression in the text before the sentence, when it is in the same paragraph and at most
    LOOKBACK_CHARS before it (news often dates an attack once and goes on describing it);
 3. else the date of another verb of the sentence ("police said Monday"): the event was that day or shortly before;
 4. else the publication date, with `text=None` and precision "week" (the event happened at most days before the
    report, but the text does not say which day), so users can tell it was not read from the words;
    the events stage keeps it only for the news the article reports, not for background (events/context.py);
 5. else (no publication date) None.
A day named only in other sentences (the next ones, or the last the story named) does not date an event: in wire
copy those are other occurrences' days (tried in phase 4: GVC dev date 0.603 -> 0.795, but the demo gold's dates
0.743 -> 0.485 on both halves; docs/times.md). A later telling of the same event dates it through the events
stage's mentions (reason `mention`).
Each date says which rule gave it (`EventDate.reason`: own_expression, nearby_expression,
sentence_expression, reported_news).
Weeks are given as the Monday of the week (the Saturday for a weekend); seasons, quarters and halves of a year
only as their year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from dateline.records import Article, EventDate, TimeExpr

# How far back (characters) a date in an earlier sentence may still date an event. Chosen by reading news
# openings: a date is usually given in the first one or two sentences about an incident.
LOOKBACK_CHARS = 400
# How far after its sentence a day may still date an event its own sentence leaves undated: news leads often say what
# happened and give the when in the next sentence or two.
LOOKAHEAD_CHARS = 600

_PRECISION_RANK: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3}
# Compiled once: event_date_of runs for every pair of event and time expression.
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T.*)?")
_WEEK_VALUE = re.compile(r"(\d{4})-W(\d{2})(-WE)?")
_MONTH_VALUE = re.compile(r"\d{4}-\d{2}")
_YEAR_VALUE = re.compile(r"(\d{4})(?:-(?:Q[1-4]|H[12]|SP|SU|FA|WI))?")


def event_date_of(expression: TimeExpr) -> EventDate | None:
    """An event date from one time expression, or None when its value is not a calendar date."""
    if expression.type not in ("DATE", "TIME"):
        return None
    value = expression.value
    if _DAY_VALUE.fullmatch(value):
        return EventDate(value[:10], "day", expression.text)
    week = _WEEK_VALUE.fullmatch(value)
    if week:
        try:
            day = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 6 if week.group(3) else 1)
        except ValueError:
            return None
        return EventDate(day.isoformat(), "week", expression.text)
    if _MONTH_VALUE.fullmatch(value):
        return EventDate(value, "month", expression.text)
    year = _YEAR_VALUE.fullmatch(value)
    if year:
        return EventDate(year.group(1), "year", expression.text)
    return None


def _best_in(times: Sequence[tuple[TimeExpr, EventDate]], trigger: int | None) -> EventDate | None:
    if not times:
        return None
    if trigger is not None:
        return min(times, key=lambda pair: (abs(pair[0].start - trigger), _PRECISION_RANK[pair[1].precision]))[1]
    return min(times, key=lambda pair: (_PRECISION_RANK[pair[1].precision], pair[0].start))[1]


# Dates the words of the event's own clause, or the sentences just before it, give: evidence of when this event was.
# The others (another verb's, the article's) are the best guess, too weak to tell two tellings apart.
READ_FOR_THE_EVENT = frozenset({"own_expression", "nearby_expression", "mention"})


def read_for_the_event(found: EventDate) -> bool:
    """Whether a date was read from words about the event itself (READ_FOR_THE_EVENT), not inferred around it."""
    return found.text is not None and (found.reason is None or found.reason in READ_FOR_THE_EVENT)


def _days_of(found: EventDate) -> tuple[str, str] | None:
    """The first and last day (ISO) a week or month date covers; None for a day or a year."""
    if found.precision == "week":
        first = date.fromisoformat(found.value)
        return first.isoformat(), (first + timedelta(days=6)).isoformat()
    if found.precision == "month":
        return f"{found.value}-01", f"{found.value}-31"
    return None


def _refined(
    found: EventDate,
    dated: Sequence[tuple[TimeExpr, EventDate]],
    start: int,
    end: int,
    published: date | None,
) -> EventDate:
    """A week or month date made a day when its sentence or the ones just after name a day inside it, not after the
    article ("opened fire over the weekend. It happened early Sunday morning"): the precision the text supports."""
    days = _days_of(found)
    if days is None:
        return found
    for expression, day in dated:
        if (
            start <= expression.start < end + LOOKAHEAD_CHARS
            and day.precision == "day"
            and days[0] <= day.value <= days[1]
            and (published is None or day.value <= published.isoformat())
        ):
            return day
    return found


def _published_day(article: Article) -> date | None:
    try:
        return date.fromisoformat(article.published[:10]) if article.published else None
    except ValueError:
        return None


def event_date(
    times: Sequence[TimeExpr],
    start: int,
    end: int,
    article: Article,
    *,
    trigger: int | None = None,
    foreign: frozenset[int] = frozenset(),
) -> EventDate | None:
    """The date of an event whose sentence is article.text[start:end] (see the module docstring for the rule).
    `foreign` holds the start offsets of the sentence's expressions that belong to another verb than the event's
    ("police said Monday", "was charged Tuesday in the shooting"): they come after the nearby ones."""
    dated = [(expression, found) for expression in times if (found := event_date_of(expression)) is not None]
    # 1. in the event's own clause
    inside = [(expression, found) for expression, found in dated if start <= expression.start < end]
    chosen = _best_in([pair for pair in inside if pair[0].start not in foreign], trigger)
    published = _published_day(article)
    if chosen is not None:
        return replace(_refined(chosen, dated, start, end, published), reason="own_expression")
    # 2. in the sentences just before, same paragraph
    before = [
        (expression, found)
        for expression, found in dated
        if start - LOOKBACK_CHARS <= expression.start < start and "\n\n" not in article.text[expression.end : start]
    ]
    if before:
        return replace(max(before, key=lambda pair: pair[0].start)[1], reason="nearby_expression")
    # 3. the date of another verb of its sentence ("police said Monday"): the event was that day or shortly before
    chosen = _best_in(inside, trigger)
    if chosen is not None:
        return replace(chosen, reason="sentence_expression")
    # 4. the publication date, marked as such
    if published is not None:
        return EventDate(published.isoformat(), "week", None, reason="reported_news")
    # 5. nothing to go on
    return None
