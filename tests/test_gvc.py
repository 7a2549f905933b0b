"""The gvc suite: reading the Gun Violence Corpus gold and scoring each article's main incident."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation.gvc import _iso_date, read_gvc, run
from dateline.evaluation.incidents import GoldIncident, Prediction, distance_km, score
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
