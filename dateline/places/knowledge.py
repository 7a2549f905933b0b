"""The places stage's knowledge, read once by `load_place_knowledge()` (pipeline.load_resources) into one
`PlaceKnowledge`: the gazetteer (gazetteer.py) and the word lists of dateline/knowledge/places/ and
dateline/knowledge/event_places.yaml, compiled.

- cues.yaml: words around a mention (metonymy, locatives, region and town words, organisation and media words) and
  inside place names (direction words, first words of names, titles of people);
- event_places.yaml: words that make a name a street ("the 1900 block of Dover") or a police force's area;
- police_words.tsv: police words after a town's name ("Salina police") and police kinds that are no town;
- street_words.tsv: last words of street names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dateline.knowledge import (
    KnowledgeError,
    entries,
    knowledge_path,
    read_tsv,
    read_yaml,
    where,
    yaml_section,
    yaml_words,
)
from dateline.places.gazetteer import Gazetteer, build_gazetteer

CUES_FILE = knowledge_path("places", "cues.yaml")
EVENT_PLACES_FILE = knowledge_path("event_places.yaml")
POLICE_WORDS_FILE = knowledge_path("places", "police_words.tsv")
STREET_WORDS_FILE = knowledge_path("places", "street_words.tsv")
CUE_KEYS = (
    "metonymy_verbs_after",
    "metonymy_words_before",
    "locative_before",
    "relative_before",
    "region_after",
    "region_before",
    "town_before",
    "not_places",
    "org_words",
    "media_words",
    "feature_words",
    "modifier_after",
    "actor_nouns_after",
    "country_auxiliaries_after",
    "not_place_after",
    "not_capital_after",
    "type_words_after",
    "direction_words",
    "city_part_heads",
    "name_heads",
    "person_titles_before",
    "settlement_nouns",
    "town_part_after",
    "town_anaphor_nouns",
)
# Not compiled into patterns:
_WORD_SET_KEYS = frozenset({"person_titles_before", "settlement_nouns", "town_anaphor_nouns"})
_EVENT_CUE_KEYS = ("street_before", "street_after", "jurisdiction_after")
_POLICE_TOWN_WORDS = 3  # a town's name before a police word has at most this many words


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns: `*_before` match at the end of the text before a mention, `*_after` at its start."""

    metonymy_after: re.Pattern[str]
    metonymy_before: re.Pattern[str]
    modifier_after: re.Pattern[str]
    actor_noun_after: re.Pattern[str]
    country_auxiliary_after: re.Pattern[str]
    not_place_after: re.Pattern[str]
    not_capital_after: re.Pattern[str]  # "the capital gains": money, not a city
    locative_before: re.Pattern[str]
    relative_before: re.Pattern[str]
    region_after: re.Pattern[str]
    region_before: re.Pattern[str]
    town_before: re.Pattern[str]
    town_part_after: re.Pattern[str]  # "Baghdad's Karrada district": the name is a part of a town
    type_word_at_end: re.Pattern[str]  # a type word ending a name: "Anbar province", "Kirkuk city"
    person_title_before: re.Pattern[str]  # "Mr. ", "Gen. ": the name after it is a person's
    not_places: frozenset[str]
    org_words: frozenset[str]
    media_words: frozenset[str]
    feature_words: frozenset[str]
    direction_words: frozenset[str]
    city_part_heads: frozenset[str]  # "South Side", "Lower East Side": directions and one of these name a part of town
    name_heads: frozenset[str]
    settlement_nouns: frozenset[str]  # "the outskirts of X", "a district of X": X is a town
    town_anaphor_nouns: frozenset[str]  # "an attack on the town": the town named last before

    @property
    def no_place_alone(self) -> frozenset[str]:
        """Words that name no place on their own ("North" of "North Texas", "Fort" of "Fort Hood")."""
        return self.direction_words | self.name_heads


@dataclass(frozen=True)
class EventPlaceCues:
    """Compiled cues of dateline/knowledge/event_places.yaml: `*_before` match at the end of the text before a
    mention, `*_after` at its start."""

    street_before: re.Pattern[str]
    street_after: re.Pattern[str]
    jurisdiction_after: re.Pattern[str]


@dataclass(frozen=True)
class PoliceWords:
    after: re.Pattern[str]  # a capitalised name of up to three words, then a police word
    not_town: frozenset[str]


# eq=False: hashed by identity, so that the stage's speed caches can be keyed on it.
@dataclass(frozen=True, eq=False)
class PlaceKnowledge:
    """Everything the places stage reads, loaded once per process."""

    gazetteer: Gazetteer
    cues: Cues
    event_cues: EventPlaceCues
    police: PoliceWords
    street_words: frozenset[str]


def word_alternation(path: Path, data: Any, key: str) -> str:
    """A regex alternation of a cue file's word list, longest first, spaces matching any whitespace."""
    words = yaml_words(path, data, key)
    if not words:
        raise KnowledgeError(f"{where(path, data)}: {key!r} must be a non-empty list of words")
    longest_first = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in longest_first)


def _mapping_with(path: Path, keys: tuple[str, ...], *, exactly: bool) -> Any:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}:1: expected a mapping of word lists")
    present = {key for key, _ in entries(data) if isinstance(key, str)}
    missing = [key for key in keys if key not in present]
    if missing or (exactly and present != set(keys)):
        expected = "exactly the keys" if exactly else "the keys"
        raise KnowledgeError(f"{where(path, data)}: expected {expected} {', '.join(keys)}")
    return data


def load_cues(path: Path = CUES_FILE) -> Cues:
    """Read and compile the cue lists of cues.yaml (raises naming the file, line and key on a bad entry)."""
    data = _mapping_with(path, CUE_KEYS, exactly=False)
    words = {key: word_alternation(path, data, key) for key in CUE_KEYS if key not in _WORD_SET_KEYS}
    flags = re.IGNORECASE
    titles = yaml_section(path, data, "person_titles_before", list)
    if not titles or not all(isinstance(title, str) and title.strip() for title in titles):
        raise KnowledgeError(f"{where(path, data)}: `person_titles_before` must be a list of non-empty strings")
    return Cues(
        metonymy_after=re.compile(rf"^\s+(?:{words['metonymy_verbs_after']})\b", flags),
        modifier_after=re.compile(rf"^[-‐–](?:{words['modifier_after']})\b", flags),
        actor_noun_after=re.compile(rf"^\s+(?:{words['actor_nouns_after']})\b", flags),
        country_auxiliary_after=re.compile(
            rf"^\s+(?:{words['country_auxiliaries_after']})\s+(?!been\b|be\b|not\s+been\b)\w", flags
        ),
        not_place_after=re.compile(rf"^\s+(?:{words['not_place_after']})\b", flags),
        not_capital_after=re.compile(rf"^\s+(?:{words['not_capital_after']})\b", flags),
        metonymy_before=re.compile(rf"\b(?:{words['metonymy_words_before']})\s+(?:the\s+)?$", flags),
        locative_before=re.compile(rf"\b(?:{words['locative_before']})\s+(?:the\s+)?$", flags),
        relative_before=re.compile(rf"\b(?:{words['relative_before']})\s+(?:the\s+)?$", flags),
        region_after=re.compile(rf"^\s+(?:{words['region_after']})\b", flags),
        region_before=re.compile(rf"\b(?:{words['region_before']})\s+$", flags),
        town_before=re.compile(rf"\b(?:{words['town_before']})\s+$", flags),
        town_part_after=re.compile(rf"^\s+(?:{words['town_part_after']})\b", flags),
        type_word_at_end=re.compile(rf"\s+(?:{words['type_words_after']})$", flags),
        # As written: "Gen." is a title, "gen." is not.
        person_title_before=re.compile(rf"\b(?:{'|'.join(re.escape(t.strip()) for t in titles)})\.?\s+$"),
        not_places=yaml_words(path, data, "not_places"),
        org_words=yaml_words(path, data, "org_words"),
        media_words=yaml_words(path, data, "media_words"),
        feature_words=yaml_words(path, data, "feature_words"),
        direction_words=yaml_words(path, data, "direction_words"),
        city_part_heads=yaml_words(path, data, "city_part_heads"),
        name_heads=yaml_words(path, data, "name_heads"),
        settlement_nouns=yaml_words(path, data, "settlement_nouns"),
        town_anaphor_nouns=yaml_words(path, data, "town_anaphor_nouns"),
    )


def load_event_place_cues(path: Path = EVENT_PLACES_FILE) -> EventPlaceCues:
    """Read and compile the event place cues (raises naming the file, line and key on a bad entry)."""
    data = _mapping_with(path, _EVENT_CUE_KEYS, exactly=True)
    words = {key: word_alternation(path, data, key) for key in _EVENT_CUE_KEYS}
    return EventPlaceCues(
        street_before=re.compile(rf"\b(?:{words['street_before']})\s+(?:the\s+)?$", re.IGNORECASE),
        street_after=re.compile(rf"\s+(?:{words['street_after']})\b", re.IGNORECASE),
        jurisdiction_after=re.compile(rf"(?:\s+|'s\s+)(?:{words['jurisdiction_after']})\b", re.IGNORECASE),
    )


def load_police_words(path: Path = POLICE_WORDS_FILE) -> PoliceWords:
    """Read police_words.tsv; a bad row raises KnowledgeError naming file:line."""
    words: dict[str, list[str]] = {"after": [], "not_town": []}
    for row in read_tsv(path, ("kind", "words")):
        kind, word = row["kind"], row["words"].strip()
        if kind not in words:
            raise row.error(f"expected kind 'after' or 'not_town' and a word, got {kind!r}")
        words[kind].append(word.lower())
    after = "|".join(re.escape(w) for w in sorted(words["after"], key=len, reverse=True))
    name = r"[A-Z][\w'’-]*"
    pattern = rf"\b({name}(?: {name}){{0,{_POLICE_TOWN_WORDS - 1}}}) (?i:{after})\b"
    return PoliceWords(re.compile(pattern), frozenset(words["not_town"]))


def load_street_words(path: Path = STREET_WORDS_FILE) -> frozenset[str]:
    """Read street_words.tsv (one lower-case word per row); a bad row raises KnowledgeError naming file:line."""
    words = set()
    for row in read_tsv(path, ("word",)):
        word = row["word"].strip()
        if " " in word:
            raise row.error(f"expected one lower-case word, got {word!r}")
        words.add(word.lower())
    return frozenset(words)


@cache
def load_place_knowledge(gazetteer: Gazetteer | None = None) -> PlaceKnowledge:
    """The gazetteer (from its disk cache when current) and the compiled word lists; `gazetteer` replaces the built
    index (tests build small ones by hand)."""
    return PlaceKnowledge(
        gazetteer=build_gazetteer() if gazetteer is None else gazetteer,
        cues=load_cues(),
        event_cues=load_event_place_cues(),
        police=load_police_words(),
        street_words=load_street_words(),
    )
