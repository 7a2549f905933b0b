"""Matching word classes against tokens: a sentence, or the words of an event's subject or object."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from dateline.events.lexicon import WordClass


@dataclass(frozen=True)
class Words:
    """Tokens seen as (lower-case text, lower-case lemma) pairs, hyphens dropped, with their entity labels."""

    texts: tuple[str, ...]
    lemmas: tuple[str, ...]
    labels: frozenset[str]
    vocabulary: frozenset[str]

    @classmethod
    def of(cls, tokens: Iterable[Token]) -> Words:
        texts: list[str] = []
        lemmas: list[str] = []
        labels: set[str] = set()
        for token in tokens:  # one pass: each token attribute read builds a new Python string
            if token.is_space or token.text == "-":
                continue
            texts.append(token.lower_)
            lemmas.append(token.lemma_.lower())
            label = token.ent_type_
            if label:
                labels.add(label)
        return cls(tuple(texts), tuple(lemmas), frozenset(labels), frozenset(texts) | frozenset(lemmas))

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


EMPTY = Words((), (), frozenset(), frozenset())


def subtree_words(heads: Iterable[Token]) -> Words:
    """The words of the phrases headed by `heads` (their whole subtrees), in order, without duplicates."""
    seen: dict[int, Token] = {}
    for head in heads:
        for token in head.subtree:
            seen[token.i] = token
    return Words.of(seen[i] for i in sorted(seen))
