"""Within-article reference: what a pronoun ("it", "they", "he", "their") standing for a party refers to.

Candidates are the actors stage's mentions and the subjects of the pronoun's sentence (before it) and of the
PRONOUN_LOOKBACK_SENTENCES sentences before. A candidate must agree with the pronoun: "he", "she" stand for people;
"it", "its" for one organisation, country or group; "they", "them", "their" for a group named in the plural or
an organisation. Places named as places ("in Helmand Province, Afghanistan"), news media and the words of a photo
credit, caption or byline are never antecedents. Of the candidates left, the nearest sentence wins; within it a
subject beats any other word, and the subject of a verb of saying comes after other subjects (news reports what
someone said about someone else: in "IS lost ground, the U.S. said. It claimed ...", "it" is IS). In the pronoun's
own sentence the nearest candidate before it wins; in earlier sentences the first (the sentence's topic). A
possessive pronoun first takes its own clause's subject ("the militants killed ... in their assault").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc, Token

from dateline import nlp
from dateline.events import syntax
from dateline.events.lexicon import ArgumentWords
from dateline.records import Actor

PRONOUN_LOOKBACK_SENTENCES = 2
MEDIA_SECTORS = frozenset({"MED", "MEDIA", "JRN"})
PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
SINGULAR_PRONOUNS = frozenset({"it", "its", "itself"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Entity labels of subjects that can stand for no party.
NOT_PARTY_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "EVENT"})

type MentionsBefore = Callable[[int, int], list[tuple[int, int, Actor]]]


@dataclass(frozen=True)
class ReferenceContext:
    """The actors stage's mentions before a position (ActorIndex.before), the words of credit lines
    (parties.yaml `credit_words`) and the events' argument words (the pronoun lists)."""

    mentions_before: MentionsBefore
    credit_words: frozenset[str]
    words: ArgumentWords
    reporting_verbs: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()  # "a man", "the suspect": what "he" may stand for besides names


def _sentence_starts_up_to(doc: Doc, index: int) -> list[int]:
    """The first token of each sentence up to the one holding token `index`, as Doc.sents splits them (the first
    token, and every later one marked as a sentence start), read from the Doc's array instead of making every
    sentence's Span."""
    marks = doc.to_array(SENT_START)[1 : index + 1].astype(numpy.int64)
    return [0, *(numpy.flatnonzero(marks == 1) + 1).tolist()]


def _kind(pronoun: Token, words: ArgumentWords) -> str | None:
    """ "person", "one" (it) or "many" (they) for a pronoun that may stand for a party, else None."""
    lower = pronoun.lower_
    if lower in words.person_pronouns:
        return "person"
    if lower in words.group_pronouns:
        return "one" if lower in SINGULAR_PRONOUNS else "many"
    return None


def _agrees(token: Token, label: str, kind: str, person_nouns: frozenset[str] = frozenset()) -> bool:
    """Whether a candidate head (with its entity label) fits what the pronoun stands for."""
    if kind == "person":
        return label in PERSON_LABELS or (token.tag_ == "NN" and token.lemma_.lower() in person_nouns)
    if label in PERSON_LABELS:
        return False
    if kind == "one":
        if token.lemma_.lower() in person_nouns:  # "it" is no man
            return False
        return token.tag_ not in PLURAL_TAGS and (label in GROUP_LABELS or token.pos_ in ("NOUN", "PROPN"))
    return label in ("ORG", "NORP") or token.tag_ in PLURAL_TAGS or bool(token.conjuncts)


def _is_placed(token: Token, words: ArgumentWords) -> bool:
    """A name used as a place: the object of "in", "near" ... or in apposition to one ("in Helmand, Afghanistan")."""
    step = token
    for _ in range(4):
        if step.dep_ == "pobj":
            return step.head.lower_ in words.locative_preps
        if step.dep_ not in ("appos", "conj", "compound") or step.head.i == step.i:
            return False
        step = step.head
    return False


_LAST_DOC_TEXT: list[tuple[Doc, str]] = []


def _doc_text(doc: Doc) -> str:
    """doc.text, remembered for the last Doc asked about: spaCy joins every token anew on each call, and the pronouns
    of one article ask again and again (a tenth of the events stage's time before)."""
    if not _LAST_DOC_TEXT or _LAST_DOC_TEXT[0][0] is not doc:
        _LAST_DOC_TEXT[:] = [(doc, doc.text)]
    return _LAST_DOC_TEXT[0][1]


def _in_credit_line(token: Token, credit_words: frozenset[str]) -> bool:
    """A photo credit, a caption or a byline: a line that opens with one of the credit words ("By ...", "Photo:"),
    or holds one followed by a colon ("Image copyright", "Photo: AFP")."""
    text = _doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    line = text[start : end if end >= 0 else len(text)].strip().lower()
    for word in credit_words:
        if line.startswith((f"{word} ", f"{word}:")) or f"{word}:" in line:
            return True
    return bool(re.search(r"\b(copyright|caption)\b", line))


@dataclass(frozen=True)
class _Candidate:
    token: Token
    sentence: int  # how many sentences before the pronoun's
    subject: bool
    speaker: bool  # the subject of a verb of saying

    def rank(self) -> tuple[int, bool, bool, int]:
        order = -self.token.i if self.sentence == 0 else self.token.i
        return (self.sentence, not self.subject, self.speaker, order)


def _candidates(pronoun: Token, ctx: ReferenceContext, kind: str) -> list[_Candidate]:
    doc: Doc = pronoun.doc
    starts = _sentence_starts_up_to(doc, pronoun.i)
    first_sentence = max(0, len(starts) - 1 - PRONOUN_LOOKBACK_SENTENCES)
    window = starts[first_sentence:]

    def distance(token: Token) -> int:
        return len(window) - 1 - max(n for n, start in enumerate(window) if start <= token.i)

    heads: dict[int, Token] = {}
    for start, end, actor in ctx.mentions_before(pronoun.idx, doc[window[0]].idx):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and actor.sector not in MEDIA_SECTORS and span.root.i < pronoun.i:
            heads[span.root.i] = span.root
    for token in doc[window[0] : pronoun.i]:
        if token.dep_ in SUBJECT_DEPS and token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in NOT_PARTY_LABELS:
            heads.setdefault(token.i, token)
    found: list[_Candidate] = []
    for token in heads.values():
        if not _agrees(token, token.ent_type_, kind, ctx.person_nouns) or _is_placed(token, ctx.words):
            continue
        if _in_credit_line(token, ctx.credit_words):
            continue
        first = ([token, *_conjunct_heads(token)])[-1]
        subject = first.dep_ in SUBJECT_DEPS
        speaker = subject and first.head.lemma_.lower() in ctx.reporting_verbs
        found.append(_Candidate(token, distance(token), subject, speaker))
    return found


def _conjunct_heads(token: Token) -> list[Token]:
    """The first conjunct of a coordination ("gunmen and bombers": "bombers" stands where "gunmen" does)."""
    step, heads = token, []
    while step.dep_ == "conj" and step.head.i != step.i:
        step = step.head
        heads.append(step)
    return heads


def antecedent(pronoun: Token, ctx: ReferenceContext) -> Token | None:
    """The head token of the phrase a pronoun refers to, or None (see the module docstring)."""
    kind = _kind(pronoun, ctx.words)
    if kind is None:
        return None
    if pronoun.dep_ == "poss":
        subject = _clause_subject_of(pronoun)
        if subject is not None and _agrees(subject, subject.ent_type_, kind, ctx.person_nouns):
            return subject
    found = _candidates(pronoun, ctx, kind)
    local = _local_subjects(pronoun)
    found = [candidate for candidate in found if candidate.token.i not in local]
    if not found:
        return None
    best = min(found, key=_Candidate.rank)
    first = _conjunct_heads(best.token)
    return first[-1] if first else best.token


def _local_subjects(pronoun: Token) -> frozenset[int]:
    """The subject of the clause in which an object pronoun stands, which it cannot refer to (a reflexive would
    say so): in "militants ambushed a convoy carrying aid workers, wounding two of them", "them" are not the
    militants. Subjects and possessives have none."""
    if pronoun.dep_ in ("poss", "nsubj", "nsubjpass") or pronoun.lower_.endswith(("self", "selves")):
        return frozenset()
    verb = nlp.verb_above(pronoun.head)
    if verb.pos_ not in ("VERB", "AUX"):
        return frozenset()
    return frozenset(token.i for subject in syntax.clause_subject(verb) for token in syntax.conjuncts(subject))


def _clause_subject_of(pronoun: Token) -> Token | None:
    """For a possessive pronoun, the subject of its clause: "the militants killed ... in their assault"."""
    verb = nlp.verb_above(pronoun.head)
    subjects = syntax.clause_subject(verb) if verb.pos_ in ("VERB", "AUX") else []
    subject = subjects[0] if subjects else None
    if subject is not None and subject.left_edge.i <= pronoun.i <= subject.right_edge.i:
        return None  # "its fighters had overrun ...": the phrase that holds the pronoun is not what it stands for
    return subject if subject is not None and subject.pos_ != "PRON" and subject.i != pronoun.i else None


def resolve_pronoun(pronoun: Token, ctx: ReferenceContext, ref_of: Callable[[Token], list[Any]]) -> list[Any]:
    """The parties a pronoun stands for: `ref_of` applied to its antecedent and, for "they", the words coordinated
    with it ("Taliban gunmen and suicide bombers ... They killed")."""
    found = antecedent(pronoun, ctx)
    if found is None or found.pos_ == "PRON":
        return []
    heads = syntax.conjuncts(found) if _kind(pronoun, ctx.words) == "many" else [found]
    refs: list[Any] = []
    for head in heads:
        refs.extend(ref for ref in ref_of(head) if ref not in refs)
    return refs
