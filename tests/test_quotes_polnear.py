"""Tests for dateline.evaluation.polnear: the brat reader, the matching rule, and a quick run on the dev data."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation import polnear
from dateline.evaluation.data import Selection
from dateline.settings import Settings

TEXT = "Ms. Lane said the vote was “a disgrace,” adding that she would appeal."
ANN = (
    "T1\tSource 0 8\tMs. Lane\n"
    "T2\tCue 9 13\tsaid\n"
    "T3\tContent 14 39\tthe vote was “a disgrace,”\n"
    "T4\tAttribution 9 13\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 41 50;51 60\tadding that\n"
    "E2\tContent:T5\n"
)


def _corpus(tmp_path: Path) -> Path:
    for folder in ("text", "attributions"):
        (tmp_path / "dev" / folder).mkdir(parents=True)
    (tmp_path / "dev" / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a1_x1.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "dev" / "attributions" / "a1_x2.ann").write_text("", encoding="utf-8")  # second annotator: unused
    return tmp_path


def test_polnear_reads_first_annotator_with_discontinuous_spans(tmp_path: Path) -> None:
    articles, splits = polnear.read_polnear(_corpus(tmp_path))
    assert splits == ["dev"]
    assert len(articles) == 1 and len(articles[0].attributions) == 2
    first, second = articles[0].attributions
    assert first.content == (14, 39) and first.source == (0, 8) and first.cue == (9, 13)
    assert first.is_direct(TEXT)
    assert second.content == (41, 60) and second.source is None  # earliest fragment start to latest fragment end


def test_polnear_fragments_out_of_text_order_span_from_earliest_to_latest(tmp_path: Path) -> None:
    path = tmp_path / "a1_x1.ann"
    path.write_text("T1\tContent 40 50;10 20\tlater words earlier words\nE1\tContent:T1\n", encoding="utf-8")
    assert [attribution.content for attribution in polnear.read_ann(path)] == [(10, 50)]


def test_polnear_bad_offsets_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.ann"
    path.write_text("T1\tContent 5 x\tword\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.ann:1"):
        polnear.read_ann(path)


@pytest.mark.parametrize(
    ("predicted", "gold", "pairs"),
    [
        ([(0, 10)], [(0, 10)], [(0, 0)]),
        ([(0, 10)], [(0, 19)], [(0, 0)]),  # shares 10 of the longer 19: more than half
        ([(0, 10)], [(0, 30)], []),  # shares a third of the longer span: no match
        ([(0, 10), (12, 20)], [(0, 20)], [(0, 0)]),  # one to one
    ],
)
def test_polnear_match_needs_half_of_the_longer_span(
    predicted: list[tuple[int, int]], gold: list[tuple[int, int]], pairs: list[tuple[int, int]]
) -> None:
    assert polnear.match_quotes(predicted, gold) == pairs


def test_polnear_runs_on_a_small_corpus(tmp_path: Path) -> None:
    result = polnear.run(_corpus(tmp_path), Settings())
    assert result.suite == "polnear"
    assert result.scores["direct"]["tp"] + result.scores["direct"]["fn"] == 1
    assert 0.0 <= result.scores["all"]["recall"] <= 1.0


@pytest.mark.slow
def test_polnear_dev_sample_scores(eval_dir: Path) -> None:
    result = polnear.run(eval_dir / "polnear", Settings(), Selection(split="dev", limit=5))
    assert result.scores["articles"] == 5
    assert result.scores["direct"]["f1"] > 0.5 and result.scores["direct"]["speaker_accuracy"] > 0.5
