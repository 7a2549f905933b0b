"""Who did it and to whom, read off the dependency parse: subject and object phrases of a trigger word.

Functions here return head tokens of argument phrases; dateline/events/roles.py turns them into actors. The words
they test (light verbs, target prepositions, ...) are `arguments` in dateline/knowledge/event_cues.yaml.
"""

from __future__ import annotations

from spacy.tokens import Token

from dateline.events.lexicon import ArgumentWords

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
SIDE_PREPS = frozenset({"with", "against", "between"})


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Iraqi and Kurdish forces" gives both heads)."""
    return [token, *token.conjuncts]


def _children(token: Token, deps: frozenset[str]) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def prep_objects(token: Token, preps: frozenset[str]) -> list[Token]:
    """Objects of the token's prepositions in `preps`: "attack on the convoy" gives "convoy"."""
    found: list[Token] = []
    for prep in token.children:
        if prep.dep_ in ("prep", "agent") and prep.lower_ in preps:
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    found.extend(conjuncts(pobj))
    return found


def has_prep(token: Token, preps: frozenset[str]) -> bool:
    return any(child.dep_ in ("prep", "agent", "prt") and child.lower_ in preps for child in token.children)


def clause_subject(verb: Token, *, passive_too: bool = False, depth: int = 0) -> list[Token]:
    """The subject of the clause a verb heads, looking through "tried to", "killing ...", "and" and "who"."""
    deps = SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS if passive_too else SUBJECT_DEPS
    subjects = _children(verb, deps)
    if subjects:
        subject = subjects[0]
        if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return conjuncts(verb.head)
        return conjuncts(subject)
    if _children(verb, PASSIVE_SUBJECT_DEPS):
        return []
    # The group "IS" is parsed as the verb "is" when no entity rule marks it (NOTES.md); edited news never
    # capitalises the verb inside a sentence.
    capitalised_is = [child for child in verb.children if child.text == "IS"]
    if capitalised_is:
        return capitalised_is
    if depth >= 3:
        return []
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return clause_subject(verb.head, passive_too=passive_too, depth=depth + 1)
    if verb.dep_ in ("relcl", "acl") and verb.tag_ != "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        return conjuncts(verb.head)
    return []


def verb_arguments(verb: Token, words: ArgumentWords, *, symmetric: bool) -> tuple[list[Token], list[Token]]:
    """(source heads, recipient heads) of a verb trigger."""
    passive = _children(verb, PASSIVE_SUBJECT_DEPS)
    if passive:
        sources = prep_objects(verb, frozenset({"by"}))
        recipients = [token for subject in passive for token in conjuncts(subject)]
        return sources, recipients
    if verb.dep_ in ("relcl", "acl") and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN"):
        return prep_objects(verb, frozenset({"by"})), conjuncts(verb.head)
    sources = clause_subject(verb)
    recipients = [token for obj in _children(verb, frozenset({"dobj"})) for token in conjuncts(obj)]
    recipients += prep_objects(verb, words.target_preps | (SIDE_PREPS if symmetric else frozenset()))
    if symmetric and len(sources) == 1 and len(recipients) == 0:
        sides = prep_objects(verb, frozenset({"between"}))
        if len(sides) >= 2:
            return sides[:1], sides[1:]
    return sources, recipients


def _governing_clause(noun: Token, words: ArgumentWords) -> Token | None:
    """The verb whose subject did what an event noun names: "launched an attack", "be behind the killing"."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and head.lemma_.lower() in words.light_verbs:
        return head
    if noun.dep_ == "pobj" and head.lower_ in ("behind", "for"):
        governor = head.head
        if head.lower_ == "for" and governor.lemma_.lower() not in words.responsibility_heads:
            return None
        while governor.pos_ not in ("VERB", "AUX") and governor.head.i != governor.i:
            governor = governor.head
        return governor if governor.pos_ in ("VERB", "AUX") else None
    return None


def noun_arguments(noun: Token, words: ArgumentWords, *, symmetric: bool) -> tuple[list[Token], list[Token]]:
    """(source heads, recipient heads) of a noun trigger: "IS's attack on a convoy", "clashes between A and B"."""
    sources = [token for child in _children(noun, frozenset({"poss"})) for token in conjuncts(child)]
    sources += [
        child
        for child in noun.children
        if child.dep_ in ("compound", "amod") and child.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
    ]
    sources += prep_objects(noun, frozenset({"by", "from"}))
    governor = _governing_clause(noun, words)
    if not sources and governor is not None:
        if noun.dep_ == "nsubjpass":
            sources = prep_objects(governor, frozenset({"by"}))
        else:  # "are believed to be behind the killing": the believed ones are the source
            sources = clause_subject(governor, passive_too=noun.dep_ == "pobj")
    recipients = prep_objects(noun, words.target_preps)
    if governor is not None:  # "an attack was launched on the base": the target hangs from the verb
        recipients += prep_objects(governor, words.target_preps)
    if noun.lemma_.lower() in words.patient_of_nouns:
        recipients += prep_objects(noun, frozenset({"of"}))
    if noun.dep_ == "nsubj" and noun.head.lemma_.lower() in words.harm_verbs:
        recipients += [token for obj in _children(noun.head, frozenset({"dobj"})) for token in conjuncts(obj)]
    if symmetric:
        between = prep_objects(noun, frozenset({"between"}))
        if len(between) >= 2 and not sources:
            return between[:1], between[1:]
        recipients += prep_objects(noun, frozenset({"with", "against"}))
    return sources, recipients


def object_heads(trigger: Token, words: ArgumentWords) -> list[Token]:
    """Heads of the phrases a trigger acts on, for word-class tests: objects, passive subjects, "of" phrases."""
    heads = _children(trigger, frozenset({"dobj", "nsubjpass", "attr", "dative", "oprd"}))
    heads += prep_objects(trigger, words.target_preps | frozenset({"of", "to", "from", "with", "for"}))
    if trigger.pos_ == "NOUN":
        heads += _children(trigger, frozenset({"compound"}))
        governor = _governing_clause(trigger, words)
        if governor is not None:
            heads += prep_objects(governor, words.target_preps)
    if trigger.dep_ in ("relcl", "acl") and trigger.tag_ == "VBN":
        heads.append(trigger.head)
    heads += [child for child in trigger.children if child.dep_ == "prt" for child in child.children]
    return heads


def subject_heads(trigger: Token, words: ArgumentWords) -> list[Token]:
    """Heads of the phrases naming who acts, for word-class tests."""
    if trigger.pos_ in ("VERB", "AUX"):
        return clause_subject(trigger) + prep_objects(trigger, frozenset({"by"}))
    sources, _ = noun_arguments(trigger, words, symmetric=False)
    return sources + _children(trigger, frozenset({"compound", "amod"}))


def modifier_heads(trigger: Token) -> list[Token]:
    return _children(trigger, frozenset({"compound", "amod", "nmod"}))


def is_ancestor(ancestor: Token, token: Token) -> bool:
    return ancestor.i != token.i and ancestor.is_ancestor(token)


def steps_between(first: Token, second: Token) -> int | None:
    """The number of head links between two tokens when one is the other's ancestor and the path does not join
    two verbs by "and" (another clause: "killed five, and a bomb wounded nine"), else None."""
    if first.i == second.i:
        return 0
    low, high = (second, first) if first.is_ancestor(second) else (first, second)
    if not high.is_ancestor(low):
        return None
    steps, token = 0, low
    while token.i != high.i:
        if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"):
            return None
        token, steps = token.head, steps + 1
    return steps


def is_main_clause(trigger: Token, reporting_verbs: frozenset[str]) -> bool:
    """True when the trigger is the sentence's main predicate (or an argument of it), not a subordinate clause.

    Looks through coordination and "tried to ..."; a clause reported by "said" counts as main.
    """
    token = trigger
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "ROOT"):
        token = token.head
    for _ in range(4):
        if token.dep_ == "ROOT":
            return True
        if token.dep_ in ("conj", "xcomp") or (token.dep_ == "ccomp" and token.head.lemma_.lower() in reporting_verbs):
            token = token.head
        else:
            return False
    return False
