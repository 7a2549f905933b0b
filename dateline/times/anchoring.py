"""Which time expression dates an event: `event_date(times, start, end, article)` for the events stage.

The rule, in order:
 1. a DATE or TIME expression inside the event's sentence [start, end) with a calendar value (day, week, month or
    year; not a duration, set or PRESENT_REF), the nearest to `trigger` when given, else the most precise and then
    the first;
 2. else the last such expression in the text before the sentence, when it is in the same paragraph and at most
    LOOKBACK_CHARS before it (news often dates an attack once and goes on describing it);
 3. else the publication date, with `text=None` and precision "week" (the event happened at most days before the
    report, but the text does not say which day), so users can tell it was not read from the words;
    the events stage keeps it only for the news the article reports, not for background (events/context.py);
 4. else (no publication date) None.
Each date says which rule gave it (`EventDate.reason`: own_expression, nearby_expression, reported_news).
Weeks are given as the Monday of the week (the Saturday for a weekend); seasons, quarters and halves of a year
only as their year.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from dateline.records import Article, EventDate, TimeExpr

# How far back (characters) a date in an earlier sentence may still date an event. Chosen by reading news
# openings: a date is usually given in the first one or two sentences about an incident.
LOOKBACK_CHARS = 400

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


def event_date(
    times: Sequence[TimeExpr], start: int, end: int, article: Article, *, trigger: int | None = None
) -> EventDate | None:
    """The date of an event whose sentence is article.text[start:end] (see the module docstring for the rule)."""
    dated = [(expression, found) for expression in times if (found := event_date_of(expression)) is not None]
    # 1. in the sentence
    inside = [(expression, found) for expression, found in dated if start <= expression.start < end]
    chosen = _best_in(inside, trigger)
    if chosen is not None:
        return replace(chosen, reason="own_expression")
    # 2. in the sentences just before, same paragraph
    before = [
        (expression, found)
        for expression, found in dated
        if start - LOOKBACK_CHARS <= expression.start < start and "\n\n" not in article.text[expression.end : start]
    ]
    if before:
        return replace(max(before, key=lambda pair: pair[0].start)[1], reason="nearby_expression")
    # 3. the publication date, marked as such
    if article.published and re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.published[:10]):
        return EventDate(article.published[:10], "week", None, reason="reported_news")
    # 4. nothing to go on
    return None
