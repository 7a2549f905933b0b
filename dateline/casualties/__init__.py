"""Casualties: how many people a text says were killed, injured, displaced or captured, and who says so.

Reads: a spaCy Span (a sentence or clause) with tags, dependencies and entities. Writes: Casualties, each count
with the source of its figure and every figure as the text states it (records.StatedFigure).

For the events stage the call is

    find_casualties(article: Article, sentence: Span, *, terms: CasualtyTerms, trigger: Token | None = None)
        -> Casualties

(the article first, like every stage; `sentence` is any Span of the article's Doc; `terms` is
`load_casualty_terms()`, loaded once per process by `pipeline.load_resources` and handed to the events stage).

With `trigger` (the event's trigger word) only figures connected to it in the parse count: the trigger itself,
words inside its subtree, or a casualty verb the trigger hangs from ("killed 500 in their assault" gives the
assault's figure). Without it every figure in the span counts. `find_casualty_figures` gives the figures one by
one, with offsets; `account` makes the figures of several statements of one occurrence into one record (the story
stage does so for the article's main event).

Steps:
 1. figures: each number phrase with its hedge becomes a Count (see quantities.py for low/best/high);
 2. each figure, and each single named victim of a casualty verb ("a man was killed", "killing him"), gets a
    category from the parse (see victims.py); "no one was hurt" and "were not injured" give a zero; "a fatal
    shooting" says at least one died;
 3. each figure gets its own source (sources.py): the object of "according to" in its clause, else the subject of a
    reporting verb that governs it ("the United Nations reported", "police said");
 4. per statement, figures are added up per category and combined figures split (tally.py);
 5. across the statements of one occurrence, the largest figure per category, a toll told as changed last
    (tally.account).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from dateline.casualties.figure import CasualtyFigure
from dateline.casualties.quantities import find_figures, may_be_number
from dateline.casualties.sources import reported_by
from dateline.casualties.tally import account, casualties_of, own_life, statement_counts
from dateline.casualties.terms import CasualtyTerms, load_casualty_terms
from dateline.casualties.victims import (
    OWN_LIFE_VERBS,
    counted_token,
    dead_complement,
    death_of,
    harmed_subjects,
    is_earlier_toll,
    is_nobody,
    is_sub_figure,
    is_update,
    manner_only,
    own_life_taker,
    reflexive_antecedent,
    single_victims,
    victim_category,
)
from dateline.records import Article, Casualties, Count

__all__ = [
    "CasualtyFigure",
    "CasualtyTerms",
    "SentenceFigures",
    "account",
    "belongs_to",
    "find_casualties",
    "find_casualty_figures",
    "load_casualty_terms",
    "reported_by",
    "total_casualties",
]

_ZERO = Count(0, 0, 0)
_ONE = Count(1, 1, 1)


def _figure(
    category: str,
    count: Count,
    first: Token,
    last: Token,
    governor: Token,
    sub: bool,
    terms: CasualtyTerms,
    *,
    hedge: str | None = None,
    update: bool = False,
) -> CasualtyFigure:
    start, end = first.idx, last.idx + len(last.text)
    # the tokens' own text: `doc.text` would rebuild the whole article's text for each figure
    text = first.doc[first.i : last.i + 1].text if last.i >= first.i else ""
    by_verbs = governor.pos_ in ("VERB", "AUX")
    manner = category == "injured" and manner_only(governor, terms)
    return CasualtyFigure(
        category, count, text, start, end, governor, sub, by_verbs, hedge=hedge, update=update, manner=manner
    )


def _numbered(span: Span, terms: CasualtyTerms, candidates: Sequence[int]) -> list[CasualtyFigure]:
    found = []
    for figure in find_figures(span, terms, candidates=candidates):
        counted = counted_token(figure.head)
        if counted.lemma_.lower() in terms.not_people or counted.ent_type_ in ("GPE", "LOC", "FAC"):
            continue
        if _unharmed(counted, terms):
            continue
        resolved = victim_category(counted, terms)
        if resolved is None:
            continue
        category, governor = resolved
        doc = span.doc
        negated = any(child.dep_ == "neg" for child in governor.children)  # "two others were not hurt"
        count = _ZERO if negated else figure.count
        # a part of another figure, or the toll a changed one replaced ("rose to 12 from 9"): kept, not counted
        sub = is_sub_figure(counted) or is_earlier_toll(counted, terms)
        first, last = doc[figure.first], doc[figure.end - 1]
        update = is_update(counted, terms)
        found.append(_figure(category, count, first, last, governor, sub, terms, hedge=figure.hedge, update=update))
    return found


def _candidates(span: Span, terms: CasualtyTerms, *, text: str) -> tuple[list[int], list[tuple[Token, str]]]:
    """One sweep over the span's words (this runs for every sentence with a violent event) for what each pass
    reads further: the indices of words that may be numbers (for _numbered), and the words with their lower-case
    lemmas that may name a victim without a number (for _named)."""
    number_words = terms.numbers
    death_nouns = terms.death_nouns
    incidents = terms.incident_nouns
    # the last word of each death sign ("examiner" of "medical examiner")
    death_signs = {sign.rsplit(" ", 1)[-1] for sign in terms.death_signs}
    harm_verbs = terms.harm_verbs
    # Any verb can have a "dead" complement ("found dead"); without that word only the lemmas below can name a
    # victim, and the other words are passed over before anything else is read.
    may_be_dead = "dead" in text.lower()
    numbers: list[int] = []
    victim_words: list[tuple[Token, str]] = []
    for token in span:
        if may_be_number(token, number_words):
            numbers.append(token.i)
        lemma = token.lemma_.lower()
        if (
            may_be_dead
            or lemma in terms.verbs
            or lemma in death_nouns
            or lemma in OWN_LIFE_VERBS
            or lemma in incidents
            or lemma in death_signs
            or lemma in harm_verbs
        ):
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
            dead = death_of(token, terms) if lemma in terms.death_nouns else []
        else:
            taker = own_life_taker(token, terms) if lemma in OWN_LIFE_VERBS else None
            dead = [taker] if taker is not None else []
        if dead:
            found += [_figure("killed", _ONE, victim, victim, token, False, terms) for victim in dead]
            continue
        if pos == "NOUN" and lemma in terms.incident_nouns:
            floor = fatal_floor(token, terms)
            if floor is not None:
                found.append(floor)
            continue
        if pos in ("NOUN", "PROPN") and _death_sign(token, lemma, terms):
            figure = _figure("killed", _ONE, token, token, token, False, terms, hedge="at_least")
            found.append(replace(figure, floor=True))
            continue
        if pos not in ("VERB", "AUX"):  # tested first: cheaper than the casualty-verb test
            continue
        if lemma in terms.harm_verbs:
            harmed, fatal = harmed_subjects(token, terms)
            for victim in harmed:
                figure = _figure("killed" if fatal else "injured", _ONE, victim, victim, token, False, terms)
                found.append(figure if fatal else replace(figure, manner=True))  # hit: dead or alive
            continue
        if lemma not in terms.verbs and not dead_complement(token):
            continue
        negated = any(child.dep_ == "neg" for child in token.children)
        for victim, holder in single_victims(token, terms):
            resolved = victim_category(holder, terms)
            # a word of a figure ("dozen" in "more than a dozen were wounded") is not a victim of its own
            if resolved is None or any(start <= victim.idx < end for start, end in taken):
                continue
            category, governor = resolved
            if _unharmed(victim, terms):
                continue
            if category == "displaced":
                continue  # one person who fled ("the suspect fled the scene") escaped; displacement is of many
            count = _ZERO if negated or is_nobody(victim) else _ONE
            found.append(_figure(category, count, victim, victim, governor, is_sub_figure(victim), terms))
        nobody = [c for c in token.children if c.dep_ in ("nsubjpass", "nsubj", "dobj") and is_nobody(c)]
        for victim in nobody:
            resolved = victim_category(victim, terms)
            if resolved is not None:
                found.append(_figure(resolved[0], _ZERO, victim, victim, resolved[1], False, terms))
    # one victim each, named without a figure: tally.py adds them up only when one word tells of them together; one
    # who took their own life ("before taking his own life", "then shot himself") is another person than their victims
    return [replace(f, single=True) if f.count == _ONE and not (f.floor or own_life(f)) else f for f in found]


def _hypothetical(governor: Token) -> bool:
    """ "could have killed hundreds", "wouldn't have hurt anyone": a modal verb says what might have happened, not
    what did (the modal of the first of verbs "and" joins is theirs too)."""
    verbs = [governor, governor.head] if governor.dep_ == "conj" else [governor]
    return any(
        child.dep_ == "aux" and child.tag_ == "MD"
        for verb in verbs
        if verb.pos_ in ("VERB", "AUX")
        for child in verb.children
    )


_MURDER_SUICIDE = re.compile(r"\bmurder[- ]?suicide\b", re.IGNORECASE)


def _murder_suicide(text: str) -> bool:
    """ "... shot her son and then herself in a murder-suicide": everyone shot in the sentence died."""
    return _MURDER_SUICIDE.search(text) is not None


def _unharmed(victim: Token, terms: CasualtyTerms) -> bool:
    """ "the unharmed child", "two unhurt passengers": the words say these people came to no harm."""
    return any(child.dep_ == "amod" and child.lower_ in terms.unharmed for child in victim.children)


def _death_sign(noun: Token, lemma: str, terms: CasualtyTerms) -> bool:
    """ "an autopsy", "the coroner", "the medical examiner", "a homicide": someone died (the `death_sign` rows), said
    as a fact ("no autopsy", "not a homicide" say nothing)."""
    if any(child.dep_ == "neg" or child.lower_ in ("no", "not") for child in noun.children):
        return False
    if noun.dep_ in ("attr", "dobj") and any(child.dep_ == "neg" for child in noun.head.children):
        return False  # "it was not a homicide", "did not order an autopsy"
    if lemma in terms.death_signs:
        return True
    before = noun.doc[noun.i - 1] if noun.i > 0 else None
    return before is not None and f"{before.lower_} {lemma}" in terms.death_signs


def _denied(adjective: Token) -> bool:
    """ "a non-fatal shooting": the prefix denies the adjective (the tokenizer splits "non", "-", "fatal")."""
    doc, i = adjective.doc, adjective.i
    before = [doc[j].lower_ for j in range(max(i - 2, 0), i)]
    return before[-1:] == ["non"] or before == ["non", "-"]


def fatal_floor(noun: Token, terms: CasualtyTerms) -> CasualtyFigure | None:
    """ "a fatal shooting", "the deadly attack": one occurrence that killed someone, however many: at least one
    killed, counted only where no figure says how many (`CasualtyFigure.floor`)."""
    if noun.tag_ not in ("NN", "NNP") or any(child.dep_ == "neg" for child in noun.children):
        return None
    if not any(
        child.dep_ in ("amod", "compound") and child.lower_ in terms.fatal_words and not _denied(child)
        for child in noun.children
    ):
        return None
    figure = _figure("killed", _ONE, noun, noun, noun, False, terms, hedge="at_least")
    return replace(figure, floor=True)


def find_casualty_figures(
    span: Span, *, terms: CasualtyTerms, trigger: Token | None = None, text: str | None = None
) -> list[CasualtyFigure]:
    """Every casualty figure in the span (connected to `trigger` when given), in text order, each with its source.

    `text` is the span's text when the caller has it (a slice of the article's text): Span.text joins its tokens."""
    if len(span) == 0 or not span.doc.has_annotation("DEP"):
        return []
    text = span.text if text is None else text
    number_candidates, victim_candidates = _candidates(span, terms, text=text)
    numbered = _numbered(span, terms, number_candidates)
    figures = [f for f in numbered + _named(terms, numbered, victim_candidates) if not _hypothetical(f.governor)]
    if _murder_suicide(text):
        figures = [replace(f, category="killed", manner=False) if f.category == "injured" else f for f in figures]
    unique = {(f.start, f.end, f.category): f for f in figures}
    # "the death of a man who was shot": the same words told killed and injured are one person, who died
    dead = {(start, end) for start, end, category in unique if category == "killed"}
    unique = {key: f for key, f in unique.items() if not (key[2] == "injured" and key[:2] in dead)}
    ordered = sorted(_without_second_mentions(list(unique.values())), key=lambda f: f.start)
    if trigger is not None:
        ordered = [f for f in ordered if _connected(f.governor, trigger)]
    return [replace(f, reported_by=reported_by(span, terms, about=[f.governor])) for f in ordered]


class SentenceFigures:
    """The casualty figures of the sentences of one article's Doc, each sentence read once: the events stage reads
    the sentences of its violent events, the story stage every sentence of the article for the main event's
    occurrence, and a sentence's figures do not depend on who asks (`find_casualty_figures` without a trigger).
    Callers read the lists they get and do not change them."""

    def __init__(self, doc: Doc, terms: CasualtyTerms) -> None:
        self.doc = doc
        self.terms = terms
        self._text: str | None = None  # the Doc's text, built once: Span.text joins its tokens on each call
        self._found: dict[tuple[int, int], list[CasualtyFigure]] = {}

    def of(self, sentence: Span) -> list[CasualtyFigure]:
        """The figures of a sentence (any Span of the Doc), in text order."""
        key = (sentence.start, sentence.end)
        found = self._found.get(key)
        if found is None:
            if self._text is None:
                self._text = self.doc.text
            text = self._text[sentence.start_char : sentence.end_char]
            found = self._found[key] = find_casualty_figures(sentence, terms=self.terms, text=text)
        return found


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


def find_casualties(article: Article, span: Span, *, terms: CasualtyTerms, trigger: Token | None = None) -> Casualties:
    """Killed, injured, displaced and captured in a sentence (see the module docstring for the steps)."""
    return total_casualties(find_casualty_figures(span, trigger=trigger, terms=terms))


def total_casualties(figures: Sequence[CasualtyFigure]) -> Casualties:
    """Steps 3-5 of the module docstring for the figures of one statement (a sentence): add up figures per
    category, split combined ones, and name the source of each category's figure."""
    if not figures:
        return Casualties()
    counts = statement_counts(figures)
    return casualties_of(counts, [f.stated() for f in figures])
