"""Tests for dateline.evaluation: the shared scorers against hand-computed values, then the suites and the gate."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import math
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from dateline import evaluation
from dateline.evaluation import Direction, SuiteResult, case2021, report, scoring, tempeval3
from dateline.evaluation.data import Selection
from dateline.evaluation.report import EvaluationRecord, SuiteEntry
from dateline.records import AcledType, Article, Event, Evidence, Extraction, Factuality, TimeExpr
from dateline.settings import Settings

# --- scoring: P/R/F1 ------------------------------------------------------------------------------------------


def test_evaluation_prf_from_counts_hand_computed() -> None:
    prf = scoring.prf_from_counts(correct=2, predicted=3, gold=5)
    assert (prf.tp, prf.fp, prf.fn) == (2, 1, 3)
    assert prf.precision == pytest.approx(2 / 3)
    assert prf.recall == pytest.approx(2 / 5)
    assert prf.f1 == pytest.approx(0.5)


@pytest.mark.parametrize(("correct", "predicted", "gold"), [(0, 0, 0), (0, 0, 4), (0, 3, 0)])
def test_evaluation_prf_empty_sides_score_zero(correct: int, predicted: int, gold: int) -> None:
    prf = scoring.prf_from_counts(correct, predicted, gold)
    assert (prf.precision, prf.recall, prf.f1) == (0.0, 0.0, 0.0)


def test_evaluation_prf_rejects_impossible_counts() -> None:
    with pytest.raises(ValueError, match="correct=3"):
        scoring.prf_from_counts(correct=3, predicted=2, gold=5)


def test_evaluation_prf_adds_counts() -> None:
    total = scoring.PRF(1, 2, 3) + scoring.PRF(4, 0, 1)
    assert (total.tp, total.fp, total.fn) == (5, 2, 4)


# --- scoring: spans -------------------------------------------------------------------------------------------


def test_evaluation_exact_span_match_is_one_to_one() -> None:
    predicted = [(0, 5), (10, 15), (10, 15)]
    gold = [(10, 15), (20, 25)]
    assert scoring.match_spans(predicted, gold, "exact") == [(1, 0)]
    prf = scoring.span_prf(predicted, gold, "exact")
    assert (prf.tp, prf.fp, prf.fn) == (1, 2, 1)


@pytest.mark.parametrize(
    ("predicted", "gold", "pairs"),
    [
        ([(0, 10), (8, 20)], [(5, 12), (15, 30)], [(0, 0), (1, 1)]),
        ([(0, 10)], [(0, 3), (2, 10)], [(0, 1)]),  # the longer shared stretch wins
        ([(0, 4)], [(4, 8)], []),  # touching ends do not overlap (half-open spans)
        ([], [(1, 2)], []),
    ],
)
def test_evaluation_overlap_span_match_prefers_longest_overlap(
    predicted: list[tuple[int, int]], gold: list[tuple[int, int]], pairs: list[tuple[int, int]]
) -> None:
    assert scoring.match_spans(predicted, gold, "overlap") == pairs


# --- scoring: labels ------------------------------------------------------------------------------------------

GOLD_LABELS = ["a", "a", "a", "b", "b", "c"]
PREDICTED_LABELS = ["a", "a", "b", "b", "c", "c"]


def test_evaluation_label_scores_hand_computed() -> None:
    scores = scoring.label_scores(GOLD_LABELS, PREDICTED_LABELS)
    # a: P 2/2 R 2/3 F .8; b: P 1/2 R 1/2 F .5; c: P 1/2 R 1/1 F 2/3
    assert scores.per_label["a"].f1 == pytest.approx(0.8)
    assert scores.per_label["c"].f1 == pytest.approx(2 / 3)
    assert scores.accuracy == pytest.approx(4 / 6)
    assert scores.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert scores.weighted_f1 == pytest.approx((0.8 * 3 + 0.5 * 2 + 2 / 3) / 6)
    assert scores.confusion == {"a": {"a": 2, "b": 1}, "b": {"b": 1, "c": 1}, "c": {"c": 1}}
    assert scores.top_confusions() == [("a", "b", 1), ("b", "c", 1)]


def test_evaluation_label_scores_restricted_label_set() -> None:
    scores = scoring.label_scores(GOLD_LABELS, PREDICTED_LABELS, labels=["a", "b"])
    assert set(scores.per_label) == {"a", "b"}
    assert scores.macro_f1 == pytest.approx(0.65)
    assert scores.weighted_f1 == pytest.approx((0.8 * 3 + 0.5 * 2) / 5)
    assert scores.accuracy == pytest.approx(4 / 6)


def test_evaluation_label_scores_rejects_length_mismatch() -> None:
    with pytest.raises(ValueError, match="2 gold labels but 1"):
        scoring.label_scores(["a", "b"], ["a"])


def test_evaluation_label_scores_empty_input() -> None:
    scores = scoring.label_scores([], [])
    assert (scores.accuracy, scores.macro_f1, scores.weighted_f1) == (0.0, 0.0, 0.0)


# --- scoring: geocoding ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("point_a", "point_b", "km"),
    [
        ((0.0, 0.0), (0.0, 1.0), 2 * math.pi * 6371.0088 / 360),
        ((0.0, 0.0), (0.0, 180.0), math.pi * 6371.0088),
        ((33.3, 44.4), (33.3, 44.4), 0.0),
        ((10.0, 179.5), (10.0, -179.5), 1.0 * math.cos(math.radians(10.0)) * 2 * math.pi * 6371.0088 / 360),
    ],
)
def test_evaluation_haversine_hand_computed(
    point_a: tuple[float, float], point_b: tuple[float, float], km: float
) -> None:
    assert scoring.haversine_km(*point_a, *point_b) == pytest.approx(km, rel=1e-3, abs=1e-6)


def test_evaluation_accuracy_within_161_km() -> None:
    assert scoring.accuracy_within([0.0, 100.0, 161.0, 162.0, 5000.0]) == pytest.approx(3 / 5)


def test_evaluation_auc_log_error_hand_computed() -> None:
    errors = [math.e**4 - 1, 0.0, math.e**2 - 1]  # sorted logs 0, 2, 4: trapezoid area 1 + 3
    assert scoring.auc_log_error(errors) == pytest.approx(4 / (3 * math.log(20039)))


@pytest.mark.parametrize(("errors", "auc"), [([], 0.0), ([0.0, 0.0], 0.0), ([20039.0, 20039.0], 0.5)])
def test_evaluation_auc_log_error_edges(errors: list[float], auc: float) -> None:
    assert scoring.auc_log_error(errors) == pytest.approx(auc, abs=1e-4)


# --- scoring: clusterings -------------------------------------------------------------------------------------

GOLD_CLUSTERS = [{"a", "b", "c"}, {"d", "e"}]
PREDICTED_CLUSTERS = [{"a", "b"}, {"c", "d", "e"}]


def test_evaluation_muc_hand_computed() -> None:
    assert scoring.muc(GOLD_CLUSTERS, PREDICTED_CLUSTERS) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_evaluation_muc_missing_mention_counts_as_singleton() -> None:
    assert scoring.muc([{"a", "b", "c"}], [{"a", "b"}]) == pytest.approx((1.0, 0.5, 2 / 3))


def test_evaluation_b_cubed_hand_computed() -> None:
    assert scoring.b_cubed(GOLD_CLUSTERS, PREDICTED_CLUSTERS) == pytest.approx((11 / 15, 11 / 15, 11 / 15))


def test_evaluation_ceaf_e_hand_computed() -> None:
    assert scoring.ceaf_e(GOLD_CLUSTERS, PREDICTED_CLUSTERS) == pytest.approx((0.8, 0.8, 0.8))


def test_evaluation_conll_f1_and_ari_hand_computed() -> None:
    assert scoring.conll_f1(GOLD_CLUSTERS, PREDICTED_CLUSTERS) == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)
    assert scoring.adjusted_rand_index(GOLD_CLUSTERS, PREDICTED_CLUSTERS) == pytest.approx(1 / 6)


def test_evaluation_coreference_scores_match_the_reference_scorer_paper() -> None:
    # The worked example of Pradhan et al. 2014 ("Scoring coreference partitions of predicted mentions"), whose
    # response has mentions h, i missing from the key and e missing from the response.
    key = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
    response = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]
    assert scoring.muc(key, response) == pytest.approx((0.4, 0.4, 0.4))
    assert scoring.b_cubed(key, response) == pytest.approx((0.5, 5 / 12, 0.4545), abs=1e-4)
    assert scoring.ceaf_e(key, response) == pytest.approx((1.3 / 3, 0.65, 0.52))


def test_evaluation_clustering_scores_perfect_match() -> None:
    scores = scoring.clustering_scores(GOLD_CLUSTERS, [{"e", "d"}, {"c", "b", "a"}])
    assert scores["conll_f1"] == pytest.approx(1.0)
    assert scores["ari"] == pytest.approx(1.0)


def test_evaluation_clusters_from_labels_groups_items() -> None:
    clusters = scoring.clusters_from_labels({"m1": 7, "m2": 8, "m3": 7})
    assert clusters == [frozenset({"m1", "m3"}), frozenset({"m2"})]


def test_evaluation_clusterings_reject_overlapping_clusters() -> None:
    with pytest.raises(ValueError, match="overlap"):
        scoring.b_cubed([{"a", "b"}, {"b"}], [{"a"}])


def test_evaluation_clustering_scores_empty() -> None:
    scores = scoring.clustering_scores([], [])
    assert scores["conll_f1"] == 0.0


# --- scoring: tables ------------------------------------------------------------------------------------------


def test_evaluation_format_table_fixed_width() -> None:
    table = scoring.format_table(["suite", "f1"], [["x", 0.5], ["long name", None]])
    assert table.splitlines() == ["suite         f1", "---------  -----", "x          0.500", "long name      -"]


def test_evaluation_format_table_left_columns_and_title() -> None:
    table = scoring.format_table(["a", "b", "c"], [["x", "y", 1.0]], digits=1, title="T", left=2)
    assert table.splitlines() == ["T", "a  b    c", "-  -  ---", "x  y  1.0"]


def test_evaluation_format_table_rejects_ragged_rows() -> None:
    with pytest.raises(ValueError, match="2 headers"):
        scoring.format_table(["a", "b"], [["only one"]])


# --- case2021 -------------------------------------------------------------------------------------------------

SYNTHETIC_SNIPPETS = [
    ("1", "Rebels and troops fought for hours near the border town.", "ARMED_CLASH"),
    ("2", "Jets bombed a fuel depot outside the city on Monday.", "AIR_STRIKE"),
    ("3", "Hundreds of teachers marched quietly to the ministry.", "PEACE_PROTEST"),
    ("4", "The two foreign ministers met to discuss trade.", "DIPLO"),
    ("5", "Police detained three men suspected of smuggling arms.", "ARREST"),
]
FAKE_PREDICTIONS = ["ARMED_CLASH", "ART_MISS_ATTACK", "PEACE_PROTEST", "OTHER", "ARREST"]


def _write_snippets(folder: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["id\tEventSnippet\tSubType", *("\t".join(row) for row in rows)]
    (folder / "snippets.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _fake_predictor(texts: Sequence[str]) -> list[case2021.Prediction]:
    by_text = {text: label for (_id, text, _gold), label in zip(SYNTHETIC_SNIPPETS, FAKE_PREDICTIONS, strict=True)}
    errors = {"Jets bombed a fuel depot outside the city on Monday.": ("events: KeyError",)}
    return [
        case2021.Prediction(by_text[text], fallback=by_text[text] == "OTHER", errors=errors.get(text, ()))
        for text in texts
    ]


def test_evaluation_case2021_scores_synthetic_snippets(tmp_path: Path) -> None:
    result = case2021.run(_write_snippets(tmp_path, SYNTHETIC_SNIPPETS), Settings(), predictor=_fake_predictor)
    acled, every, coarse = result.scores["acled25"], result.scores["all30"], result.scores["event_type6"]
    assert (acled["count"], every["count"], coarse["count"]) == (4, 5, 4)  # DIPLO is dropped in subtask 1
    assert acled["accuracy"] == pytest.approx(3 / 4)
    assert acled["weighted_f1"] == pytest.approx(3 / 4)
    assert acled["macro_f1"] == pytest.approx(3 / 25)
    assert every["accuracy"] == pytest.approx(3 / 5)
    assert every["weighted_f1"] == pytest.approx(3 / 5)
    assert coarse["accuracy"] == pytest.approx(1.0)
    assert coarse["macro_f1"] == pytest.approx(4 / 6)
    assert acled["top_confusions"] == [["AIR_STRIKE", "ART_MISS_ATTACK", 1]]
    assert result.scores["fallback_predictions"] == 1
    assert result.scores["errors"] == {"events: KeyError": 1}
    assert "Extraction failed on 1 snippets: events: KeyError ×1." in result.notes
    assert "25 ACLED sub-event types" in result.table


def test_evaluation_case2021_limit_reads_first_rows(tmp_path: Path) -> None:
    result = case2021.run(
        _write_snippets(tmp_path, SYNTHETIC_SNIPPETS), Settings(), Selection(limit=2), predictor=_fake_predictor
    )
    assert result.scores["count"] == 2
    assert result.scores["all30"]["accuracy"] == pytest.approx(1 / 2)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("1", "", "ARREST")], "snippets.tsv:2"),
        ([("1", "Some text.", "ARREST"), ("2", "Two cells only")], "snippets.tsv:3"),
        ([("1", "Some text.", "NOT_A_LABEL")], "NOT_A_LABEL"),
    ],
)
def test_evaluation_case2021_rejects_bad_rows(tmp_path: Path, rows: list[tuple[str, ...]], message: str) -> None:
    lines = ["id\tEventSnippet\tSubType", *("\t".join(row) for row in rows)]
    (tmp_path / "snippets.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        case2021.run(tmp_path, Settings(), predictor=_fake_predictor)


def _event(
    index: int, sub_event_type: str | None, confidence: float, negated: bool = False, plover: str = "ASSAULT"
) -> Event:
    return Event(
        id=f"e{index}",
        article_id="a",
        type=plover,
        evidence=Evidence(text="x", start=0, end=1),
        acled=AcledType(event_type="Battles", sub_event_type=sub_event_type) if sub_event_type else None,
        factuality=Factuality(negated=negated),
        confidence=confidence,
    )


@pytest.mark.parametrize(
    ("events", "label"),
    [
        ([], "OTHER"),
        ([_event(1, None, 0.9)], "OTHER"),
        ([_event(1, "Armed clash", 0.4), _event(2, "Air/drone strike", 0.8)], "AIR_STRIKE"),
        ([_event(1, "Air/drone strike", 0.9, negated=True), _event(2, "Armed clash", 0.3)], "ARMED_CLASH"),
        ([_event(1, "Grenade", 0.5), _event(2, "Armed clash", 0.5)], "GRENADE"),  # a tie goes to the first event
        ([_event(1, "arrests", 0.5)], "ARREST"),  # case-insensitive ACLED names
        ([_event(1, "No such type", 0.9), _event(2, "Suicide bomb", 0.1)], "SUIC_BOMB"),
        ([_event(1, None, 0.9, plover="SANCTION")], "DIPLO"),  # no ACLED type: the PLOVER type stands in
        ([_event(1, None, 0.9, plover="CONSULT"), _event(2, "Armed clash", 0.2)], "ARMED_CLASH"),  # ACLED first
        ([_event(1, None, 0.9, plover="CONSULT", negated=True)], "OTHER"),
        ([_event(1, None, 0.9, plover="MOBILIZE")], "OTHER"),
    ],
)
def test_evaluation_case2021_predict_label(events: list[Event], label: str) -> None:
    extraction = Extraction(article=Article(id="a", text="x"), events=tuple(events))
    assert case2021.predict_label(extraction) == label


def test_evaluation_case2021_label_table_is_complete() -> None:
    labels = case2021.load_case_labels()
    assert len(labels.all_labels) == 30
    assert len(labels.acled_labels) == 25
    assert len(set(labels.event_type_by_label.values())) == 6
    assert labels.label_by_plover["SANCTION"] == "DIPLO"


def test_evaluation_case2021_label_table_bad_row_names_line(tmp_path: Path) -> None:
    table = tmp_path / "labels.tsv"
    table.write_text("# comment\nlabel\tevent_type\tsub_event_type\tplover_types\nARREST\tStrategic developments\n")
    with pytest.raises(ValueError, match=re.escape("labels.tsv:3")):
        case2021.load_case_labels(table)


def test_evaluation_case2021_label_table_rejects_unknown_plover_type(tmp_path: Path) -> None:
    table = tmp_path / "labels.tsv"
    table.write_text("label\tevent_type\tsub_event_type\tplover_types\nDIPLO\t\t\tCONSULT CHAT\n")
    with pytest.raises(ValueError, match=re.escape("labels.tsv:2: not PLOVER types: CHAT")):
        case2021.load_case_labels(table)


@pytest.mark.slow
def test_evaluation_case2021_real_extractor_on_a_sample(eval_dir: Path, settings: Settings) -> None:
    result = case2021.run(eval_dir / "case2021_task2", settings, Selection(limit=8))
    assert result.scores["count"] == 8
    assert 0.0 <= result.scores["all30"]["weighted_f1"] <= 1.0
    assert sum(sum(row.values()) for row in result.scores["all30"]["confusion"].values()) == 8


# --- tempeval3 ------------------------------------------------------------------------------------------------

TIMEBANK_DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>synthetic1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2015-05-19" functionInDocument="CREATION_TIME">2015-05-19</TIMEX3></DCT>
<TITLE>Troops leave town <TIMEX3 tid="t8" type="DATE" value="2015-05-17">Sunday</TIMEX3></TITLE>
<TEXT>
Troops left the town <TIMEX3 tid="t1" type="DATE" value="2015-05-17">on Sunday</TIMEX3> after \
<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> of fighting. <EVENT eid="e1">Talks</EVENT> \
begin <TIMEX3 tid="t3" type="DATE" value="2015-05-20">next Wednesday</TIMEX3>.<TIMEX3 tid="t4" type="DURATION" \
value="P1D"/>
</TEXT>
</TimeML>
"""
AQUAINT_DOC = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="TIME" value="1998-08-07T06:18" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>A ferry sank <TIMEX3 tid="t1" type="DATE" value="1998-08-07">today</TIMEX3>.</TEXT>
</TimeML>
"""
# (text, value, type) the fake time finder reports, found by their first occurrence in the article text.
FAKE_TIMES = [
    ("Sunday", "2015-05-17", "DATE"),  # overlaps the gold "on Sunday": relaxed match, right value and type
    ("three days", "P3D", "DURATION"),  # exact
    ("next Wednesday", "2015-05-27", "DATE"),  # exact extent, wrong value
    ("fighting", "PRESENT_REF", "DATE"),  # spurious
]


def _write_timeml(root: Path) -> Path:
    for corpus, name, content in [("TimeBank", "synthetic1", TIMEBANK_DOC), ("AQUAINT", "synthetic2", AQUAINT_DOC)]:
        folder = root / "TBAQ-cleaned" / corpus
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.tml").write_text(content, encoding="utf-8")
    return root


def _fake_finder(articles: Sequence[Article]) -> list[list[TimeExpr] | None]:
    found: list[list[TimeExpr] | None] = []
    for article in articles:
        times = []
        for text, value, kind in FAKE_TIMES:
            start = article.text.find(text)
            if start >= 0:
                times.append(TimeExpr(text=text, start=start, end=start + len(text), value=value, type=kind))
        found.append(times)
    return found


def test_evaluation_tempeval3_reads_plain_text_and_gold_offsets(tmp_path: Path) -> None:
    document = tempeval3.read_timeml(_write_timeml(tmp_path) / "TBAQ-cleaned/TimeBank/synthetic1.tml", "TimeBank")
    assert document.published == "2015-05-19"
    expected = "\nTroops left the town on Sunday after three days of fighting. Talks begin next Wednesday.\n"
    assert document.text == expected
    assert [(g.text, g.type, g.value) for g in document.times] == [
        ("on Sunday", "DATE", "2015-05-17"),
        ("three days", "DURATION", "P3D"),
        ("next Wednesday", "DATE", "2015-05-20"),
    ]
    assert all(document.text[g.start : g.end] == g.text for g in document.times)


def test_evaluation_tempeval3_creation_time_with_clock_becomes_a_date(tmp_path: Path) -> None:
    document = tempeval3.read_timeml(_write_timeml(tmp_path) / "TBAQ-cleaned/AQUAINT/synthetic2.tml", "AQUAINT")
    assert document.published == "1998-08-07"
    assert [(g.start, g.end) for g in document.times] == [(13, 18)]


def test_evaluation_tempeval3_scores_hand_computed(tmp_path: Path) -> None:
    result = tempeval3.run(_write_timeml(tmp_path), Settings(), finder=_fake_finder)
    timebank = result.scores["TimeBank"]
    assert timebank["counts"]["system"] == 4
    assert timebank["counts"]["gold"] == 3
    assert timebank["strict"]["f1"] == pytest.approx(4 / 7)  # P 2/4, R 2/3
    assert timebank["relaxed"]["f1"] == pytest.approx(6 / 7)  # P 3/4, R 3/3
    assert timebank["value"]["precision"] == pytest.approx(2 / 4)
    assert timebank["value"]["recall"] == pytest.approx(2 / 3)
    assert timebank["type_accuracy"] == pytest.approx(1.0)
    assert timebank["day_value_accuracy"] == pytest.approx(1 / 2)
    overall = result.scores["overall"]
    assert (overall["counts"]["system"], overall["counts"]["gold"]) == (4, 4)  # the AQUAINT "today" was missed
    assert overall["relaxed"]["recall"] == pytest.approx(3 / 4)
    assert result.scores["documents"] == 2
    assert result.scores["by_gold_type"] == {
        "DATE": {"gold": 3, "relaxed_recall": 2 / 3, "value_recall": 1 / 3},
        "DURATION": {"gold": 1, "relaxed_recall": 1.0, "value_recall": 1.0},
    }
    assert "overall" in result.table


def test_evaluation_tempeval3_failed_documents_are_counted(tmp_path: Path) -> None:
    result = tempeval3.run(_write_timeml(tmp_path), Settings(), finder=lambda articles: [None for _ in articles])
    assert sorted(result.scores["failed_documents"]) == ["synthetic1", "synthetic2"]
    assert result.scores["overall"]["relaxed"]["recall"] == 0.0


def test_evaluation_tempeval3_limit_samples_every_corpus(tmp_path: Path) -> None:
    documents, _ = tempeval3.read_corpus(_write_timeml(tmp_path), Selection(limit=2))
    assert [d.corpus for d in documents] == ["AQUAINT", "TimeBank"]  # corpora in name order, one file of each


@pytest.mark.parametrize(
    ("content", "message"), [("<TimeML><TEXT>open", "not well-formed"), ("<TimeML/>", "no <TEXT>"), ("", "not well")]
)
def test_evaluation_tempeval3_rejects_bad_files(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        tempeval3.read_timeml(path, "TimeBank")


@pytest.mark.slow
def test_evaluation_tempeval3_real_times_stage_on_a_sample(eval_dir: Path, settings: Settings) -> None:
    result = tempeval3.run(eval_dir / "tempeval3", settings, Selection(limit=4))
    assert result.scores["documents"] == 4
    assert set(result.scores) >= {"TimeBank", "AQUAINT", "overall"}
    assert result.scores["overall"]["counts"]["gold"] > 0


# --- the registry, the report, run_all and the gate ----------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent


def _load_script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"dateline_eval_{name}", REPO / "eval" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the script runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def run_all() -> ModuleType:
    return _load_script("run_all")


@pytest.fixture(scope="module")
def gate() -> ModuleType:
    return _load_script("gate")


def _fake_suite_module(name: str, score: float, fail: bool = False) -> ModuleType:
    module = ModuleType(name)
    module.__spec__ = importlib.machinery.ModuleSpec(name, None)

    def run(path: Path, settings: Settings, selection: Selection | None = None) -> SuiteResult:
        if fail:
            raise RuntimeError("gold file is broken")
        scores = {"overall": {"f1": score, "error_km": 10.0}, "count": 3}
        headline: dict[str, Direction] = {"overall.f1": "higher", "overall.error_km": "lower"}
        return SuiteResult("fake", scores, "fake table", ["a note"], headline=headline)

    module.run = run  # type: ignore[attr-defined]
    return module


@pytest.fixture
def fake_suite(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Path]:
    """Register a suite "fake" (module and data folder); returns the --data folder."""

    def install(score: float = 0.5, fail: bool = False) -> Path:
        monkeypatch.setitem(
            sys.modules, "fake_suite_for_tests", _fake_suite_module("fake_suite_for_tests", score, fail)
        )
        monkeypatch.setitem(evaluation.SUITES, "fake", "fake_suite_for_tests")
        monkeypatch.setitem(evaluation.SUITE_FOLDERS, "fake", "fake_data")
        (tmp_path / "data" / "fake_data").mkdir(parents=True, exist_ok=True)
        (tmp_path / "data" / "fake_data" / "gold.txt").write_text("gold\n")
        return tmp_path / "data"

    return install


@pytest.mark.parametrize(
    ("path", "value"), [("a.b", 0.5), ("a.n", 3.0), ("a", None), ("a.missing", None), ("a.flag", None), ("", None)]
)
def test_evaluation_score_at_dotted_paths(path: str, value: float | None) -> None:
    assert evaluation.score_at({"a": {"b": 0.5, "n": 3, "flag": True}}, path) == value


def test_evaluation_suite_folders_cover_every_suite() -> None:
    folders = set(evaluation.SUITE_FOLDERS) | set(evaluation.BUNDLED_FOLDERS)
    assert folders == set(evaluation.SUITES) - evaluation.DATABASE_SUITES
    assert evaluation.suite_is_built("case2021")


def test_evaluation_corpus_sha_changes_with_content_and_names(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("one")
    first = report.corpus_sha(tmp_path)
    assert report.corpus_sha(tmp_path) == first
    (tmp_path / "a.txt").write_text("two")
    second = report.corpus_sha(tmp_path)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    assert len({first, second, report.corpus_sha(tmp_path)}) == 3


def test_evaluation_package_versions_list_dependencies() -> None:
    versions = report.package_versions()
    assert versions["dateline"]
    assert versions["spacy"] != "not installed"


def _record(**entries: SuiteEntry) -> EvaluationRecord:
    return EvaluationRecord("2026-01-01T00:00:00+00:00", "data", "abc1234", "3.12", 2, {"spacy": "3.8"}, entries)


def _entry(score: float = 0.5, **fields: Any) -> SuiteEntry:
    values: dict[str, Any] = {
        "suite": "fake",
        "status": "ok",
        "folder": "data/fake_data",
        "command": ".venv/bin/dateline eval fake data/fake_data --out scores.json",
        "scores": {"overall": {"f1": score, "error_km": 10.0}},
        "headline": {"overall.f1": "higher", "overall.error_km": "lower"},
        "table": "fake table",
        "notes": ["a note"],
        "seconds": 1.5,
        "corpus_sha": "f" * 64,
        "measured": "2026-01-01T00:00:00+00:00",
    }
    return SuiteEntry(**{**values, **fields})


def test_evaluation_report_renders_suites_commands_and_versions() -> None:
    missing = SuiteEntry("other", "not built", "data/other", "cmd")
    text = report.render_report(_record(fake=_entry(), other=missing))
    assert (
        "| fake | `data/fake_data` | overall.f1<br>overall.error_km (lower is better) | 0.500<br>10.000 |  | 2 |"
        in text
    )
    assert "Reproduce: `.venv/bin/dateline eval fake data/fake_data --out scores.json`" in text
    assert "```\nfake table\n```" in text
    assert "- a note" in text
    assert "## other\n\nThe suite's module does not exist yet." in text
    assert "| spacy | 3.8 |" in text


def test_evaluation_report_shows_the_tune_and_check_halves() -> None:
    halves = {"tune": {"overall": {"f1": 0.8, "error_km": 9.0}}, "check": {"overall": {"f1": 0.6, "error_km": 12.0}}}
    scores = {"overall": {"f1": 0.7, "error_km": 10.0}, "parts": halves}
    text = report.render_report(_record(fake=_entry(scores=scores)))
    assert "| 0.700<br>10.000 | 0.800 / 0.600<br>9.000 / 12.000 | 2 |" in text


def test_evaluation_report_marks_limited_runs() -> None:
    assert "only the first 7 items" in report.render_report(_record(fake=_entry(limit=7)))


def test_evaluation_record_round_trips_through_json(tmp_path: Path) -> None:
    record = _record(fake=_entry(), other=SuiteEntry("other", "failed", "d", "c", error="boom"))
    report.write_record(tmp_path / "scores.json", record)
    assert report.read_record(tmp_path / "scores.json") == record
    assert report.read_record(tmp_path / "absent.json") is None


def test_evaluation_run_all_writes_scores_and_report(
    run_all: ModuleType, fake_suite: Callable[..., Path], tmp_path: Path
) -> None:
    data = fake_suite(score=0.75)
    scores, page = tmp_path / "last_scores.json", tmp_path / "EVALUATION.md"
    code = run_all.main(["--data", str(data), "--suites", "fake", "--scores", str(scores), "--write", str(page)])
    assert code == 0
    record = report.read_record(scores)
    assert record is not None
    assert record.suites["fake"].status == "ok"
    assert record.suites["fake"].scores["overall"]["f1"] == 0.75
    assert record.suites["fake"].corpus_sha == report.corpus_sha(data / "fake_data")
    assert f".venv/bin/dateline eval fake {data / 'fake_data'} --out scores.json" in page.read_text()


def test_evaluation_run_all_keeps_other_suites_and_reports_failures(
    run_all: ModuleType, fake_suite: Callable[..., Path], tmp_path: Path
) -> None:
    scores = tmp_path / "last_scores.json"
    report.write_record(scores, _record(case2021=_entry()))
    data = fake_suite(fail=True)
    assert run_all.main(["--data", str(data), "--suites", "fake", "--scores", str(scores)]) == 1
    record = report.read_record(scores)
    assert record is not None
    assert record.suites["fake"].status == "failed"
    assert record.suites["fake"].error == "RuntimeError: gold file is broken"
    assert record.suites["case2021"].status == "ok"  # kept from the previous run


def test_evaluation_run_all_refuses_without_the_data_folder(
    run_all: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scores, page = tmp_path / "last_scores.json", tmp_path / "EVALUATION.md"
    code = run_all.main(["--data", str(tmp_path / "absent"), "--scores", str(scores), "--write", str(page)])
    assert code == 2
    assert not scores.exists() and not page.exists()
    assert "Getting the data" in capsys.readouterr().err


def test_evaluation_run_all_keeps_measured_scores_of_a_suite_without_data(
    run_all: ModuleType, fake_suite: Callable[..., Path], tmp_path: Path
) -> None:
    data = fake_suite(score=0.7)
    scores = tmp_path / "last_scores.json"
    assert run_all.main(["--data", str(data), "--suites", "fake", "--scores", str(scores)]) == 0
    for file in (data / "fake_data").iterdir():
        file.unlink()
    (data / "fake_data").rmdir()
    assert run_all.main(["--data", str(data), "--suites", "fake", "--scores", str(scores)]) == 0
    record = report.read_record(scores)
    assert record is not None
    assert record.suites["fake"].status == "ok" and record.suites["fake"].scores["overall"]["f1"] == 0.7


def test_evaluation_run_all_statuses_for_missing_module_and_data(run_all: ModuleType, tmp_path: Path) -> None:
    entry = run_all.run_one("case2021", tmp_path, None)
    assert entry.status == "no data"
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(evaluation.SUITES, "case2021", "dateline.evaluation.no_such_module")
        assert run_all.run_one("case2021", tmp_path, None).status == "not built"


def test_evaluation_run_all_rejects_unknown_suite(run_all: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        run_all.main(["--data", str(tmp_path), "--suites", "nonsense", "--scores", str(tmp_path / "s.json")])


BASELINE = {
    "margin": 0.01,
    "suites": {
        "fake": {
            "corpus_sha": "f" * 64,
            "metrics": {
                "overall.f1": {"pinned": 0.5, "better": "higher"},
                "overall.error_km": {"pinned": 10.0, "better": "lower"},
            },
        }
    },
}


@pytest.mark.parametrize(
    ("entry", "failures"),
    [
        (_entry(0.5), []),
        (_entry(0.495), []),  # within the noise margin
        (_entry(0.48), ["overall.f1"]),
        (_entry(0.9, scores={"overall": {"f1": 0.9, "error_km": 10.5}}), ["overall.error_km"]),
        (_entry(0.5, limit=10), ["overall.f1", "overall.error_km"]),
        (_entry(0.5, corpus_sha="0" * 64), ["overall.f1", "overall.error_km"]),
        (_entry(0.5, status="failed", error="boom"), ["overall.f1", "overall.error_km"]),
        (_entry(0.5, scores={"overall": {"f1": 0.5}}), ["overall.error_km"]),
    ],
)
def test_evaluation_gate_check(gate: ModuleType, entry: SuiteEntry, failures: list[str]) -> None:
    findings = gate.check(_record(fake=entry), BASELINE)
    assert [f.metric for f in findings if not f.ok] == failures


def test_evaluation_gate_fails_when_a_pinned_suite_was_not_run(gate: ModuleType) -> None:
    findings = gate.check(_record(), BASELINE)
    assert {f.reason for f in findings} == {"not measured"}


def test_evaluation_gate_update_pins_and_refuses_to_lower(gate: ModuleType) -> None:
    raised, lowered = gate.update(_record(fake=_entry(0.6)), BASELINE)
    assert raised["suites"]["fake"]["metrics"]["overall.f1"] == {"pinned": 0.6, "better": "higher"}
    assert lowered == []
    kept, lowered = gate.update(_record(fake=_entry(0.4)), BASELINE)
    assert kept["suites"]["fake"]["metrics"]["overall.f1"]["pinned"] == 0.5
    assert lowered == ["fake overall.f1: 0.5 → 0.4"]
    allowed, _ = gate.update(_record(fake=_entry(0.4)), BASELINE, allow_regression=True)
    assert allowed["suites"]["fake"]["metrics"]["overall.f1"]["pinned"] == 0.4


def test_evaluation_gate_update_skips_limited_runs(gate: ModuleType) -> None:
    pinned, _ = gate.update(_record(fake=_entry(0.9, limit=5)), {})
    assert pinned["suites"] == {}


def test_evaluation_gate_command_line(
    gate: ModuleType, run_all: ModuleType, fake_suite: Callable[..., Path], tmp_path: Path
) -> None:
    scores, baseline = tmp_path / "last_scores.json", tmp_path / "baseline.json"
    run_all.main(["--data", str(fake_suite(score=0.7)), "--suites", "fake", "--scores", str(scores)])
    paths = ["--scores", str(scores), "--baseline", str(baseline)]
    assert gate.main([*paths, "--update"]) == 0
    assert gate.main(paths) == 0
    run_all.main(["--data", str(fake_suite(score=0.6)), "--suites", "fake", "--scores", str(scores)])
    assert gate.main(paths) == 1
    assert gate.main([*paths, "--update"]) == 1  # refuses to lower the pin
    assert json.loads(baseline.read_text())["suites"]["fake"]["metrics"]["overall.f1"]["pinned"] == 0.7
