"""Tests for dateline.evaluation.conll2003: reading IOB2 files, scoring, and a quick run on the shared data."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation import conll2003
from dateline.evaluation.data import Selection
from dateline.settings import Settings

SAMPLE = """Rebels NNS B-NP O
attacked VBD B-VP O
Mosul NNP B-NP B-LOC
, , O O
Haider NNP B-NP B-PER
Abadi NNP I-NP I-PER
said VBD B-VP O
. . O O

Reuters NNP B-NP B-ORG
New NNP B-NP B-LOC
York NNP I-NP I-LOC
"""


def test_actors_conll_reads_sentences_and_entity_spans(tmp_path: Path) -> None:
    path = tmp_path / "valid.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    sentences = conll2003.read_conll(path)
    assert [sentence.text for sentence in sentences] == [
        "Rebels attacked Mosul , Haider Abadi said .",
        "Reuters New York",
    ]
    first = sentences[0]
    assert [(first.text[start:end], kind) for start, end, kind in first.entities] == [
        ("Mosul", "LOC"),
        ("Haider Abadi", "PER"),
    ]
    assert conll2003.read_conll(path, limit=1) == sentences[:1]


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        (["B-PER", "I-PER", "O"], [(0, 3, "PER")]),
        (["B-LOC", "B-LOC", "O"], [(0, 1, "LOC"), (2, 3, "LOC")]),
        (["B-ORG", "I-LOC", "I-LOC"], [(0, 1, "ORG"), (2, 5, "LOC")]),
        (["O", "O", "O"], []),
    ],
)
def test_actors_conll_iob2_to_spans(tags: list[str], spans: list[tuple[int, int, str]]) -> None:
    assert conll2003._entities_from_tags(["a", "b", "c"], tags) == spans


def test_actors_conll_rejects_a_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "valid.txt"
    path.write_text("Mosul NNP B-NP\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"valid\.txt:1:"):
        conll2003.read_conll(path)


def test_actors_conll_score_exact_match_by_type() -> None:
    gold = [[(0, 5, "LOC"), (8, 13, "PER")], [(0, 4, "ORG")]]
    predicted = [[(0, 5, "LOC"), (8, 13, "ORG")], []]
    scores = conll2003.score(gold, predicted)
    assert (scores["overall"].tp, scores["overall"].fp, scores["overall"].fn) == (1, 1, 2)
    assert scores["LOC"].f1 == 1.0
    assert (scores["PER"].tp, scores["PER"].fn) == (0, 1)
    assert (scores["ORG"].fp, scores["ORG"].fn) == (1, 1)


@pytest.mark.slow
def test_actors_conll_run_on_shared_data(eval_dir: Path) -> None:
    result = conll2003.run(eval_dir / "conll2003", Settings(), Selection(limit=60))
    assert result.scores["sentences"] == 60
    for configuration in conll2003.CONFIGURATIONS:
        assert 0.0 < result.scores[configuration]["overall"]["f1"] <= 1.0
    assert "model+actor_ruler" in result.table
