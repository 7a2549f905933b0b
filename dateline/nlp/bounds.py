"""Bounds on what the parser is given, so that no text, however hostile, makes the parse slow without end or deep
without end. Each is transparent on ordinary news text (the same tokens, sentences and trees).

- Pathological runs of characters. spaCy's tokenizer strips prefixes and suffixes one at a time and searches the
  whole remaining string for each, so a long run of them is quadratic: 4,000 "(" in one word take 18 s, 40,000 hours
  (measured on this machine: "(", "[", '"', "'", "$" and emoji alike). `GuardedTokenizer` tokenizes such words
  itself, in linear time, and leaves every other part of the text to spaCy's tokenizer.
- Sentences without end. A tree of 35,000 tokens (`"Mr. " * 50_000`: no sentence may start after "Mr.") makes
  spaCy's recursive `Token.subtree` overflow the C stack and kill the process. `bound_sentences` starts a sentence
  after MAX_SENTENCE_TOKENS tokens in which no sentence could end, so no tree (and no walk of one, in spaCy or in
  the stages) is deeper than that.
- Texts longer than the model takes at once (spaCy refuses more than 1,000,000 characters, error E088).
  `segments` cuts a long text at paragraph breaks into parts the parser takes in turn; `nlp.parse_texts` joins
  their Docs back into one Doc over the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy
from spacy.attrs import IS_SPACE, ORTH, SENT_START
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

# A word (a run without whitespace) the tokenizer is not given whole: longer than LONG_WORD characters, or holding
# SYMBOL_RUN punctuation or symbol characters in a row. News words stay far below both (the longest URLs of the
# seeds are ~150 characters; "...", "?!" and "--" are short runs); one such word costs spaCy at most a few ms.
LONG_WORD = 1000
SYMBOL_RUN = 16
_SUSPECT = re.compile(rf"\S{{{LONG_WORD + 1},}}|[^\w\s]{{{SYMBOL_RUN},}}")
# How the guard splits such a word: runs of word characters and runs of one repeated symbol, each at most
# PIECE characters (so "((((" stays one token, as spaCy makes "----" or "...." one token).
PIECE = 64
_PIECES = re.compile(rf"\w{{1,{PIECE}}}|([^\w\s])\1{{0,{PIECE - 1}}}|[^\w\s]")

# Tokens after which a sentence may end; a run of MAX_SENTENCE_TOKENS tokens without one gets a sentence start.
# Ordinary sentences end well before (the longest of the seeds has ~120 tokens).
MAX_SENTENCE_TOKENS = 250
_SENTENCE_ENDS = frozenset({".", "!", "?", "...", "…", ";", ":"})
BOUND_COMPONENT = "dateline_bound_sentences"

# Texts longer than this are parsed in parts cut at paragraph breaks (else line breaks, else spaces).
SEGMENT_CHARS = 100_000
_BREAKS = ("\n\n", "\n", " ")


class GuardedTokenizer:
    """spaCy's tokenizer, with the words it would take apart in quadratic time tokenized here instead."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer
        self.vocab = getattr(tokenizer, "vocab", None)

    def __call__(self, text: str) -> Doc:
        if _SUSPECT.search(text) is None:
            return self.tokenizer(text)
        return self._guarded(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.tokenizer, name)  # the rest of spaCy's Tokenizer (explain, rules, ...) as before

    def _guarded(self, text: str) -> Doc:
        parts: list[Doc] = []
        position = 0
        for start, end in suspect_words(text):
            if start > position:
                parts.append(self.tokenizer(text[position:start]))
            space_after = text[end : end + 1] == " "
            parts.append(self._split_word(text[start:end], space_after))
            position = end + 1 if space_after else end
        if position < len(text):
            parts.append(self.tokenizer(text[position:]))
        joined = Doc.from_docs(parts, ensure_whitespace=False)
        assert joined is not None and joined.text == text
        return joined

    def _split_word(self, word: str, space_after: bool) -> Doc:
        pieces = [match.group(0) for match in _PIECES.finditer(word)]
        spaces = [False] * len(pieces)
        spaces[-1] = space_after
        vocab = self.vocab if self.vocab is not None else self.tokenizer("").vocab
        return Doc(vocab, words=pieces, spaces=spaces)


def suspect_words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word (run without whitespace) the tokenizer must not be given whole, in order."""
    words: list[tuple[int, int]] = []
    for match in _SUSPECT.finditer(text):
        start, end = match.start(), match.end()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if words and start < words[-1][1]:
            start = words.pop()[0]
        words.append((start, end))
    return words


@Language.component(BOUND_COMPONENT)
def bound_sentences(doc: Doc) -> Doc:
    """Start a sentence after MAX_SENTENCE_TOKENS tokens in which none could end (the parser keeps the start),
    even where the abbreviation rule said no ("Mr. Mr. Mr. ...")."""
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return doc
    ends = numpy.isin(doc.to_array(ORTH), _SENTENCE_END_IDS)
    for index in numpy.flatnonzero(doc.to_array(IS_SPACE)):
        ends[index] = "\n" in doc[int(index)].text
    marks = numpy.flatnonzero(ends)
    if numpy.diff(marks, prepend=-1, append=len(doc)).max() <= MAX_SENTENCE_TOKENS:
        return doc  # the ordinary case: a sentence could end at least every MAX_SENTENCE_TOKENS tokens
    starts = sentence_starts(doc)
    since = 0
    for position, is_end in enumerate(ends.tolist()):
        if since >= MAX_SENTENCE_TOKENS:
            starts[position] = 1
            since = 0
        since = 0 if is_end else since + 1
    set_sentence_starts(doc, starts)
    return doc


_SENTENCE_END_IDS = numpy.array([get_string_id(text) for text in _SENTENCE_ENDS], dtype=numpy.uint64)


def sentence_starts(doc: Doc) -> numpy.ndarray[Any, numpy.dtype[numpy.int64]]:
    """Each token's SENT_START before the parser: 1 a start, -1 no start, 0 not decided."""
    return doc.to_array(SENT_START).astype(numpy.int64)


def set_sentence_starts(doc: Doc, starts: numpy.ndarray[Any, numpy.dtype[numpy.int64]]) -> None:
    """Write SENT_START values back in one pass. (`token.is_sent_start = x` checks the whole Doc for a parse on
    every call: quadratic in the number of tokens set.)"""
    values: Any = starts.astype(numpy.uint64).reshape(-1, 1)
    doc.from_array([SENT_START], values)


def segments(text: str, limit: int = SEGMENT_CHARS) -> list[str]:
    """`text` cut into parts of at most `limit` characters, at a paragraph break where one is near the limit
    (else a line break, else a space, else anywhere); the parts joined give the text back."""
    parts: list[str] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = 0
        for mark in _BREAKS:
            found = window.rfind(mark, limit // 2)
            if found > 0:
                cut = found + len(mark)
                break
        cut = cut or limit
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts
