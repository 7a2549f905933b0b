"""The gvc suite: reading the Gun Violence Corpus gold in its published layout (any split) and scoring each
article's main event as the record names it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluation.data import NoGoldDataError, Selection
from dateline.evaluation.gvc import _iso_date, read_gvc, run
from dateline.evaluation.main_events import GoldIncident, Prediction, predict, score
from dateline.records import (
    Article,
    Casualties,
    Count,
    Event,
    EventDate,
    Evidence,
    Extraction,
    Location,
)
from dateline.settings import Settings

TEXT = (
    "Police said two men were shot dead in Gary on Sunday night. A third man was wounded and taken to a hospital. "
    "Officers have made no arrests."
)


@pytest.mark.parametrize(
    ("text", "expected"), [("February 12, 2014", "2014-02-12"), ("", None), (None, None), ("12/02/2014", None)]
)
def test_gvc_iso_date(text: str | None, expected: str | None) -> None:
    assert _iso_date(text) == expected


def _gold(killed: int, injured: int, lat: float | None = 41.0) -> GoldIncident:
    return GoldIncident("d", "text", None, "2016-01-02", killed, injured, "2016-01-01", lat, -87.0, "Gary")


def test_gvc_score_counts_exact_mae_dates_and_places() -> None:
    gold = [_gold(1, 0), _gold(2, 3, None)]
    predicted = [
        Prediction(1, 0, "2016-01-01", 41.1, -87.0, "Gary Gary"),
        Prediction(0, 3, "2016-01-02", None, None, None, no_main_event=True),
    ]
    scores = score(gold, predicted)
    assert scores["killed"] == {"exact": 0.5, "mae": 1.0, "n": 2}
    assert scores["injured"] == {"exact": 1.0, "mae": 0.0, "n": 2}
    assert scores["date"] == {"exact": 0.5, "n": 2}
    assert scores["location"] == {"within_50km": 1.0, "n": 1}
    assert scores["city"] == {"match": 0.5, "n": 2}
    assert scores["no_main_event"] == 1


def _event(number: int, killed: int | None, day: str) -> Event:
    toll = Casualties(killed=Count(killed, killed, killed) if killed is not None else None)
    location = Location(text="Gary", name="Gary", lat=41.59, lon=-87.35, country="US")
    return Event(
        id=f"a-e{number}",
        article_id="a",
        type="ASSAULT",
        evidence=Evidence("x", 0, 1),
        casualties=toll,
        date=EventDate(day, "day", "on Sunday"),
        location=location,
    )


def test_gvc_prediction_reads_only_the_main_event() -> None:
    article = Article(id="a", text=TEXT, main_event_id="a-e2")
    extraction = Extraction(article=article, events=(_event(1, 5, "2016-01-01"), _event(2, 2, "2016-01-03")))
    found = predict(extraction)
    assert (found.killed, found.injured, found.date, found.place) == (2, 0, "2016-01-03", "Gary Gary")
    nothing = predict(Extraction(article=Article(id="a", text=TEXT), events=extraction.events))
    assert (nothing.killed, nothing.date, nothing.lat, nothing.no_main_event) == (0, None, None, True)


def _write_gvc(folder: Path, split: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    doc = {
        "doc_id": "d1",
        "title": "Two men shot dead in Gary",
        "dct": "2016-05-02",
        "content": TEXT,
        "gvc_event_id": "9",
        "split": split,
    }
    incident = {
        "incident_id": "9",
        "date": "May 1, 2016",
        "city_or_county": "Gary",
        "num_killed": 2,
        "num_injured": 1,
        "lat": 41.59,
        "lon": -87.35,
    }
    (folder / "gvc_docs.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    (folder / "gvc_events.jsonl").write_text(json.dumps(incident) + "\n", encoding="utf-8")
    return folder


def test_gvc_reads_a_folder_with_only_a_test_split(tmp_path: Path) -> None:
    incidents, splits = read_gvc(_write_gvc(tmp_path, "test"))
    assert splits == ["test"] and [(i.doc_id, i.killed, i.injured, i.date) for i in incidents] == [
        ("d1", 2, 1, "2016-05-01")
    ]
    with pytest.raises(NoGoldDataError, match=r"no split 'dev' \(splits here: test\)"):
        read_gvc(tmp_path, Selection(split="dev"))


def test_gvc_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NoGoldDataError, match="nothing to score"):
        read_gvc(tmp_path)


def test_gvc_runs_the_product_on_a_test_split(tmp_path: Path, resources: object, settings: Settings) -> None:
    result = run(_write_gvc(tmp_path, "test"), settings)
    assert result.scores["articles"] == 1
    assert result.scores["killed"]["n"] == 1 and result.scores["date"]["n"] == 1
    assert "split test" in result.notes


def test_gvc_clustering_runs_the_product_on_a_test_split(tmp_path: Path, resources: object, settings: Settings) -> None:
    from dateline.evaluation import gvc_clustering

    result = gvc_clustering.run(_write_gvc(tmp_path, "test"), settings)
    assert (result.scores["dateline"]["gold_clusters"], result.scores["dateline"]["predicted_clusters"]) == (1, 1)


@pytest.mark.slow
def test_gvc_reads_the_dev_split(eval_dir: Path) -> None:
    incidents, splits = read_gvc(eval_dir / "gvc", Selection(split="dev"))
    assert len(incidents) == 78 and splits == ["dev"]
    assert all(incident.published for incident in incidents)


@pytest.mark.slow
def test_gvc_runs_on_a_sample(eval_dir: Path) -> None:
    result = run(eval_dir / "gvc", Settings(), Selection(split="dev", limit=3))
    assert result.scores["articles"] == 3
    assert 0.0 <= result.scores["killed"]["exact"] <= 1.0
    assert "killed exact" in result.table
