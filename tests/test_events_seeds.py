"""The events stage on the real seed articles and a sample of CASE 2021 (read from ../shared; skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation.case2021 import event_label, load_case_labels, read_snippets, score_labels
from dateline.jobs import extract_batch
from dateline.records import Event, Extraction, RawDocument
from dateline.settings import Settings


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path, settings: Settings) -> dict[str, Extraction]:
    paths = sorted(seeds_dir.glob("*.txt"))
    raws = [RawDocument(origin=str(path), text=path.read_text(encoding="utf-8")) for path in paths]
    return {path.name[:3]: extraction for path, extraction in zip(paths, extract_batch(raws, settings), strict=True)}


def _with_words(extraction: Extraction, kind: str, words: str) -> list[Event]:
    return [event for event in extraction.events if event.type == kind and words in event.evidence.text]


def test_events_seed_fall_of_ramadi(seeds: dict[str, Extraction]) -> None:
    [event] = _with_words(seeds["001"], "ASSAULT", "overran the city of Ramadi")
    assert event.acled is not None and event.acled.sub_event_type == "Non-state actor overtakes territory"
    assert any("Islamic State" in ref.text for ref in event.source)
    assert any("forces" in ref.text for ref in event.recipient)
    assert event.location is not None and event.location.text == "Ramadi"
    assert event.date is not None and event.date.value == "2015-05-17"
    assert event.casualties.killed is not None and event.casualties.killed.high == 500
    assert event.casualties.displaced is not None and event.casualties.displaced.high == 25000


def test_events_seed_barwanah_killing(seeds: dict[str, Extraction]) -> None:
    [event] = _with_words(seeds["001"], "ASSAULT", "Barwanah")
    assert [ref.text for ref in event.source] == ["Shiite militias"]
    assert event.date is not None and event.date.value == "2015-01"
    assert event.location is not None and event.location.text == "Barwanah"


def test_events_seed_hilla_convoy_attack(seeds: dict[str, Extraction]) -> None:
    [event] = _with_words(seeds["003"], "ASSAULT", "convoy in Hilla")
    assert [ref.text for ref in event.source] == ["IS"]
    assert event.date is not None and event.date.value == "2020-11-10"
    assert event.location is not None and event.location.text == "Hilla"


def test_events_seed_anti_tank_rockets_are_aid(seeds: dict[str, Extraction]) -> None:
    aid = [e for key in ("000", "002") for e in seeds[key].events if e.type == "AID" and "anti-tank" in e.evidence.text]
    assert aid and all(event.mode == "military" for event in aid)


def test_events_seed_paris_meeting_is_consult(seeds: dict[str, Extraction]) -> None:
    [event] = _with_words(seeds["002"], "CONSULT", "met in Paris")
    assert event.location is not None and event.location.text == "Paris"


def test_events_seed_accusations(seeds: dict[str, Extraction]) -> None:
    """One statement, its speaker introduced as a militia leader who "unloaded on" the U.S. and then named as the one
    who "blasted ... ridiculed", is one ACCUSE event listing all three sentences, with the name as source (issue
    18)."""
    [statement] = [event for event in seeds["000"].events if event.type == "ACCUSE" and _told(event, "blasted")]
    assert [ref.text for ref in statement.source] == ["Qais al-Khazali"]
    assert [mention.trigger.text for mention in statement.mentions] == ["unloaded on", "blasted", "ridiculed"]
    assert not _with_words(seeds["000"], "ACCUSE", "blasted the Americans")  # no record of its own
    assert statement.source[0].id == "qais-al-khazali"


def _told(event: Event, trigger: str) -> bool:
    return any(mention.trigger.text == trigger for mention in event.mentions)


def test_events_seed_raqqa_buildings_not_struck(seeds: dict[str, Extraction]) -> None:
    struck = _with_words(seeds["000"], "ASSAULT", "haven’t been struck")
    assert all(event.factuality.negated for event in struck)


@pytest.mark.slow
def test_events_case2021_sample_scores_above_floor(eval_dir: Path, settings: Settings) -> None:
    """A quick floor on the first 100 dev snippets (the full dev score is in docs/EVALUATION.md)."""
    labels = load_case_labels()
    snippets = read_snippets(eval_dir / "case2021_task2" / "snippets.tsv", limit=100)
    raws = [RawDocument(origin=f"s{n}", text=snippet.text) for n, snippet in enumerate(snippets)]
    predicted = [event_label(extraction) or "OTHER" for extraction in extract_batch(raws, settings)]
    scores = score_labels([snippet.label for snippet in snippets], predicted, labels)
    assert scores["acled25"].weighted_f1 >= 0.65
