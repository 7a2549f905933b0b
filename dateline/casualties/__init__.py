"""Casualties: how many people a sentence says were killed, injured, displaced or captured, and who says so.

Reads: a spaCy Span (a sentence or clause) with tags, dependencies and entities. Writes: Casualties.

For the events stage the call is

    find_casualties(article: Article, sentence: Span, *, terms: CasualtyTerms, trigger: Token | None = None)
        -> Casualties

(the article first, like every stage; `sentence` is any Span of the article's Doc; `terms` is
`load_casualty_terms()`, loaded once per process by `pipeline.load_resources` and handed to the events stage).

With `trigger` (the event's trigger word) only figures connected to it in the parse count: the trigger itself,
words inside its subtree, or a casualty verb the trigger hangs from ("killed 500 in their assault" gives the
assault's figure). Without it every figure in the span counts. `find_casualty_figures` gives the figures one by
one, with offsets, for evidence and debugging.

Steps:
 1. figures: each number phrase with its hedge becomes a Count (see quantities.py for low/best/high);
 2. each figure, and each single named victim of a casualty verb ("a man was killed", "killing him"), gets a
    category from the parse (see victims.py); "no one was hurt" and "were not injured" give a zero;
 3. per category, figures are added up ("10 soldiers and 5 civilians" = 15), except figures inside another
    ("including five children");
 4. a combined figure ("killed and wounded more than a dozen", "13 casualties") with no separate killed/injured
    figures is split conservatively, as conflict-event coders count fatalities: when verbs say both happened,
    killed = 1/1/N-1 and injured = 1/N-1/N-1 (at least one of each; wounded usually outnumber the dead); when
    only "casualties" says so, killed = 0/0/N and injured = 0/N/N. With a separate killed figure, injured is
    the rest of the combined one;
 5. reported_by is the source the sentence names: the object of "according to", else the subject of a reporting
    verb ("the United Nations reported", "police said").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from dateline.casualties.quantities import Figure, find_figures, may_be_number
from dateline.casualties.terms import CasualtyTerms, load_casualty_terms
from dateline.casualties.victims import (
    OWN_LIFE_VERBS,
    counted_token,
    dead_complement,
    death_of,
    is_nobody,
    is_sub_figure,
    own_life_taker,
    reflexive_antecedent,
    single_victims,
    victim_category,
)
from dateline.records import ActorRef, Article, Casualties, Count

__all__ = [
    "CasualtyFigure",
    "CasualtyTerms",
    "belongs_to",
    "find_casualties",
    "find_casualty_figures",
    "load_casualty_terms",
    "reported_by",
    "total_casualties",
]

_ZERO = Count(0, 0, 0)
_ONE = Count(1, 1, 1)


@dataclass(frozen=True, slots=True)
class CasualtyFigure:
    """One figure of people killed, injured, displaced, captured, or "combined" (killed and injured together)."""

    category: str
    count: Count
    text: str
    start: int  # character offsets into the Doc's text
    end: int
    governor: Token  # the casualty word that says what happened
    sub_figure: bool = False  # a part of another figure ("including five children")
    stated_by_verbs: bool = True  # for "combined": verbs said both happened ("killed and wounded")


def _figure(category: str, count: Count, first: Token, last: Token, governor: Token, sub: bool) -> CasualtyFigure:
    start, end = first.idx, last.idx + len(last.text)
    # the tokens' own text: `doc.text` would rebuild the whole article's text for each figure
    text = first.doc[first.i : last.i + 1].text if last.i >= first.i else ""
    by_verbs = governor.pos_ in ("VERB", "AUX")
    return CasualtyFigure(category, count, text, start, end, governor, sub, by_verbs)


def _numbered(span: Span, terms: CasualtyTerms, candidates: Sequence[int]) -> list[CasualtyFigure]:
    found = []
    for figure in find_figures(span, terms, candidates=candidates):
        counted = counted_token(figure.head)
        if counted.lemma_.lower() in terms.not_people or counted.ent_type_ in ("GPE", "LOC", "FAC"):
            continue
        resolved = victim_category(counted, terms)
        if resolved is None:
            continue
        category, governor = resolved
        doc = span.doc
        negated = any(child.dep_ == "neg" for child in governor.children)  # "two others were not hurt"
        count = _ZERO if negated else figure.count
        found.append(_figure(category, count, doc[figure.first], doc[figure.end - 1], governor, is_sub_figure(counted)))
    return found


def _inside(token: Token, figures: list[Figure]) -> bool:
    return any(token.i in figure.tokens for figure in figures)


def _candidates(span: Span, terms: CasualtyTerms, *, text: str) -> tuple[list[int], list[tuple[Token, str]]]:
    """One sweep over the span's words (this runs for every sentence with a violent event) for what each pass
    reads further: the indices of words that may be numbers (for _numbered), and the words with their lower-case
    lemmas that may name a victim without a number (for _named)."""
    number_words = terms.numbers
    death_nouns = terms.death_nouns
    # Any verb can have a "dead" complement ("found dead"); without that word only the lemmas below can name a
    # victim, and the other words are passed over before anything else is read.
    may_be_dead = "dead" in text.lower()
    numbers: list[int] = []
    victim_words: list[tuple[Token, str]] = []
    for token in span:
        if may_be_number(token, number_words):
            numbers.append(token.i)
        lemma = token.lemma_.lower()
        if may_be_dead or lemma in terms.verbs or lemma in death_nouns or lemma in OWN_LIFE_VERBS:
            victim_words.append((token, lemma))
    return numbers, victim_words


def _named(
    terms: CasualtyTerms, numbered: list[CasualtyFigure], candidates: list[tuple[Token, str]]
) -> list[CasualtyFigure]:
    """Figures without numbers: single victims ("a man was killed") and zeros ("no one was hurt"), among the
    `candidates` of _candidates."""
    found = []
    taken = {(f.start, f.end) for f in numbered}
    for token, lemma in candidates:
        pos = token.pos_
        if pos == "NOUN":
            victim_of_death = death_of(token, terms) if lemma in terms.death_nouns else None
        else:
            victim_of_death = own_life_taker(token, terms) if lemma in OWN_LIFE_VERBS else None
        if victim_of_death is not None:
            found.append(_figure("killed", _ONE, victim_of_death, victim_of_death, token, False))
            continue
        if pos not in ("VERB", "AUX"):  # tested first: cheaper than the casualty-verb test
            continue
        if lemma not in terms.verbs and not dead_complement(token):
            continue
        negated = any(child.dep_ == "neg" for child in token.children)
        for victim, holder in single_victims(token, terms):
            resolved = victim_category(holder, terms)
            if resolved is None or (victim.idx, victim.idx + len(victim.text)) in taken:
                continue
            category, governor = resolved
            count = _ZERO if negated or is_nobody(victim) else _ONE
            found.append(_figure(category, count, victim, victim, governor, is_sub_figure(victim)))
        nobody = [c for c in token.children if c.dep_ in ("nsubjpass", "nsubj", "dobj") and is_nobody(c)]
        for victim in nobody:
            resolved = victim_category(victim, terms)
            if resolved is not None:
                found.append(_figure(resolved[0], _ZERO, victim, victim, resolved[1], False))
    return found


_MURDER_SUICIDE = re.compile(r"\bmurder[- ]?suicide\b", re.IGNORECASE)


def _murder_suicide(text: str) -> bool:
    """ "... shot her son and then herself in a murder-suicide": everyone shot in the sentence died."""
    return _MURDER_SUICIDE.search(text) is not None


def find_casualty_figures(
    span: Span, *, terms: CasualtyTerms, trigger: Token | None = None, text: str | None = None
) -> list[CasualtyFigure]:
    """Every casualty figure in the span (connected to `trigger` when given), in text order.

    `text` is the span's text when the caller has it (a slice of the article's text): Span.text joins its tokens."""
    if len(span) == 0 or not span.doc.has_annotation("DEP"):
        return []
    text = span.text if text is None else text
    number_candidates, victim_candidates = _candidates(span, terms, text=text)
    numbered = _numbered(span, terms, number_candidates)
    figures = numbered + _named(terms, numbered, victim_candidates)
    if _murder_suicide(text):
        figures = [replace(f, category="killed") if f.category == "injured" else f for f in figures]
    unique = {(f.start, f.end, f.category): f for f in figures}
    ordered = sorted(_without_second_mentions(list(unique.values())), key=lambda f: f.start)
    if trigger is not None:
        ordered = [f for f in ordered if _connected(f.governor, trigger)]
    return ordered


def _without_second_mentions(figures: list[CasualtyFigure]) -> list[CasualtyFigure]:
    """Drop a reflexive victim whose clause subject is a victim too: one person, named twice ("he shot himself and
    died")."""
    starts = {f.start for f in figures}
    kept = []
    for figure in figures:
        victim = figure.governor.doc.char_span(figure.start, figure.end)
        antecedent = reflexive_antecedent(victim[0]) if victim is not None and len(victim) == 1 else None
        if antecedent is None or antecedent.idx not in starts:
            kept.append(figure)
    return kept


def belongs_to(figure: CasualtyFigure, trigger: Token) -> bool:
    """The figure is bound to the event of `trigger` in the parse (see `_connected`)."""
    return _connected(figure.governor, trigger)


def _connected(governor: Token, trigger: Token) -> bool:
    """The figure belongs to the trigger's event: the same word, inside the trigger's phrase, or a casualty verb the
    trigger hangs from other than through "and" ("killed 500 in their assault", not "killed 40, and ministers
    met")."""
    if governor == trigger:
        return True
    if trigger.is_ancestor(governor):  # not through a verb "and" joins: "killed 5, and a bomb wounded 9"
        return not _joined_by_and(governor, trigger, verbs_only=True)
    if not governor.is_ancestor(trigger):
        return False
    return not _joined_by_and(trigger, governor, verbs_only=False)


def _joined_by_and(low: Token, high: Token, *, verbs_only: bool) -> bool:
    """The path up the parse from `low` to its ancestor `high` crosses a conjunct (of verbs only, if asked)."""
    token = low
    while token != high:
        if token.dep_ == "conj" and (not verbs_only or token.pos_ in ("VERB", "AUX")):
            return True
        token = token.head
    return False


def _sum(counts: list[Count]) -> Count | None:
    if not counts:
        return None
    positive = [count for count in counts if count.high > 0]
    if not positive:
        return _ZERO
    return Count(sum(c.low for c in positive), sum(c.best for c in positive), sum(c.high for c in positive))


def _split_combined(combined: Count, by_verbs: bool) -> tuple[Count, Count]:
    total = combined.best
    if by_verbs and total >= 2:
        return Count(1, 1, total - 1), Count(1, total - 1, total - 1)
    return Count(0, 0, total), Count(0, total, total)


def reported_by(span: Span, terms: CasualtyTerms, *, about: Sequence[Token] = ()) -> ActorRef | None:
    """The source a sentence names for what it says: "according to health officials", "the UN reported".

    With `about` (the words the figures hang from), a reporting verb counts only when those words are in its
    clause: in "militias killed 72, and HRW reported abuses", HRW is not the source of the 72.
    """
    for token in span:
        if token.lower_ == "according" and token.i + 1 < span.end and span.doc[token.i + 1].lower_ == "to":
            objects = [child for child in span.doc[token.i + 1].children if child.dep_ == "pobj"]
            if objects:
                return ActorRef(text=_phrase(objects[0]))
    for token in span:
        if token.pos_ != "VERB" or token.lemma_.lower() not in terms.reporting:
            continue
        if about and not any(token.is_ancestor(word) for word in about):
            continue
        subjects = [child for child in token.children if child.dep_ == "nsubj" and child.pos_ != "PRON"]
        if subjects:
            return ActorRef(text=_phrase(subjects[0]))
    return None


def _phrase(token: Token) -> str:
    """The words of a noun phrase without a leading determiner ("the United Nations" → "United Nations")."""
    words = list(token.subtree)
    while words and words[0].dep_ == "det":
        words = words[1:]
    if not words:
        return token.text
    return token.doc[words[0].i : words[-1].i + 1].text


def find_casualties(article: Article, span: Span, *, terms: CasualtyTerms, trigger: Token | None = None) -> Casualties:
    """Killed, injured, displaced and captured in a sentence (see the module docstring for the steps)."""
    figures = find_casualty_figures(span, trigger=trigger, terms=terms)
    source = reported_by(span, terms, about=[f.governor for f in figures]) if figures else None
    return total_casualties(figures, source=source)


def total_casualties(figures: list[CasualtyFigure], *, source: ActorRef | None = None) -> Casualties:
    """Steps 3-4 of the module docstring: add up figures per category and split combined ones."""
    figures = [f for f in figures if not f.sub_figure]
    if not figures:
        return Casualties()
    by_category = {
        category: _sum([f.count for f in figures if f.category == category])
        for category in ("killed", "injured", "displaced", "captured", "combined")
    }
    killed, injured, combined = by_category["killed"], by_category["injured"], by_category["combined"]
    if combined is not None and combined.best > 0:
        stated_by_verbs = any(f.stated_by_verbs for f in figures if f.category == "combined")
        if killed is None and injured is None:
            killed, injured = _split_combined(combined, stated_by_verbs)
        elif injured is None and killed is not None:
            rest = max(combined.best - killed.best, 0)
            injured = Count(rest, rest, rest)
    return Casualties(
        killed=killed,
        injured=injured,
        displaced=by_category["displaced"],
        captured=by_category["captured"],
        reported_by=source,
    )
