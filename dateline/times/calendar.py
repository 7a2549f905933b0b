"""Calendar arithmetic for TimeML values: weeks, weekends, quarters, shifting by months, picking a year."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Literal

Tense = Literal["past", "present", "future"]


def day_value(day: date) -> str:
    return day.isoformat()


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def shift_months(anchor: date, months: int) -> tuple[int, int]:
    """The (year, month) `months` months from the anchor's month."""
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def shift_days(anchor: date, days: int) -> date:
    return anchor + timedelta(days=days)


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


def shift_quarters(anchor: date, quarters: int) -> tuple[int, int]:
    """The (year, quarter) `quarters` quarters from the anchor's quarter."""
    index = anchor.year * 4 + quarter_of(anchor.month) - 1 + quarters
    return index // 4, index % 4 + 1


def weekend_value(anchor: date, tense: Tense, offset_weeks: int = 0) -> str:
    """The weekend meant: the one just past (or under way) unless the verb is in the future."""
    saturday = anchor + timedelta(days=5 - anchor.weekday())  # the Saturday of the anchor's ISO week
    if anchor.weekday() < 5 and tense != "future":
        saturday -= timedelta(days=7)
    saturday += timedelta(days=7 * offset_weeks)
    return week_value(saturday) + "-WE"


def weekday_date(anchor: date, weekday: int, tense: Tense, direction: int = 0) -> date:
    """The date of an ISO weekday (Monday = 1) named in a text of date `anchor`.

    direction -1 ("last Friday") is strictly before, +1 ("next Friday") strictly after; otherwise the tense decides:
    the latest such day up to the anchor for a past verb, the first one after it for a future verb, and the nearest
    for a present one (news uses the present for what is scheduled: "they meet Monday"; a tie goes to the past).
    """
    delta = weekday - anchor.isoweekday()
    after = anchor + timedelta(days=delta if delta > 0 else delta + 7)
    before = anchor + timedelta(days=delta if delta < 0 else delta - 7)
    up_to = anchor + timedelta(days=delta if delta <= 0 else delta - 7)
    if direction > 0 or (direction == 0 and tense == "future"):
        return after
    if direction < 0:
        return before
    if tense == "present" and (after - anchor) < (anchor - up_to):
        return after
    return up_to


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def year_for(month: int, day: int | None, anchor: date, tense: Tense, grace_days: int = 0) -> int:
    """The year of a month (and day) written without one: up to the anchor (plus `grace_days`) for the past, after it
    for the future, else the nearest occurrence."""
    target_day = day or 1
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if valid_day(year, month, target_day):
            options.append((year, date(year, month, target_day)))
    anchor_point = anchor if day is not None else anchor.replace(day=1)
    if tense == "past":
        earlier = [year for year, when in options if (when - anchor_point).days <= grace_days]
        return max(earlier) if earlier else anchor.year
    if tense == "future":
        later = [year for year, when in options if when >= anchor_point]
        return min(later) if later else anchor.year
    return min(options, key=lambda option: (abs((option[1] - anchor_point).days), option[0] != anchor.year))[0]
