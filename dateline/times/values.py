"""What the normalisation rules share: the context of an expression, its result, and small helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from dateline.numbers import parse_quantity
from dateline.times.calendar import Tense
from dateline.times.lexicon import TimeKnowledge, Unit


@dataclass(frozen=True, slots=True)
class Context:
    anchor: date | None  # the article's publication date
    tense: Tense = "past"  # tense of the verb governing the expression
    future_hint: bool = False  # a preposition such as "by" or "until" points forward
    period: str | None = None  # the reporting period the sentence talks about ("quarter"), if any
    part_of: bool = False  # the words named a part ("the end of", "earlier in") of the period that follows
    # The day the text named last (TimeML's reference time): a clock time that names no day ("just before 4:30
    # p.m.") sits on it, not on the article's date ("Saturday ... The shooting happened just before 4:30 p.m.").
    reference: date | None = None


@dataclass(frozen=True, slots=True)
class Normalised:
    value: str
    type: str = "DATE"


Rule = Callable[[str, Context, TimeKnowledge], Normalised | None]

# How many days after the article a month-day date in a past-tense sentence may fall. Set by reading the errors on
# TempEval-3 (TBAQ-cleaned) dates: in business news "said ... Nov. 10" is usually the coming Nov. 10.
MONTH_DAY_GRACE_DAYS = 100

NUMBER = r"(?:\d[\d,.]*|[a-z]+(?:[- ][a-z]+)?|a|an)"


@cache  # the rules ask for it on every expression
def month_pattern(words: TimeKnowledge) -> str:
    return "|".join(sorted(words.months, key=len, reverse=True))


@cache  # the rules ask for it on every expression
def weekday_pattern(words: TimeKnowledge) -> str:
    return "|".join(sorted(words.weekdays, key=len, reverse=True))


@cache  # the rules ask for it on every expression
def unit_pattern(words: TimeKnowledge) -> str:
    return "|".join(sorted(words.units, key=len, reverse=True))


def count_of(text: str, words: TimeKnowledge) -> int | None:
    quantity = parse_quantity(text, words.numbers)
    if quantity is None or not quantity.exact or quantity.best > 100_000:
        return None
    return quantity.best


def duration_value(amount: int | str, unit: Unit) -> str:
    if isinstance(amount, int):
        amount *= unit.factor
    letter = "W" if unit.letter == "WE" else unit.letter
    if letter == "Q":
        return f"P{amount * 3 if isinstance(amount, int) else amount}M"
    return f"PT{amount}{letter}" if unit.is_time else f"P{amount}{letter}"


# --- 1-5: reference words, sets, timestamps, clock times, parts of the day ---


def effective_tense(context: Context) -> Tense:
    return "future" if context.future_hint and context.tense != "past" else context.tense
