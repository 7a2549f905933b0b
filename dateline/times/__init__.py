"""The times stage: every time expression, normalised to a TimeML value against the article's date.

Reads: Article.text, Article.published, the Doc's DATE/TIME entities, tags and dependencies. Writes: TimeExpr.

1. Candidates are spaCy DATE/TIME entities plus our own patterns for what the small model misses (weekdays, "now",
   "recently", "daily", "Nov. 10"); an entity wins over a pattern it overlaps.
2. Each candidate is normalised by the rule chain in `normalise.py`, with the tense of the verb it depends on
   ("on Sunday" is the Sunday before the article's date, "will meet on Sunday" the one after).
3. An entity no rule understands is split (ranges: "between May 3 and May 5") or searched for our patterns; what
   still has no value is left out, since a time expression without a value helps no one.

The knowledge (time_words.yaml and the number words) arrives as one `TimeKnowledge`, loaded once per process by
`load_time_knowledge()` in `pipeline.load_resources`.

Helpers for the events stage: `event_date(times, start, end, article)` picks the date governing an event;
`event_date_of(expression)` is the event date one expression gives; `LOOKBACK_CHARS` is how far before its sentence
an expression may still date an event.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span

from dateline.records import Article, TimeExpr
from dateline.times.anchoring import (
    LOOKAHEAD_CHARS,
    LOOKBACK_CHARS,
    event_date,
    event_date_of,
    read_for_the_event,
)
from dateline.times.candidates import Candidate, fallback_candidates, find_candidates, span_for, tense_of
from dateline.times.lexicon import TimeKnowledge, load_time_knowledge
from dateline.times.normalise import Context, Normalised, normalise

__all__ = [
    "LOOKAHEAD_CHARS",
    "LOOKBACK_CHARS",
    "TimeKnowledge",
    "event_date",
    "event_date_of",
    "find_times",
    "load_time_knowledge",
    "normalise",
    "parse_published",
    "read_for_the_event",
]


def parse_published(published: str | None) -> date | None:
    """The article's date as a `date`, or None when it is missing or not an ISO date."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


_PERIOD_WORDS = re.compile(r"\b(?:quarter|period)\b", re.I)


def _period(span: Span | None) -> str | None:
    """The reporting period the sentence (or the one before) talks about: "a year ago" next to a quarter (or a "period")
    means the same quarter a year before (TimeML's granularity rule)."""
    if span is None:
        return None
    sentence = span.sent
    previous = span.doc[sentence.start - 1].sent.text if sentence.start > 0 else ""
    if _PERIOD_WORDS.search(previous + " " + sentence.text):
        return "quarter"
    return None


def _normalised(
    full_text: str,
    doc: Doc,
    candidate: Candidate,
    anchor: date | None,
    words: TimeKnowledge,
    *,
    any_period: bool = True,
    reference: date | None = None,
) -> Normalised | None:
    """Normalise one candidate; `any_period` False says the article never mentions a quarter or period; `reference`
    is the day the text named last before it."""
    text = full_text[candidate.start : candidate.end]
    span = span_for(doc, candidate.start, candidate.end)
    period = _period(span) if any_period else None
    return normalise(text, Context(anchor, tense_of(span, words), period=period, reference=reference), words)


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _day(value: str) -> date | None:
    """The day a value names, if it names one ("2015-05-17", "2015-05-17T10:00")."""
    match = _DAY.match(value)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _time_expr(full_text: str, candidate: Candidate, found: Normalised) -> TimeExpr:
    text = full_text[candidate.start : candidate.end]
    start = candidate.start + (len(text) - len(text.lstrip()))
    end = candidate.end - (len(text) - len(text.rstrip()))
    return TimeExpr(text=full_text[start:end], start=start, end=end, value=found.value, type=found.type)


def find_times(article: Article, doc: Doc, *, knowledge: TimeKnowledge) -> list[TimeExpr]:
    """Find and normalise every time expression in the article (see the module docstring for the steps)."""
    if not article.text.strip():
        return []
    anchor = parse_published(article.published)
    full_text = article.text  # the Doc's text, without spaCy rebuilding it on every access
    found_times: list[TimeExpr] = []
    any_period = _PERIOD_WORDS.search(full_text) is not None  # else no sentence needs to be searched for one
    reference: date | None = None  # the last day the text named (candidates come in text order)
    for candidate in find_candidates(doc, knowledge, text=full_text):
        found = _normalised(full_text, doc, candidate, anchor, knowledge, any_period=any_period, reference=reference)
        if found is not None:
            found_times.append(_time_expr(full_text, candidate, found))
            reference = _day(found.value) or reference
            continue
        if not candidate.from_model:
            continue
        taken: list[TimeExpr] = []
        for part in fallback_candidates(full_text, candidate, knowledge):
            part_found = _normalised(full_text, doc, part, anchor, knowledge, any_period=any_period)
            if part_found is not None and not any(part.start < t.end and t.start < part.end for t in taken):
                taken.append(_time_expr(full_text, part, part_found))
        found_times.extend(sorted(taken, key=lambda expression: expression.start))
    return found_times
