"""Speakers the parse does not give: names next to a cue the parser left without a subject, a name after a cue in
inverted order (“…,” said Skelly), the name in a cue's own line when the parser ran a sentence over a line break,
and the name that signs a quote with a dash (“…” ― Jane Doe)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from dateline.quotes.attribution import ParagraphIndex
from dateline.quotes.clauses import Cue
from dateline.quotes.cues import QuoteCues
from dateline.quotes.speakers import Antecedent

# Entity types that never speak: a subject of these types is a parse error ("Saturday said").
NOT_SPEAKERS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "WORK_OF_ART"})
FALLBACK_LABELS = frozenset({"PERSON", "ORG"})  # what a name next to a cue must be to speak
CLOSING_MARKS = frozenset('"”»')
# A dash that signs the quote before it: "“…” ― Jane Doe", or a line "- Jane Doe." under it.
SIGNATURE_DASHES = frozenset({"-", "--", "—", "–", "―", "~"})
SIGNATURE_DASH = re.compile(r"[ \t]*[-—–―~]+[ \t]*")
SIGNATURE_TITLE_CHARS = 20  # room for a title before the signer's name ("- President Jane Doe")


def fallback_speaker_head(doc: Doc, cue: Cue, words: QuoteCues) -> Token | None:
    """A named entity right before or after a cue the parse gave no subject ("IS, Blinken said, ...")."""
    best: Span | None = None
    for entity in doc.ents:
        if entity.label_ not in FALLBACK_LABELS or entity.root.dep_ == "pobj" or is_addressee(cue, entity.root, words):
            continue
        before = 0 <= cue.token.i - _end_after_apposition(entity) <= 1
        after = 0 <= _start_after(entity, cue.token) - cue.token.i - 1 <= 1
        if (before or after) and (best is None or abs(entity.start - cue.token.i) < abs(best.start - cue.token.i)):
            best = entity
    return best.root if best is not None else _inverted_name(doc, cue)


def _start_after(entity: Span, cue: Token) -> int:
    """Where a name after a cue starts: after a quote (“…,” said former executive Jane Doe) counting the words
    before it in its noun phrase, as the inverted order names the speaker there."""
    left = entity.root.left_edge.i
    inverted = cue.i > 0 and cue.doc[cue.i - 1].text in CLOSING_MARKS
    return left if inverted and cue.i < left < entity.start else entity.start


def first_name_in_line(doc: Doc, cue: Cue, index: ParagraphIndex) -> Token | None:
    """The first person or organisation named in the cue's paragraph before the cue (its subject if one is)."""
    line_start = index.spans[index.of(cue.token.idx)][0]
    names = [
        _entity_root(doc, token)
        for token in doc.char_span(line_start, cue.token.idx, alignment_mode="contract") or ()
        if token.ent_iob_ == "B" and token.ent_type_ in FALLBACK_LABELS
    ]
    subjects = [name for name in names if name.dep_ in ("nsubj", "nsubjpass")]
    chosen = subjects or names
    return chosen[0] if chosen else None


def _entity_root(doc: Doc, first: Token) -> Token:
    end = first.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[first.i : end].root


def _inverted_name(doc: Doc, cue: Cue) -> Token | None:
    """“…,” said Skelly: a capitalised word right after a cue that follows a closing quote mark names the speaker
    even when the parser tags it as something else (an adverb, no entity)."""
    index, name = cue.token.i, cue.token.i + 1
    if index < 1 or name >= len(doc) or doc[index - 1].text not in CLOSING_MARKS:
        return None
    word = doc[name]
    if not (word.is_alpha and word.is_title) or word.pos_ == "PRON" or word.ent_type_ in NOT_SPEAKERS:
        return None
    while name + 1 < len(doc) and doc[name + 1].is_alpha and doc[name + 1].is_title:
        name += 1  # "said Jane Doe": the last word of the name is its head
    return doc[name]


def is_addressee(cue: Cue, token: Token, words: QuoteCues) -> bool:
    """The person told ("Risch told The Spokesman-Review"): the object of a verb such as "tell" (the cue file's
    `addressee_verbs`) is not its speaker."""
    return (
        token.head.i == cue.token.i and token.dep_ in ("dobj", "dative") and cue.token.lemma_ in words.addressee_verbs
    )


def _end_after_apposition(entity: Span) -> int:
    """Where a name ends counting its apposition ("Ramos, 58," or "Jane Doe, a farmer,"), so the cue after it counts
    as next to it."""
    appositions = [child for child in entity.root.children if child.dep_ == "appos" and child.i >= entity.end]
    if not appositions:
        return entity.end
    end = max(child.right_edge.i for child in appositions) + 1
    doc = entity.doc
    return end + 1 if end < len(doc) and doc[end].text == "," else end


def signer(text: str, quote_end: int, index: ParagraphIndex, antecedents: Sequence[Antecedent]) -> Antecedent | None:
    """Who signs a quote with a dash and a name: right after it on its line (“…” ― Jane Doe) or opening the next
    paragraph ("- Jane Doe." under a quote that ends its paragraph)."""
    paragraph = index.of(quote_end - 1)
    end = index.spans[paragraph][1]
    dash = SIGNATURE_DASH.match(text, quote_end, end)
    if dash is None and end <= quote_end + 2 and paragraph + 1 < len(index.spans):
        start, end = index.spans[paragraph + 1]
        dash = SIGNATURE_DASH.match(text, start, end)
    if dash is None:
        return None
    signers = [c for c in antecedents if dash.end() <= c.start <= dash.end() + SIGNATURE_TITLE_CHARS and c.end <= end]
    return min(signers, key=lambda candidate: candidate.start) if signers else None
