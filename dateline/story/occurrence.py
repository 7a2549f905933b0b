"""The main event's occurrence across the article: which statements tell it, and its casualties from all of them.

A news report tells its occurrence's toll in pieces: "A 19-year-old was killed in a shooting on Sunday" in the lead,
"the victim was hit twice" and "he died at 11:15 p.m." further down, each sentence a mention of its own. The
main event carries the casualties of every statement of its occurrence (casualties.account): each casualty figure
of the article counts for it unless it belongs to another occurrence:

1. a figure bound in the parse to an event's trigger (casualties.belongs_to) counts when that event tells the main
   occurrence: the main event itself, or an asserted event (not negated, hypothetical, future or background) whose
   written day and place do not set it apart (`same_occurrence`);
2. a figure bound to no event counts, unless its sentence tells only other occurrences (its events all set apart);
3. statistics never count: a sentence with a plural incident noun ("hurt in those shootings", "two attacks")
   or a time span of a month or more ("in the past 14 months", "this year", as the times stage resolves it or,
   where it cannot, as the parser marks a date of years or months), or a duration of any length that figures are
   counted over ("in the past four days", "over a nine-hour stretch"); a sentence with a "since" phrase and a month
   or a year ("since December 2012, at least 40 children have been killed"; "the deadliest since the shooting in
   Newtown in December 2012, where 26 died"); a figure inside a "since" phrase (the occurrence it names); a
   figure after an ordinal and "of" ("the first of two teenagers killed over the weekend": a series);
4. a headline the text starts with (some pages glue it to the first sentence) is a statement of its own, as a
   headline parsed apart is: "Four dead after ... - NewsMANCHESTER - The man who shot three women and then
   killed himself" tells the toll twice, not seven dead; a victim and the word that tells their fate on two sides
   of a headline's spaced separator ("murder of 7-year-old girl - KXYZ Action News 9") are not one phrase.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from dateline import casualties
from dateline.records import Casualties, Event, EventDate, Location, TimeExpr
from dateline.times import read_for_the_event

# Days apart two written dates may be and still date one occurrence (shot late on one day, died the next).
SAME_OCCURRENCE_DAYS = 2
# Two written places further apart than this are two occurrences (the suites' "within 50 km" of one incident).
SAME_OCCURRENCE_KM = 50.0
EARTH_RADIUS_KM = 6371.0
_LONG_DURATION = re.compile(r"P(?:\d+(?:\.\d+)?|X)(?:M|Y|DE|CE)")
_YEAR = re.compile(r"\d{4}")
# A time value of a month or a year, not a day ("2012-12", "2012"): a count since then is a statistic.
_MONTH_OR_YEAR = re.compile(r"\d{4}(?:-\d{2})?")
# Nouns of a year or more, in a date the parser marks ("this year", "the past two years"), as the times stage's
# year values and durations; months only in the plural ("the past 14 months": "earlier this month" is a day).
_PERIOD_NOUNS = frozenset({"year", "decade", "century"})
# The words that make a duration end now ("the past four days", "the last 24 hours"): a span looked back over.
_RETROSPECTIVE = frozenset({"past", "last"})


def asserted(event: Event) -> bool:
    facts = event.factuality
    return not (facts.negated or facts.hypothetical or facts.future or facts.historical)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _dates_apart(first: EventDate | None, second: EventDate | None) -> bool:
    """Both written in the text, and not the same time: days more than SAME_OCCURRENCE_DAYS apart, else a
    different month or year at the coarser precision."""
    if first is None or second is None or not read_for_the_event(first) or not read_for_the_event(second):
        return False
    if first.precision == "day" and second.precision == "day":
        one, other = _day(first.value), _day(second.value)
        return one is not None and other is not None and abs((one - other).days) > SAME_OCCURRENCE_DAYS
    width = 4 if "year" in (first.precision, second.precision) else 7
    return first.value[:width] != second.value[:width]


def _km(first: Location, second: Location) -> float | None:
    if None in (first.lat, first.lon, second.lat, second.lon):
        return None
    phi1, phi2 = math.radians(first.lat or 0.0), math.radians(second.lat or 0.0)
    dphi, dlambda = phi2 - phi1, math.radians((second.lon or 0.0) - (first.lon or 0.0))
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _places_apart(first: Location | None, second: Location | None) -> bool:
    """Both written in the text as towns (or finer), further apart than SAME_OCCURRENCE_KM."""
    if first is None or second is None or first.text is None or second.text is None:
        return False
    if first.precision != "place" or second.precision != "place":
        return False
    distance = _km(first, second)
    return distance is not None and distance > SAME_OCCURRENCE_KM


def same_occurrence(main: Event, other: Event) -> bool:
    """Whether `other` may tell the main event's occurrence (rule 1 of the module docstring)."""
    if other.id == main.id:
        return True
    if not asserted(other):
        return False
    return not (_dates_apart(main.date, other.date) or _places_apart(main.location, other.location))


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    if event.trigger is None:
        return None
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return span.root if span is not None else None


def _long_time(expression: TimeExpr) -> bool:
    """A span of a month or more, or a whole year: figures next to it are statistics."""
    if expression.type == "DURATION":
        return _LONG_DURATION.fullmatch(expression.value) is not None
    return expression.type == "DATE" and _YEAR.fullmatch(expression.value) is not None


def _counting_span(doc: Doc, expression: TimeExpr) -> bool:
    """A duration that figures are counted over: one that ends now ("in the past four days", "over the last 24
    hours") or that "over" spans ("over a nine-hour stretch"). Figures next to it add up a period's occurrences,
    of whatever length; a duration of one occurrence ("a two-hour standoff", "during the chase") is neither."""
    if expression.type != "DURATION":
        return False
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None:
        return False
    if any(token.lower_ in _RETROSPECTIVE for token in span):
        return True
    return any(token.lower_ == "over" and token.dep_ == "prep" for token in [span.root, *span.root.ancestors][:3])


def _period_date(sentence: Span) -> bool:
    """A date the parser marks that spans months or years ("this year", "over the past 14 months"), for the
    sentences whose times the times stage could not resolve (no publication date); an age ("a 25-year-old",
    "25 years old") is no period."""
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.ent_type_ != "DATE" or not (lemma in _PERIOD_NOUNS or (lemma == "month" and token.tag_ == "NNS")):
            continue
        after = token.doc[token.i + 1 : token.i + 3]
        if not any(word.lower_ == "old" for word in after):
            return True
    return False


def _since_phrases(sentence: Span) -> list[Token]:
    return [token for token in sentence if token.lower_ == "since" and token.dep_ == "prep"]


def _inside_since(figure: casualties.CasualtyFigure, since: Sequence[Token]) -> bool:
    """A figure told of the occurrence a "since" phrase names ("since the shooting in Newtown, where 26 died")."""
    return any(phrase.is_ancestor(figure.governor) for phrase in since)


def _since_a_month(sentence: Span, since: Sequence[Token], times: Sequence[TimeExpr]) -> bool:
    """A sentence with a "since" phrase and a month or a year: a count since then ("since December 2012, at least
    40 children have been killed"), or a comparison with another occurrence ("the deadliest since the shooting in
    Newtown in December 2012, where 26 died"; the parser often hangs the date outside the phrase)."""
    if not since:
        return False
    start, end = sentence.start_char, sentence.end_char
    return any(start <= time.start < end and _MONTH_OR_YEAR.fullmatch(time.value) is not None for time in times)


def _series(doc: Doc, figure: casualties.CasualtyFigure) -> bool:
    """ "the first of two teenagers killed over the weekend": an ordinal before "of" places the victim in a series
    of occurrences the figure counts, not in this one."""
    number = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if number is None or number.start < 2:
        return False
    before = doc[number.start - 1]
    return before.lower_ == "of" and doc[number.start - 2].ent_type_ == "ORDINAL"


def _about_many(sentence: Span, nouns: frozenset[str]) -> bool:
    """A plural incident noun (`nouns`): "hurt in those shootings", "after two attacks"."""
    return any(token.tag_ == "NNS" and token.lemma_.lower() in nouns for token in sentence)


def _headline_figures(headline: Doc | None, terms: casualties.CasualtyTerms) -> list[casualties.CasualtyFigure]:
    """The figures the headline states: it tells what the story is about, so they are the main occurrence's."""
    if headline is None or _about_many(headline[:], terms.incident_nouns):
        return []
    found = casualties.find_casualty_figures(headline[:], terms=terms)
    return [replace(f, in_title=True) for f in found if not _across_separator(headline, f, len(headline.text))]


# What sets the page's parts of a headline apart when spaced on both sides: "Boy, 8, killed - Daily News".
_SEPARATORS = frozenset({"-", "--", "|", "–", "—", "::", "•"})


def _across_separator(doc: Doc, figure: casualties.CasualtyFigure, title_end: int) -> bool:
    """ "murder of 7-year-old girl - KXYZ Action News 9": a victim and the word that tells their fate on two sides
    of a headline's separator (the page's name after it) are two parts of the headline, not one phrase."""
    victim = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if victim is None or figure.governor.idx >= title_end or figure.start >= title_end:
        return False
    low, high = sorted((victim.start, figure.governor.i))
    return any(
        doc[i].text in _SEPARATORS and doc[i].whitespace_ != "" and doc[i - 1].whitespace_ != ""
        for i in range(low + 1, high)
    )


def occurrence_casualties(
    doc: Doc,
    *,
    main: Event,
    events: Sequence[Event],
    times: Sequence[TimeExpr],
    figures: casualties.SentenceFigures,
    headline: Doc | None = None,
    title_end: int = 0,
) -> Casualties:
    """The casualties of the main event's occurrence, from every statement of the article that tells it (and from
    the headline, parsed apart when the text does not start with it; where it does, `title_end` is where the
    headline ends in the text). `figures` reads the Doc's sentences (with the casualties stage's terms)."""
    terms = figures.terms
    members = {event.id for event in events if same_occurrence(main, event)}
    triggers = [(event, token) for event in events if (token := _trigger_token(doc, event)) is not None]
    long_times = [e.start for e in times if _long_time(e) or _counting_span(doc, e)]
    statements = [_headline_figures(headline, terms)]
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        if any(start <= offset < end for offset in long_times) or _period_date(sentence):
            continue
        stated = figures.of(sentence)
        if not stated or _about_many(sentence, terms.incident_nouns):
            continue
        here = [event for event, token in triggers if start <= token.idx < end]
        apart = bool(here) and all(event.id not in members for event in here)
        since = _since_phrases(sentence)
        if _since_a_month(sentence, since, times):
            continue
        kept = []
        for figure in stated:
            if _inside_since(figure, since) or _series(doc, figure):
                continue
            bound = [event for event, token in triggers if casualties.belongs_to(figure, token)]
            if (bound and any(event.id in members for event in bound)) or (not bound and not apart):
                kept.append(figure)
        # the headline the text starts with is a statement of its own (rule 4)
        headline_figures = [f for f in kept if f.start < title_end and not _across_separator(doc, f, title_end)]
        statements += [headline_figures, [f for f in kept if f.start >= title_end]]
    return casualties.account(statements)
