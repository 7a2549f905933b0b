"""The cleaning stage's knowledge: the boilerplate cues of knowledge/boilerplate.tsv, compiled, and the month names
of knowledge/time_words.yaml (shared with the times stage) for dates in page stamps.

`load_clean_knowledge()` reads both once (pipeline.load_resources); the stage passes the result down.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from dateline.clean.dates import DateWords, date_words
from dateline.knowledge import KnowledgeError, entries, knowledge_path, read_tsv, read_yaml, where, yaml_section

BOILERPLATE_FILE = knowledge_path("boilerplate.tsv")
TIME_WORDS_FILE = knowledge_path("time_words.yaml")
PATTERN_KINDS = frozenset({"drop", "tail", "list", "attribution", "byline"})
WORD_KINDS = frozenset({"date_word", "photo_agency", "label_word", "abbreviation"})


@dataclass(frozen=True, slots=True)
class CuePattern:
    """The cues of one kind, searched as one: the patterns anchored at the paragraph's start joined into one
    regex, the others each compiled alone. One regex of all of them made re try every alternative at every
    position of every paragraph, which was most of the cleaning time."""

    anchored: re.Pattern[str] | None
    unanchored: tuple[re.Pattern[str], ...]

    def search(self, text: str) -> re.Match[str] | None:
        """A match of any of the cues in `text`, else None."""
        found = self.anchored.search(text) if self.anchored is not None else None
        for pattern in self.unanchored:
            if found is not None:
                break
            found = pattern.search(text)
        return found


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    """Compiled cues, one regex per kind (alternatives joined), plus the literal word lists."""

    drop: CuePattern
    tail: CuePattern
    list_head: CuePattern
    attribution: CuePattern
    byline: CuePattern
    date_words: frozenset[str]
    photo_agencies: tuple[str, ...]
    label_words: frozenset[str]
    # Two sentences in one paragraph ("... said. (Posted on ...)", "... fled. Troops ..."), where a full stop after an
    # abbreviation ("Gen.", "Mr.") ends none: such a paragraph is story, not a headline.
    sentence_inside: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class CleanKnowledge:
    """Everything the cleaning stage reads: boilerplate cues and the words of written-out dates."""

    rules: BoilerplateRules
    dates: DateWords


def _checked_pattern(pattern: str, where_: str) -> str:
    """Check one pattern: it must compile and must not match the empty string (it would match everything)."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise KnowledgeError(f"{where_}: bad regular expression {pattern!r}: {error}") from error
    if compiled.search("") is not None:
        raise KnowledgeError(f"{where_}: pattern {pattern!r} matches the empty string")
    return pattern


def _join(patterns: list[str]) -> CuePattern:
    anchored = [pattern for pattern in patterns if pattern.startswith("^")]
    joined = re.compile("|".join(f"(?:{pattern})" for pattern in anchored), re.IGNORECASE) if anchored else None
    unanchored = tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns if not pattern.startswith("^"))
    return CuePattern(joined, unanchored)


def _sentence_inside(abbreviations: list[str]) -> re.Pattern[str]:
    words = "|".join(re.escape(word) for word in abbreviations)
    return re.compile(rf"\b(?!(?i:{words})\.)[A-Za-z]*[a-z]{{2}}[.!?][\"”’]?\s+[\"“(A-Z]")


def load_boilerplate_rules(path: Path = BOILERPLATE_FILE) -> BoilerplateRules:
    """Read the boilerplate cue file; a malformed row raises KnowledgeError naming file:line."""
    patterns: dict[str, list[str]] = {kind: [] for kind in PATTERN_KINDS}
    words: dict[str, list[str]] = {kind: [] for kind in WORD_KINDS}
    for row in read_tsv(path, ("kind", "pattern"), required=()):
        kind, value = row["kind"].strip(), row["pattern"].strip()
        if not value:
            raise row.error("row has no pattern")
        if kind in PATTERN_KINDS:
            patterns[kind].append(_checked_pattern(value, row.where))
        elif kind in WORD_KINDS:
            words[kind].append(value)
        else:
            known = ", ".join(sorted(PATTERN_KINDS | WORD_KINDS))
            raise row.error(f"unknown kind {kind!r}; expected one of {known}")
    empty = sorted(kind for kind, rows in (patterns | words).items() if not rows)
    if empty:
        raise KnowledgeError(f"{path}:0: no rows of kind {', '.join(empty)}")
    return BoilerplateRules(
        drop=_join(patterns["drop"]),
        tail=_join(patterns["tail"]),
        list_head=_join(patterns["list"]),
        attribution=_join(patterns["attribution"]),
        byline=_join(patterns["byline"]),
        date_words=frozenset(word.casefold() for word in words["date_word"]),
        photo_agencies=tuple(words["photo_agency"]),
        label_words=frozenset(word.casefold() for word in words["label_word"]),
        sentence_inside=_sentence_inside(words["abbreviation"]),
    )


def load_month_names(path: Path = TIME_WORDS_FILE) -> Mapping[str, int]:
    """The `months` section of time_words.yaml (lower-case name or abbreviation → 1-12)."""
    data = read_yaml(path)
    section = yaml_section(path, data, "months", dict)
    months = dict(entries(section))
    for name, number in months.items():
        if (
            not isinstance(name, str)
            or not isinstance(number, int)
            or isinstance(number, bool)
            or not 1 <= number <= 12
        ):
            raise KnowledgeError(f"{where(path, section)}: months.{name} must map to a month number 1-12")
    if not months:
        raise KnowledgeError(f"{where(path, section)}: no months")
    return months


@cache
def load_clean_knowledge(
    boilerplate_path: Path = BOILERPLATE_FILE, time_words_path: Path = TIME_WORDS_FILE
) -> CleanKnowledge:
    """Read the cleaning stage's knowledge files; a malformed row raises KnowledgeError naming file:line."""
    return CleanKnowledge(load_boilerplate_rules(boilerplate_path), date_words(load_month_names(time_words_path)))
