"""The role lexicon (knowledge/actors/roles.yaml): words that give unnamed actors a sector, titles and offices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import yaml

from dateline.actors.names import fold

ACTORS_DIR = Path(__file__).resolve().parent.parent / "knowledge" / "actors"
ROLES_PATH = ACTORS_DIR / "roles.yaml"
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
    }
)


class KnowledgeError(ValueError):
    """A knowledge file is malformed; the message starts with file:line."""


@dataclass(frozen=True, slots=True)
class SectorInfo:
    label: str
    acled_inter: int | None


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
    longest_phrase: int = 1  # words in the longest role phrase or title

    @property
    def offices(self) -> frozenset[str]:
        return frozenset(self.office_titles.values())

    @cached_property
    def last_words(self) -> frozenset[str]:
        """The last word of every role phrase and title (a quick test that a noun chunk's head may name a role)."""
        phrases = [*self.group_words, *self.person_words, *self.anaphora_words, *self.office_titles]
        return frozenset(phrase.split()[-1] for phrase in phrases if phrase.split())


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records the line of every mapping under the key "__line__"."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def read_yaml(path: Path) -> Any:
    """Parse a YAML file, turning syntax errors into KnowledgeError with file:line."""
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        raise KnowledgeError(f"{path}:{line}: {error.problem}") from error


def _where(path: Path, data: Any) -> str:
    line = data.get("__line__", 0) if isinstance(data, dict) else 0
    return f"{path}:{line}"


def _word_table(path: Path, data: Any, section: str, sectors: Mapping[str, SectorInfo]) -> dict[str, str]:
    """{SECTOR: [words]} → {folded word: SECTOR}, refusing unknown sectors and empty words."""
    table = data.get(section)
    if not isinstance(table, dict):
        raise KnowledgeError(f"{_where(path, data)}: `{section}` must map sector codes to word lists")
    words: dict[str, str] = {}
    for sector, entries in table.items():
        if sector == "__line__":
            continue
        if sector not in sectors:
            raise KnowledgeError(f"{_where(path, table)}: `{section}` uses unknown sector {sector!r}")
        if not isinstance(entries, list) or not all(isinstance(word, str) and fold(word) for word in entries):
            raise KnowledgeError(f"{_where(path, table)}: `{section}.{sector}` must be a list of non-empty words")
        for word in entries:
            words.setdefault(fold(word), sector)
    return words


def _sectors(path: Path, data: Any) -> dict[str, SectorInfo]:
    table = data.get("sectors")
    if not isinstance(table, dict):
        raise KnowledgeError(f"{_where(path, data)}: `sectors` must be a mapping")
    sectors: dict[str, SectorInfo] = {}
    for code, info in table.items():
        if code == "__line__":
            continue
        if not isinstance(info, dict) or not isinstance(info.get("label"), str):
            raise KnowledgeError(f"{_where(path, table)}: sector {code!r} needs a `label`")
        inter = info.get("acled_inter")
        if inter is not None and not (isinstance(inter, int) and 1 <= inter <= 8):
            raise KnowledgeError(f"{_where(path, info)}: sector {code!r}: acled_inter must be 1-8 or null")
        sectors[code] = SectorInfo(label=info["label"], acled_inter=inter)
    return sectors


def _string_list(path: Path, data: Any, section: str) -> list[str]:
    entries = data.get(section)
    if not isinstance(entries, list) or not all(isinstance(entry, str) and fold(entry) for entry in entries):
        raise KnowledgeError(f"{_where(path, data)}: `{section}` must be a list of non-empty strings")
    return [fold(entry) for entry in entries]


def _variant_table(path: Path, data: Any, section: str) -> dict[str, str]:
    """{canonical: [spellings]} → {folded spelling: canonical}."""
    table = data.get(section)
    if not isinstance(table, dict):
        raise KnowledgeError(f"{_where(path, data)}: `{section}` must be a mapping")
    variants: dict[str, str] = {}
    for canonical, spellings in table.items():
        if canonical == "__line__":
            continue
        if not isinstance(spellings, list) or not all(isinstance(word, str) and fold(word) for word in spellings):
            raise KnowledgeError(f"{_where(path, table)}: `{section}.{canonical}` must be a list of spellings")
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
    unknown = set(data) - _ROLE_KEYS - {"__line__"}
    if unknown:
        raise KnowledgeError(f"{_where(path, data)}: unknown section(s) {sorted(unknown)}")
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
        longest_phrase=max((len(phrase.split()) for phrase in phrases), default=1),
    )
