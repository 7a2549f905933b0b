"""ACLED sub-event types: refine an event's default type and mode from its sentence, and pick a text's main event."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from dateline.events.lexicon import EventLexicon, RefineRule
from dateline.events.words import Words
from dateline.records import Event

# How much an event's ACLED rank (event_types.yaml order) weighs against its confidence when picking the main
# event of a text, and the bonus for being in the first sentence (news puts the main event first). Calibrated as a
# pair on the CASE 2021 dev split (`dateline eval case2021 ../shared/eval/case2021_task2`); re-run it after changes.
RANK_WEIGHT = 0.1
FIRST_SENTENCE_BONUS = 0.2


@dataclass(frozen=True)
class Refinement:
    acled: str | None
    mode: str | None
    rule_line: int | None  # the refine rule that fired, None when the defaults stand


@dataclass(frozen=True)
class EventWords:
    """The words a refine rule may test: the whole sentence, the object phrases, the subject phrases."""

    sentence: Words
    object: Words
    subject: Words
    trigger_lemmas: frozenset[str]


class _Seen:
    """Which word classes each part of an event's words has, each worked out once: the refine rules share classes."""

    def __init__(self, words: EventWords, lexicon: EventLexicon) -> None:
        self.words = words
        self.classes = lexicon.classes
        self.known: dict[tuple[str, str], bool] = {}

    def has(self, part: Literal["sentence", "object", "subject"], name: str) -> bool:
        key = (part, name)
        found = self.known.get(key)
        if found is None:
            found = self.known[key] = getattr(self.words, part).has(self.classes[name])
        return found


def _fits(rule: RefineRule, kind: str, acled: str | None, seen: _Seen) -> bool:
    if rule.from_acled and acled not in rule.from_acled:
        return False
    if rule.types and kind not in rule.types:
        return False
    when = rule.when
    if any(seen.has("sentence", name) for name in rule.unless):
        return False
    if when.context and not all(seen.has("sentence", name) for name in when.context):
        return False
    if when.object and not any(seen.has("object", name) for name in when.object):
        return False
    if when.subject and not any(seen.has("subject", name) for name in when.subject):
        return False
    return not (when.trigger and when.trigger.isdisjoint(seen.words.trigger_lemmas))


def refine(kind: str, mode: str | None, acled: str | None, words: EventWords, lexicon: EventLexicon) -> Refinement:
    """The first refine rule that fits decides the sub-type and mode; otherwise the trigger's defaults stand."""
    seen = _Seen(words, lexicon)
    for rule in lexicon.refine:
        if _fits(rule, kind, acled, seen):
            new_mode = rule.mode if rule.mode is not None and rule.mode in lexicon.modes[kind] else mode
            return Refinement(rule.acled or acled, new_mode, rule.line)
    return Refinement(acled, mode, None)


def main_event(events: Sequence[Event], lexicon: EventLexicon) -> Event | None:
    """The event a short text is mainly about: asserted, with an ACLED type, best by rank, confidence and position.

    Score = confidence + RANK_WEIGHT * (share of sub-types ranked below it) + FIRST_SENTENCE_BONUS in the first
    sentence; ties go to the earlier event.
    """
    candidates = [e for e in events if e.acled is not None and not e.factuality.negated]
    if not candidates:
        return None
    first_sentence_end = min(e.evidence.end for e in events)
    last_rank = max(len(lexicon.acled_rank) - 1, 1)

    def score(event: Event) -> float:
        rank = lexicon.acled_rank.get(event.acled.sub_event_type if event.acled else "", last_rank)
        bonus = FIRST_SENTENCE_BONUS if event.evidence.end <= first_sentence_end else 0.0
        return event.confidence + RANK_WEIGHT * (1 - rank / last_rank) + bonus

    return max(candidates, key=score)
