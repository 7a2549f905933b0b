"""The gvc suite: reading the Gun Violence Corpus gold and scoring each article's main incident."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from dateline.evaluation.gvc import _iso_date, read_gvc, run
from dateline.evaluation.incidents import GoldIncident, Prediction, distance_km, score
from dateline.records import Article
from dateline.settings import Settings


@pytest.mark.parametrize(
    ("text", "expected"), [("February 12, 2014", "2014-02-12"), ("", None), (None, None), ("12/02/2014", None)]
)
def test_gvc_iso_date(text: str | None, expected: str | None) -> None:
    assert _iso_date(text) == expected


def test_gvc_distance_km() -> None:
    assert distance_km(41.5781, -87.3371, 41.5781, -87.3371) == 0.0
    assert 120 < distance_km(41.88, -87.63, 43.04, -87.91) < 140  # Chicago to Milwaukee


def _gold(killed: int, injured: int, lat: float | None = 41.0) -> GoldIncident:
    return GoldIncident("d", "text", None, "2016-01-02", killed, injured, "2016-01-01", lat, -87.0, "Gary")


def test_gvc_score_counts_exact_mae_dates_and_places() -> None:
    gold = [_gold(1, 0), _gold(2, 3, None)]
    predicted = [
        Prediction(1, 0, "2016-01-01", 41.1, -87.0, "Gary Gary"),
        Prediction(0, 3, "2016-01-02", None, None, None),
    ]
    scores = score(gold, predicted)
    assert scores["killed"] == {"exact": 0.5, "mae": 1.0, "n": 2}
    assert scores["injured"] == {"exact": 1.0, "mae": 0.0, "n": 2}
    assert scores["date"] == {"exact": 0.5, "n": 2}
    assert scores["location"] == {"within_50km": 1.0, "n": 1}
    assert scores["city"] == {"match": 0.5, "n": 2}


@pytest.mark.slow
def test_gvc_reads_the_dev_split(eval_dir: Path) -> None:
    incidents = read_gvc(eval_dir / "gvc")
    assert len(incidents) == 78
    assert all(incident.published for incident in incidents)


@pytest.mark.slow
def test_gvc_runs_on_a_sample(eval_dir: Path) -> None:
    result = run(eval_dir / "gvc", Settings(), limit=3)
    assert result.scores["articles"] == 3
    assert 0.0 <= result.scores["killed"]["exact"] <= 1.0
    assert "killed exact" in result.table


def _article_prediction(parse: Callable[..., tuple[Article, Doc]], text: str, published: str) -> Prediction:
    from dateline import pipeline
    from dateline.evaluation.incidents import predict

    article, doc = parse(text, published)
    resources = pipeline.load_resources(Settings())
    extraction = pipeline.analyse(article, doc, resources)
    return predict(article, doc, extraction, place_knowledge=resources.places, casualty_terms=resources.casualties)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Police are investigating a fatal shooting on Oak Street. A man was shot in the chest.", 1, 0),
        ("A woman was shot in the leg on Oak Street on Sunday. She is expected to survive.", 0, 1),
        ("A man was shot on Oak Street on Sunday. He was taken to a hospital and died.", 1, 0),
    ],
)
def test_gvc_article_counts_the_main_incident(
    parse: Callable[..., tuple[Article, Doc]], text: str, killed: int, injured: int
) -> None:
    found = _article_prediction(parse, text, "2016-05-03")
    assert (found.killed, found.injured) == (killed, injured)


def test_gvc_date_is_the_day_named_before_publication(parse: Callable[..., tuple[Article, Doc]]) -> None:
    text = "Police on Tuesday named the man who died. Officers were called to the house on Saturday night."
    assert _article_prediction(parse, text, "2016-05-03").date == "2016-04-30"
