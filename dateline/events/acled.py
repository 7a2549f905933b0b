"""ACLED sub-event types: refine an event's default type and mode from its sentence, and pick a text's main event."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property

from dateline.events.lexicon import EventLexicon, RefineRule, WordClass
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


class LazyEventWords:
    """An event's words (as EventWords) whose object and subject phrases are read only when a refine rule tests
    them: most rules test the sentence only, and reading phrases off the parse was most of refining's cost."""

    def __init__(
        self,
        sentence: Words,
        object_words: Callable[[], Words],
        subject_words: Callable[[], Words],
        trigger_lemmas: frozenset[str],
    ) -> None:
        self.sentence = sentence
        self.trigger_lemmas = trigger_lemmas
        self._object_words = object_words
        self._subject_words = subject_words

    @cached_property
    def object(self) -> Words:
        return self._object_words()

    @cached_property
    def subject(self) -> Words:
        return self._subject_words()

    def with_sentence(self, sentence: Words) -> LazyEventWords:
        """The same event's words seen in another sentence (one that continues it); phrases read once for both."""
        return LazyEventWords(sentence, lambda: self.object, lambda: self.subject, self.trigger_lemmas)


def _fits(rule: RefineRule, words: EventWords | LazyEventWords, classes: Mapping[str, WordClass]) -> bool:
    """The rule's `when` and `unless` tests pass (its `from` and `type` were checked by the caller). Each Words
    remembers the classes it was tested for, so rules that share a class test it once per event."""
    when = rule.when
    sentence = words.sentence
    if any(sentence.has(classes[name]) for name in rule.unless):
        return False
    if when.context and not all(sentence.has(classes[name]) for name in when.context):
        return False
    if when.object and not any(words.object.has(classes[name]) for name in when.object):
        return False
    if when.subject and not any(words.subject.has(classes[name]) for name in when.subject):
        return False
    return not (when.trigger and when.trigger.isdisjoint(words.trigger_lemmas))


def refine(
    kind: str, mode: str | None, acled: str | None, words: EventWords | LazyEventWords, lexicon: EventLexicon
) -> Refinement:
    """The first refine rule that fits decides the sub-type and mode; otherwise the trigger's defaults stand."""
    rules = lexicon.refine_by_type.get((kind, acled))
    if rules is None:  # a type or sub-type the taxonomy does not list
        rules = tuple(rule for rule in lexicon.refine if rule.may_change(kind, acled))
    for rule in rules:
        if _fits(rule, words, lexicon.classes):
            new_mode = rule.mode if rule.mode is not None and rule.mode in lexicon.modes[kind] else mode
            return Refinement(rule.acled or acled, new_mode, rule.line)
    return Refinement(acled, mode, None)


def main_event(events: Sequence[Event], lexicon: EventLexicon) -> Event | None:
    """The event a short text is mainly about: asserted, one occurrence (never an `aggregate` record: "more than 4,100
    airstrikes" is no occurrence to be about), with an ACLED type, best by rank, confidence and position.

    Score = confidence + RANK_WEIGHT * (share of sub-types ranked below it) + FIRST_SENTENCE_BONUS in the first
    sentence; ties go to the earlier event.
    """
    candidates = [e for e in events if e.acled is not None and not e.factuality.negated and "aggregate" not in e.flags]
    if not candidates:
        return None
    first_sentence_end = min(e.evidence.end for e in events)
    last_rank = max(len(lexicon.acled_rank) - 1, 1)

    def score(event: Event) -> float:
        rank = lexicon.acled_rank.get(event.acled.sub_event_type if event.acled else "", last_rank)
        bonus = FIRST_SENTENCE_BONUS if event.evidence.end <= first_sentence_end else 0.0
        return event.confidence + RANK_WEIGHT * (1 - rank / last_rank) + bonus

    return max(candidates, key=score)
