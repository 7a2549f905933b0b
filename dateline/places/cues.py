"""Cue words around place mentions (dateline/knowledge/places/cues.yaml): metonymy, locatives, containers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

CUES_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "places" / "cues.yaml"
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
)


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns: `*_before` match at the end of the text before a mention, `*_after` at its start."""

    metonymy_after: re.Pattern[str]
    metonymy_before: re.Pattern[str]
    modifier_after: re.Pattern[str]
    actor_noun_after: re.Pattern[str]
    country_auxiliary_after: re.Pattern[str]
    not_place_after: re.Pattern[str]
    locative_before: re.Pattern[str]
    relative_before: re.Pattern[str]
    region_after: re.Pattern[str]
    region_before: re.Pattern[str]
    town_before: re.Pattern[str]
    not_places: frozenset[str]
    org_words: frozenset[str]
    media_words: frozenset[str]
    feature_words: frozenset[str]


def word_alternation(path: Path, key: str, words: object) -> str:
    """A regex alternation of a cue file's word list, longest first, spaces matching any whitespace."""
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
        raise ValueError(f"{path}: {key!r} must be a non-empty list of words")
    longest_first = sorted({w.strip().lower() for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in longest_first)


@cache
def load_cues(path: Path = CUES_FILE) -> Cues:
    """Read and compile the cue lists (raises naming the file and key on a bad entry)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of cue lists")
    missing = [key for key in CUE_KEYS if key not in data]
    if missing:
        raise ValueError(f"{path}: missing cue list(s) {', '.join(missing)}")
    words = {key: word_alternation(path, key, data[key]) for key in CUE_KEYS}
    flags = re.IGNORECASE
    return Cues(
        metonymy_after=re.compile(rf"^\s+(?:{words['metonymy_verbs_after']})\b", flags),
        modifier_after=re.compile(rf"^[-‐–](?:{words['modifier_after']})\b", flags),
        actor_noun_after=re.compile(rf"^\s+(?:{words['actor_nouns_after']})\b", flags),
        country_auxiliary_after=re.compile(
            rf"^\s+(?:{words['country_auxiliaries_after']})\s+(?!been\b|be\b|not\s+been\b)\w", flags
        ),
        not_place_after=re.compile(rf"^\s+(?:{words['not_place_after']})\b", flags),
        metonymy_before=re.compile(rf"\b(?:{words['metonymy_words_before']})\s+(?:the\s+)?$", flags),
        locative_before=re.compile(rf"\b(?:{words['locative_before']})\s+(?:the\s+)?$", flags),
        relative_before=re.compile(rf"\b(?:{words['relative_before']})\s+(?:the\s+)?$", flags),
        region_after=re.compile(rf"^\s+(?:{words['region_after']})\b", flags),
        region_before=re.compile(rf"\b(?:{words['region_before']})\s+$", flags),
        town_before=re.compile(rf"\b(?:{words['town_before']})\s+$", flags),
        not_places=frozenset(str(w).strip().lower() for w in data["not_places"]),
        org_words=frozenset(str(w).strip().lower() for w in data["org_words"]),
        media_words=frozenset(str(w).strip().lower() for w in data["media_words"]),
        feature_words=frozenset(str(w).strip().lower() for w in data["feature_words"]),
    )
