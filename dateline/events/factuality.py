"""Factuality of an event: negated, hypothetical, future or historical, read from the trigger's clause.

1. The trigger itself: "not"/"never" on it, a modal ("could", "will"), "no" before a noun, "possible"/"planned".
   A modal of a clause the trigger is the definite subject of does not count ("the killing could push them to war").
   A verb of asking or fearing does not make its object hypothetical when it gives that object a predicate ("called
   the attack a crime").
2. The words that govern it, up to GOVERNOR_DEPTH steps up the tree, stopping at a new clause: "failed to
   attack" (negated), "plans to attack" (future), "threatened to attack", "in anticipation of an attack"
   (hypothetical), "if they attack" (hypothetical). "would" under a reporting verb ("said the U.S. would send")
   is future in the past, not hypothetical.
3. The dates: an event dated after the publication date is future; one whose date ends more than
   HISTORICAL_DAYS before it is historical background.
"""

from __future__ import annotations

import calendar
import itertools
from datetime import date, timedelta

from spacy.tokens import Token

from dateline.events.lexicon import FactualityCues
from dateline.records import EventDate, Factuality
from dateline.times import parse_published

GOVERNOR_DEPTH = 4
# Steps up the tree that stay inside the event's own clause (or tie a noun to the verb that carries it).
# Coordination is not one of them: "agreed with X, and praised Y" says nothing of Y's future.
CLAUSE_DEPS = frozenset(
    {"xcomp", "dobj", "pobj", "prep", "attr", "nsubjpass", "nsubj", "pcomp", "acl", "oprd", "acomp"}
)
NEGATABLE_DEPS = frozenset({"dobj", "xcomp", "nsubjpass", "attr"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
WH_TAGS = frozenset({"WDT", "WP", "WRB", "WP$"})
# An event whose date ends this long before the article's date is background. Half a year: news recaps of last
# winter are still the current story, while "in 2014" in a 2020 article is history.
HISTORICAL_DAYS = 180


def _governors(trigger: Token) -> list[Token]:
    """The trigger and the words above it in its clause, nearest first.

    A verb joined to an infinitive it shares "to" with ("not to hold and control land") is read from that
    infinitive's place: it has no clause of its own."""
    chain = [trigger]
    token = trigger
    if _shares_infinitive(trigger):
        token = trigger.head
        chain.append(token)
    for _ in range(GOVERNOR_DEPTH):
        if (token.dep_ not in CLAUSE_DEPS and not _infinitive_clause(token)) or token.head.i == token.i:
            break
        token = token.head
        chain.append(token)
    return chain


def _infinitive_clause(token: Token) -> bool:
    """ "vowed on Monday to assist Iraq" (often parsed as a clause of its own): the infinitive depends on the vow."""
    return token.dep_ == "advcl" and any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)


def _shares_infinitive(token: Token) -> bool:
    if token.dep_ != "conj" or token.pos_ != "VERB" or token.head.pos_ != "VERB":
        return False
    own = {child.dep_ for child in token.children}
    head_has_to = any(child.dep_ == "aux" and child.lower_ == "to" for child in token.head.children)
    return head_has_to and not own & {"aux", "nsubj", "nsubjpass"}


def _cue_words(chain: list[Token]) -> list[Token]:
    """The words above the trigger whose meaning governs it: not those it is the subject of ("airstrikes have failed
    to stem the gains": the airstrikes happened; the stemming did not)."""
    found: list[Token] = []
    for lower, upper in itertools.pairwise(chain):
        if lower.dep_ not in SUBJECT_DEPS:
            found.append(upper)
    return found


def _clause_verbs(chain: list[Token]) -> list[Token]:
    return [token for token in chain if token.pos_ in ("VERB", "AUX")]


def _is_negated(trigger: Token, chain: list[Token], cues: FactualityCues) -> bool:
    if any(child.dep_ == "neg" for child in trigger.children):
        return True
    if trigger.pos_ in ("NOUN", "PROPN"):
        if any(child.lower_ in ("no",) and child.dep_ == "det" for child in trigger.children):
            return True
        if trigger.head.dep_ == "prep" and trigger.head.lower_ == "without":
            return True
    base = chain[1] if _shares_infinitive(trigger) and len(chain) > 1 else trigger
    governing = [token for token in _cue_words(chain) if token.pos_ in ("VERB", "AUX", "ADJ") and token.i != base.i]
    for verb in governing[:2]:
        carries = trigger.pos_ == "VERB" or verb.lemma_.lower() in cues.carrying_verbs
        if carries and any(child.dep_ == "neg" for child in verb.children) and base.dep_ in NEGATABLE_DEPS:
            return True
        if verb.lemma_.lower() in cues.negating_verbs:  # "failed to", "unable to", "avoided"
            return True
    return False


def _definite(token: Token) -> bool:
    """A definite description ("the killing", "this attack", "Friday's strike"): it presupposes its occurrence."""
    return any(
        child.dep_ == "poss"
        or (child.dep_ == "det" and child.morph.to_dict().get("Definite") == "Def")
        or (child.dep_ == "det" and child.morph.to_dict().get("PronType") == "Dem")
        for child in token.children
    )


def _modals(chain: list[Token]) -> frozenset[str]:
    """The modals of the trigger's clause. Those of a clause the trigger is the definite subject of speak of what it
    does, not of whether it happened: "the killing could push them toward war" (the killing happened), where
    "an attack would be a disaster" stays hypothetical."""
    for position, (lower, _upper) in enumerate(itertools.pairwise(chain)):
        if lower.dep_ in SUBJECT_DEPS and lower.pos_ in ("NOUN", "PROPN") and _definite(lower):
            chain = chain[: position + 1]
            break
    return frozenset(child.lower_ for token in _clause_verbs(chain) for child in token.children if child.dep_ == "aux")


def _under_reporting_verb(chain: list[Token], cues: FactualityCues) -> bool:
    top = chain[-1]
    head = top.head if top.dep_ == "ccomp" else top
    return head.lemma_.lower() in cues.reporting_verbs and head.i != top.i


def _is_future(trigger: Token, chain: list[Token], cues: FactualityCues, modals: frozenset[str]) -> bool:
    if modals & cues.future_modals:
        return True
    if "would" in modals and _under_reporting_verb(chain, cues):
        return True
    cue_words = _cue_words(chain)
    if any(token.lemma_.lower() in cues.future_verbs for token in cue_words if token.pos_ == "VERB"):
        return True
    if any(token.lemma_.lower() in cues.future_nouns for token in cue_words if token.pos_ == "NOUN"):
        return True
    modifiers = [child for child in trigger.children if child.dep_ in ("amod", "acl", "compound")]
    return any(child.lower_ in cues.future_adjectives or child.lemma_.lower() in cues.future_verbs
               for child in modifiers)  # fmt: skip


def _open_question(trigger: Token) -> bool:
    """ "a debate about what weapons to provide", "how to improve intelligence": an infinitive asked about."""
    if not any(child.dep_ == "aux" and child.lower_ == "to" for child in trigger.children):
        return False
    near = [grandchild for child in trigger.children for grandchild in (child, *child.children)]
    return any(word.tag_ in WH_TAGS and word.i < trigger.i for word in near)


def _characterises(lower: Token, upper: Token) -> bool:
    """ "called the accusation baseless", "called the bombing a crime": a verb whose object is given a predicate
    says what an occurrence was, and does not ask for it ("called for an attack"). Only where the parse gives the
    predicate as `oprd`: "called the bombing of the market a crime" is often parsed with an apposition instead."""
    return lower.dep_ == "dobj" and any(child.dep_ == "oprd" for child in upper.children)


def _is_hypothetical(trigger: Token, chain: list[Token], cues: FactualityCues, modals: frozenset[str]) -> bool:
    if "would" in modals and _under_reporting_verb(chain, cues):
        modals = modals - {"would"}
    if modals & cues.hypothetical_modals:
        return True
    for token in chain:
        if any(child.dep_ == "mark" and child.lower_ in cues.conditional_marks for child in token.children):
            return True
    if _open_question(trigger):
        return True
    characterised = {upper.i for lower, upper in itertools.pairwise(chain) if _characterises(lower, upper)}
    for token in _cue_words(chain):
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in cues.hypothetical_verbs and token.i not in characterised:
            return True
        if token.pos_ == "NOUN" and lemma in cues.hypothetical_nouns:
            return True
    return any(child.dep_ == "amod" and child.lower_ in cues.hypothetical_adjectives for child in trigger.children)


def date_span(event_date: EventDate) -> tuple[date, date] | None:
    """The first and last day an event date covers, or None when its value is not a date."""
    start, end = _date_start(event_date), _date_end(event_date)
    return (start, end) if start is not None and end is not None else None


def _date_end(event_date: EventDate) -> date | None:
    """The last day an event date covers."""
    try:
        parts = [int(part) for part in event_date.value.split("-")]
        if len(parts) == 3:
            day = date(parts[0], parts[1], parts[2])
            return day + timedelta(days=6) if event_date.precision == "week" else day
        if len(parts) == 2:
            return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        return date(parts[0], 12, 31)
    except (ValueError, IndexError):
        return None


def _date_start(event_date: EventDate) -> date | None:
    try:
        parts = [int(part) for part in event_date.value.split("-")] + [1, 1]
        return date(parts[0], parts[1], parts[2])
    except (ValueError, IndexError):
        return None


def purpose_clause(trigger: Token) -> bool:
    """ "troops were deployed to secure the area", "began an offensive to recapture the city": an infinitive told as
    what another act is for (an adverbial clause with "to") has not happened yet."""
    return trigger.pos_ == "VERB" and _infinitive_clause(trigger)


def assess(
    trigger: Token,
    cues: FactualityCues,
    event_date: EventDate | None,
    published: str | None,
    *,
    purpose_pending: bool = False,
) -> Factuality:
    """The factuality of the event a trigger signals (see the module docstring for the rules); with
    `purpose_pending`, an act told as the purpose of another (purpose_clause) is future unless a cue already makes
    it hypothetical ("threatened to attack")."""
    chain = _governors(trigger)
    negated = _is_negated(trigger, chain, cues)
    modals = _modals(chain)  # read once for both tests
    possible = _is_hypothetical(trigger, chain, cues, modals)
    future = _is_future(trigger, chain, cues, modals) or (purpose_pending and not possible and purpose_clause(trigger))
    hypothetical = possible and not future
    historical = False
    reference = parse_published(published)
    if event_date is not None and event_date.text is not None and reference is not None:
        end, start = _date_end(event_date), _date_start(event_date)
        if end is not None and (reference - end).days > HISTORICAL_DAYS:
            historical = True
        if start is not None and start > reference:
            future = True
    return Factuality(negated=negated, hypothetical=hypothetical, future=future, historical=historical)
