"""Shared by the wikievents and rams suites: the gold type tables, offsets of dateline's cleaned text mapped back
onto the gold text, and the comparison of a reported party (a source, recipient or location as `dateline extract`
prints it) with a gold argument, by the rules of the held-out checks' scorers (../shared/tools).

A party is right for a gold argument when its words, found in the event's evidence sentence (else the nearest
place before it), overlap the gold argument's span, or when it shares a head word with it: the gold argument's last
word before a preposition or clause and its capitalised name words, lower-cased, accents folded, plural -s dropped,
pronouns and stopwords aside, country names and their short forms ("U.S.", "America") as one.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from dateline.knowledge.loader import KnowledgeError, knowledge_path, read_tsv, read_yaml, yaml_section, yaml_words

Span = tuple[int, int]
Record = dict[str, Any]  # a record as `dateline extract` prints it (records.to_json)
MAPPINGS_FILE = knowledge_path("eval_event_mappings.tsv")
WORDS_FILE = knowledge_path("eval_argument_words.yaml")


@dataclass(frozen=True)
class TypeRule:
    prefix: str
    plover: frozenset[str]
    recall: str  # yes, meeting, agent, no ("" for rams)


@dataclass(frozen=True)
class ArgumentWords:
    """eval_argument_words.yaml, compiled."""

    meeting: re.Pattern[str]
    weapon: re.Pattern[str]
    violent: re.Pattern[str]
    count: re.Pattern[str]
    pronouns: frozenset[str]
    stopwords: frozenset[str]
    cut: frozenset[str]
    aliases: dict[str, str]  # name -> "#" + country key


@cache
def type_rules(scheme: str) -> tuple[TypeRule, ...]:
    """The rows of eval_event_mappings.tsv for one scheme (kairos, rams)."""
    rules = []
    for row in read_tsv(MAPPINGS_FILE, ("scheme", "prefix", "plover_types", "recall"), required=("scheme", "prefix")):
        if row["scheme"] == scheme:
            rules.append(TypeRule(row["prefix"], frozenset(row["plover_types"].split()), row["recall"].strip()))
    if not rules:
        raise KnowledgeError(f"{MAPPINGS_FILE}:0: no rows for the scheme {scheme!r}")
    return tuple(rules)


def rule_for(gold_type: str, rules: Sequence[TypeRule]) -> TypeRule | None:
    """The rule of the longest prefix that starts the gold type, if any."""
    matching = [rule for rule in rules if gold_type.startswith(rule.prefix)]
    return max(matching, key=lambda rule: len(rule.prefix)) if matching else None


def _alternation(data: Any, key: str, whole: bool) -> re.Pattern[str]:
    words = yaml_section(WORDS_FILE, data, key, list)
    body = "|".join(str(word) for word in words)
    return re.compile(rf"^({body})$" if whole else rf"\b({body})\b", re.IGNORECASE)


@cache
def argument_words() -> ArgumentWords:
    data = read_yaml(WORDS_FILE)
    aliases: dict[str, str] = {}
    for key, names in yaml_section(WORDS_FILE, data, "country_aliases", dict).items():
        if key != "__line__":
            aliases |= {str(name): f"#{key}" for name in names}
    return ArgumentWords(
        meeting=_alternation(data, "meeting", whole=False),
        weapon=_alternation(data, "weapon", whole=False),
        violent=_alternation(data, "violent", whole=False),
        count=_alternation(data, "count", whole=True),
        pronouns=yaml_words(WORDS_FILE, data, "pronouns"),
        stopwords=yaml_words(WORDS_FILE, data, "stopwords"),
        cut=yaml_words(WORDS_FILE, data, "cut"),
        aliases=aliases,
    )


# --- Offsets --------------------------------------------------------------------------------------------------


class Aligner:
    """Character offsets of dateline's cleaned text -> offsets of the text it was given (the gold text).

    The non-space characters of both are matched in order (difflib where the cleaner dropped lines)."""

    def __init__(self, ours: str, theirs: str) -> None:
        self.same = ours == theirs
        self.map: dict[int, int] = {}
        if self.same:
            self.keys: list[int] = []
            self.ours: frozenset[int] = frozenset()
            return
        mine = [i for i, char in enumerate(ours) if not char.isspace()]
        cleaned = [i for i, char in enumerate(theirs) if not char.isspace()]
        mine_text, cleaned_text = "".join(ours[i] for i in mine), "".join(theirs[i] for i in cleaned)
        if mine_text == cleaned_text:
            self.map = dict(zip(cleaned, mine, strict=True))
        else:
            matcher = difflib.SequenceMatcher(None, mine_text, cleaned_text, autojunk=False)
            for block in matcher.get_matching_blocks():
                for k in range(block.size):
                    self.map[cleaned[block.b + k]] = mine[block.a + k]
        self.keys = sorted(self.map)
        self.ours = frozenset(self.map.values())

    def kept(self, start: int, end: int) -> bool:
        """Whether the cleaned text still holds any of our characters [start, end)."""
        return self.same or any(i in self.ours for i in range(start, end))

    def span(self, start: int | None, end: int | None) -> Span | None:
        """A span of the cleaned text as a span of ours (None when it maps to nothing)."""
        if start is None or end is None:
            return None
        if self.same:
            return start, end
        first, last = bisect.bisect_left(self.keys, start), bisect.bisect_left(self.keys, end) - 1
        if first > last or first >= len(self.keys):
            return None
        return self.map[self.keys[first]], self.map[self.keys[last]] + 1


def mapped(aligner: Aligner, span: Record | None) -> Span | None:
    """A printed {start, end} (evidence, trigger, mention) in gold offsets."""
    if not span:
        return None
    return aligner.span(span.get("start"), span.get("end"))


# --- Words ----------------------------------------------------------------------------------------------------

_WORDS = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019.\-]*[A-Za-z0-9]|[A-Za-z0-9]")


def fold(text: str) -> str:
    """Accents dropped ("Türkiye" -> "Turkiye")."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def norm(word: str) -> str:
    """A word compared: folded, lower-cased, without dots, possessive 's and a plural -s."""
    word = fold(word).lower().replace("\u2019", "'").replace(".", "")
    word = re.sub(r"'s$", "", word)
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def words(text: str | None) -> list[str]:
    return _WORDS.findall(fold(text or ""))


def alias(text: str | None) -> set[str]:
    """ "U.S.", "America", "United States" -> one key, for the whole phrase and for its capitalised words."""
    aliases = argument_words().aliases

    def key(phrase: str) -> str:
        return re.sub(r"^the ", "", " ".join(fold(phrase).lower().replace(".", "").split()))

    candidates = [key(phrase) for phrase in [text or "", *words(text)] if any(char.isupper() for char in phrase)]
    return {aliases[candidate] for candidate in candidates if candidate in aliases}


def heads(text: str) -> set[str]:
    """The head word of a gold argument (last word before a preposition or clause) and its proper-name parts."""
    vocabulary = argument_words()
    found = words(text)
    cut = next((i for i, word in enumerate(found) if word.lower() in vocabulary.cut and i > 0), len(found))
    out = {norm(found[cut - 1])} if cut else set()
    out |= {norm(word) for word in found[:cut] if word[:1].isupper() and len(word) > 2}
    return {head for head in out if head not in vocabulary.pronouns and head not in vocabulary.stopwords} | alias(text)


def bag(party: Record) -> set[str]:
    """The compared words of a reported party: its text and resolved name."""
    vocabulary = argument_words()
    text, name = party.get("text") or "", party.get("name") or ""
    found = {norm(word) for word in words(f"{text} {name}")} - vocabulary.stopwords - vocabulary.pronouns
    return found | alias(text) | alias(name)


def parties(event: Record, field: str) -> list[Record]:
    """The reported source or recipient actors, or the location as a one-item list."""
    if field == "location":
        return [event["location"]] if event.get("location") else []
    return [party for party in event.get(field) or [] if party]


def located(party: Record, event: Record, cleaned: str, aligner: Aligner, lookback: int | None) -> list[Span]:
    """Gold-offset spans of a party's words: in the event's evidence sentence, else the nearest before it (within
    `lookback` characters; None: anywhere before)."""
    words_of = (party.get("text") or "").strip()
    evidence = event["evidence"]
    if not words_of:
        return []
    start, end = evidence["start"], evidence["end"]
    hits = [m.start() + start for m in re.finditer(re.escape(words_of), cleaned[start:end])]
    if not hits:
        origin = 0 if lookback is None else max(0, start - lookback)
        before = [m.start() + origin for m in re.finditer(re.escape(words_of), cleaned[origin:start])]
        hits = before[-1:]
    return [span for span in (aligner.span(hit, hit + len(words_of)) for hit in hits) if span]


def any_overlap(first: Iterable[Span], second: Iterable[Span]) -> bool:
    wanted = list(second)
    return any(start < other_end and other_start < end for start, end in first for other_start, other_end in wanted)
