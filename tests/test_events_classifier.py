"""Tests for the trained event classifier (dateline.events.classifier) and how the events stage uses it."""

from __future__ import annotations

import pytest
from events_helpers import Parse, run_events

from dateline.events import EventClassifier, keeps
from dateline.events.classifier import KEEP_FROM, RULES_SURE_FROM, CandidateScore, candidate_features
from dateline.records import Event


def _events(parse: Parse, resources, text: str, classifier: EventClassifier | None) -> list[Event]:  # type: ignore[no-untyped-def]
    return run_events(parse, resources, text, classifier=classifier)


def _probability(parse: Parse, resources, text: str, word: str) -> float:  # type: ignore[no-untyped-def]
    _, doc = parse(text)
    token = next(token for token in doc if token.text == word)
    return float(resources.event_classifier.score([(token.sent, token)])[0].event)


def test_events_classifier_is_bundled_and_loaded(resources) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(resources.event_classifier, EventClassifier)
    assert resources.event_classifier.nlp.pipe_names[0] == "eventness"


@pytest.mark.parametrize(
    "text",
    [
        "Iran-backed militias now man most checkpoints on the road to the border.",
        "Voters worry about the influence of Iran-backed groups in parliament.",
    ],
)
def test_events_classifier_drops_a_backed_modifier(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    # The grammar already refuses a "-backed" modifier (eventness.py); the model must agree on its own.
    assert _events(parse, resources, text, None) == []
    assert _events(parse, resources, text, resources.event_classifier) == []
    assert _probability(parse, resources, text, "backed") < KEEP_FROM


def test_events_classifier_keeps_a_real_attack(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen attacked a police station in the north of the province on Sunday, killing four officers."
    found = _events(parse, resources, text, resources.event_classifier)
    assert [(event.type, event.trigger.text if event.trigger else None) for event in found] == [("ASSAULT", "attacked")]
    assert _probability(parse, resources, text, "attacked") > 0.9


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The government says the fight against IS will take a decade.", "fight"),
        ("Any attack on aid convoys would be a war crime, the envoy said.", "attack"),
        ("Police seized bomb-making material in a flat above a bakery.", "bomb"),
        ("The minister called for the arrest of the officers who fled.", "arrest"),
    ],
)
def test_events_classifier_scores_non_events_low(parse: Parse, resources, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    assert _probability(parse, resources, text, word) < KEEP_FROM


def test_events_classifier_drops_equipment_but_keeps_the_seizure(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Police seized bomb-making material in a flat above a bakery."
    rules = [event.trigger.text for event in _events(parse, resources, text, None) if event.trigger]
    model = [
        event.trigger.text for event in _events(parse, resources, text, resources.event_classifier) if event.trigger
    ]
    assert "bomb" not in model and model == ["seized"] and "seized" in rules


def test_events_classifier_numbers_kept_events_from_one(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Police seized bomb-making material in a flat above a bakery."
    assert [event.id for event in _events(parse, resources, text, resources.event_classifier)] == ["test-e1"]


@pytest.mark.parametrize(
    ("probability", "confidence", "kept"),
    [(0.9, 0.5, True), (0.1, 0.5, False), (0.1, RULES_SURE_FROM, True), (KEEP_FROM, 0.5, True)],
)
def test_events_classifier_keeps_what_it_or_the_rules_are_sure_of(
    probability: float, confidence: float, kept: bool
) -> None:
    assert keeps(CandidateScore(event=probability), confidence) is kept


def test_events_classifier_features_read_the_parse(parse: Parse) -> None:
    _, doc = parse("Iran-backed militias blamed the army.")
    token = next(token for token in doc if token.text == "backed")
    features = candidate_features(token.sent, token)
    assert "t=back" in features and "hyphen=after" in features and "d=amod" in features


class _CountingClassifier(EventClassifier):
    """The bundled model, remembering which candidate words the stage asked it to score."""

    asked: list[str]

    def score(self, candidates):  # type: ignore[no-untyped-def]
        self.asked.extend(token.text for _, token in candidates)
        return super().score(candidates)


def test_events_classifier_scores_only_what_the_rules_are_unsure_of(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    sure = "Rebel fighters attacked an army checkpoint in Idlib on Monday, killing three soldiers."
    unsure = "Volunteers have been helping with the harvest."  # no recipient: the rules are unsure
    counting = _CountingClassifier(nlp=resources.event_classifier.nlp, path=resources.event_classifier.path)
    object.__setattr__(counting, "asked", [])
    for text in (sure, unsure):
        rules = _events(parse, resources, text, None)
        with_model = _events(parse, resources, text, counting)
        asked = [event.trigger.text for event in rules if event.trigger and event.confidence < RULES_SURE_FROM]
        assert counting.asked == asked
        assert all(event in with_model for event in rules if event.confidence >= RULES_SURE_FROM)
        counting.asked.clear()
    assert _events(parse, resources, sure, None)[0].confidence >= RULES_SURE_FROM
    assert [event.confidence < RULES_SURE_FROM for event in _events(parse, resources, unsure, None)] == [True]
