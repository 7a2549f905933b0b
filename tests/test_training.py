"""Tests for the event corpus (dateline.training.corpus) and the training command (dateline.training.textcat)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.knowledge.loader import KnowledgeError
from dateline.records import PLOVER_TYPES
from dateline.training import build_corpus, read_corpus, train_event_classifier
from dateline.training.corpus import (
    CORPUS_FILE,
    NOT_EVENT_CATEGORIES,
    TRAINING_DIR,
    Example,
    acled_sub_event_types,
    check_examples,
)

LABELS = """labels:
  attack: {event: true, plover: ASSAULT, acled: Attack}
  not.role: {event: false, category: role}
slots:
  town: [Gao, Mopti, Sikasso]
"""


def _folder(tmp_path: Path, templates: str) -> Path:
    (tmp_path / "event_labels.yaml").write_text(LABELS, encoding="utf-8")
    (tmp_path / "event_templates_test.yaml").write_text(templates, encoding="utf-8")
    return tmp_path


def test_training_corpus_bundled_labels_are_known() -> None:
    examples = read_corpus()
    acled = acled_sub_event_types()
    assert len(examples) > 3000
    assert all(example.plover in PLOVER_TYPES for example in examples if example.event)
    assert all(example.acled is None or example.acled in acled for example in examples)
    assert all(example.category in NOT_EVENT_CATEGORIES for example in examples if not example.event)
    assert {example.event for example in examples} == {True, False}


def test_training_corpus_bundled_has_no_duplicates_and_marks_words() -> None:
    examples = read_corpus()
    assert len({(example.text, example.trigger) for example in examples}) == len(examples)
    assert all(example.trigger_text.strip() == example.trigger_text != "" for example in examples)


def test_training_corpus_bundled_is_what_the_sources_expand_to() -> None:
    """The committed JSON Lines must be regenerated (`dateline train corpus`) whenever a template changes."""
    assert build_corpus(TRAINING_DIR) == read_corpus(CORPUS_FILE)


def test_training_corpus_expansion_is_seeded(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 'templates:\n  attack:\n    - "Gunmen [[attacked]] a {bus|truck} near {town}."\n')
    first, again, other = (build_corpus(folder, seed=seed, variants=3) for seed in (1, 1, 2))
    assert first == again and len(first) == 3
    assert [example.text for example in first] != [example.text for example in other]
    assert first[0].trigger_text == "attacked" and first[0].plover == "ASSAULT" and first[0].acled == "Attack"


@pytest.mark.parametrize(
    ("templates", "message"),
    [
        ('templates:\n  attack:\n    - "Gunmen [[attacked]] and [[killed]] two."\n', "exactly one [[trigger]]"),
        ('templates:\n  attack:\n    - "Gunmen [[attacked]] {village}."\n', "unknown slot {village}"),
        ('templates:\n  attack:\n    - "Gunmen [[attacked]] Gao."\n  attack:\n    - "A [[raid]]."\n', "already listed"),
        ('templates:\n  riot:\n    - "Youths [[rioted]]."\n', "unknown label 'riot'"),
    ],
)
def test_training_corpus_bad_template_names_file_and_line(tmp_path: Path, templates: str, message: str) -> None:
    with pytest.raises(KnowledgeError, match=r"event_templates_test\.yaml") as error:
        build_corpus(_folder(tmp_path, templates))
    assert message in str(error.value)


def test_training_corpus_refuses_one_trigger_labelled_twice() -> None:
    example = Example("a", "Gunmen attacked.", (7, 15), True, "ASSAULT", None, "Attack", "asserted", None, "x.yaml:1")
    with pytest.raises(KnowledgeError, match=r"x\.yaml:1"):
        check_examples([example, example])


TINY = [
    ("Gunmen [[attacked]] a police station on Sunday.", True),
    ("Rebels [[shelled]] the town overnight.", True),
    ("Police [[arrested]] three men on Monday.", True),
    ("Soldiers [[clashed]] with militants near the airport.", True),
    ("Iran-[[backed]] militias man the checkpoints.", False),
    ("The [[fight]] against corruption is a priority.", False),
    ("Any [[attack]] on civilians is a crime.", False),
    ("The [[protesters]] want the minister to resign.", False),
]


def _tiny() -> list[Example]:
    examples = []
    for number, (marked, event) in enumerate(TINY):
        start = marked.index("[[")
        text = marked.replace("[[", "").replace("]]", "")
        end = marked.index("]]") - 2  # the "[[" before it is gone from the text
        plover, category = ("ASSAULT", None) if event else (None, "generic")
        examples.append(
            Example(f"t{number}", text, (start, end), event, plover, None, None, "asserted", category, f"t:{number}")
        )
    return examples


def test_training_same_corpus_and_seed_give_the_same_weights(resources, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    weights = []
    for run in ("first", "second"):
        report = train_event_classifier(
            _tiny(), tmp_path / run, nlp=resources.nlp, acled_types=acled_sub_event_types(), seed=3, epochs=3
        )
        assert report.examples == len(TINY) and report.model_bytes > 0
        weights.append((tmp_path / run / "eventness" / "model").read_bytes())
    assert weights[0] == weights[1]
    saved = json.loads((tmp_path / "first" / "training.json").read_text(encoding="utf-8"))
    assert saved["seed"] == 3 and set(saved["scores"]) >= {"eventness_accuracy", "event_precision", "event_recall"}


def test_training_cli_writes_the_corpus(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from dateline.cli import app

    out = tmp_path / "corpus.jsonl"
    result = CliRunner().invoke(app, ["train", "corpus", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"{len(read_corpus(out))} examples" in result.output
    assert out.read_bytes() == CORPUS_FILE.read_bytes()
