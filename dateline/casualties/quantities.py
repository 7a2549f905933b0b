"""Figures in a sentence: the words of each number ("more than a dozen", "25,000", "between 10 and 15") as a Count.

How a hedge becomes low/best/high. `low` is the smallest number the words allow, `high` the largest, `best` the
reporter's figure; a side the words leave open is not invented (it equals best), as conflict-event coders record
only figures a report gives:
  exact "72"                  → 72 / 72 / 72
  at_least "at least 20"      → 20 / 20 / 20 (open above)
  more_than "more than a dozen" → 13 / 13 / 13 (strictly more; open above)
  up_to "up to 500"           → 100 / 500 / 500: bounded above only; the size of the bound says its order (a report
                                 of a few dozen would not say "up to 500"), so low is the power of ten below it
  fewer_than "fewer than 10"  → 1 / 9 / 9, likewise
  about "about 200"           → 180 / 200 / 220 (±10 %)
  nearly "nearly 25,000"      → 22,500 / 25,000 / 25,000 (at most the figure, within 10 % under it)
  range "between 10 and 15"   → 10 / 10 / 15: best is the low end, as conflict-event coders record the lowest
                                 figure when a report gives a range
  vague "hundreds"            → from knowledge/number_words.tsv (200 / 200 / 999)
Each Figure keeps its hedge ("at_least", ..., "range", "vague"; None for an exact number), so a reader of the output
can tell "at least 20" from "20".
"""

from __future__ import annotations

import calendar
from collections.abc import Container, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dateline.casualties.terms import CasualtyTerms
from dateline.numbers import NumberWords, Quantity, parse_quantity
from dateline.records import Count

# Entities whose numbers are not counts of people.
_NOT_COUNTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
_RANGE_WORDS = frozenset({"to", "and", "-", "–", "or"})
# What follows a number that is an age (or a share): "25-year-old", "25 years old", "17 y.o", "40 %".
_AGE_WORDS = ("- year", "-year", "year - old", "years old", "year old", "y.o", "y/o", "yo ", "%", "percent")
# Month names and their abbreviations (the calendar's, in English): a number after one is a day ("Jan. 11").
_MONTHS = frozenset(name for name in (*calendar.month_name, *calendar.month_abbr, "Sept") if name)
# Share of a figure an approximate hedge ("about", "nearly") allows around it.
APPROXIMATION = 0.1


@dataclass(frozen=True, slots=True)
class Figure:
    """One number in the text, as a Count, with the tokens it spans (hedge included)."""

    count: Count
    first: int  # token indices into the Doc, end exclusive
    end: int
    head: Token  # the last number token: its syntactic head is what is counted
    hedge: str | None = None  # the hedge kind, "range" or "vague"; None for an exact number

    @property
    def tokens(self) -> range:
        return range(self.first, self.end)


def _is_number_word(token: Token, words: NumberWords) -> bool:
    lowered = token.lower_
    if lowered == "few":
        return token.i > 0 and token.doc[token.i - 1].lower_ == "a"  # "a few", not "few were hurt"
    if lowered in ("a", "an", "some", "many"):
        return False  # only inside a longer figure ("a dozen"), or a victim ("a man"), or a hedge ("some 200")
    return token.like_num or lowered in words


def _entity_around(token: Token) -> Span | None:
    """The entity the token is in, as Doc.ents has it (a B token and the I tokens after it), without building every
    entity of the Doc."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if doc[start].ent_iob_ != "B" or not doc[start].ent_type_:
        return None
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _date_like(token: Token) -> bool:
    """Inside a real date: spaCy also tags bare figures such as "between 10 and 15" as DATE."""
    if token.ent_iob_ not in ("B", "I"):  # in no entity: spare building every entity of the Doc
        return False
    entity = _entity_around(token)
    if entity is None:
        return False
    for word in entity:
        if word.is_alpha and not word.like_num and word.lower_ not in _RANGE_WORDS | {"between", "from", "about"}:
            return True
        if word.is_digit and len(word.text) == 4:
            return True
    return False


def _street_number(token: Token, address_words: frozenset[str]) -> bool:
    """ "30 Porter St.", "the 1700 block of ...": an address."""
    following = [t.lower_.rstrip(".") for t in token.doc[token.i + 1 : token.i + 4]]
    return bool(following) and (following[0] == "block" or any(word in address_words for word in following))


def _age_of_name(token: Token, people: frozenset[str]) -> bool:
    """ "Ana Ruiz, 60, and Tom Lee, 26, died", "Boy, 9, shot ...", a headline's "Ana Ruiz, 60 - The Crime Report":
    a number set off by a comma after a name or a noun naming a person (`people`), and closed by punctuation, is the
    person's age (a count would be followed by what it counts or by its verb)."""
    doc = token.doc
    if token.i < 2 or token.i + 1 >= len(doc) or doc[token.i - 1].text != ",":
        return False
    named = doc[token.i - 2]
    person = named.pos_ == "PROPN" or named.lemma_.lower() in people or named.lower_ in people
    return person and doc[token.i + 1].is_punct


def _day_of_month(token: Token) -> bool:
    """ "shot and killed Jan. 11", "on March 3": a number right after a month's name is a day (the parser does not
    always tag it as a date)."""
    if token.i == 0:
        return False
    before = token.doc[token.i - 1].text.rstrip(".")  # capitalised: "may 20 have died" is no date
    return before in _MONTHS and token.text.isdigit() and 1 <= int(token.text) <= 31


def _counter(token: Token) -> bool:
    """ "1 / 6", "Photo 1 of 6": a gallery's counter, not a count; "one of three", "one of two women": a part of the
    figure after "of", not a figure of its own (the figure after "of" is one, unless both are digits: a counter)."""
    doc = token.doc
    before = doc[token.i - 1].text if token.i > 0 else ""
    after = doc[token.i + 1].text if token.i + 1 < len(doc) else ""
    if before == "/" or after == "/":
        return True
    if after.lower() == "of" and token.i + 2 < len(doc) and doc[token.i + 2].like_num:
        return True  # the part ("one" of "one of three") or the counter's first number ("1" of "1 of 8")
    counted_from = doc[token.i - 2] if token.i > 1 else None
    return before.lower() == "of" and counted_from is not None and counted_from.is_digit and token.is_digit


def _excluded(token: Token, terms: CasualtyTerms) -> bool:
    """Numbers that are not counts of people: dates, times, money, ages ("25-year-old", "25 years old", "Ana
    Ruiz, 25,"), addresses, counters ("1 / 6")."""
    if _street_number(token, terms.address_words) or _counter(token):
        return True
    if token.ent_type_ == "DATE":
        if _date_like(token):
            return True
    elif token.ent_type_ in _NOT_COUNTS:
        return True
    if token.like_num and (_age_of_name(token, terms.people) or _day_of_month(token)):
        return True
    following = " ".join(t.lower_ for t in token.doc[token.i + 1 : token.i + 5])
    return following.startswith(_AGE_WORDS)


def _number_run(span: Span, index: int, terms: CasualtyTerms) -> int:
    """The end (exclusive) of the run of number words starting at `index`: "two dozen", "1.5 million", "tens of
    thousands", "twenty - four"."""
    doc = span.doc
    words = terms.numbers
    end = index + 1
    while end < span.end:
        token = doc[end]
        if _is_number_word(token, words) and not _excluded(token, terms):
            end += 1
        elif token.lower_ in ("-", "of", "and") and end + 1 < span.end and _is_number_word(doc[end + 1], words):
            if token.lower_ == "and" and not _is_scaled(doc[index:end], words):
                break  # "10 and 15" is a range or two figures, "one hundred and five" is one number
            if token.lower_ == "of" and not _is_vague(doc[index:end], words):
                break  # "hundreds of thousands" is one number, "one of three" is a part of a figure
            end += 2
        else:
            break
    return end


def _is_vague(tokens: Span, words: NumberWords) -> bool:
    return len(tokens) == 1 and getattr(words.get(tokens[0].lower_), "kind", "") == "vague"


def _is_scaled(tokens: Span, words: NumberWords) -> bool:
    return any(getattr(words.get(t.lower_), "kind", "") == "scale" for t in tokens)


def _with_article(span: Span, index: int) -> int:
    """Take in a leading "a"/"an"/"a few"/"some" when the words after it are a multiplier or vague ("a dozen")."""
    doc = span.doc
    if index > span.start and doc[index - 1].lower_ in ("a", "an"):
        return index - 1
    return index


def _phrase_start(span: Span, index: int, end: int, words: NumberWords) -> int:
    """Where a number phrase of the table starts whose first words are no number by themselves: "tens" of "Tens of
    thousands" (the run of number words starts at "thousands")."""
    doc = span.doc
    for size in (2, 1):
        start = index - size
        if start >= span.start and " ".join(t.lower_ for t in doc[start:end]) in words:
            return start
    return index


def _hedge_before(span: Span, index: int, terms: CasualtyTerms) -> tuple[str | None, int]:
    """The hedge just before a figure ("at least", "more than") and where it starts."""
    doc = span.doc
    for size in range(terms.longest_hedge, 0, -1):
        start = index - size
        if start < span.start:
            continue
        phrase = " ".join(t.lower_ for t in doc[start:index])
        if phrase in terms.hedges:
            return terms.hedges[phrase], start
    return None, index


def power_of_ten_below(value: int) -> int:
    """The largest power of ten under `value` (1 at least): the order of a bound ("up to 500" → 100)."""
    power = 1
    while power * 10 < value:
        power *= 10
    return power


def _hedged(quantity: Quantity, hedge: str | None) -> Count:
    low, best, high = quantity.low, quantity.best, quantity.high
    if hedge is None or not quantity.exact:
        return Count(low, best, high)
    if hedge == "more_than":
        return Count(best + 1, best + 1, best + 1)
    if hedge == "fewer_than":
        below = max(best - 1, 0)
        return Count(min(power_of_ten_below(best), below), below, below)
    if hedge == "up_to":
        return Count(power_of_ten_below(best), best, best)
    if hedge == "about":
        return Count(round(best * (1 - APPROXIMATION)), best, round(best * (1 + APPROXIMATION)))
    if hedge == "nearly":
        return Count(round(best * (1 - APPROXIMATION)), best, best)
    return Count(best, best, best)  # at_least: the figure itself, open above (see the module docstring)


def may_be_number(token: Token, number_words: Container[str]) -> bool:
    """A cheap first test for a number word (`number_words`: CasualtyTerms.numbers): like a number or in the table,
    whatever the special cases of _is_number_word. Most words are neither, and are passed over in one sweep."""
    return token.like_num or token.lower_ in number_words


def find_figures(span: Span, terms: CasualtyTerms, *, candidates: Sequence[int] | None = None) -> list[Figure]:
    """Every count-of-something figure in the span, left to right; ranges ("10 to 15") become one figure.

    `candidates`: the indices of the span's tokens that pass `may_be_number`, when the caller swept the span."""
    doc = span.doc
    words = terms.numbers
    if candidates is None:
        candidates = [token.i for token in span if may_be_number(token, words)]
    figures: list[Figure] = []
    index = span.start  # where the next figure may start: after the one found last
    for candidate in candidates:
        if candidate < index:
            continue
        index = candidate
        token = doc[index]
        if not _is_number_word(token, words) or _excluded(token, terms):
            continue
        end = _number_run(span, index, terms)
        first = _with_article(span, _phrase_start(span, index, end, words))
        quantity = parse_quantity(doc[first:end].text, words)
        if quantity is None:
            index = end
            continue
        hedge, start = _hedge_before(span, first, terms)
        count = _hedged(quantity, hedge)
        kind = hedge if quantity.exact else "vague"
        range_end = _range_end(span, end, terms)
        if range_end is not None:
            upper = parse_quantity(doc[end + 1 : range_end].text, words)
            if upper is not None and upper.best > quantity.best:
                between = start > span.start and doc[start - 1].lower_ in ("between", "from")
                start = start - 1 if between else start
                count = Count(quantity.best, quantity.best, upper.best)
                end = range_end
                kind = "range"
        figures.append(Figure(count, start, end, doc[end - 1], kind))
        index = end
    return figures


def _range_end(span: Span, end: int, terms: CasualtyTerms) -> int | None:
    """Where "to 15" / "- 15" / "and 15" after a figure ends, when it does (a range such as "10 to 15")."""
    doc = span.doc
    if end + 1 >= span.end or doc[end].lower_ not in _RANGE_WORDS:
        return None
    if doc[end].lower_ == "and" and "between" not in {t.lower_ for t in doc[max(span.start, end - 6) : end]}:
        return None  # "killed 10 and 15 more died" is two figures; only "between 10 and 15" is a range
    following = doc[end + 1]
    if not _is_number_word(following, terms.numbers) or _excluded(following, terms):
        return None
    return _number_run(span, end + 1, terms)
