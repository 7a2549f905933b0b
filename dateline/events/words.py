"""Matching word classes against tokens: a sentence, or the words of an event's subject or object."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from dateline.events.lexicon import WordClass


@dataclass(frozen=True)
class Words:
    """Tokens seen as (lower-case text, lower-case lemma) pairs, hyphens dropped, with their entity labels."""

    texts: tuple[str, ...]
    lemmas: tuple[str, ...]
    labels: frozenset[str]
    vocabulary: frozenset[str]
    # The Doc's token table when these are a sentence's words, so that phrases inside the sentence are read from it.
    table: TokenTable | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, tokens: Iterable[Token], *, table: TokenTable | None = None) -> Words:
        """The words of `tokens`; with the Doc's `table` they are looked up there instead of read from each token."""
        if table is not None:
            return table.words((token.i for token in tokens), keep_table=True)
        return cls.of_rows(_row(token) for token in tokens)

    @classmethod
    def of_rows(cls, rows: Iterable[tuple[str, str, str] | None], table: TokenTable | None = None) -> Words:
        texts: list[str] = []
        lemmas: list[str] = []
        labels: set[str] = set()
        for row in rows:
            if row is None:
                continue
            text, lemma, label = row
            texts.append(text)
            lemmas.append(lemma)
            if label:
                labels.add(label)
        return cls(tuple(texts), tuple(lemmas), frozenset(labels), frozenset(texts) | frozenset(lemmas), table)

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
        if not word_class.words.isdisjoint(self.vocabulary):
            return True
        if not word_class.labels.isdisjoint(self.labels):
            return True
        vocabulary = self.vocabulary
        return any(self.has_phrase(phrase) for phrase in word_class.phrases if vocabulary.issuperset(phrase))


def _row(token: Token) -> tuple[str, str, str] | None:
    """(lower-case text, lower-case lemma, entity label), or None for a token Words leave out (spaces, hyphens)."""
    if token.is_space or token.text == "-":
        return None
    return token.lower_, token.lemma_.lower(), token.ent_type_


@dataclass(frozen=True)
class TokenTable:
    """Every token's row (see _row), read once per Doc: each token attribute read builds a new Python string, and
    the same tokens are read again for every sentence, trigger test and event phrase."""

    rows: tuple[tuple[str, str, str] | None, ...]

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        return cls(tuple(_row(token) for token in doc))

    def words(self, indices: Iterable[int], *, keep_table: bool = False) -> Words:
        """The words of the tokens at `indices` (in the order given); keep_table lets the Words read phrases here."""
        rows = self.rows
        return Words.of_rows((rows[i] for i in indices), self if keep_table else None)


EMPTY = Words((), (), frozenset(), frozenset())


def subtree_words(heads: Iterable[Token], *, table: TokenTable | None = None) -> Words:
    """The words of the phrases headed by `heads` (their whole subtrees), in order, without duplicates."""
    if table is not None:
        return table.words(sorted({token.i for head in heads for token in head.subtree}))
    seen: dict[int, Token] = {}
    for head in heads:
        for token in head.subtree:
            seen[token.i] = token
    return Words.of(seen[i] for i in sorted(seen))
