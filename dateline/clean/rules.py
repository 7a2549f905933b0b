"""The boilerplate cues of dateline/knowledge/boilerplate.tsv, read once and compiled."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BOILERPLATE_PATH = Path(__file__).resolve().parent.parent / "knowledge" / "boilerplate.tsv"
PATTERN_KINDS = frozenset({"drop", "tail", "list", "attribution", "byline"})
WORD_KINDS = frozenset({"date_word", "photo_agency", "label_word"})
HEADER = ("kind", "pattern", "note")


class RulesFileError(ValueError):
    """A row of a knowledge file is malformed; the message names file:line."""


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


def _compile_row(pattern: str, where: str) -> str:
    """Check one pattern: it must compile and must not match the empty string (it would match everything)."""
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise RulesFileError(f"{where}: bad regular expression {pattern!r}: {error}") from error
    if compiled.search("") is not None:
        raise RulesFileError(f"{where}: pattern {pattern!r} matches the empty string")
    return pattern


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


def _join(patterns: list[str]) -> CuePattern:
    anchored = [pattern for pattern in patterns if pattern.startswith("^")]
    joined = re.compile("|".join(f"(?:{pattern})" for pattern in anchored), re.IGNORECASE) if anchored else None
    unanchored = tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns if not pattern.startswith("^"))
    return CuePattern(joined, unanchored)


@cache
def load_boilerplate_rules(path: Path = BOILERPLATE_PATH) -> BoilerplateRules:
    """Read the boilerplate cue file; a malformed row raises RulesFileError naming file:line."""
    patterns: dict[str, list[str]] = {kind: [] for kind in PATTERN_KINDS}
    words: dict[str, list[str]] = {kind: [] for kind in WORD_KINDS}
    header_seen = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path}:{number}"
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != HEADER:
                raise RulesFileError(f"{where}: expected the header {'<TAB>'.join(HEADER)}")
            header_seen = True
            continue
        kind, value = cells[0].strip(), (cells[1].strip() if len(cells) > 1 else "")
        if not value:
            raise RulesFileError(f"{where}: row has no pattern")
        if kind in PATTERN_KINDS:
            patterns[kind].append(_compile_row(value, where))
        elif kind in WORD_KINDS:
            words[kind].append(value)
        else:
            known = ", ".join(sorted(PATTERN_KINDS | WORD_KINDS))
            raise RulesFileError(f"{where}: unknown kind {kind!r}; expected one of {known}")
    empty = sorted(kind for kind, rows in (patterns | words).items() if not rows)
    if empty:
        raise RulesFileError(f"{path}: no rows of kind {', '.join(empty)}")
    return BoilerplateRules(
        drop=_join(patterns["drop"]),
        tail=_join(patterns["tail"]),
        list_head=_join(patterns["list"]),
        attribution=_join(patterns["attribution"]),
        byline=_join(patterns["byline"]),
        date_words=frozenset(word.casefold() for word in words["date_word"]),
        photo_agencies=tuple(words["photo_agency"]),
        label_words=frozenset(word.casefold() for word in words["label_word"]),
    )
