"""Normalise one time expression's words to a TimeML (TIMEX3) value and type, given the article's date and tense.

`normalise(text, context)` tries a fixed chain of rules, most specific first, and returns the first answer:
 1. reference words ("now" → PRESENT_REF), 2. sets ("every week" → P1W), 3. written-out timestamps and numeric
 dates, 4. clock times, 5. parts of a day ("Sunday night"), 6. month and day, 7. month (and year), 8. seasons,
 9. quarters, 10. "N units ago/earlier", 11. relative days ("yesterday"), 12. weekdays, 13. relative units
 ("last week", "this year", "the weekend"), 14. durations ("three-day", "the past year"), 15. years and decades,
 16. holidays.
Without an anchor (no publication date) relative expressions get no value (the rule returns None) and month/day
dates without a year are underspecified ("XXXX-05-17").
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from dateline.numbers import parse_quantity
from dateline.times.calendar import (
    day_value,
    shift_days,
    shift_months,
    shift_quarters,
    week_value,
    weekday_date,
    weekend_value,
)
from dateline.times.dates import holiday, month, month_day, quarter, season, timestamp, year
from dateline.times.lexicon import TimeKnowledge, Unit
from dateline.times.values import (
    NUMBER,
    Context,
    Normalised,
    Rule,
    count_of,
    duration_value,
    effective_tense,
    unit_pattern,
    weekday_pattern,
)

__all__ = ["Context", "Normalised", "clean", "normalise"]


@cache
def _leading_pattern(words: TimeKnowledge) -> re.Pattern[str]:
    """The leading words of time_words.yaml at the start of a phrase, longest first."""
    leading = sorted(words.leading_words, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(w) for w in leading) + r")\b[- ]*")


_SPELLED_YEAR = re.compile(
    r"\b(nineteen|twenty) ((?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)\b"
    r"|\b(two thousand)(?:(?: and)? (one|two|three|four|five|six|seven|eight|nine|ten))?\b"
)


def _spelled_year(match: re.Match[str], words: TimeKnowledge) -> str:
    """ "nineteen ninety-six" → "1996", "the year two thousand" → "the year 2000" (broadcast transcripts)."""
    if match.group(1):
        tail = parse_quantity(match.group(2), words.numbers)
        return str((19 if match.group(1) == "nineteen" else 20) * 100 + (tail.best if tail else 0))
    tail = parse_quantity(match.group(4), words.numbers) if match.group(4) else None
    return str(2000 + (tail.best if tail else 0))


_SPACES = re.compile(r"\s+")
_POSSESSIVE_END = re.compile(r"'s$")


def clean(text: str, words: TimeKnowledge) -> tuple[str, bool, bool]:
    """Lower-case the phrase and drop its leading words (time_words.yaml); report whether one pointed to the future
    and whether one named a part of a period ("the end of")."""
    phrase = text.lower().replace("’", "'").replace("–", "-").replace("—", "-")
    phrase = _SPACES.sub(" ", phrase).strip(" ,;:()\"'")
    phrase = _POSSESSIVE_END.sub("", phrase)
    phrase = _SPELLED_YEAR.sub(lambda match: _spelled_year(match, words), phrase)
    leading_pattern = _leading_pattern(words)
    future = part_of = False
    while True:
        match = leading_pattern.match(phrase)
        if match is None or match.end() == len(phrase):
            break
        leading = match.group(0).strip(" -")
        future = future or leading in words.forward_leading_words
        part_of = part_of or leading in words.part_leading_words
        phrase = phrase[match.end() :]
    return phrase.strip(" ,.-"), future, part_of


def _reference(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    value = words.reference_words.get(text)
    return Normalised(value) if value else None


# Why the cached pattern builders below: every expression goes through most rules, and building and looking up a
# pattern string per call cost a third of the stage.
@cache
def _set_patterns(words: TimeKnowledge) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "every other week", "twice a month"; "every Sunday"."""
    return (
        re.compile(rf"(?:every|each|per|a|an|once a|twice a) (?:(other|{NUMBER}) )?({unit_pattern(words)})"),
        re.compile(rf"(?:every|each) ({weekday_pattern(words)})"),
    )


def _set(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    if text in words.set_words:
        return Normalised(words.set_words[text], "SET")
    every_unit, every_weekday = _set_patterns(words)
    match = every_unit.fullmatch(text)
    if match and not text.startswith(("a ", "an ")):
        unit = words.units[match.group(2)]
        every = 2 if match.group(1) == "other" else (count_of(match.group(1), words) if match.group(1) else 1)
        return Normalised(duration_value(every or 1, unit), "SET") if every else None
    weekday = every_weekday.fullmatch(text)
    if weekday:
        return Normalised(f"XXXX-WXX-{words.weekdays[weekday.group(1)]}", "SET")
    return None


_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))? ?(a\.? ?m\.?|p\.? ?m\.?|o'clock)")


def _clock_of(text: str, words: TimeKnowledge) -> tuple[str, str] | None:
    """The first clock time in a phrase ("7:15 p.m.", "noon") as "HH:MM" and the rest of the phrase."""
    match = _CLOCK.search(text)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if match.group(3).startswith("p") and hour < 12:
            hour += 12
        if match.group(3).startswith("a") and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        return f"{hour:02d}:{minute:02d}", (text[: match.start()] + " " + text[match.end() :]).strip()
    for word, clock in words.clock_words.items():
        found = re.search(rf"\b{word}\b", text) if word in text else None  # the substring test spares most searches
        if found:
            return clock, (text[: found.start()] + " " + text[found.end() :]).strip()
    return None


_DAY_LEAD = re.compile(r"^(?:on|in the|of|,|local time|this|today)\b ?")
_TIME_ZONE = re.compile(r"\b(?:local time|gmt|utc|et|est|edt)\b")
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day_of(rest: str, context: Context, words: TimeKnowledge) -> str | None:
    """The day a clock time or part of day sits on: the rest of the phrase, else the anchor."""
    rest = _DAY_LEAD.sub("", rest).strip(" ,")
    rest = _TIME_ZONE.sub("", rest).strip(" ,")
    if not rest or rest in ("today", "this"):
        return day_value(context.anchor) if context.anchor else None
    found = normalise(rest, context, words)
    if found and _DAY_VALUE.fullmatch(found.value):
        return found.value
    return None


def _clock_time(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    found = _clock_of(text, words)
    if found is None:
        return None
    clock, rest = found
    if not _TIME_ZONE.sub("", rest).strip(" ,") and context.reference is not None:
        return Normalised(f"{day_value(context.reference)}T{clock}", "TIME")  # no day of its own: the text's last
    day = _day_of(rest, context, words)
    return Normalised(f"{day}T{clock}", "TIME") if day else None


@cache
def _part_of_day_pattern(words: TimeKnowledge) -> re.Pattern[str]:
    parts = "|".join(words.parts_of_day)
    return re.compile(rf"(.*?)\s*\b({parts})\b(?: of (.+))?")


def _part_of_day(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    if text in ("tonight", "overnight"):
        anchor = context.anchor
        return Normalised(f"{day_value(anchor)}TNI", "TIME") if anchor else None
    match = _part_of_day_pattern(words).fullmatch(text)
    if match is None or (not match.group(1) and not match.group(3)):
        return None
    code = words.parts_of_day[match.group(2)]
    day_words = (match.group(1) or match.group(3) or "").strip()
    if day_words in ("last", "yesterday"):
        day = day_value(shift_days(context.anchor, -1)) if context.anchor else None
    elif day_words == "tomorrow":
        day = day_value(shift_days(context.anchor, 1)) if context.anchor else None
    else:
        day = _day_of(day_words, context, words)
    return Normalised(f"{day}T{code}", "TIME") if day else None


# --- 6-9: calendar dates without a clock ---


def _shift(anchor: date, amount: int, unit: Unit) -> str | None:
    """The date `amount` units from the anchor, at the unit's granularity."""
    amount *= unit.factor
    if unit.letter == "D":
        return day_value(shift_days(anchor, amount))
    if unit.letter in ("W", "WE"):
        return week_value(shift_days(anchor, 7 * amount))
    if unit.letter == "M" and not unit.is_time:
        year, month = shift_months(anchor, amount)
        return f"{year:04d}-{month:02d}"
    if unit.letter == "Q":
        year, quarter = shift_quarters(anchor, amount)
        return f"{year}-Q{quarter}"
    if unit.letter == "Y":
        return f"{anchor.year + amount:04d}"
    return None


@cache
def _ago_pattern(words: TimeKnowledge) -> re.Pattern[str]:
    units = unit_pattern(words)
    return re.compile(
        rf"(?:(the|a|an|{NUMBER}) )?({units})[- ](ago|earlier|before|later|after|from now|hence|previously)(?: .*)?"
    )


_UNIT_AGO = re.compile(r"()(year|month|week)-(earlier|ago)(?: .*)?")


def _ago(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    match = _ago_pattern(words).fullmatch(text) or _UNIT_AGO.fullmatch(text)
    if match is None or context.anchor is None:
        return None
    amount = 1 if match.group(1) in (None, "", "the", "a", "an") else count_of(match.group(1), words)
    if amount is None:
        return None
    unit = words.units[match.group(2)]
    if match.group(3) in ("later", "after"):
        # "three days later" counts from an earlier event, not from the article's date: only the span is known.
        return Normalised(duration_value(amount, unit), "DURATION")
    sign = 1 if match.group(3) in ("from now", "hence") else -1
    if context.period == "quarter" and unit.letter == "Y" and unit.factor == 1:
        # "a year earlier" in a quarterly report: the same quarter a year before the last completed one.
        year, quarter = shift_quarters(context.anchor, -1)
        return Normalised(f"{year + sign * amount}-Q{quarter}")
    value = _shift(context.anchor, sign * amount, unit)
    return Normalised(value) if value else None


def _relative_day(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    offset = words.relative_days.get(text)
    if offset is None or context.anchor is None:
        return None
    return Normalised(day_value(shift_days(context.anchor, offset)))


@cache
def _weekday_pattern(words: TimeKnowledge) -> re.Pattern[str]:
    return re.compile(rf"(?:(last|this|next|past|coming|this past|this coming) )?({weekday_pattern(words)})\.?")


def _weekday(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    match = _weekday_pattern(words).fullmatch(text)
    if match is None:
        return None
    weekday = words.weekdays[match.group(2)]
    if context.anchor is None:
        return None
    direction = {"last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}.get(
        match.group(1) or "", 0
    )
    return Normalised(day_value(weekday_date(context.anchor, weekday, effective_tense(context), direction)))


_RELATIVE_UNIT = re.compile(
    r"(?:the )?(this|last|next|current|coming|previous|past|following|same|recent|latest|"
    r"this past|this coming|upcoming|present)? ?(week|month|year|weekend|decade|century)"
)


def _relative_unit(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    match = _RELATIVE_UNIT.fullmatch(text)
    if match is None or context.anchor is None:
        return None
    modifier, unit = match.group(1) or "", match.group(2)
    if modifier == "following":
        return None  # "the following year" counts from a date in the text, not from the article's
    if text.startswith("the ") and modifier == "" and context.part_of:
        modifier = "this"  # "the end of the year", "earlier in the month": a part of the current one
    if modifier in ("past", "recent", "latest") or (text.startswith("the ") and modifier in ("", "following")):
        if unit == "weekend" and text == "the weekend":
            return Normalised(weekend_value(context.anchor, effective_tense(context)))
        return Normalised(duration_value(1, words.units[unit]), "DURATION")  # "the past year" is a span of time
    offset = {"last": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1, "upcoming": 1}
    step = offset.get(modifier, 0)
    anchor = context.anchor
    if unit == "weekend":
        return Normalised(weekend_value(anchor, "future" if step > 0 else effective_tense(context), max(step, 0)))
    if unit == "week":
        return Normalised(week_value(shift_days(anchor, 7 * step)))
    if unit == "month":
        year, month = shift_months(anchor, step)
        return Normalised(f"{year:04d}-{month:02d}")
    if unit == "year":
        return Normalised(f"{anchor.year + step:04d}")
    if unit == "decade":
        return Normalised(f"{(anchor.year // 10 + step):03d}")
    return Normalised(f"{(anchor.year // 100 + step):02d}")


# --- 14-16: durations, years, holidays ---


@cache
def _span_patterns(words: TimeKnowledge) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "the past three days", "a couple of weeks"; "the past months"."""
    units = unit_pattern(words)
    return (
        re.compile(
            rf"(?:the )?(?:(?:past|last|next|first|coming|previous|final|following|initial|recent|other) )?"
            rf"({NUMBER}|several|a few|few|many|some|a couple of|a couple|couple of)[- ]({units})"
            r"(?:[- ](?:long|old|running))?"
        ),
        re.compile(rf"(?:the )?(?:past |last |recent |coming |next |several |many |few )?({units})(?:-long)?"),
    )


_AGE_END = re.compile(r"\bold$")
_YEAR_NUMBER = re.compile(r"(?:1[0-9]|20)\d{2}")


def _span_of_time(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    counted, bare = _span_patterns(words)
    match = counted.fullmatch(text)
    if match is None:
        plural = bare.fullmatch(text)
        if plural and plural.group(1).endswith("s") and plural.group(1) in words.units:
            return Normalised(duration_value("X", words.units[plural.group(1)]), "DURATION")
        return None
    if _AGE_END.search(text):
        return None  # an age ("five-year-old"), not a time
    unit = words.units[match.group(2)]
    amount_text = match.group(1)
    if amount_text in ("several", "a few", "few", "many", "some"):
        return Normalised(duration_value("X", unit), "DURATION")
    if amount_text.startswith(("a couple", "couple")):
        return Normalised(duration_value(2, unit), "DURATION")
    if _YEAR_NUMBER.fullmatch(amount_text):
        return None  # "the 1988 quarter" names a year, it is not 1,988 quarters
    amount = count_of(amount_text, words)
    return Normalised(duration_value(amount, unit), "DURATION") if amount else None


RULES: tuple[Rule, ...] = (
    _reference, _set, timestamp, _clock_time, _part_of_day, month_day, month, season, quarter, _ago,
    _relative_day, _weekday, _relative_unit, _span_of_time, year, holiday,
)  # fmt: skip


def normalise(text: str, context: Context, words: TimeKnowledge) -> Normalised | None:
    """The TimeML value and type of one time expression, or None when no rule understands it."""
    cleaned, future, part_of = clean(text, words)
    if not cleaned:
        return None
    context = Context(
        context.anchor, context.tense, context.future_hint or future, context.period, part_of, context.reference
    )
    for rule in RULES:
        found = rule(cleaned, context, words)
        if found is not None:
            return found
    return None
