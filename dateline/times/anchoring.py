"""Which time expression dates an event: `event_date(times, start, end, article)` for the events stage.

The rule, in order:
 1. a DATE or TIME expression of the event's own clause with a calendar value (day, week, month or year; not a
    duration, set or PRESENT_REF), the nearest to `trigger` when given, else the most precise and then the first;
    the events stage says which expressions of the sentence belong to another verb (`foreign`: "police said
    Monday"). A week or month is made a day when the sentence or the next ones name a day inside it, not after the
    article ("over the weekend. It happened early Sunday morning");
 2. else the last such expression in the text before the sentence, when it is in the same paragraph and at most
    LOOKBACK_CHARS before it (news often dates an attack once and goes on describing it);
 3. else the first day in the LOOKAHEAD_CHARS after the sentence, not after the article and, where there is one,
    before it ("A girl was shot and killed. It happened just before 6 p.m. Friday");
 4. else the date of another verb of the sentence ("police said Monday"): the event was that day or shortly before;
 5. else the last day the article named before the sentence, not after the article (the story's day of the news);
 6. else the publication date, with `text=None` and precision "week" (the event happened at most days before the
    report, but the text does not say which day), so users can tell it was not read from the words;
    the events stage keeps it only for the news the article reports, not for background (events/context.py);
 7. else (no publication date) None.
Each date says which rule gave it (`EventDate.reason`: own_expression, nearby_expression, following_expression,
sentence_expression, story_expression, reported_news).
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
# The others (a day of the next sentences, another verb's, the story's, the article's) are the best guess, too weak to
# tell two tellings apart.
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
    # 3. a day the sentences just after give, not after the article ("It happened just before 6 p.m. Friday")
    after = [
        found
        for expression, found in dated
        if end <= expression.start < end + LOOKAHEAD_CHARS
        and found.precision == "day"
        and (published is None or found.value <= published.isoformat())
    ]
    if published is not None:  # a day before the article's over the article's own ("police said Monday")
        after = [found for found in after if found.value < published.isoformat()] or after
    if after:
        return replace(after[0], reason="following_expression")
    # 4. the date of another verb of its sentence ("police said Monday"): the event was that day or shortly before
    chosen = _best_in(inside, trigger)
    if chosen is not None:
        return replace(chosen, reason="sentence_expression")
    # 5. the last day named before it in the article, not after the article: the news's day as the story gave it
    earlier = [
        found
        for expression, found in dated
        if expression.start < start
        and found.precision == "day"
        and (published is None or found.value <= published.isoformat())
    ]
    if earlier:
        return replace(earlier[-1], reason="story_expression")
    # 6. the publication date, marked as such
    if published is not None:
        return EventDate(published.isoformat(), "week", None, reason="reported_news")
    # 7. nothing to go on
    return None
