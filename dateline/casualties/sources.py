"""Who reports a figure: the source a sentence names for it ("according to health officials", "the UN reported").

Each figure gets its own source: the reporting verb must govern the words the figure hangs from, so in "militants
killed up to 500 people, and the United Nations reported that nearly 25,000 residents have fled" the UN reports the
25,000 displaced and not the 500 killed.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from dateline import nlp
from dateline.casualties.terms import CasualtyTerms
from dateline.records import ActorRef


def reported_by(span: Span, terms: CasualtyTerms, *, about: Sequence[Token] = ()) -> ActorRef | None:
    """The source a sentence names for what it says: "according to health officials", "the UN reported".

    With `about` (the words a figure hangs from), "according to" counts when it lies in the same clause (or hangs
    from the sentence's root), and a reporting verb only when those words are in its clause: in "militias killed
    72, and HRW reported abuses", HRW is not the source of the 72.
    """
    doc = span.doc
    for token in span:
        if token.lower_ != "according" or token.i + 1 >= span.end or doc[token.i + 1].lower_ != "to":
            continue
        if about and not any(_shares_clause(token, word) for word in about):
            continue
        objects = [child for child in doc[token.i + 1].children if child.dep_ == "pobj"]
        if objects:
            return ActorRef(text=phrase(objects[0]))
    found: list[tuple[int, int, Token]] = []  # (steps from the figure's words, position, subject)
    for token in span:
        if token.pos_ != "VERB" or token.lemma_.lower() not in terms.reporting:
            continue
        subjects = [child for child in token.children if child.dep_ == "nsubj" and child.pos_ != "PRON"]
        if not subjects:
            continue
        if not about:
            return ActorRef(text=phrase(subjects[0]))
        steps = _steps_to(token, about)
        if steps is not None:
            found.append((steps, token.i, subjects[0]))
    return ActorRef(text=phrase(min(found)[2])) if found else None


def _steps_to(verb: Token, about: Sequence[Token]) -> int | None:
    """How far up the parse from the figure's words the reporting verb's clause is: the verb governs them ("police
    said three were killed"), or, set off as an aside, the clause that governs them ("a bomb killed five, the army
    said"). The nearest reports the figure: in "police said three were killed and the hospital said 20 were
    wounded" the hospital reports the 20."""
    if verb.dep_ == "parataxis":
        steps = _steps_to(verb.head, about)
        return None if steps is None else steps + 1
    distances = []
    for word in about:
        token, steps = word, 0
        while token != verb and token.head.i != token.i:
            token, steps = token.head, steps + 1
        if token == verb:
            distances.append(steps)
    return min(distances, default=None)


def _clause_head(token: Token) -> Token:
    """The verb heading the clause a token is in (the token itself for a verb)."""
    return nlp.verb_above(token)


def _shares_clause(according: Token, word: Token) -> bool:
    """ "according to X" attributes the clause it hangs from, and anything under it; hung from the sentence's root
    it attributes the whole sentence."""
    clause = _clause_head(according.head)  # "according" itself is tagged a verb
    return clause.is_ancestor(word) or clause == word or clause.dep_ == "ROOT" or _clause_head(word) == clause


def phrase(token: Token) -> str:
    """The words of a noun phrase without a leading determiner ("the United Nations" → "United Nations")."""
    words = list(token.subtree)
    while words and words[0].dep_ == "det":
        words = words[1:]
    if not words:
        return token.text
    return token.doc[words[0].i : words[-1].i + 1].text
