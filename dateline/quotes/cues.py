"""The quote knowledge: reporting verbs and nouns, stance verbs and pronouns, read from knowledge/quote_cues.yaml.

The file's header describes its format; a bad entry raises ValueError naming file:line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from dateline.records import Stance

CUES_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "quote_cues.yaml"
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
    phrases: tuple[tuple[str, ...], ...]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]

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


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith(f"{key}:") or line.strip().startswith(f"{key}:"):
            return number
    return 1


def _words(path: Path, text: str, data: dict[str, Any], key: str) -> frozenset[str]:
    value = data.get(key)
    where = f"{path}:{_line_of(text, key)}"
    if not isinstance(value, list) or not value:
        raise ValueError(f"{where}: {key} must be a non-empty list of lemmas")
    bad = [item for item in value if not isinstance(item, str) or not item.strip() or item != item.lower()]
    if bad:
        raise ValueError(f"{where}: {key} has entries that are not lower-case words: {bad}")
    duplicates = sorted({item for item in value if value.count(item) > 1})
    if duplicates:
        raise ValueError(f"{where}: {key} lists {duplicates} twice")
    return frozenset(value)


@cache
def load_quote_cues(path: Path = CUES_PATH) -> QuoteCues:
    """Read the cue file; raise ValueError with file:line on a bad entry."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{path}:1: expected a mapping of cue lists")
    words = {key: _words(path, text, data, key) for key in WORD_LISTS}
    phrases = data.get("phrases")
    if not isinstance(phrases, list) or not all(
        isinstance(phrase, list) and len(phrase) >= 2 and all(isinstance(word, str) for word in phrase)
        for phrase in phrases
    ):
        raise ValueError(f"{path}:{_line_of(text, 'phrases')}: phrases must be lists of two or more words")
    pronouns = data.get("pronouns")
    if not isinstance(pronouns, dict):
        raise ValueError(f"{path}:{_line_of(text, 'pronouns')}: pronouns must map person/group to lists")
    return QuoteCues(
        **words,
        phrases=tuple(tuple(word.lower() for word in phrase) for phrase in phrases),
        person_pronouns=_words(path, text, pronouns, "person"),
        group_pronouns=_words(path, text, pronouns, "group"),
    )
