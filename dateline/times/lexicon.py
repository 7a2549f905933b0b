"""The time vocabulary (knowledge/time_words.yaml): month, weekday, unit and reference words, read once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

TIME_WORDS_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "time_words.yaml"

# Section name → the type every value in it must have.
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
}
_UNIT_VALUE = re.compile(r"^(\d*)([A-Z]{1,2})$")


@dataclass(frozen=True, slots=True)
class Unit:
    """A calendar unit as an ISO 8601 duration letter ("D", "W", "M", "Y", "Q", "WE") times a factor."""

    letter: str
    factor: int = 1
    is_time: bool = False  # hours, minutes, seconds: written after the "T" of a duration


# eq=False: compared and hashed by identity, so that the rules can cache the patterns they build from one vocabulary.
@dataclass(frozen=True, slots=True, eq=False)
class TimeWords:
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


def _line_of(text: str, key: str) -> int:
    """The line a YAML key is on, for error messages."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(f"{key}:"):
            return number
    return 0


def _section(data: Any, name: str, text: str, path: Path) -> dict[str, Any]:
    expected = _SECTIONS[name]
    section = data.get(name) if isinstance(data, dict) else None
    if not isinstance(section, dict) or not section:
        raise ValueError(f"{path}:{_line_of(text, name)}: section {name!r} missing or empty")
    for key, value in section.items():
        if not isinstance(key, str) or not isinstance(value, expected) or isinstance(value, bool):
            raise ValueError(f"{path}:{_line_of(text, str(key))}: {name}.{key} must map to a {expected.__name__}")
    return section


def _units(section: Mapping[str, str], is_time: bool, text: str, path: Path) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for word, value in section.items():
        match = _UNIT_VALUE.match(value)
        if match is None:
            raise ValueError(f"{path}:{_line_of(text, word)}: unit {word!r} has a bad value {value!r}")
        units[word] = Unit(match.group(2), int(match.group(1) or 1), is_time)
    return units


@cache
def load_time_words(path: Path = TIME_WORDS_PATH) -> TimeWords:
    """Read and check the time vocabulary; a bad entry raises ValueError naming file:line."""
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    sections = {name: _section(data, name, text, path) for name in _SECTIONS}
    units = _units(sections["units"], False, text, path) | _units(sections["time_units"], True, text, path)
    return TimeWords(
        months=sections["months"],
        weekdays=sections["weekdays"],
        seasons=sections["seasons"],
        units=units,
        parts_of_day=sections["parts_of_day"],
        clock_words=sections["clock_words"],
        ordinals=sections["ordinals"],
        reference_words=sections["reference_words"],
        set_words=sections["set_words"],
        holidays=sections["holidays"],
    )
