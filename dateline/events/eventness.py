"""Event-ness: whether a candidate trigger tells a specific occurrence, as ACLED and PLOVER coders use the word.

A trigger word is not an event. Each rule below reads the parse around the candidate's trigger, with the word
lists of `eventness` in dateline/knowledge/event_cues.yaml; the first rule that applies decides.

1. Modifier: a trigger that only modifies a noun names a kind of thing, not an occurrence: "Iranian-backed
   militias", "sanctions-hit countries", "bomb-making material", "a car-bomb workshop".
2. Content: the act a request or a threat asks for or threatens is its content, not an event of its own: "called
   for the arrest of the commanders" is a REQUEST, not an arrest; "threatened to attack" a THREATEN.
3. Weapon: a weapon noun ("bomb") is an occurrence only as the subject of what it did ("a bomb exploded", "a bomb
   killed five") or where it went off ("a bomb at a campaign rally"); "seized bombs", "truck bombs that devastated
   the army" name weapons.
4. Generic: no occurrence in particular. "any attack", "every raid" (a generic determiner); "the fight against IS",
   "as for the fight on the ground" (a campaign noun against a party, or told as "the ...", with no place or time of
   its own); "pulled out without a fight", "fled without fighting" (a manner); "fighting is very hard this way" (a
   bare noun said to be something); "the militants were in retreat" (a state); "a strategy to fight the
   extremists" (an infinitive under a noun that names no specific intent: "an effort to retake the city" is kept,
   and factuality marks it); "not to hold land but to attack" (a purpose said of something); "areas liberated from
   IS" (a participle describing a kind of place); "their prudence in attacking targets", "their work in regaining
   territory" (a gerund completing an abstract noun with "in", no place or point in time of its own); "a mix of
   airstrikes, intelligence sharing and training" (a bare event noun listed with things that are no events: means,
   named as kinds); "the book calls for or justifies violence" (acts told as alternatives in the simple present).
   A bare noun inside another noun's phrase ("targets for
   airstrikes") was measured as a rule and left out: it cost recall on the check halves (docs/events.md).
5. Aggregate: many occurrences told as one ("five to six attacks every week", "more than 4,100 airstrikes", "a
   series of attacks", "continues to conduct attacks", "have stepped up attacks"): one record, flagged `aggregate`.
6. Verbal acts (PLOVER's accusations, demands, threats, rejections, appeals, praise, meetings, agreements) are events
   only when a party performs them: "That criticism", "sparked outrage", "were accused of looting" name none. Such a
   candidate may still be a further mention of an occurrence told elsewhere with its performer ("the conference"
   after "the coalition met in Paris"), but starts none. So does a verbal act told again by a bare definite noun
   ("called the accusation baseless", "a base for the alliance"): whoever the parse finds around it ("called")
   is the performer of another act, not of this one. A word inside an indirect question or manner clause told as a
   sentence's subject ("How the minister deals with the demands will determine ...") is at most a further mention.

Each candidate also gets its reference: `anaphoric` ("the attack", "Saturday's attack", "the city's fall": an
occurrence told before), `another` ("another blast", "a second attack": a new one) or `new`; events/mentions.py reads
it to put the mentions of one occurrence together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Token

from dateline.events.lexicon import EventLexicon, EventnessWords, TriggerRule

Kind = Literal["event", "mention", "none"]
Reference = Literal["new", "anaphoric", "another"]

NOUNS = frozenset({"NOUN", "PROPN"})
VERBS = frozenset({"VERB", "AUX"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# Entity labels that anchor a noun to one occurrence: a place or a time of its own.
ANCHOR_LABELS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# What makes a definite event noun a description of its own ("the fall of Ramadi", "IS's attack"), not a
# back-reference: a place or a party. A date does not: "Saturday's attack" refers to the attack told before.
DESCRIBING_LABELS = frozenset({"GPE", "LOC", "FAC"}) | PARTY_LABELS
# Steps up the parse that keep a word inside what another word asks for or threatens.
CONTENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "acl", "conj", "nsubj", "nsubjpass"})
CONTENT_DEPTH = 4
# Prepositions that introduce what is asked for ("called for the arrest", "pressed for a truce"); others set the
# scene ("at the conference, the envoy pressed ...") and keep their words out of the request.
CONTENT_PREPS = frozenset({"for", "to", "of", "about", "on"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
SPAN_PREPS = frozenset({"over", "for", "throughout", "since", "during"})
LOCATIVE_PREPS = frozenset({"at", "in", "near", "outside", "inside", "on", "during", "beside", "by"})


@dataclass(frozen=True)
class Verdict:
    """What the grammar says about one candidate: is it an event, how does it refer, is it many occurrences."""

    kind: Kind  # event: starts an occurrence; mention: may only join one told elsewhere; none: no event
    reason: str  # the rule that decided ("event" when none applied)
    reference: Reference = "new"
    aggregate: bool = False
    definite: bool = False  # a definite or possessive noun, described or not ("the bombing in Hilla")


@dataclass(frozen=True)
class Candidate:
    """A trigger as the stage proposes it, with what judging it needs from the rest of its sentence."""

    token: Token  # the trigger's head word
    rule: TriggerRule
    performed: bool  # a party (or a pronoun standing for one) performs it, read from the parse
    others: Sequence[tuple[Token, str]] = ()  # the other candidates of the sentence: (trigger word, PLOVER type)
    joined: Sequence[Token] = ()  # the other trigger words of the same candidate ("a second blast hit")
    toll_only: bool = False  # only casualty words ("were killed") and no party: a toll of an occurrence told before


def _first_conjunct(token: Token) -> Token:
    """The first of a coordination ("airstrikes, intelligence sharing and assistance": "airstrikes")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _is_modifier(token: Token) -> bool:
    """Rule 1: the trigger (or the hyphenated word it belongs to) modifies a noun."""
    if token.dep_ in MODIFIER_DEPS and token.head.pos_ in NOUNS and token.head.i != token.i:
        return True
    # "sanctions-hit countries", "bomb-making material": the hyphen joins a modifier
    return token.dep_ == "npadvmod" and token.head.dep_ in MODIFIER_DEPS and token.head.head.pos_ in NOUNS


def _governors(token: Token) -> list[Token]:
    """The words above the trigger that it is part of the content of, nearest first."""
    chain: list[Token] = []
    for _ in range(CONTENT_DEPTH):
        if token.dep_ not in CONTENT_DEPS or token.head.i == token.i:
            break
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ in VERBS:
            break  # the subject of a demand is who demands, not what is demanded
        if token.dep_ == "prep" and token.lower_ not in CONTENT_PREPS:
            break
        token = token.head
        chain.append(token)
    return chain


def _is_content(candidate: Candidate, words: EventnessWords) -> bool:
    """Rule 2: a word inside what another candidate of the sentence requests or threatens."""
    asking = {token.i for token, kind in candidate.others if kind in words.content_types}
    if not asking or candidate.rule.type in words.content_types:
        return False
    return any(token.i in asking for token in _governors(candidate.token))


def _has_locative(token: Token) -> bool:
    return any(child.dep_ == "prep" and child.lower_ in LOCATIVE_PREPS for child in token.children)


def _is_idle_weapon(candidate: Candidate, lexicon: EventLexicon, words: EventnessWords) -> bool:
    """Rule 3: a weapon noun that something is done with: made, carried, seized, found (what another candidate of
    the sentence acts on, or the object of a handling verb)."""
    token = candidate.token
    weapon = lexicon.classes.get("weapon")
    if token.pos_ not in NOUNS or weapon is None or token.lemma_.lower() not in weapon.words:
        return False
    role = _first_conjunct(token)
    verb = role.head if role.dep_ in ("dobj", "nsubjpass") else None
    if role.dep_ == "pobj" and role.head.dep_ == "prep" and role.head.head.pos_ in VERBS:
        verb = role.head.head
    if verb is None or _has_locative(token):
        return False
    others = {other.i for other, _kind in candidate.others}
    return verb.i in others or verb.lemma_.lower() in words.handling_verbs


def _anchored(token: Token, skip: Token | None = None, *, dates: bool = True) -> bool:
    """A place or time of its own, a number, or a named party in the noun's phrase (leaving out `skip`'s phrase;
    with dates=False a time does not count)."""
    labels = (ANCHOR_LABELS if dates else ANCHOR_LABELS - {"DATE", "TIME"}) | PARTY_LABELS
    skipped = {t.i for t in skip.subtree} if skip is not None else set()
    for child in token.children:  # what is coordinated with it has phrases of its own
        if child.dep_ in ("conj", "cc"):
            skipped.update(t.i for t in child.subtree)
    for word in token.subtree:
        if word.i in skipped or word.i == token.i:
            continue
        if word.ent_type_ in labels or (word.like_num and word.ent_type_ not in ("DATE", "TIME")):
            return True
        if word.dep_ == "poss":
            return True
    return False


def _determiners(token: Token) -> set[str]:
    return {child.lower_ for child in token.children if child.dep_ in ("det", "predet")}


def _is_bare(token: Token) -> bool:
    """No determiner, possessor or number: "airstrikes", "battle", "fighting"."""
    return not any(child.dep_ in ("det", "predet", "poss", "nummod") for child in token.children)


def _against(token: Token) -> Token | None:
    return next((child for child in token.children if child.dep_ == "prep" and child.lower_ == "against"), None)


def _is_copula_subject(token: Token) -> bool:
    head = token.head
    return (
        token.dep_ == "nsubj"
        and head.lemma_.lower() == "be"
        and any(child.dep_ in ("acomp", "attr") for child in head.children)
    )


def _generic_noun(token: Token, lexicon: EventLexicon, words: EventnessWords) -> str | None:
    """Rule 4 for nouns: the name of the generic reading that applies, or None."""
    if _determiners(token) & words.generic_determiners:
        return "generic-determiner"
    lemma = token.lemma_.lower()
    role = _first_conjunct(token)
    if role.dep_ == "pobj" and role.head.lower_ == "without":
        return "manner"  # "pulled out without a fight": how the retreat went, not a fight
    against = _against(token)
    if lemma in words.campaign_nouns and against is not None and not _anchored(token, skip=against):
        return "campaign"
    if lemma in words.campaign_nouns and _determiners(token) & DEFINITE_DETERMINERS and not _anchored(token):
        return "campaign"  # "as for the fight on the ground": the campaign, nothing of its own
    if _is_bare(token) and not _anchored(token) and _is_copula_subject(role):
        return "predicated"
    if token.tag_ in PLURAL_TAGS and _is_bare(token) and not _anchored(token) and _comparative(token, words):
        return "amount"  # "the group would turn to more bombings of civilians": more of a kind, none in particular
    owner = role.head.head if role.dep_ == "pobj" and role.head.lower_ == "for" else None
    if owner is not None and owner.pos_ in NOUNS and _is_bare(token) and not _anchored(token):
        return "purpose-for"  # "targets for airstrikes", "in preparation for battle": what a thing is for
    if role.dep_ == "pobj" and role.head.lower_ == "in" and role.head.head.lemma_.lower() == "be" and _is_bare(token):
        return "state"  # "the militants were largely in retreat": a state, not an occurrence
    return None


def _gathering_for_other_purpose(candidate: Candidate, words: EventnessWords) -> bool:
    """Rule 4: a gathering (PROTEST by a gathering verb) whose purpose infinitive is no event word of the sentence
    ("crowds gathered to celebrate", "gathered to watch the parade"): people met for something that is no protest."""
    token = candidate.token
    if candidate.rule.type != "PROTEST" or token.pos_ not in VERBS or token.lemma_.lower() not in words.gathering_verbs:
        return False
    others = {other.i for other, _kind in candidate.others} | {other.i for other in candidate.joined}
    purposes = [child for child in token.children if child.dep_ in ("advcl", "xcomp") and _infinitive(child)]
    return bool(purposes) and not any(purpose.i in others for purpose in purposes)


def _done_in_protest(candidate: Candidate, words: EventnessWords) -> bool:
    """Rule 4: an act told as done "in protest" ("militias pulled back from the front in protest at the American
    role"), when the sentence's protest noun is a candidate: the act is that protest, told once by the noun."""
    token = candidate.token
    if candidate.rule.type == "PROTEST" or token.pos_ not in VERBS:
        return False
    for other, kind in candidate.others:
        if kind != "PROTEST" or other.lemma_.lower() not in words.protest_nouns or other.dep_ != "pobj":
            continue
        if other.head.lower_ != "in":
            continue
        # the "in" phrase hangs on the verb, or (a parser's attachment) on a phrase of the verb ("from the front")
        holder = other.head.head
        for _ in range(4):
            if holder.i == token.i:
                return True
            if holder.dep_ not in ("pobj", "prep", "advmod", "npadvmod", "dobj", "prt") or holder.head.i == holder.i:
                break
            holder = holder.head
    return False


def _comparative(token: Token, words: EventnessWords) -> bool:
    return any(
        child.dep_ in ("amod", "advmod", "quantmod") and child.lower_ in words.comparative_words
        for child in token.children
    )


def _forced_release(candidate: Candidate, words: EventnessWords) -> bool:
    """Rule 4: prisoners freed by those who broke in ("stormed the jail, freeing 300 inmates", "broke open prisons
    and freed dozens"): the outcome of a forcible act told in the same sentence, no release conceded by a holder."""
    token = candidate.token
    if candidate.rule.type != "CONCEDE" or candidate.rule.mode != "release" or token.pos_ not in VERBS:
        return False
    return token.dep_ in ("advcl", "conj") and token.head.lemma_.lower() in words.forcible_verbs


def _infinitive(token: Token) -> bool:
    return any(child.dep_ == "aux" and child.lower_ == "to" for child in token.children)


def _generic_verb(token: Token, lexicon: EventLexicon, words: EventnessWords) -> str | None:
    """Rule 4 for verbs: the name of the generic reading that applies, or None."""
    role = _first_conjunct(token)
    under_noun = role.dep_ in ("acl", "relcl") and role.head.pos_ in NOUNS
    if _infinitive(role) and under_noun and role.head.lemma_.lower() not in words.intent_nouns:
        return "abstract-intent"
    if _infinitive(token) and token.head.lemma_.lower() == "be" and token.dep_ in ("xcomp", "conj", "advcl", "attr"):
        return "purpose"
    if role.dep_ == "pcomp" and role.head.lower_ == "without":
        return "manner"  # "fled the city without fighting": how the retreat went, not a fight
    if role.dep_ in ("acl", "relcl") and _is_participle(role) and _describes_kind(role.head) and not _dated(role):
        return "kind"  # "areas liberated from IS", "the areas that have been freed": a kind of place, no occurrence
    return None


def _abstract_gerund(candidate: Candidate) -> bool:
    """Rule 4: an event gerund that completes an abstract noun with "in" ("praised for their prudence in attacking
    military targets", "their work in regaining territory"): a quality or an effort said of a party, no occurrence
    with a place or time of its own ("their success in retaking Mosul" names one and is kept). The parser often
    hangs the "in" phrase on the verb before the noun; the noun is then the word just before "in". Only a singular
    or mass common noun reads as a quality or an effort (a plural names people or things)."""
    token = candidate.token
    if token.tag_ != "VBG" or token.dep_ != "pcomp" or token.head.lower_ != "in" or token.head.i == 0:
        return False
    prep = token.head
    noun = prep.doc[prep.i - 1]
    if noun.tag_ != "NN" or noun.ent_type_:
        return False
    if noun.i != prep.head.i and not any(up.i == prep.head.i for up in noun.ancestors):
        return False
    others = {other.i for other, _kind in candidate.others} | {other.i for other in candidate.joined}
    return noun.i not in others and not _anchored(token, dates=False) and not _dated_at(token)


def _dated_at(token: Token) -> bool:
    """A date or time in the phrase that is a point ("on Tuesday"), not a span the words range over ("over the last
    six months", "for years")."""
    for word in token.subtree:
        if word.ent_type_ not in ("DATE", "TIME"):
            continue
        prep = next((up for up in word.ancestors if up.dep_ == "prep"), None)
        if prep is None or prep.lower_ not in SPAN_PREPS:
            return True
    return False


def _list_of_means(candidate: Candidate) -> bool:
    """Rule 4: a bare event noun listed with things that are no events, in a noun's "of" phrase ("a mix of
    airstrikes, intelligence sharing and training", "the use of sanctions and airstrikes"): the means a party uses,
    named as kinds, none in particular."""
    token = candidate.token
    if token.pos_ not in NOUNS or not _is_bare(token) or _anchored(token):
        return False
    role = _first_conjunct(token)
    if not (role.dep_ == "pobj" and role.head.lower_ == "of" and role.head.head.pos_ == "NOUN"):
        return False
    if not _is_bare(role) or _anchored(role):
        return False  # "the August 4 assassination attempt and terrorist attack": the list is one told occurrence
    conjuncts = [role, *role.conjuncts]
    if len(conjuncts) < 2:
        return False
    others = {other.i for other, _kind in candidate.others} | {token.i}
    return any(conjunct.i not in others for conjunct in conjuncts)


def _in_indirect_question(token: Token) -> bool:
    """Rule 6: a word inside a clause told as the subject of a sentence by "how", "whether", "what" or "why" ("How
    the minister deals with the protests will determine ..."): what the clause asks about is not told to have
    happened; a further mention at most."""
    for ancestor in [token, *token.ancestors]:
        if ancestor.dep_ == "csubj":
            return any(child.tag_ in ("WRB", "WP", "WDT") or child.lower_ == "whether" for child in ancestor.children)
        if ancestor.dep_ in ("nsubj", "nsubjpass"):
            # the parser often reads the clause's verb as a noun ("How the minister deals with ..." as "deals")
            return any(child.dep_ == "advmod" and child.lower_ == "how" for child in ancestor.children)
    return False


def _generic_alternatives(token: Token) -> bool:
    """Rule 4: acts told as alternatives in the simple present ("the book calls for or justifies violence", "a law
    that bans or restricts protests"): what something does in general, no occurrence."""
    if token.pos_ not in VERBS or token.tag_ not in ("VBZ", "VBP"):
        return False
    holders = [token, token.head] if token.dep_ == "conj" else [token]
    return any(child.dep_ == "cc" and child.lower_ == "or" for holder in holders for child in holder.children)


def _is_participle(verb: Token) -> bool:
    """ "areas liberated from IS", "areas that have been freed": a passive participle, not a told act."""
    return verb.tag_ == "VBN" or any(child.dep_ == "auxpass" for child in verb.children)


def _describes_kind(noun: Token) -> bool:
    """A plural noun with no number or possessor: what a clause under it says describes a kind of thing."""
    return (
        noun.pos_ in NOUNS
        and noun.tag_ in PLURAL_TAGS
        and not any(child.dep_ in ("nummod", "poss") for child in noun.children)
    )


def _dated(token: Token) -> bool:
    return any(word.ent_type_ in ("DATE", "TIME") for word in token.subtree)


def _is_aggregate(token: Token, words: EventnessWords) -> bool:
    """Rule 5: a number or amount of occurrences, or a habit."""
    if token.pos_ in NOUNS and token.tag_ in PLURAL_TAGS:
        for child in token.children:
            if child.dep_ == "nummod" and child.lower_ not in ("one", "1"):
                return True
            if child.dep_ in ("amod", "det", "quantmod", "advmod") and child.lemma_.lower() in words.aggregate_words:
                return True
        role = _first_conjunct(token)
        owner = role.head.head if role.dep_ == "pobj" and role.head.lower_ == "of" else None
        if owner is not None and owner.lemma_.lower() in words.aggregate_words:
            return True
    return _is_habitual(token, words)


def _verb_phrase(verb: Token) -> str:
    """ "step up" for "stepped up", "continue" for "continues"."""
    particle = next((child.lower_ for child in verb.children if child.dep_ == "prt"), None)
    lemma = verb.lemma_.lower()
    return f"{lemma} {particle}" if particle else lemma


def _goes_on(token: Token, words: EventnessWords) -> bool:
    """ "IS continues to conduct attacks", "attacks continue", "have stepped up attacks": a bare plural event noun
    that a verb of going on or growing governs, directly or through the verb it carries."""
    if token.pos_ not in NOUNS or token.tag_ not in PLURAL_TAGS or _determiners(token):
        return False
    if any(child.dep_ in ("nummod", "poss") for child in token.children):
        return False  # "three attacks", "their attacks": counted or owned, told as particular ones
    verb = token.head
    verbs = [verb, verb.head] if verb.dep_ == "xcomp" else [verb]
    return any(word.pos_ in VERBS and _verb_phrase(word) in words.continuation_verbs for word in verbs)


def _is_habitual(token: Token, words: EventnessWords) -> bool:
    """ "attacks every week", "raids the villages daily": a frequency said of the trigger or its verb; "continues to
    conduct attacks": an activity said to go on (`_goes_on`)."""
    if _goes_on(token, words):
        return True
    holders = [token] if token.pos_ in VERBS else [token, token.head]
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("advmod", "npadvmod", "amod") and child.lower_ in words.frequency_words:
                return True
            if child.dep_ == "npadvmod" and _determiners(child) & words.frequency_words:
                return True
    return False


def _counts_on(child: Token) -> bool:
    """ "a second blast", "the third attack": an ordinal past the first ("the first blast" refers back)."""
    return child.ent_type_ == "ORDINAL" and child.lower_ not in ("first", "1st")


def _reference(token: Token, words: EventnessWords) -> Reference:
    """another: "a second blast"; anaphoric: a definite or possessive event noun that describes nothing of its own
    ("the attack", "this assault", "Saturday's attack", "the city's fall"): a full description ("the fall of
    Ramadi", "the killing of 72 villagers in Barwanah", "IS's attack") may tell an occurrence for the first time."""
    modifiers = {child.lower_ for child in token.children if child.dep_ in ("det", "amod", "advmod", "nummod")}
    if modifiers & words.new_occurrence_words or any(_counts_on(child) for child in token.children):
        return "another"
    if token.pos_ not in NOUNS:
        return "new"
    possessor = next((child for child in token.children if child.dep_ == "poss"), None)
    if not (_determiners(token) & DEFINITE_DETERMINERS or possessor is not None):
        return "new"
    if possessor is not None and possessor.ent_type_ in PARTY_LABELS:
        return "new"
    described = any(
        child.ent_type_ in DESCRIBING_LABELS or _anchored(child, dates=False)
        for child in token.children
        if child.dep_ not in ("det", "poss", "case", "punct", "amod", "conj", "cc")
    )  # an adjective ("their three-day assault", "the Iraqi retreat") describes no other occurrence; what is
    # coordinated with the noun ("the attack and the fact that one of the men was known") is a phrase of its own
    return "new" if described else "anaphoric"


def judge(candidate: Candidate, lexicon: EventLexicon) -> Verdict:
    """Rules 1-6 of the module docstring, in order, on one candidate."""
    words = lexicon.eventness
    token = candidate.token
    if words is None:
        return Verdict("event", "event")
    reference = _reference(token, words)
    if any(_reference(other, words) == "another" for other in candidate.joined):
        reference = "another"  # "a second blast hit a market": the verb tells the second blast
    elif token.pos_ in VERBS and any(
        other.head.i == token.i and other.dep_ in ("nsubj", "nsubjpass") and _reference(other, words) == "anaphoric"
        for other in candidate.joined
    ):
        reference = "anaphoric"  # "The blast struck shortly after midnight": the blast told before
    elif candidate.toll_only and reference == "new":
        reference = "anaphoric"  # "At least seven people were killed in total"
    definite = token.pos_ in NOUNS and bool(
        _determiners(token) & DEFINITE_DETERMINERS or any(child.dep_ == "poss" for child in token.children)
    )
    if _is_modifier(token):
        return Verdict("none", "modifier", reference)
    if _is_content(candidate, words):
        return Verdict("none", "content", reference)
    if _is_idle_weapon(candidate, lexicon, words):
        return Verdict("none", "weapon", reference)
    generic = _generic_noun(token, lexicon, words) if token.pos_ in NOUNS else _generic_verb(token, lexicon, words)
    if generic is not None:
        return Verdict("none", generic, reference)
    if _abstract_gerund(candidate):
        return Verdict("none", "abstract-gerund", reference)
    if _list_of_means(candidate):
        return Verdict("none", "list-of-means", reference)
    if _generic_alternatives(token):
        return Verdict("none", "alternatives", reference)
    if _gathering_for_other_purpose(candidate, words):
        return Verdict("none", "gathering", reference)
    if _done_in_protest(candidate, words):
        return Verdict("none", "in-protest", reference)
    if _forced_release(candidate, words):
        return Verdict("none", "forced-release", reference)
    aggregate = _is_aggregate(token, words)
    if _in_indirect_question(token):
        return Verdict("mention", "indirect-question", reference, aggregate, definite)
    if candidate.rule.type in words.verbal_types and token.pos_ in NOUNS and not candidate.performed:
        return Verdict("mention", "no-performer", reference, aggregate, definite)
    if candidate.rule.type in words.verbal_types and token.pos_ in NOUNS and reference == "anaphoric":
        return Verdict("mention", "back-reference", reference, aggregate, definite)
    campaign = token.pos_ in NOUNS and token.lemma_.lower() in words.campaign_nouns
    if campaign and reference == "anaphoric" and not _anchored(token):
        return Verdict("mention", "campaign", reference, aggregate)  # "the fight on the ground": only a re-mention
    return Verdict("event", "event", reference, aggregate, definite)
