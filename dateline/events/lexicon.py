"""The event knowledge: trigger rules, word classes, refine rules, argument words, factuality cues and the two
taxonomies.

Read from dateline/knowledge/event_lexicon.yaml, event_cues.yaml and event_types.yaml (their headers describe the
format) through dateline.knowledge.loader; every bad entry raises KnowledgeError (a ValueError) naming file:line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from dateline.knowledge import loader
from dateline.knowledge.loader import LINE_KEY, KnowledgeError, knowledge_path
from dateline.records import PLOVER_TYPES, AcledType

LEXICON_PATH = knowledge_path("event_lexicon.yaml")
CUES_PATH = knowledge_path("event_cues.yaml")
TYPES_PATH = knowledge_path("event_types.yaml")

ARGUMENT_TESTS = ("object", "subject", "modifier")
FRAMES = ("default", "symmetric", "undergoer")


def split_entry(entry: str) -> tuple[str, ...]:
    """Words of a lexicon entry, lower-cased; hyphens separate words as spaCy's tokenizer separates them."""
    return tuple(part for part in re.split(r"[\s\-]+", entry.strip().lower()) if part)


@dataclass(frozen=True)
class WordClass:
    """Named words: single lemmas, multi-word phrases and spaCy entity labels (written "@GPE")."""

    name: str
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    labels: frozenset[str]

    @cached_property
    def phrase_starts(self) -> frozenset[str]:
        """The first words of the phrases: a text can hold one of the phrases only if it has one of these."""
        return frozenset(phrase[0] for phrase in self.phrases)


@dataclass(frozen=True)
class Tests:
    """Conditions on a trigger's surroundings; see the header of event_lexicon.yaml."""

    object: tuple[str, ...] = ()
    object_head: tuple[str, ...] = ()  # a class in the object's head word (or, after a part word, its "of" phrase)
    subject: tuple[str, ...] = ()
    modifier: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    prep: frozenset[str] = frozenset()
    trigger: frozenset[str] = frozenset()
    governor: tuple[str, ...] = ()  # a class in the word the trigger is the object of ("blamed X for the strike")

    def __bool__(self) -> bool:
        tests = (
            self.object,
            self.object_head,
            self.subject,
            self.modifier,
            self.context,
            self.prep,
            self.trigger,
            self.governor,
        )
        return any(tests)


@dataclass(frozen=True)
class TriggerRule:
    """One entry of event_lexicon.yaml."""

    line: int
    words: tuple[str, ...]  # one lemma, or the words of a phrase
    pos: frozenset[str]
    type: str
    mode: str | None
    acled: str | None
    weight: float
    weak: bool
    symmetric: bool
    undergoer: bool  # the subject is who it happened to: "the army lost control of the city"
    requires: Tests
    excludes: Tests


@dataclass(frozen=True)
class RefineRule:
    """One entry of `refine` in event_cues.yaml."""

    line: int
    from_acled: frozenset[str]
    types: frozenset[str]
    when: Tests
    unless: tuple[str, ...]
    acled: str | None
    mode: str | None

    def may_change(self, kind: str, acled: str | None) -> bool:
        """Whether the rule applies to events of this PLOVER type and ACLED sub-type (its `from` and `type`)."""
        if self.from_acled and acled not in self.from_acled:
            return False
        return not (self.types and kind not in self.types)


@dataclass(frozen=True)
class ArgumentWords:
    """`arguments` in event_cues.yaml: the words that tell who did what to whom, and where, from the parse."""

    light_verbs: frozenset[str]  # "launched an attack": the verb's subject did what the noun names
    patient_of_nouns: frozenset[str]  # "the killing of 72 villagers": the "of" phrase names the victim
    harm_verbs: frozenset[str]  # "the attack killed five soldiers": the object is the victim
    target_preps: frozenset[str]  # "an attack on the convoy": the object names the target
    responsibility_heads: frozenset[str]  # "claimed responsibility for the attack": the claimant is the source
    media_nouns: frozenset[str]  # a phrase headed by one names a news outlet, never a party
    party_classes: tuple[str, ...]  # word classes whose words make a phrase a party ("villagers", "militants")
    person_pronouns: frozenset[str]  # pronouns that stand for a person named before
    group_pronouns: frozenset[str]  # pronouns that stand for an organisation, country or group named before
    anaphoric_determiners: frozenset[str]  # "their assault", "the fighting": an event noun that continues one
    locative_preps: frozenset[str]  # "in Hilla", "near the airport": a place under one locates the event


@dataclass(frozen=True)
class EventnessWords:
    """`eventness` in event_cues.yaml: the words the grammar rules of events/eventness.py read (see its docstring)."""

    generic_determiners: frozenset[str]  # "any attack", "every attack": no occurrence in particular
    new_occurrence_words: frozenset[str]  # "another blast", "a second attack": not the one told before
    aggregate_words: frozenset[str]  # "a series of attacks", "countless attacks": many occurrences told as one
    frequency_words: frozenset[str]  # "attacks every week", "daily raids": a habit, not an occurrence
    continuation_verbs: frozenset[str]  # "continues to conduct attacks", "stepped up attacks": a habit
    campaign_nouns: frozenset[str]  # "the fight against IS": a campaign against a party, no occurrence
    intent_nouns: frozenset[str]  # "an effort to retake the city": a specific intended act (kept, not asserted)
    handling_verbs: frozenset[str]  # "made bombs", "carried the bombs": a weapon something is done with
    part_words: frozenset[str]  # "a third of the country", "control of the town": the "of" phrase is the object
    verbal_types: frozenset[str]  # PLOVER types of verbal acts: events only when a party performs them
    content_types: frozenset[str]  # PLOVER types whose content is no event of its own ("called for the arrest")
    statement_types: frozenset[str]  # PLOVER types of statements: placed only by a place phrase of their own
    ending_verbs: frozenset[str]  # "ending a siege", "broke the siege": what is ended is an occurrence of its own
    gathering_verbs: frozenset[str]  # "crowds gathered to celebrate": a gathering is a protest only for a protest
    comparative_words: frozenset[str]  # "would turn to more bombings": an amount of occurrences, none in particular
    protest_nouns: frozenset[str]  # "pulled back in protest": the act is told as the protest, not beside it
    forcible_verbs: frozenset[str]  # "stormed the jail, freeing 300 prisoners": a release forced, no concession


@dataclass(frozen=True)
class FactualityCues:
    negating_verbs: frozenset[str]
    hypothetical_modals: frozenset[str]
    future_modals: frozenset[str]
    hypothetical_verbs: frozenset[str]
    hypothetical_nouns: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    future_verbs: frozenset[str]
    future_nouns: frozenset[str]  # "the promise that the army would push them out": a pledge, not an act yet
    future_adjectives: frozenset[str]
    conditional_marks: frozenset[str]
    reporting_verbs: frozenset[str]
    carrying_verbs: frozenset[str]  # "did not launch an attack": their negation denies the event noun they carry


@dataclass(frozen=True)
class EventLexicon:
    """Trigger words and their PLOVER type, mode and ACLED mapping, with the cues that refine them."""

    arguments: ArgumentWords
    rules_by_head: Mapping[str, tuple[TriggerRule, ...]] = field(default_factory=dict)
    classes: Mapping[str, WordClass] = field(default_factory=dict)
    refine: tuple[RefineRule, ...] = ()
    factuality: FactualityCues | None = None
    eventness: EventnessWords | None = None
    acled_types: Mapping[str, AcledType] = field(default_factory=dict)
    acled_rank: Mapping[str, int] = field(default_factory=dict)
    modes: Mapping[str, frozenset[str]] = field(default_factory=dict)

    @cached_property
    def refine_by_type(self) -> Mapping[tuple[str, str | None], tuple[RefineRule, ...]]:
        """The refine rules that may change an event of each (PLOVER type, ACLED sub-type or None), in file order.

        Worked out once: most rules are for other types, and every event would test them all."""
        return {
            (kind, acled): tuple(rule for rule in self.refine if rule.may_change(kind, acled))
            for kind in PLOVER_TYPES
            for acled in (None, *self.acled_types)
        }


def _read_yaml(path: Path) -> dict[str, Any]:
    data = loader.read_yaml(path)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}:1: expected a mapping at the top")
    return data


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
        raise KnowledgeError(f"{where}: expected a word or a list of words, got {value!r}")
    return tuple(item.strip() for item in items)


def _word_class(name: str, entries: Any, where: str) -> WordClass:
    words: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    labels: set[str] = set()
    for entry in _strings(entries, where):
        if entry.startswith("@"):
            labels.add(entry[1:])
            continue
        parts = split_entry(entry)
        if len(parts) == 1:
            words.add(parts[0])
        elif parts:
            phrases.append(parts)
    if not (words or phrases or labels):
        raise KnowledgeError(f"{where}: word class {name!r} is empty")
    return WordClass(name, frozenset(words), tuple(phrases), frozenset(labels))


def _tests(raw: Any, where: str, classes: Mapping[str, WordClass]) -> Tests:
    if raw is None:
        return Tests()
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: expected a mapping of tests, got {raw!r}")
    known = {"object", "object_head", "subject", "modifier", "context", "prep", "trigger", "governor", LINE_KEY}
    unknown = set(raw) - known
    if unknown:
        raise KnowledgeError(f"{where}: unknown test(s) {', '.join(sorted(unknown))}")
    keys = ("object", "object_head", "subject", "modifier", "context", "governor")
    named = {key: _strings(raw.get(key), where) for key in keys}
    for key, names in named.items():
        missing = [name for name in names if name not in classes]
        if missing:
            raise KnowledgeError(f"{where}: {key} names unknown word class(es) {', '.join(missing)}")
    return Tests(
        object=named["object"],
        object_head=named["object_head"],
        subject=named["subject"],
        modifier=named["modifier"],
        context=named["context"],
        prep=frozenset(word.lower() for word in _strings(raw.get("prep"), where)),
        trigger=frozenset(word.lower() for word in _strings(raw.get("trigger"), where)),
        governor=named["governor"],
    )


def _check_label(
    where: str, kind: str, mode: str | None, acled: str | None, modes: Mapping[str, frozenset[str]], acled_names: Any
) -> None:
    if kind not in PLOVER_TYPES:
        raise KnowledgeError(f"{where}: {kind!r} is not a PLOVER type")
    if mode is not None and mode not in modes.get(kind, frozenset()):
        raise KnowledgeError(f"{where}: mode {mode!r} is not listed for {kind} in {TYPES_PATH.name}")
    if acled is not None and acled not in acled_names:
        raise KnowledgeError(f"{where}: {acled!r} is not an ACLED sub-event type listed in {TYPES_PATH.name}")


def _trigger_rule(
    raw: Any, path: Path, classes: Mapping[str, WordClass], modes: Mapping[str, frozenset[str]], acled: Any
) -> list[TriggerRule]:
    line = raw.get(LINE_KEY, 0) if isinstance(raw, dict) else 0
    where = f"{path}:{line}"
    if not isinstance(raw, dict) or ("lemmas" in raw) == ("phrase" in raw) or "type" not in raw:
        raise KnowledgeError(f"{where}: a trigger needs `type` and exactly one of `lemmas` or `phrase`")
    weight = float(raw.get("weight", 0.6))
    if not 0.0 < weight <= 1.0:
        raise KnowledgeError(f"{where}: weight must be in (0, 1], got {weight}")
    kind, mode, sub_type = str(raw["type"]), raw.get("mode"), raw.get("acled")
    if raw.get("frame", "default") not in FRAMES:
        raise KnowledgeError(f"{where}: frame must be one of {', '.join(FRAMES)}, got {raw.get('frame')!r}")
    _check_label(where, kind, mode, sub_type, modes, acled)
    pos = frozenset(_strings(raw.get("pos"), where) or ("VERB", "NOUN"))
    common = {
        "line": line,
        "pos": pos,
        "type": kind,
        "mode": mode,
        "acled": sub_type,
        "weight": weight,
        "weak": bool(raw.get("weak", False)),
        "symmetric": raw.get("frame", "default") == "symmetric",
        "undergoer": raw.get("frame", "default") == "undergoer",
        "requires": _tests(raw.get("requires"), where, classes),
        "excludes": _tests(raw.get("excludes"), where, classes),
    }
    if "phrase" in raw:
        words = split_entry(str(raw["phrase"]))
        if len(words) < 2:
            raise KnowledgeError(f"{where}: a phrase needs two or more words, got {raw['phrase']!r}")
        return [TriggerRule(words=words, **common)]
    return [TriggerRule(words=(lemma.lower(),), **common) for lemma in _strings(raw["lemmas"], where)]


def _refine_rule(raw: Any, path: Path, classes: Mapping[str, WordClass], modes: Any, acled: Any) -> RefineRule:
    line = raw.get(LINE_KEY, 0) if isinstance(raw, dict) else 0
    where = f"{path}:{line}"
    if not isinstance(raw, dict) or not ("from" in raw or "type" in raw) or not ("acled" in raw or "mode" in raw):
        raise KnowledgeError(f"{where}: a refine rule needs `from` or `type`, and `acled` or `mode`")
    from_acled = frozenset(_strings(raw.get("from"), where))
    unknown = [name for name in from_acled if name not in acled]
    if unknown or (raw.get("acled") is not None and raw["acled"] not in acled):
        raise KnowledgeError(f"{where}: unknown ACLED sub-event type in {raw!r}")
    types = frozenset(_strings(raw.get("type"), where))
    if any(kind not in PLOVER_TYPES for kind in types):
        raise KnowledgeError(f"{where}: unknown PLOVER type in {sorted(types)}")
    unless = _strings(raw.get("unless"), where)
    if any(name not in classes for name in unless):
        raise KnowledgeError(f"{where}: `unless` names an unknown word class")
    return RefineRule(line, from_acled, types, _tests(raw.get("when"), where, classes), unless, raw.get("acled"),
                      raw.get("mode"))  # fmt: skip


def _factuality(path: Path, data: dict[str, Any]) -> FactualityCues:
    raw = loader.yaml_section(path, data, "factuality", dict)
    return FactualityCues(**{item.name: loader.yaml_words(path, raw, item.name) for item in fields(FactualityCues)})


def _eventness(path: Path, data: dict[str, Any]) -> EventnessWords:
    raw = loader.yaml_section(path, data, "eventness", dict)
    words = {item.name: loader.yaml_words(path, raw, item.name) for item in fields(EventnessWords)}
    for key in ("verbal_types", "content_types", "statement_types"):
        words[key] = frozenset(word.upper() for word in words[key])
        unknown = sorted(words[key] - set(PLOVER_TYPES))
        if unknown:
            raise KnowledgeError(f"{loader.where(path, raw)}: `{key}` names unknown PLOVER type(s) {unknown}")
    return EventnessWords(**words)


def _arguments(path: Path, data: dict[str, Any], classes: Mapping[str, WordClass]) -> ArgumentWords:
    raw = loader.yaml_section(path, data, "arguments", dict)
    party_classes = tuple(loader.yaml_section(path, raw, "party_classes", list))
    unknown = [name for name in party_classes if name not in classes]
    if unknown:
        raise KnowledgeError(f"{loader.where(path, raw)}: party_classes names unknown word class(es) {unknown}")
    words = {item.name: loader.yaml_words(path, raw, item.name) for item in fields(ArgumentWords)
             if item.name != "party_classes"}  # fmt: skip
    return ArgumentWords(party_classes=party_classes, **words)


def _taxonomies(path: Path) -> tuple[dict[str, frozenset[str]], dict[str, AcledType], dict[str, int]]:
    data = _read_yaml(path)
    plover = data.get("plover")
    if not isinstance(plover, dict) or set(plover) - {LINE_KEY} != set(PLOVER_TYPES):
        raise KnowledgeError(f"{path}:1: `plover` must list exactly the 16 PLOVER types")
    modes = {kind: frozenset(_strings(plover[kind], f"{path}:{kind}")) for kind in PLOVER_TYPES}
    acled: dict[str, AcledType] = {}
    rank: dict[str, int] = {}
    for index, row in enumerate(data.get("acled") or []):
        where = f"{path}:{row.get(LINE_KEY, 0) if isinstance(row, dict) else 0}"
        if not isinstance(row, dict) or not row.get("sub_event_type") or not row.get("event_type"):
            raise KnowledgeError(f"{where}: an ACLED row needs sub_event_type and event_type")
        if row["sub_event_type"] in acled:
            raise KnowledgeError(f"{where}: {row['sub_event_type']!r} is listed twice")
        acled[row["sub_event_type"]] = AcledType(str(row["event_type"]), str(row["sub_event_type"]))
        rank[row["sub_event_type"]] = index
    if len(acled) != 25:
        raise KnowledgeError(f"{path}: expected the 25 ACLED sub-event types, found {len(acled)}")
    return modes, acled, rank


@cache
def load_event_lexicon(
    lexicon_path: Path = LEXICON_PATH, cues_path: Path = CUES_PATH, types_path: Path = TYPES_PATH
) -> EventLexicon:
    """Read and check the three event knowledge files (cached per process)."""
    modes, acled, rank = _taxonomies(types_path)
    cues = _read_yaml(cues_path)
    raw_classes = cues.get("classes")
    if not isinstance(raw_classes, dict):
        raise KnowledgeError(f"{cues_path}:1: `classes` must be a mapping")
    classes = {
        name: _word_class(name, entries, f"{cues_path}:{name}")
        for name, entries in raw_classes.items()
        if name != LINE_KEY
    }
    refine = tuple(_refine_rule(raw, cues_path, classes, modes, acled) for raw in cues.get("refine") or [])
    for refine_rule in refine:
        kinds = refine_rule.types or PLOVER_TYPES
        if refine_rule.mode is not None and not any(refine_rule.mode in modes[kind] for kind in kinds):
            raise KnowledgeError(
                f"{cues_path}:{refine_rule.line}: mode {refine_rule.mode!r} fits none of the rule's types"
            )
    triggers = _read_yaml(lexicon_path).get("triggers")
    if not isinstance(triggers, list) or not triggers:
        raise KnowledgeError(f"{lexicon_path}:1: `triggers` must be a non-empty list")
    by_head: dict[str, list[TriggerRule]] = {}
    for raw in triggers:
        for rule in _trigger_rule(raw, lexicon_path, classes, modes, acled):
            by_head.setdefault(rule.words[0], []).append(rule)
    return EventLexicon(
        rules_by_head={head: tuple(rules) for head, rules in by_head.items()},
        classes=classes,
        refine=refine,
        arguments=_arguments(cues_path, cues, classes),
        factuality=_factuality(cues_path, cues),
        eventness=_eventness(cues_path, cues),
        acled_types=acled,
        acled_rank=rank,
        modes=modes,
    )
