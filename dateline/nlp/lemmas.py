"""The model's lemmatizer, run with its answers remembered per (word, part of speech, morphology).

spaCy's Lemmatizer makes a Token for every token of every document and calls its `lemmatize` in Python: about 3%
of the parse with the English small model. What the rule lemmatizer (and English `is_base_form`) reads of a token is
its text, its POS and its morphological features: ORTH, POS and MORPH. So the lemma for one combination of the three
is asked of spaCy's own `lemmatize` once and remembered, and a document's lemmas are written with one
`Doc.from_array`. As in `Lemmatizer.__call__`, a token that already has a lemma (the attribute ruler sets a few)
keeps it unless the lemmatizer overwrites. tests/test_nlp_lemmas.py compares both on hundreds of sentences.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import cast

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

# Lemmatizers whose `lemmatize` reads nothing of a token but ORTH, POS and MORPH (a subclass might read more).
SUPPORTED_TYPES: tuple[type[Lemmatizer], ...] = (Lemmatizer, EnglishLemmatizer)
SUPPORTED_MODES = frozenset({"rule", "lookup"})
# Remembered (word, POS, morphology) combinations before the memory is emptied: keeps a long-running worker flat.
CACHE_LIMIT = 200_000

type LemmaKey = tuple[int, int, int]  # ORTH, POS, MORPH hashes of one token


@dataclass
class LemmaMemory:
    """A lemmatizer with the lemma it gives remembered per (ORTH, POS, MORPH)."""

    lemmatizer: Lemmatizer
    _lemmas: dict[LemmaKey, str] = field(default_factory=dict)

    def lemma(self, doc: Doc, index: int, key: LemmaKey) -> str:
        """The lemma of doc[index], whose ORTH, POS and MORPH are `key`."""
        found = self._lemmas.get(key)
        if found is None:
            found = str(self.lemmatizer.lemmatize(doc[index])[0])
            if len(self._lemmas) >= CACHE_LIMIT:
                self._lemmas.clear()
            self._lemmas[key] = found
        return found


def supports(lemmatizer: object) -> bool:
    """True when `lemmatizer` is one whose lemmas depend only on ORTH, POS and MORPH."""
    return type(lemmatizer) in SUPPORTED_TYPES and getattr(lemmatizer, "mode", None) in SUPPORTED_MODES


@cache
def memory_for(lemmatizer: Lemmatizer) -> LemmaMemory:
    """The memory of one loaded lemmatizer (one per process and model)."""
    if not supports(lemmatizer):
        raise ValueError(f"cannot remember the lemmas of {type(lemmatizer).__name__}")
    lemmatizer(Doc(lemmatizer.vocab, words=[]))  # spaCy checks its lookup tables on the first call: do it now
    return LemmaMemory(lemmatizer)


def lemmatize(doc: Doc, memory: LemmaMemory) -> Doc:
    """Write the lemmatizer's lemmas on `doc`, as `Lemmatizer.__call__` would."""
    if len(doc) == 0:
        return doc
    table = doc.to_array([ORTH, POS, MORPH, LEMMA])
    lemmas = table[:, 3].copy()
    wanted = range(len(doc)) if memory.lemmatizer.overwrite else numpy.flatnonzero(lemmas == 0).tolist()
    keys: list[list[int]] = table[:, :3].tolist()
    hashes: dict[LemmaKey, int] = {}  # per document: the lemma's id in this Doc's StringStore
    for index in wanted:
        key = (keys[index][0], keys[index][1], keys[index][2])
        lemma_hash = hashes.get(key)
        if lemma_hash is None:
            lemma_hash = hashes[key] = doc.vocab.strings.add(memory.lemma(doc, index, key))
        lemmas[index] = lemma_hash
    doc.from_array([LEMMA], cast(Ints2d, lemmas.reshape(-1, 1)))
    return doc
