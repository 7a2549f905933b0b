"""Reporting clauses from the dependency parse: the cue word, who it names as speaker, and what was said.

A cue is (1) a verb of dateline/knowledge/quote_cues.yaml ("said", "told", "denied", "blamed"), (2) a reporting
noun with its source ("the assessment from X", "X's statement"), or (3) a phrase ("according to X"). Its content is
the clause it governs: the verb's clausal complement (ccomp, or xcomp for verbs of wanting), the object of a denial
or of a claim of responsibility, the "for"/"of" phrase of an accusation, or the rest of the sentence for
"according to". A cue without content can still introduce a direct quote next to it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy
from numpy.typing import NDArray
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, ORTH, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from dateline.quotes.cues import QuoteCues
from dateline.records import Stance

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
# Clauses that hang off a verb of saying without naming its subject: "..., saying that ...", "and added that ...".
INHERITING_DEPS = frozenset({"advcl", "conj", "xcomp", "pcomp", "acl"})
ACCUSATION_PREPOSITIONS = frozenset({"for", "of", "over"})
SOURCE_PREPOSITIONS = frozenset({"from", "by", "of"})
TOPIC_PREPOSITIONS = frozenset({"of", "about", "against", "on"})
VERB_TAGS = frozenset({"VERB", "AUX"})
# Verbs that report words only through a quoted "as" phrase ("refers to X as “...”"; not "referred to the report").
AS_PHRASE_ONLY = frozenset({"refer"})
QUOTE_MARKS = frozenset('"“”«»„')
CLOSING_MARKS = frozenset('"”»')
# A colon cue's speaker ("Gov. Jane Doe (D-XX):") is at most this many tokens long.
MAX_COLON_SPEAKER_TOKENS = 8
PUNCTUATION = "\"“”«»„'‘’,;:—–-. "


@dataclass(frozen=True)
class Cue:
    """A reporting word with the parse around it."""

    token: Token  # the cue word (for a phrase, its first word)
    end: int  # character end of the cue words
    speaker: Token | None  # head of the speaker's noun phrase, when the parse gives one
    content: tuple[int, int] | None  # character span of what was said, when the cue governs a clause
    stance: Stance | None
    recipient: Token | None = None  # head of the accused party, for accusations
    text: str = field(init=False)  # the cue words, kept so that no caller rebuilds doc.text

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _text_between(self.token, self.end))


def _text_between(first: Token, end: int) -> str:
    """The document text from `first` to character `end`, from the tokens alone (doc.text copies the document)."""
    doc = first.doc
    parts = []
    index = first.i
    while index < len(doc) and doc[index].idx < end:
        parts.append(doc[index].text_with_ws)
        index += 1
    return "".join(parts)[: end - first.idx]


def _subject(verb: Token) -> Token | None:
    """The verb's subject: its own, the agent of a passive, or the subject of the verb it depends on."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if objects:
                return objects[0]
    for child in verb.children:
        if child.dep_ == "nsubjpass" and verb.lemma_ in ("quote", "cite"):
            return child
    governor = _governing_verb(verb)
    return _subject(governor) if governor is not None else None


def _governing_verb(verb: Token) -> Token | None:
    """The verb a subject-less cue hangs off: "..., saying", "by saying", "and added" (through a preposition)."""
    if verb.dep_ not in INHERITING_DEPS or verb.head.i == verb.i:
        return None
    head = verb.head
    for _ in range(3):  # "by saying" (through a preposition), "went after Bush, calling him" (through an object)
        if head.pos_ in VERB_TAGS or head.head.i == head.i:
            break
        head = head.head
    if head.pos_ in VERB_TAGS and head.dep_ == "ccomp" and head.head.pos_ in VERB_TAGS and verb.i > head.head.i:
        # "X said the process could be messy, adding ...": the reporter adds, not the reported clause.
        head = head.head
    return head if head.pos_ in VERB_TAGS else None


def token_span(tokens: list[Token]) -> tuple[int, int] | None:
    """Character span of the tokens, trimmed of punctuation at both ends; None when nothing is left."""
    words = [token for token in tokens if not token.is_space]
    while words and (words[0].text in PUNCTUATION or words[0].lower_ in ("and", "but")):
        words = words[1:]
    while words and (words[-1].text in PUNCTUATION or words[-1].lower_ in ("and", "but", "or")):
        words = words[:-1]
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _subtree_span(token: Token) -> tuple[int, int] | None:
    doc = token.doc
    return token_span(list(doc[token.left_edge.i : token.right_edge.i + 1]))


def _clause(verb: Token, cues: QuoteCues) -> Token | None:
    """The clause a cue verb governs: its complement clause, else its open complement ("vowed to ...")."""
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis"):
            return child
    if verb.lemma_.lower() in cues.complement:
        for child in verb.children:
            if child.dep_ == "xcomp":
                return child
    return None


def _quoted_object(verb: Token, obj: Token | None) -> tuple[int, int] | None:
    """The object phrase of a cue verb when it holds quoted words ("pledged a “political revolution”"), or its
    object predicate when the parse found no object ("called her “third-rate”")."""
    if obj is None:
        obj = next((child for child in verb.children if child.dep_ == "oprd" and child.i > verb.i), None)
    if obj is None:
        return None
    last = max([obj, *[c for c in verb.children if c.dep_ in ("oprd", "xcomp") and c.i > obj.i]], key=lambda t: t.i)
    tokens = list(verb.doc[obj.left_edge.i : last.right_edge.i + 1])
    if not any(token.text in QUOTE_MARKS for token in tokens):
        return None
    return token_span(tokens)


def _quoted_span(span: tuple[int, int] | None, doc: Doc) -> tuple[int, int] | None:
    """The span when it holds a quote mark, else None (read from the tokens: doc.text copies the document)."""
    words = doc.char_span(span[0], span[1], alignment_mode="expand") if span is not None else None
    return span if words is not None and any(token.text in QUOTE_MARKS for token in words) else None


def _direct_object(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "obj"):
            return child
    return None


def _object_span(verb: Token, obj: Token) -> tuple[int, int] | None:
    """The object phrase with what completes it: "cast the Clintons as part of the establishment"."""
    last = obj
    for child in verb.children:
        if child.i > obj.i and (child.dep_ in ("oprd", "xcomp") or (child.dep_ == "prep" and child.lower_ == "as")):
            last = max(last, child, key=lambda token: token.right_edge.i)
    return token_span(list(verb.doc[obj.left_edge.i : last.right_edge.i + 1]))


def _verb_cue(verb: Token, cues: QuoteCues) -> Cue | None:
    lemma = verb.lemma_.lower()
    speaker = _subject(verb)
    end = verb.idx + len(verb.text)
    obj = _direct_object(verb)
    if lemma in cues.claim and obj is not None and obj.lemma_.lower() in cues.responsibility_objects:
        return Cue(verb, end, speaker, _subtree_span(obj), "claim_responsibility")
    if lemma in cues.accuse:
        reason = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ACCUSATION_PREPOSITIONS]
        clause = _clause(verb, cues)
        content = _subtree_span(reason[0]) if reason else _subtree_span(clause) if clause is not None else None
        if content is None and obj is not None:  # "denounced his remarks as “hurtful”": the quoted object
            content = _quoted_span(_object_span(verb, obj), verb.doc)
        if obj is None and clause is None:
            return None
        return Cue(verb, end, speaker, content, "accuse", recipient=obj)
    clause = _clause(verb, cues)
    if lemma in cues.deny and clause is None and obj is not None:
        return Cue(verb, end, speaker, _subtree_span(obj), "deny")
    if lemma in AS_PHRASE_ONLY:
        phrase = _quoted_as_phrase(verb)
        return Cue(verb, end, speaker, phrase, cues.stance(lemma)) if phrase is not None else None
    content = _subtree_span(clause) if clause is not None else _quoted_object(verb, obj)
    if content is None and lemma in cues.object and obj is not None and obj.pos_ != "PRON":
        content = _object_span(verb, obj)
    if content is None:
        content = _demand(verb) or _quoted_as_phrase(verb) or _quoted_topic(verb, cues)
    return Cue(verb, end, speaker, content, cues.stance(lemma))


def _topic_cue(verb: Token, cues: QuoteCues) -> Cue | None:
    """A verb outside the cue lists with a named or pronoun subject and a quoted topic: "Jane Doe talked of
    “reform”", "he rails against “the elites”"."""
    subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("PROPN", "PRON") or subject.lower_ in cues.non_speaker_pronouns:
        return None
    topic = _quoted_topic(verb, cues) or _quoted_characterisation(verb)
    return Cue(verb, verb.idx + len(verb.text), subject, topic, None) if topic is not None else None


def _quoted_characterisation(verb: Token) -> tuple[int, int] | None:
    """ "branded the country an “outlaw nation”", "likened the plan to “a mess”": an object with a quoted "as"/"to"
    phrase or object predicate describes it in the subject's words."""
    obj = _direct_object(verb)
    if obj is None or (obj.pos_ == "PRON" and not any(c.dep_ in ("oprd", "xcomp") for c in verb.children)):
        return None
    span = _object_span(verb, obj)
    if span is None or not any(
        child.i > obj.i and (child.dep_ in ("oprd", "xcomp") or child.lower_ == "as") for child in verb.children
    ):
        return None
    return _quoted_span((span[0], max(span[1], _subtree_end(verb, obj))), verb.doc)


def _subtree_end(verb: Token, obj: Token) -> int:
    """Where the phrases after the object end ("likened X to “...”": the "to" phrase too)."""
    last = max(
        [obj, *[c for c in verb.children if c.i > obj.i and c.dep_ in ("prep", "oprd", "xcomp")]], key=lambda t: t.i
    )
    return last.right_edge.idx + len(last.right_edge.text)


def _quoted_topic(verb: Token, cues: QuoteCues) -> tuple[int, int] | None:
    """ "warned of a “ferocious” battle", "talked about “winning”": a quoted phrase after "of", "about", "against"
    or "on" right after the verb is what the speaker said about it; not someone else's words ("seized on X's
    claim that “...”": the claim is X's)."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in TOPIC_PREPOSITIONS and child.i == verb.i + 1:
            objects = [grandchild for grandchild in child.children if grandchild.dep_ in ("pobj", "pcomp")]
            if objects and objects[0].lemma_.lower() not in cues.nouns:
                return _quoted_span(_subtree_span(objects[0]), verb.doc)
    return None


def _quoted_as_phrase(verb: Token) -> tuple[int, int] | None:
    """ "refers to the governor as “Chris”": the quoted "as" phrase of a cue verb is what was said (not in "the
    man known as “...”", where the verb describes a noun)."""
    if verb.dep_ == "acl":
        return None
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "as" and child.i > verb.i:
            tokens = list(verb.doc[child.i : child.right_edge.i + 1])
            if any(token.text in QUOTE_MARKS for token in tokens):
                return token_span(tokens)
    return None


def _demand(verb: Token) -> tuple[int, int] | None:
    """ "called for a ban", "pushed for talks": the object of "for" after a cue verb."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "for" and child.i == verb.i + 1:
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if objects:
                return _subtree_span(objects[0])
    return None


def _other_verb_cue(verb: Token, cues: QuoteCues) -> Cue | None:
    """A verb outside the cue lists with a clausal complement and a named or nominal subject ("X hinted that ...")."""
    clause = next((child for child in verb.children if child.dep_ == "ccomp"), None)
    subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
    if clause is None or subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    if subject.pos_ == "PRON" and subject.lower_ in cues.non_speaker_pronouns:
        return None
    return Cue(verb, verb.idx + len(verb.text), subject, _subtree_span(clause), None)


def _after_quote_cue(verb: Token, cues: QuoteCues) -> Cue | None:
    """A verb outside the cue lists right after a quote that ends in a comma, "?" or "!", with its named or pronoun
    subject next to it: “…,” Jane Doe beamed; “…!” he went on. The quote is what the subject said."""
    subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in ("PROPN", "PRON", "NOUN") or subject.lower_ in cues.non_speaker_pronouns:
        return None
    first, last = min(subject.left_edge.i, verb.i), max(subject.right_edge.i, verb.i)
    if last - first != subject.right_edge.i - subject.left_edge.i + 1 or first < 2:
        return None  # the subject and the verb must stand together, nothing else between
    doc = verb.doc
    if doc[first - 1].text not in CLOSING_MARKS or doc[first - 2].text not in (",", "?", "!"):
        return None
    return Cue(verb, verb.idx + len(verb.text), subject, None, "assert")


def _noun_cue(noun: Token) -> Cue | None:
    chanted = _quoted_of_phrase(noun)
    if chanted is not None:  # "chants of “...”": the "of" phrase is what was said, not who said it
        speaker = next((child for child in noun.children if child.dep_ == "poss"), None)
        return Cue(noun, noun.idx + len(noun.text), speaker, chanted, "assert")
    for child in noun.children:
        if child.dep_ == "poss":
            return Cue(noun, noun.idx + len(noun.text), child, None, "assert")
        if child.dep_ == "prep" and child.lower_ in SOURCE_PREPOSITIONS:
            objects = [grandchild for grandchild in child.children if grandchild.dep_ == "pobj"]
            if objects:
                return Cue(noun, noun.idx + len(noun.text), objects[0], None, "assert")
    return None


def _phrase_cue(doc: Doc, start: int, length: int, sentence: Span) -> Cue | None:
    """ "according to X": X is the speaker, the rest of the sentence what X said."""
    last = doc[start + length - 1]
    objects = [child for child in last.children if child.dep_ == "pobj"]
    if not objects:
        return None
    phrase_end = max(objects[0].right_edge.i, start + length - 1)
    before = list(doc[sentence.start : start])
    after = list(doc[phrase_end + 1 : sentence.end])
    rest = after if len(after) >= len(before) else before
    end = last.idx + len(last.text)
    return Cue(doc[start], end, objects[0], token_span(rest), "assert")


def _colon_cue(colon: Token, sentence: Span) -> Cue | None:
    """ "Senator Smith: the plan is dead": a name opening its sentence, then a colon and what the person said."""
    doc = colon.doc
    before = doc[sentence.start : colon.i]
    if not 0 < len(before) <= MAX_COLON_SPEAKER_TOKENS or any(token.pos_ == "VERB" for token in before):
        return None
    names = [entity for entity in before.ents if entity.label_ in ("PERSON", "ORG")]
    if not names:
        return None
    content = token_span(list(doc[colon.i + 1 : sentence.end]))
    if content is None:
        return None
    return Cue(colon, colon.idx + 1, names[-1].root, content, "assert")


@cache
def _phrases_by_first_word(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The cue phrases grouped by their first word, in list order within each group."""
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        grouped.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(group) for word, group in grouped.items()}


def _phrase_at(doc: Doc, index: int, cues: QuoteCues) -> int:
    """Length of the cue phrase starting at token `index`, or 0."""
    for phrase in _phrases_by_first_word(cues.phrases).get(doc[index].lower_, ()):
        words = [token.lower_ for token in doc[index : index + len(phrase)]]
        if tuple(words) == phrase:
            return len(phrase)
    return 0


def _quoted_of_phrase(noun: Token) -> tuple[int, int] | None:
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == noun.i + 1:
            tokens = list(noun.doc[child.i + 1 : child.right_edge.i + 1])
            if tokens and tokens[0].text in QUOTE_MARKS:
                return token_span(tokens)
    return None


def find_cues(doc: Doc, cues: QuoteCues) -> Iterator[Cue]:
    """Every reporting cue of the document, in text order."""
    candidates, marks, phrase_starts, with_subject = _cue_candidates(doc, cues)
    for sentence in doc.sents:
        resume = sentence.start  # the token after the last cue phrase found
        for index in candidates[bisect_left(candidates, sentence.start) : bisect_left(candidates, sentence.end)]:
            if index < resume:
                continue
            token = doc[index]
            length = _phrase_at(doc, index, cues) if index in phrase_starts else 0
            found: Cue | None = None
            if length:
                found = _phrase_cue(doc, index, length, sentence)
                resume = index + length
            elif token.pos_ in VERB_TAGS and token.lemma_.lower() in cues.verbs:
                found = _verb_cue(token, cues)
            elif token.pos_ == "VERB" and index in with_subject:  # the three cues below need an "nsubj"
                found = _other_verb_cue(token, cues) or _after_quote_cue(token, cues)
                # A quoted topic of a verb outside the lists needs a quote mark in the verb's phrase: test that first.
                if found is None and _has_mark(marks, index, token.right_edge.i):
                    found = _topic_cue(token, cues)
            elif token.text == ":":
                found = _colon_cue(token, sentence)
            elif token.pos_ == "NOUN" and token.lemma_.lower() in cues.nouns:
                found = _noun_cue(token)
            if found is not None:
                yield found


def _has_mark(marks: list[int], start: int, end: int) -> bool:
    """Whether a quote mark (`marks`: sorted token indices) stands between token `start` and token `end`."""
    return bisect_left(marks, start) < bisect_left(marks, end + 1)


def _cue_candidates(doc: Doc, cues: QuoteCues) -> tuple[list[int], list[int], frozenset[int], frozenset[int]]:
    """Indices of the tokens that can start a cue in `find_cues`, of the quote marks, of the first words of cue
    phrases, and of the tokens with an "nsubj" child, read from the doc's arrays: a Python pass over every token cost
    more than the cue tests themselves. A token can start a cue when it is the first word of a cue phrase, a colon,
    a verb or auxiliary of the cue lists, another verb with a subject, or a noun of the cue lists; a new kind of cue
    in `find_cues` must be let through here too. (`find_cues` tests the phrase starts and the tokens with a subject
    again before looking for a phrase or walking a token's children.)"""
    rows = doc.to_array([LOWER, POS, ORTH, DEP, LEMMA])
    head_offsets = doc.to_array(HEAD).astype("int64")  # stored unsigned; negative offsets point to the left
    first_words = [get_string_id(word) for word in _phrases_by_first_word(cues.phrases)]
    phrase_starts = numpy.isin(rows[:, 0], first_words)
    subjects = numpy.flatnonzero((rows[:, 3] == get_string_id("nsubj")) & (head_offsets != 0))
    with_subject = numpy.zeros(len(doc), dtype=bool)
    with_subject[subjects + head_offsets[subjects]] = True
    possible = (
        phrase_starts
        | (rows[:, 2] == get_string_id(":"))
        | ((rows[:, 1] == VERB) & with_subject)
        | _listed_words(doc, rows[:, 1], rows[:, 4], cues)
    )
    marks = numpy.isin(rows[:, 2], [get_string_id(mark) for mark in QUOTE_MARKS])
    return (
        numpy.flatnonzero(possible).tolist(),
        numpy.flatnonzero(marks).tolist(),
        frozenset(numpy.flatnonzero(phrase_starts).tolist()),
        frozenset(numpy.flatnonzero(with_subject).tolist()),
    )


def _listed_words(doc: Doc, tags: NDArray[Any], lemmas: NDArray[Any], cues: QuoteCues) -> NDArray[numpy.bool_]:
    """Per token: whether it is a verb or auxiliary whose lower-cased lemma is a cue verb, or such a noun."""
    content = numpy.flatnonzero(numpy.isin(tags, [VERB, AUX, NOUN]))
    content_lemmas: list[int] = lemmas[content].tolist()
    lowered = {lemma: doc.vocab.strings[lemma].lower() for lemma in set(content_lemmas)}  # each distinct lemma once
    listed = numpy.zeros(len(tags), dtype=bool)
    for index, tag, lemma in zip(content.tolist(), tags[content].tolist(), content_lemmas, strict=True):
        listed[index] = lowered[lemma] in (cues.nouns if tag == NOUN else cues.verbs)
    return listed
