"""The quote knowledge: reporting verbs and nouns, stance verbs, pronouns and the small words the quote rules test
(knowledge/quote_cues.yaml), and the gender words of names (knowledge/person_gender.tsv, see gender.py).

`load_quote_knowledge()` reads both once per process for `pipeline.load_resources`; the files' headers describe
their format, and a bad entry raises KnowledgeError naming file:line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from dateline.knowledge.loader import KnowledgeError, knowledge_path, read_yaml, where
from dateline.quotes.gender import GenderWords, load_gender_words
from dateline.records import Stance

CUES_PATH = knowledge_path("quote_cues.yaml")
WORD_LISTS = (
    "speech",
    "belief",
    "complement",
    "object",
    "deny",
    "accuse",
    "claim",
    "responsibility_objects",
    "nouns",
    "quantifiers",
    "speaker_nouns",
    "shortfall_nouns",
    "disposition_nouns",
    "addressee_verbs",
    "clause_break_words",
    "linking_words",
    "title_small_words",
)


@dataclass(frozen=True)
class QuoteCues:
    """Lemma sets by role; see dateline/knowledge/quote_cues.yaml."""

    speech: frozenset[str]
    belief: frozenset[str]
    complement: frozenset[str]
    object: frozenset[str]
    deny: frozenset[str]
    accuse: frozenset[str]
    claim: frozenset[str]
    responsibility_objects: frozenset[str]
    nouns: frozenset[str]
    quantifiers: frozenset[str]
    speaker_nouns: frozenset[str]
    shortfall_nouns: frozenset[str]
    disposition_nouns: frozenset[str]
    addressee_verbs: frozenset[str]
    clause_break_words: frozenset[str]
    linking_words: frozenset[str]
    title_small_words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    non_speaker_pronouns: frozenset[str]

    @cached_property  # asked for every verb of every article
    def verbs(self) -> frozenset[str]:
        """Every verb that can introduce a quote or a claim."""
        return self.speech | self.belief | self.complement | self.object | self.deny | self.accuse | self.claim

    def stance(self, lemma: str) -> Stance | None:
        """The stance a cue verb implies on its own (claims of responsibility also need their object)."""
        if lemma in self.deny:
            return "deny"
        if lemma in self.accuse:
            return "accuse"
        if lemma in self.speech:
            return "assert"
        return None


@dataclass(frozen=True)
class QuoteKnowledge:
    """What the quotes stage knows: the cue words and the gender words of names and pronouns."""

    cues: QuoteCues
    gender: GenderWords


def _words(path: Path, data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    at = where(path, data)
    if not isinstance(value, list) or not value:
        raise KnowledgeError(f"{at}: {key} must be a non-empty list of lemmas")
    bad = [item for item in value if not isinstance(item, str) or not item.strip() or item != item.lower()]
    if bad:
        raise KnowledgeError(f"{at}: {key} has entries that are not lower-case words: {bad}")
    duplicates = sorted({item for item in value if value.count(item) > 1})
    if duplicates:
        raise KnowledgeError(f"{at}: {key} lists {duplicates} twice")
    return frozenset(value)


@cache
def load_quote_cues(path: Path = CUES_PATH) -> QuoteCues:
    """Read the cue file; raise KnowledgeError with file:line on a bad entry."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}:1: expected a mapping of cue lists")
    words = {key: _words(path, data, key) for key in WORD_LISTS}
    phrases = data.get("phrases")
    if not isinstance(phrases, list) or not all(
        isinstance(phrase, list) and len(phrase) >= 2 and all(isinstance(word, str) for word in phrase)
        for phrase in phrases
    ):
        raise KnowledgeError(f"{where(path, data)}: phrases must be lists of two or more words")
    pronouns = data.get("pronouns")
    if not isinstance(pronouns, dict):
        raise KnowledgeError(f"{where(path, data)}: pronouns must map person/group/non_speaker to lists")
    return QuoteCues(
        **words,
        phrases=tuple(tuple(word.lower() for word in phrase) for phrase in phrases),
        person_pronouns=_words(path, pronouns, "person"),
        group_pronouns=_words(path, pronouns, "group"),
        non_speaker_pronouns=_words(path, pronouns, "non_speaker"),
    )


def load_quote_knowledge() -> QuoteKnowledge:
    """The quotes stage's knowledge, from the bundled files (each read once per process)."""
    return QuoteKnowledge(cues=load_quote_cues(), gender=load_gender_words())
