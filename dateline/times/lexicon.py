"""The times stage's knowledge: the time vocabulary of knowledge/time_words.yaml and the number words of
knowledge/number_words.tsv, read once by `load_time_knowledge()` (pipeline.load_resources) and passed to every rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from dateline.knowledge import KnowledgeError, entries, knowledge_path, read_yaml, where, yaml_section, yaml_words
from dateline.numbers import NUMBER_WORDS_FILE, NumberWords, load_number_words

TIME_WORDS_FILE = knowledge_path("time_words.yaml")

# Mapping section name → the type every value in it must have.
_SECTIONS: dict[str, type] = {
    "months": int,
    "weekdays": int,
    "seasons": str,
    "units": str,
    "time_units": str,
    "parts_of_day": str,
    "clock_words": str,
    "ordinals": int,
    "reference_words": str,
    "set_words": str,
    "holidays": str,
    "relative_days": int,
}
# List sections: plain word lists.
_WORD_SECTIONS = (
    "leading_words",
    "forward_leading_words",
    "part_leading_words",
    "forward_verbs",
    "left_to_the_model",
)
_UNIT_VALUE = re.compile(r"^(\d*)([A-Z]{1,2})$")


@dataclass(frozen=True, slots=True)
class Unit:
    """A calendar unit as an ISO 8601 duration letter ("D", "W", "M", "Y", "Q", "WE") times a factor."""

    letter: str
    factor: int = 1
    is_time: bool = False  # hours, minutes, seconds: written after the "T" of a duration


# eq=False: compared and hashed by identity, so that the rules can cache the patterns they build from one vocabulary.
@dataclass(frozen=True, slots=True, eq=False)
class TimeKnowledge:
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    seasons: Mapping[str, str]
    units: Mapping[str, Unit]
    parts_of_day: Mapping[str, str]
    clock_words: Mapping[str, str]
    ordinals: Mapping[str, int]
    reference_words: Mapping[str, str]
    set_words: Mapping[str, str]
    holidays: Mapping[str, str]
    relative_days: Mapping[str, int]  # "yesterday" → -1: days from the article's date
    # Words that open a time phrase without changing its value ("on", "about"); those that point forward ("by",
    # "until") and those that name a part of the period after them ("the end of", "early") are words of this kind too.
    leading_words: frozenset[str]
    forward_leading_words: frozenset[str]
    part_leading_words: frozenset[str]
    forward_verbs: frozenset[str]  # lemmas whose "to"-complement is still to come: "plans to meet on Friday"
    left_to_the_model: frozenset[str]  # reference and set words our patterns do not look for on their own
    numbers: NumberWords  # number_words.tsv, for counts such as "three days"


def _section(path: Path, data: Any, name: str) -> dict[str, Any]:
    expected = _SECTIONS[name]
    section = yaml_section(path, data, name, dict)
    words = dict(entries(section))
    if not words:
        raise KnowledgeError(f"{where(path, section)}: section {name!r} is empty")
    for key, value in words.items():
        if not isinstance(key, str) or not isinstance(value, expected) or isinstance(value, bool):
            raise KnowledgeError(f"{where(path, section)}: {name}.{key} must map to a {expected.__name__}")
    return words


def _units(path: Path, data: Any, name: str, is_time: bool) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for word, value in _section(path, data, name).items():
        match = _UNIT_VALUE.match(value)
        if match is None:
            raise KnowledgeError(f"{where(path, data[name])}: unit {word!r} has a bad value {value!r}")
        units[word] = Unit(match.group(2), int(match.group(1) or 1), is_time)
    return units


@cache
def load_time_knowledge(path: Path = TIME_WORDS_FILE, numbers_path: Path = NUMBER_WORDS_FILE) -> TimeKnowledge:
    """Read and check the time vocabulary and the number words; a bad entry raises KnowledgeError naming file:line."""
    data = read_yaml(path)
    sections = {name: _section(path, data, name) for name in _SECTIONS}
    words = {name: yaml_words(path, data, name) for name in _WORD_SECTIONS}
    for kind in ("forward_leading_words", "part_leading_words"):
        if not words[kind] <= words["leading_words"]:
            extra = ", ".join(sorted(words[kind] - words["leading_words"]))
            raise KnowledgeError(f"{where(path, data)}: {kind} not in leading_words: {extra}")
    return TimeKnowledge(
        months=sections["months"],
        weekdays=sections["weekdays"],
        seasons=sections["seasons"],
        units=_units(path, data, "units", False) | _units(path, data, "time_units", True),
        parts_of_day=sections["parts_of_day"],
        clock_words=sections["clock_words"],
        ordinals=sections["ordinals"],
        reference_words=sections["reference_words"],
        set_words=sections["set_words"],
        holidays=sections["holidays"],
        relative_days=sections["relative_days"],
        leading_words=words["leading_words"],
        forward_leading_words=words["forward_leading_words"],
        part_leading_words=words["part_leading_words"],
        forward_verbs=words["forward_verbs"],
        left_to_the_model=words["left_to_the_model"],
        numbers=load_number_words(numbers_path),
    )
