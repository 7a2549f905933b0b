"""The role lexicon (knowledge/actors/roles.yaml): words that give unnamed actors a sector, titles and offices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from dateline.actors.names import fold
from dateline.knowledge.loader import LINE_KEY, KnowledgeError, entries, knowledge_path, read_yaml, where

ROLES_PATH = knowledge_path("actors", "roles.yaml")
_ROLE_KEYS = frozenset(
    {
        "sectors",
        "group_words",
        "person_words",
        "modifier_words",
        "identity_words",
        "anaphora_words",
        "offices",
        "non_country_prefixes",
        "determiners",
        "quantifier_words",
        "story_words",
    }
)


# How a sector without a `name` in roles.yaml names its generic actor with a country: ACLED's "Civilians (Syria)".
NON_STATE_NAME = "{label} ({country})"


@dataclass(frozen=True, slots=True)
class SectorInfo:
    label: str
    acled_inter: int | None
    name: str = NON_STATE_NAME  # the generic actor's name with its country, ACLED-style (roles.yaml)

    def name_with(self, country: str, label: str | None = None) -> str:
        """The generic actor's name with its country's name: Military Forces of Israel, Rebel Groups (Syria)."""
        return self.name.replace("{label}", label or self.label).replace("{country}", country)


@dataclass(frozen=True)
class RoleLexicon:
    """Words that name actors by role. Phrase keys are folded (see names.fold)."""

    sectors: Mapping[str, SectorInfo]
    group_words: Mapping[str, str]  # "security forces" -> "MIL"
    person_words: Mapping[str, str]  # "spokesman" -> "GOV"
    modifier_words: Mapping[str, str]  # "military" -> "MIL"
    identity_words: Mapping[str, str]  # "shiite" -> "shia"
    anaphora_words: frozenset[str]
    office_titles: Mapping[str, str]  # "defense secretary" -> "defence minister"
    non_country_prefixes: frozenset[str]
    determiners: frozenset[str]  # "the", "its": dropped from the edges of a mention
    quantifier_words: frozenset[str]  # "both", "some": words before a role phrase that count rather than qualify it
    longest_phrase: int = 1  # words in the longest role phrase or title
    story_words: Mapping[str, str] = field(default_factory=dict)  # "officer" -> "COP" in a story about the police

    @property
    def offices(self) -> frozenset[str]:
        return frozenset(self.office_titles.values())

    @cached_property
    def leading_words(self) -> frozenset[str]:
        """Determiners and quantifier words: what may stand before a role phrase's modifiers."""
        return self.determiners | self.quantifier_words

    @cached_property
    def last_words(self) -> frozenset[str]:
        """The last word of every role phrase and title (a quick test that a noun chunk's head may name a role)."""
        phrases = [*self.group_words, *self.person_words, *self.anaphora_words, *self.office_titles]
        return frozenset(phrase.split()[-1] for phrase in phrases if phrase.split())


def _word_table(path: Path, data: Any, section: str, sectors: Mapping[str, SectorInfo]) -> dict[str, str]:
    """{SECTOR: [words]} → {folded word: SECTOR}, refusing unknown sectors and empty words."""
    table = data.get(section)
    if not isinstance(table, dict):
        raise KnowledgeError(f"{where(path, data)}: `{section}` must map sector codes to word lists")
    words: dict[str, str] = {}
    for sector, words_of_sector in entries(table):
        if sector not in sectors:
            raise KnowledgeError(f"{where(path, table)}: `{section}` uses unknown sector {sector!r}")
        if not isinstance(words_of_sector, list) or not all(
            isinstance(word, str) and fold(word) for word in words_of_sector
        ):
            raise KnowledgeError(f"{where(path, table)}: `{section}.{sector}` must be a list of non-empty words")
        for word in words_of_sector:
            words.setdefault(fold(word), sector)
    return words


def _sectors(path: Path, data: Any) -> dict[str, SectorInfo]:
    table = data.get("sectors")
    if not isinstance(table, dict):
        raise KnowledgeError(f"{where(path, data)}: `sectors` must be a mapping")
    sectors: dict[str, SectorInfo] = {}
    for code, info in entries(table):
        if not isinstance(info, dict) or not isinstance(info.get("label"), str):
            raise KnowledgeError(f"{where(path, table)}: sector {code!r} needs a `label`")
        inter = info.get("acled_inter")
        if inter is not None and not (isinstance(inter, int) and 1 <= inter <= 8):
            raise KnowledgeError(f"{where(path, info)}: sector {code!r}: acled_inter must be 1-8 or null")
        name = info.get("name", NON_STATE_NAME)
        if not isinstance(name, str) or "{country}" not in name:
            raise KnowledgeError(f"{where(path, info)}: sector {code!r}: `name` must hold {{country}}")
        sectors[code] = SectorInfo(label=info["label"], acled_inter=inter, name=name)
    return sectors


def _string_list(path: Path, data: Any, section: str) -> list[str]:
    entries = data.get(section)
    if not isinstance(entries, list) or not all(isinstance(entry, str) and fold(entry) for entry in entries):
        raise KnowledgeError(f"{where(path, data)}: `{section}` must be a list of non-empty strings")
    return [fold(entry) for entry in entries]


def _variant_table(path: Path, data: Any, section: str) -> dict[str, str]:
    """{canonical: [spellings]} → {folded spelling: canonical}."""
    table = data.get(section)
    if not isinstance(table, dict):
        raise KnowledgeError(f"{where(path, data)}: `{section}` must be a mapping")
    variants: dict[str, str] = {}
    for canonical, spellings in entries(table):
        if not isinstance(spellings, list) or not all(isinstance(word, str) and fold(word) for word in spellings):
            raise KnowledgeError(f"{where(path, table)}: `{section}.{canonical}` must be a list of spellings")
        variants[fold(str(canonical))] = str(canonical)
        for spelling in spellings:
            variants.setdefault(fold(spelling), str(canonical))
    return variants


@cache
def load_role_lexicon(path: Path = ROLES_PATH) -> RoleLexicon:
    """Read roles.yaml; raises KnowledgeError with file:line on a malformed section."""
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}:1: expected a mapping with keys {sorted(_ROLE_KEYS)}")
    unknown = set(data) - _ROLE_KEYS - {LINE_KEY}
    if unknown:
        raise KnowledgeError(f"{where(path, data)}: unknown section(s) {sorted(unknown)}")
    sectors = _sectors(path, data)
    group_words = _word_table(path, data, "group_words", sectors)
    person_words = _word_table(path, data, "person_words", sectors)
    office_titles = _variant_table(path, data, "offices")
    phrases = [*group_words, *person_words, *office_titles]
    return RoleLexicon(
        sectors=sectors,
        group_words=group_words,
        person_words=person_words,
        modifier_words=_word_table(path, data, "modifier_words", sectors),
        identity_words=_variant_table(path, data, "identity_words"),
        anaphora_words=frozenset(_string_list(path, data, "anaphora_words")),
        office_titles=office_titles,
        non_country_prefixes=frozenset(_string_list(path, data, "non_country_prefixes")),
        determiners=frozenset(_string_list(path, data, "determiners")),
        quantifier_words=frozenset(_string_list(path, data, "quantifier_words")),
        story_words=_word_table(path, data, "story_words", sectors) if "story_words" in data else {},
        longest_phrase=max((len(phrase.split()) for phrase in phrases), default=1),
    )
