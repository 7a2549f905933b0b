"""Walks over the dependency tree that more than one stage needs (one copy, so that they climb alike)."""

from __future__ import annotations

from spacy.tokens import Token


def verb_above(word: Token) -> Token:
    """The first verb (or auxiliary) at or above a word in the parse; the sentence's root when none is."""
    while word.pos_ not in ("VERB", "AUX") and word.head.i != word.i:
        word = word.head
    return word
