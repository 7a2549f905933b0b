"""Matching word classes against tokens: a sentence, or the words of an event's subject or object."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy
from spacy.attrs import ENT_TYPE, HEAD, IS_SPACE, LEMMA, LOWER, ORTH, TAG
from spacy.tokens import Doc, Token

from dateline.events.lexicon import WordClass

type Row = tuple[str, str, str]  # a token's lower-case text, lower-case lemma and entity label

# The name of a month or a day inside a date ("on March 25", "May 3"): a name, not the word it is spelled like (a
# march, the modal "may"), so it matches no word class. Its row keeps the entity label and no words.
DATE_LABELS = frozenset({"DATE", "TIME"})
NAME_TAG = "NNP"


@dataclass(frozen=True)
class Words:
    """Tokens seen as (lower-case text, lower-case lemma) pairs, hyphens dropped, with their entity labels."""

    texts: tuple[str, ...]
    lemmas: tuple[str, ...]
    labels: frozenset[str]
    vocabulary: frozenset[str]
    # The Doc's token table when these are a sentence's words, so that phrases inside the sentence are read from it.
    table: TokenTable | None = field(default=None, compare=False, repr=False)
    # What `has` found for each word class (by id, with the class kept alive): a sentence's words are tested for the
    # same classes by each trigger rule and each of its events.
    _found: dict[int, tuple[WordClass, bool]] = field(default_factory=dict, init=False, compare=False, repr=False)

    @classmethod
    def of(cls, tokens: Iterable[Token], *, table: TokenTable | None = None) -> Words:
        """The words of `tokens`; with the Doc's `table` they are looked up there instead of read from each token."""
        if table is not None:
            return table.words((token.i for token in tokens), keep_table=True)
        return cls.of_rows(token_row(token) for token in tokens)

    @classmethod
    def of_rows(cls, rows: Iterable[Row | None], table: TokenTable | None = None) -> Words:
        kept = [row for row in rows if row is not None]
        if not kept:
            return cls((), (), frozenset(), frozenset(), table)
        texts, lemmas, labels = zip(*kept, strict=True)  # columns at C speed: this runs for every phrase tested
        return cls(texts, lemmas, frozenset(labels) - {""}, frozenset(texts + lemmas), table)

    def has_phrase(self, phrase: Sequence[str]) -> bool:
        if not self.vocabulary.issuperset(phrase):  # a phrase can only match when each of its words occurs
            return False
        size = len(phrase)
        for start in range(len(self.texts) - size + 1):
            if all(word in (self.texts[start + k], self.lemmas[start + k]) for k, word in enumerate(phrase)):
                return True
        return False

    def has(self, word_class: WordClass) -> bool:
        """True when any word, phrase or entity label of the class occurs here."""
        known = self._found.get(id(word_class))
        if known is not None and known[0] is word_class:
            return known[1]
        found = self._has(word_class)
        self._found[id(word_class)] = (word_class, found)
        return found

    def _has(self, word_class: WordClass) -> bool:
        if not word_class.words.isdisjoint(self.vocabulary):
            return True
        if not word_class.labels.isdisjoint(self.labels):
            return True
        vocabulary = self.vocabulary
        if word_class.phrase_starts.isdisjoint(vocabulary):  # one set test instead of one per phrase
            return False
        return any(self.has_phrase(phrase) for phrase in word_class.phrases if vocabulary.issuperset(phrase))


def token_row(token: Token) -> Row | None:
    """(lower-case text, lower-case lemma, entity label), or None for a token Words leave out (spaces, hyphens)."""
    if token.is_space or token.text == "-":
        return None
    if token.ent_type_ in DATE_LABELS and token.tag_ == NAME_TAG:
        return "", "", token.ent_type_
    return token.lower_, token.lemma_.lower(), token.ent_type_


@dataclass(frozen=True)
class TokenTable:
    """Every token's row (see token_row), read once per Doc: each token attribute read builds a new Python string, and
    the same tokens are read again for every sentence, trigger test and event phrase."""

    rows: tuple[Row | None, ...]
    # Each token's children (indices), from the Doc's heads: a subtree is then walked over integers, where
    # Token.subtree nests one generator per level and makes a Token for every word. Empty: use Token.subtree.
    children: tuple[tuple[int, ...], ...] = ()

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        return cls(_rows_of(doc), _children_of(doc))

    def subtree(self, head: Token) -> Iterable[int]:
        """The indices of the head's subtree (itself and every word below it), in no particular order."""
        if not self.children:
            return (token.i for token in head.subtree)
        found = [head.i]
        stack = [head.i]
        while stack:
            below = self.children[stack.pop()]
            found.extend(below)
            stack.extend(below)
        return found

    def words(self, indices: Iterable[int], *, keep_table: bool = False) -> Words:
        """The words of the tokens at `indices` (in the order given); keep_table lets the Words read phrases here."""
        rows = self.rows
        return Words.of_rows((rows[i] for i in indices), self if keep_table else None)


# Why: the same (word, lemma, label) ids recur within and across articles; their row is built once per process.
_ROW_OF_IDS: dict[tuple[int, ...], Row | None] = {}
_MAX_REMEMBERED_ROWS = 500_000  # ~100 MB at most in a worker that reads a very large, varied corpus
_MISSING: Row = ("", "", "")


def _rows_of(doc: Doc) -> tuple[Row | None, ...]:
    """token_row for every token, read from the Doc's arrays (the same rows, without a Token object per word)."""
    if len(doc) == 0:
        return ()
    strings = doc.vocab.strings
    if len(_ROW_OF_IDS) > _MAX_REMEMBERED_ROWS:
        _ROW_OF_IDS.clear()
    rows: list[Row | None] = []
    for ids in map(tuple, doc.to_array([ORTH, LOWER, LEMMA, ENT_TYPE, IS_SPACE, TAG]).tolist()):
        row = _ROW_OF_IDS.get(ids, _MISSING)
        if row is _MISSING:
            orth, lower, lemma, label, is_space, tag = ids
            keep = not is_space and strings[orth] != "-"
            entity = strings[label] if label else ""
            if not keep:
                row = None
            elif entity in DATE_LABELS and strings[tag] == NAME_TAG:
                row = ("", "", entity)  # a month's or day's name (token_row)
            else:
                row = (strings[lower], strings[lemma].lower(), entity)
            _ROW_OF_IDS[ids] = row
        rows.append(row)
    return tuple(rows)


def _children_of(doc: Doc) -> tuple[tuple[int, ...], ...]:
    children: list[list[int]] = [[] for _ in range(len(doc))]
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return tuple(tuple(below) for below in children)
    offsets = doc.to_array(HEAD).astype(numpy.int64)  # HEAD is stored as an unsigned offset to the head
    for index, offset in enumerate(offsets.tolist()):
        if offset:
            children[index + offset].append(index)
    return tuple(tuple(below) for below in children)


EMPTY = Words((), (), frozenset(), frozenset())


def subtree_words(heads: Iterable[Token], *, table: TokenTable | None = None) -> Words:
    """The words of the phrases headed by `heads` (their whole subtrees), in order, without duplicates."""
    if table is not None:
        return table.words(sorted({index for head in heads for index in table.subtree(head)}))
    seen: dict[int, Token] = {}
    for head in heads:
        for token in head.subtree:
            seen[token.i] = token
    return Words.of(seen[i] for i in sorted(seen))
