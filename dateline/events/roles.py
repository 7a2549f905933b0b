"""Event parties: turn the head tokens of source and recipient phrases into ActorRefs.

1. An actor of the actors stage whose mention lies in the phrase gives the ActorRef (id, name, country, sector).
2. A pronoun ("it", "they", "he") takes the nearest actor (or named entity) before it, within two sentences.
3. Without an actor, a phrase still names a party when it is a named entity or an armed / civilian noun
   ("Islamic State insurgents", "villagers"); anything else (places, numbers, weapons) is not a party.
News media are never parties: actors whose sector is a media code, and phrases headed by a media noun, are dropped.
The words (media nouns, party word classes, pronouns) are `arguments` in dateline/knowledge/event_cues.yaml.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

from dateline.events import syntax
from dateline.events.lexicon import ArgumentWords, EventLexicon
from dateline.events.words import Words
from dateline.records import Actor, ActorRef

MEDIA_SECTORS = frozenset({"MED", "MEDIA", "JRN"})
PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# What a pronoun of the lexicon's `person_pronouns` / `group_pronouns` may stand for.
PERSON_PRONOUN_LABELS = frozenset({"PERSON"})
GROUP_PRONOUN_LABELS = frozenset({"ORG", "GPE", "NORP"})
PRONOUN_LOOKBACK_SENTENCES = 2
# Dependents that belong to a party's name; others (relative clauses, "in the city") are left out of the phrase.
NAME_DEPS = frozenset({"det", "amod", "compound", "poss", "nmod", "case"})


@dataclass(frozen=True)
class ActorIndex:
    """The actors stage's mentions by character offset, for lookup by phrase."""

    mentions: tuple[tuple[int, int, Actor], ...]

    @classmethod
    def of(cls, actors: Sequence[Actor]) -> ActorIndex:
        found = [(m.start, m.end, actor) for actor in actors for m in actor.mentions]
        return cls(tuple(sorted(found, key=lambda item: item[0])))

    def inside(self, start: int, end: int) -> list[tuple[int, int, Actor]]:
        # The mentions are sorted by start: only those starting in [start, end] can lie inside.
        first = bisect.bisect_left(self.mentions, start, key=lambda item: item[0])
        last = bisect.bisect_right(self.mentions, end, lo=first, key=lambda item: item[0])
        return [item for item in self.mentions[first:last] if item[1] <= end]

    def before(self, position: int, limit: int) -> list[tuple[int, int, Actor]]:
        return [item for item in self.mentions if limit <= item[0] and item[1] <= position]


def name_span(head: Token) -> tuple[int, int]:
    """Token range [first, last + 1) of the phrase that names a party: the head with its name-like dependents,
    as one unbroken stretch of words around the head."""
    allowed = {head.i}
    stack = [child for child in head.children if child.dep_ in NAME_DEPS or _is_of_phrase(child) or _is_joiner(child)]
    while stack:
        token = stack.pop()
        allowed.add(token.i)
        stack.extend(token.children)
    first = last = head.i
    while first - 1 in allowed:
        first -= 1
    while last + 1 in allowed:
        last += 1
    return first, last + 1


def _is_joiner(token: Token) -> bool:
    """Punctuation inside a name: the hyphen of "al-Khazali", the period of "U.S."."""
    return token.dep_ == "punct" and token.text in ("-", "‐", ".", "'", "’")


def _is_of_phrase(token: Token) -> bool:
    return token.dep_ == "prep" and token.lower_ == "of"


def _ref(actor: Actor, text: str) -> ActorRef:
    return ActorRef(text=text, id=actor.id, name=actor.name, country=actor.country, sector=actor.sector)


def _clause_subject_of(pronoun: Token) -> Token | None:
    """For a possessive pronoun, the subject of its clause: "the militants killed ... in their assault"."""
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subjects = syntax.clause_subject(verb) if verb.pos_ in ("VERB", "AUX") else []
    subject = subjects[0] if subjects else None
    return subject if subject is not None and subject.pos_ != "PRON" and subject.i != pronoun.i else None


def _entity_label(doc: Doc, start: int, end: int) -> str:
    """The spaCy entity label of the words at [start, end), or "" when they are not an entity."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root.ent_type_ if span is not None else ""


def _sentence_starts_up_to(doc: Doc, index: int) -> list[int]:
    """The first token of each sentence up to the one holding token `index`, as Doc.sents splits them (the first
    token, and every later one marked as a sentence start), read from the Doc's array instead of making every
    sentence's Span."""
    marks = doc.to_array(SENT_START)[1 : index + 1].astype(numpy.int64)
    return [0, *(numpy.flatnonzero(marks == 1) + 1).tolist()]


def _pronoun_labels(pronoun: str, words: ArgumentWords) -> frozenset[str] | None:
    """The entity labels of what a pronoun may stand for ("he": a PERSON), or None for other words."""
    if pronoun in words.person_pronouns:
        return PERSON_PRONOUN_LABELS
    if pronoun in words.group_pronouns:
        return GROUP_PRONOUN_LABELS
    return None


def _resolve_pronoun(pronoun: Token, index: ActorIndex, lexicon: EventLexicon) -> ActorRef | None:
    labels = _pronoun_labels(pronoun.lower_, lexicon.arguments)
    if labels is None:
        return None
    if pronoun.dep_ == "poss":
        subject = _clause_subject_of(pronoun)
        if subject is not None:
            return actor_ref(subject, index, lexicon)
    doc: Doc = pronoun.doc
    sentence_starts = _sentence_starts_up_to(doc, pronoun.i)
    window_start = sentence_starts[max(0, len(sentence_starts) - 1 - PRONOUN_LOOKBACK_SENTENCES)]
    limit = doc[window_start].idx
    mentions = [
        item
        for item in index.before(pronoun.idx, limit)
        if item[2].sector not in MEDIA_SECTORS and _entity_label(doc, item[0], item[1]) in labels
    ]
    if mentions:
        start, end, actor = mentions[-1]
        span = doc.char_span(start, end, alignment_mode="expand")
        return _ref(actor, span.text if span is not None else actor.name)
    entities = [ent for ent in doc.ents if ent.label_ in labels and limit <= ent.start_char and ent.end <= pronoun.i]
    if entities:
        return ActorRef(text=entities[-1].text)
    return None


def _looks_like_party(tokens: Sequence[Token], head: Token, lexicon: EventLexicon) -> bool:
    if head.pos_ == "NUM" or head.lemma_.lower() in lexicon.arguments.media_nouns:
        return False
    if head.ent_type_ in PARTY_LABELS or head.text == "IS":  # "IS" the group, parsed as a verb (syntax.py)
        return True
    words = Words.of(tokens)
    return any(words.has(lexicon.classes[name]) for name in lexicon.arguments.party_classes)


def actor_ref(head: Token, index: ActorIndex, lexicon: EventLexicon) -> ActorRef | None:
    """The party a phrase names, or None when the phrase names no party (see the module docstring)."""
    if head.pos_ == "PRON":
        return _resolve_pronoun(head, index, lexicon)
    doc = head.doc
    first, end = name_span(head)
    start_char, end_char = doc[first].idx, doc[end - 1].idx + len(doc[end - 1])
    tokens = list(doc[first:end])
    while tokens and (tokens[0].dep_ in ("det", "punct", "case") or tokens[0].like_num):
        tokens = tokens[1:]
    words = doc[tokens[0].i : end].text if tokens else head.text  # Doc.text would rebuild the whole text
    inside = index.inside(start_char, end_char)
    if inside:
        covering = [item for item in inside if item[0] <= head.idx < item[1]]
        _start, _stop, actor = (covering or inside)[-1]
        return None if actor.sector in MEDIA_SECTORS else _ref(actor, words)
    if not tokens or not _looks_like_party(tokens, head, lexicon):
        return None
    return ActorRef(text=words)


def actor_refs(heads: Sequence[Token], index: ActorIndex, lexicon: EventLexicon) -> tuple[ActorRef, ...]:
    """ActorRefs for argument heads, without duplicates, in order."""
    refs: list[ActorRef] = []
    for head in heads:
        ref = actor_ref(head, index, lexicon)
        if ref is not None and ref not in refs:
            refs.append(ref)
    return tuple(refs)
