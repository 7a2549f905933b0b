"""Normalisation rules for calendar dates written out: timestamps, month and day, months, seasons, quarters, years
and holidays (rules 3 and 6-9, 15-16 of normalise.py's chain)."""

from __future__ import annotations

import re
from functools import cache

from dateline.times.calendar import quarter_of, shift_quarters, valid_day, year_for
from dateline.times.lexicon import TimeKnowledge
from dateline.times.values import (
    MONTH_DAY_GRACE_DAYS,
    Context,
    Normalised,
    effective_tense,
    month_pattern,
    weekday_pattern,
)

# Why the compiled patterns and cached pattern builders: every expression goes through most rules, and building and
# looking up a pattern string per call cost a third of the stage.
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ t](\d{1,2}):(\d{2})(?::\d{2})?)?")
_COMPACT = re.compile(r"((?:19|20)\d{2})(\d{2})(\d{2})")
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?: (\d{1,2}):(\d{2})(?::\d{2})?)?")


def timestamp(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    iso = _ISO.fullmatch(text)
    compact = _COMPACT.fullmatch(text)
    slashed = _SLASHED.fullmatch(text)
    if iso or compact:
        found = iso or compact
        assert found is not None  # for mypy: one of the two matched
        year, month, day = int(found.group(1)), int(found.group(2)), int(found.group(3))
        clock = found.group(4) if iso else None
    elif slashed:
        month, day, year = int(slashed.group(1)), int(slashed.group(2)), int(slashed.group(3))
        year = year + (1900 if year >= 30 else 2000) if year < 100 else year
        clock = slashed.group(4)
    else:
        return None
    if not valid_day(year, month, day):
        return None
    value = f"{year:04d}-{month:02d}-{day:02d}"
    found_clock = iso or slashed
    if clock and found_clock is not None:
        return Normalised(f"{value}T{int(clock):02d}:{found_clock.group(5)}", "TIME")
    return Normalised(value)


@cache
def _month_day_patterns(words: TimeKnowledge) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """ "Nov. 10, 2024", "Nov.-10", "the 10th of November"; each may follow a weekday."""
    months, weekdays = month_pattern(words), weekday_pattern(words)
    prefix = rf"(?:(?:{weekdays})\.?,? )?"
    return (
        re.compile(rf"{prefix}({months})\.? (\d{{1,2}})(?:st|nd|rd|th)?(?:,? (\d{{4}}))?"),
        re.compile(rf"{prefix}({months})\.?-(\d{{1,2}})()"),
        re.compile(rf"{prefix}(?:the )?(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({months})\.?,?(?: (\d{{4}}))?"),
    )


def month_day(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    month_then_day, month_dash_day, day_then_month = _month_day_patterns(words)
    month_first = month_then_day.fullmatch(text) or month_dash_day.fullmatch(text)
    day_first = day_then_month.fullmatch(text)
    if month_first:
        month, day, year_text = words.months[month_first.group(1)], int(month_first.group(2)), month_first.group(3)
    elif day_first:
        month, day, year_text = words.months[day_first.group(2)], int(day_first.group(1)), day_first.group(3)
    else:
        return None
    if year_text:
        year = int(year_text)
    elif context.anchor:
        # A past verb may still go with a day shortly after the article ("said ... payable Nov. 10"): tense is read
        # from the parse and is often the reporting verb's, so the past reading allows MONTH_DAY_GRACE_DAYS ahead.
        year = year_for(month, day, context.anchor, effective_tense(context), grace_days=MONTH_DAY_GRACE_DAYS)
    else:
        return Normalised(f"XXXX-{month:02d}-{day:02d}") if valid_day(2000, month, day) else None
    return Normalised(f"{year:04d}-{month:02d}-{day:02d}") if valid_day(year, month, day) else None


@cache
def _month_patterns(words: TimeKnowledge) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "May of last year"; "last May", "May 2019", "May '19"."""
    months = month_pattern(words)
    return (
        re.compile(rf"({months})\.?,? (?:of )?(last|this|next) year"),
        re.compile(rf"(?:(last|this|next|past|coming) )?({months})\.?(?:,? (?:of )?(\d{{4}}|'\d\d))?"),
    )


_MONTH_WORD_END = re.compile(r" month$")


def month(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    of_relative_year, month_and_year = _month_patterns(words)
    text = _MONTH_WORD_END.sub("", text)
    relative_year = of_relative_year.fullmatch(text)
    if relative_year and context.anchor:
        step = {"last": -1, "this": 0, "next": 1}[relative_year.group(2)]
        return Normalised(f"{context.anchor.year + step:04d}-{words.months[relative_year.group(1)]:02d}")
    match = month_and_year.fullmatch(text)
    if match is None:
        return None
    month = words.months[match.group(2)]
    if len(match.group(2)) == 3 and match.group(2) in ("mar", "may", "jun", "jul", "sep") and not match.group(3):
        pass  # short forms are fine inside a DATE span: spaCy already judged them to be dates
    if match.group(3):
        year_text = match.group(3)
        year = int(year_text) if not year_text.startswith("'") else 1900 + int(year_text[1:])
        return Normalised(f"{year:04d}-{month:02d}")
    if context.anchor is None:
        return Normalised(f"XXXX-{month:02d}")
    modifier = match.group(1)
    if modifier in ("last", "past"):
        year = year_for(month, None, context.anchor, "past")
        year -= 1 if month == context.anchor.month else 0
    elif modifier in ("next", "coming"):
        year = year_for(month, None, context.anchor, "future")
        year += 1 if month == context.anchor.month else 0
    elif modifier == "this":
        year = context.anchor.year
    else:
        year = year_for(month, None, context.anchor, effective_tense(context))
    return Normalised(f"{year:04d}-{month:02d}")


@cache
def _season_pattern(words: TimeKnowledge) -> re.Pattern[str]:
    seasons = "|".join(words.seasons)
    return re.compile(rf"(?:(the|this|last|next|past|coming) )?({seasons})(?:,? (?:of )?(\d{{4}}))?")


def season(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    match = _season_pattern(words).fullmatch(text)
    if match is None or (match.group(2) == "fall" and not (match.group(1) or match.group(3))):
        return None
    code = words.seasons[match.group(2)]
    if match.group(3):
        return Normalised(f"{match.group(3)}-{code}")
    if context.anchor is None:
        return None
    order = ["WI", "SP", "SU", "FA"]
    named, current = order.index(code), (context.anchor.month % 12) // 3
    modifier = match.group(1) or ""
    tense = effective_tense(context)
    if modifier in ("last", "past") or (modifier in ("", "the") and tense == "past"):
        strictly_before = modifier in ("last", "past")
        earlier = named < current or (named == current and not strictly_before)
        year = context.anchor.year if earlier else context.anchor.year - 1
    elif modifier in ("next", "coming") or (modifier in ("", "the") and tense == "future"):
        later = named > current or (named == current and modifier not in ("next", "coming"))
        year = context.anchor.year if later else context.anchor.year + 1
    else:
        year = context.anchor.year
    return Normalised(f"{year}-{code}")


@cache
def _quarter_pattern(words: TimeKnowledge) -> re.Pattern[str]:
    ordinals = "|".join(words.ordinals)
    return re.compile(
        rf"(?:the )?(?:(this|last|next|latest|most recent|recent|past|previous|current|same|year-earlier|year-ago|"
        rf"next-year) )?(?:(?:fiscal|flat|comparable)[- ])?"
        rf"(?:({ordinals}|1st|2nd|3rd|4th|q[1-4])[- ])?(?:fiscal[- ])?quarter(?:,? (?:of )?(?:fiscal )?(\d{{4}}))?"
    )


_OWNER = re.compile(r"^(?:its|their|the company's) ")
_YEARS_OWN = re.compile(r"^(this|last|next) year's ")
_LEADING_YEAR = re.compile(r"^(?:the )?((?:19|20)\d\d) (.*quarter)$")
_Q_NUMBER = re.compile(r"(?:the )?()(q[1-4])(?: (\d{4}))?")


def quarter(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    text = _OWNER.sub("the ", text)
    text = _YEARS_OWN.sub(lambda m: {"this": "", "last": "year-ago ", "next": "next-year "}[m[1]], text)
    leading_year = _LEADING_YEAR.match(text)
    if leading_year:
        text = f"{leading_year.group(2)} {leading_year.group(1)}"
    match = _quarter_pattern(words).fullmatch(text) or _Q_NUMBER.fullmatch(text)
    if match is None:
        return None
    modifier, ordinal, year_text = match.group(1), match.group(2), match.group(3)
    if ordinal:
        number = int(ordinal[1]) if ordinal.startswith("q") else int(ordinal[0]) if ordinal[0].isdigit() else 0
        number = number or words.ordinals[ordinal]
        if year_text:
            return Normalised(f"{year_text}-Q{number}")
        if context.anchor is None:
            return Normalised(f"XXXX-Q{number}")
        year = context.anchor.year
        if number > quarter_of(context.anchor.month) and effective_tense(context) != "future":
            year -= 1
        if modifier in ("year-earlier", "year-ago"):
            year -= 1
        if modifier == "next-year":
            year = context.anchor.year + 1
        return Normalised(f"{year}-Q{number}")
    if year_text:
        return Normalised(f"{year_text}-Q{shift_quarters(context.anchor, -1)[1]}") if context.anchor else None
    if context.anchor is None:
        return None
    offset = {"this": 0, "current": 0, "next": 1, "year-earlier": -5, "year-ago": -5}.get(modifier or "", -1)
    year, number = shift_quarters(context.anchor, offset)
    return Normalised(f"{year}-Q{number}")


# --- 10-13: relative to the article's date ---


_YEAR = re.compile(r"(?:the )?(?:(?:fiscal|calendar|year|the year|model year|fy) )?((?:1[0-9]|20)\d{2})")
_DECADE = re.compile(r"(?:the )?((?:1[0-9]|20)\d)0'?s")
_SHORT_DECADE = re.compile(r"(?:the )?'(\d)0s")


def year(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    match = _YEAR.fullmatch(text)
    if match:
        return Normalised(match.group(1))
    decade = _DECADE.fullmatch(text) or _SHORT_DECADE.fullmatch(text)
    if decade:
        digits = decade.group(1)
        return Normalised(digits if len(digits) == 3 else f"19{digits}")
    return None


_HOLIDAY = re.compile(r"(?:(last|this|next) )?(.+?)(?:,? (\d{4}))?")


def holiday(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    match = _HOLIDAY.fullmatch(text)
    if match is None or match.group(2) not in words.holidays:
        return None
    month, day = (int(part) for part in words.holidays[match.group(2)].split("-"))
    if match.group(3):
        year = int(match.group(3))
    elif context.anchor:
        year = year_for(month, day, context.anchor, effective_tense(context), grace_days=MONTH_DAY_GRACE_DAYS)
    else:
        return Normalised(f"XXXX-{month:02d}-{day:02d}")
    return Normalised(f"{year:04d}-{month:02d}-{day:02d}")
