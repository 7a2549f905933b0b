"""Trigger words: which words of a sentence signal an event, and which lexicon rule types each one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from dateline.events import syntax
from dateline.events.lexicon import EventLexicon, Tests, TriggerRule
from dateline.events.words import EMPTY, Row, Words, subtree_words, token_row

# Part-of-speech tags that count as a rule's VERB or NOUN (spaCy tags participles and gerunds loosely).
POS_GROUPS: dict[str, frozenset[str]] = {
    "VERB": frozenset({"VERB", "AUX"}),
    "NOUN": frozenset({"NOUN", "PROPN"}),
}
# Words inside these named entities are names, not triggers ("the Popular Mobilization Units", "in March").
NAME_ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "DATE", "TIME", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}
)


# Second words of two-word phrases that are prepositions, never particles: "call on" is "called on the government",
# not "called ... on Monday". Particles ("drove the militants out", "rounded them up") may stand apart.
TRUE_PREPOSITIONS = frozenset({"on", "for", "at", "with", "to", "in", "into", "against", "from", "about"})
# Children that carry the rest of a phrase after an object ("took them into custody").
PHRASE_LINKS = frozenset({"prep", "prt"})


@dataclass(frozen=True)
class Trigger:
    """A word (or phrase) of the sentence that a lexicon rule accepted."""

    token: Token  # the syntactic head of the trigger
    start: int  # first token index of the phrase
    end: int  # token index after the phrase
    rule: TriggerRule


def _pos_fits(token: Token, rule: TriggerRule) -> bool:
    tag = token.pos_
    return any(tag in POS_GROUPS[pos] if pos in POS_GROUPS else tag == pos for pos in rule.pos)


def _match_phrase(sentence: Span, token: Token, words: Sequence[str]) -> tuple[int, int, Token] | None:
    """Where a phrase starting at `token` ends, and its head token; None when it does not match."""
    doc = sentence.doc
    if len(words) == 2:
        for child in token.children:
            # A preposition belongs to the verb only right after it: "called for the arrest", not "called ... on
            # Monday"; particles and objects may stand apart ("took full control", "rounded them up").
            adjacent = words[1] not in TRUE_PREPOSITIONS or child.i == token.i + 1
            if child.i > token.i and adjacent and words[1] in (child.lower_, child.lemma_.lower()):
                return token.i, child.i + 1, token
    position = token.i + 1
    matched = [token]
    rest = words[1:]
    # "took three activists into custody", "set the car on fire": the words after the object, on a child of the head
    link = next((c for c in token.children if c.i > position and c.dep_ in PHRASE_LINKS and c.lower_ == words[1]), None)
    if len(words) > 2 and link is not None and (position >= sentence.end or doc[position].lower_ != words[1]):
        position, matched, rest = link.i + 1, [token, link], words[2:]
    for word in rest:
        while position < sentence.end and doc[position].text == "-":
            position += 1
        if position >= sentence.end or word not in (doc[position].lower_, doc[position].lemma_.lower()):
            return None
        matched.append(doc[position])
        position += 1
    inside = {t.i for t in matched}
    heads = [t for t in matched if t.head.i not in inside or t.head.i == t.i]
    return token.i, position, heads[0] if heads else token


def _test_passes(tests: Tests, trigger: Token, sentence_words: Words, lexicon: EventLexicon, *, any_: bool) -> bool:
    """With any_=False: every test passes. With any_=True: at least one test passes (for `excludes`)."""
    results: list[bool] = []
    classes = lexicon.classes
    if tests.object:
        words = subtree_words(syntax.object_heads(trigger, lexicon.arguments), table=sentence_words.table)
        results.append(any(words.has(classes[name]) for name in tests.object))
    if tests.object_head:
        words = object_head_words(trigger, lexicon)
        results.append(any(words.has(classes[name]) for name in tests.object_head))
    if tests.subject:
        words = subtree_words(syntax.subject_heads(trigger, lexicon.arguments), table=sentence_words.table)
        results.append(any(words.has(classes[name]) for name in tests.subject))
    if tests.modifier:
        words = (
            subtree_words(syntax.modifier_heads(trigger), table=sentence_words.table)
            if trigger.pos_ != "VERB"
            else EMPTY
        )
        results.append(any(words.has(classes[name]) for name in tests.modifier))
    if tests.context:
        results.append(all(sentence_words.has(classes[name]) for name in tests.context))
    if tests.prep:
        results.append(syntax.has_prep(trigger, tests.prep))
    if tests.trigger:
        results.append(trigger.lemma_.lower() in tests.trigger)
    if tests.governor:
        governors = {token.lemma_.lower() for token in governing_words(trigger)}
        results.append(any(not governors.isdisjoint(classes[name].words) for name in tests.governor))
    return any(results) if any_ else all(results)


# How a noun hangs from the word that governs it: as its object or passive subject, or through a preposition.
GOVERNED_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd"})


def governing_words(trigger: Token) -> list[Token]:
    """The words a noun trigger is the object of: "blamed Y for the strike" and "blamed the strike on Y" give
    "blamed"; "claimed responsibility for the strike" gives "responsibility" and "claimed"; "held Y responsible
    for the strike" gives "responsible" and "held". A verb trigger has none."""
    if trigger.pos_ == "VERB":
        return []
    found: list[Token] = []
    token = trigger
    while token.dep_ == "conj" and token.head.i != token.i:  # "the strike and the raid"
        token = token.head
    if token.dep_ == "pobj" and token.head.dep_ in ("prep", "agent"):
        head = token.head.head
    elif token.dep_ in GOVERNED_DEPS:
        head = token.head
    else:
        return found
    found.append(head)
    if head.pos_ != "VERB" and head.dep_ in GOVERNED_DEPS | {"acomp", "amod"}:  # "responsibility", "responsible"
        found.append(head.head)
    return found


# Dependents that belong to the head word of an object phrase: "Anbar province", "the town's police station".
HEAD_WORD_DEPS = frozenset({"compound", "amod", "poss", "nmod"})


def object_head_words(trigger: Token, lexicon: EventLexicon) -> Words:
    """The head words of the trigger's objects (with their compounds and possessors): "took the lead of the
    mission in the country" is about a lead, not a country. After a part word ("a third of the country",
    "much of Iraq") the "of" phrase is the object."""
    part_words = lexicon.eventness.part_words if lexicon.eventness else frozenset()
    tokens: list[Token] = []
    if trigger.pos_ in ("NOUN", "PROPN"):  # "the town's fall": the possessor is what fell
        tokens.extend(t for child in trigger.children if child.dep_ == "poss" for t in child.subtree)
    for head in syntax.object_heads(trigger, lexicon.arguments):
        for word in syntax.conjuncts(head):
            tokens.append(word)
            for child in word.children:
                if child.dep_ in HEAD_WORD_DEPS:
                    tokens.extend(child.subtree)
            if word.lemma_.lower() in part_words:
                tokens.extend(t for obj in syntax.prep_objects(word, frozenset({"of"})) for t in obj.subtree)
    return Words.of(sorted({token.i: token for token in tokens}.values(), key=lambda token: token.i))


def _accepts(rule: TriggerRule, head: Token, sentence_words: Words, lexicon: EventLexicon) -> bool:
    if rule.requires and not _test_passes(rule.requires, head, sentence_words, lexicon, any_=False):
        return False
    return not (rule.excludes and _test_passes(rule.excludes, head, sentence_words, lexicon, any_=True))


def find_triggers(sentence: Span, sentence_words: Words, lexicon: EventLexicon) -> list[Trigger]:
    """Every trigger in the sentence, in text order; a word is the head of at most one trigger."""
    found: dict[int, Trigger] = {}
    covered: set[int] = set()
    doc = sentence.doc
    heads = lexicon.rules_by_head
    for i, row in _rows(sentence, sentence_words):
        # Rows, not Tokens: most words start no rule, and making a Token and its strings costs more than the lookup.
        if row is None or (row[0] not in heads and row[1] not in heads):  # most words: two lookups, no list made
            continue
        if i in covered or row[2] in NAME_ENTITY_LABELS:
            continue
        rules = _rules_for(row, lexicon)
        if not rules:
            continue
        token = doc[i]
        for rule in rules:
            trigger = _try_rule(rule, sentence, token, sentence_words, lexicon)
            if trigger is not None and trigger.token.i not in found and trigger.token.i not in covered:
                found[trigger.token.i] = trigger
                covered.update(range(trigger.start, trigger.end))
                break
    return sorted(found.values(), key=lambda trigger: trigger.token.i)


def _rows(sentence: Span, sentence_words: Words) -> Iterable[tuple[int, Row | None]]:
    """(token index, row) for each token of the sentence, from the Doc's token table when the words have one.

    Rows that are None (spaces, hyphens) start no rule: lexicon heads have neither."""
    table = sentence_words.table
    if table is None:
        return ((token.i, token_row(token)) for token in sentence)
    return enumerate(table.rows[sentence.start : sentence.end], sentence.start)


def _rules_for(row: Row, lexicon: EventLexicon) -> list[TriggerRule]:
    """The rules whose first word is this token's lemma or text, in file order."""
    text, lemma, _label = row
    by_lemma = lexicon.rules_by_head.get(lemma, ())
    by_text = lexicon.rules_by_head.get(text, ()) if text != lemma else ()
    if not by_lemma or not by_text:  # most words: one list or none, already in file order
        return list(by_lemma or by_text)
    return sorted((*by_lemma, *by_text), key=lambda rule: rule.line)


def _is_modifier(token: Token) -> bool:
    """A noun that only modifies another noun names no event: "riot police", "attack helicopter"."""
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ == "compound"


def _try_rule(
    rule: TriggerRule, sentence: Span, token: Token, sentence_words: Words, lexicon: EventLexicon
) -> Trigger | None:
    if len(rule.words) == 1:
        if _is_modifier(token) or not _pos_fits(token, rule) or not _accepts(rule, token, sentence_words, lexicon):
            return None
        return Trigger(token, token.i, token.i + 1, rule)
    matched = _match_phrase(sentence, token, rule.words)
    if matched is None:
        return None
    start, end, head = matched
    if not _pos_fits(head, rule) and not _pos_fits(token, rule):
        return None
    if not _accepts(rule, head, sentence_words, lexicon):
        return None
    return Trigger(head, start, end, rule)
