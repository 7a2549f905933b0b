"""`dateline eval reviewed --db DB`: the machine's events scored against the reviews (evaluation/reviewed.py)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner
from web_data import build_database

from dateline import review
from dateline.cli import app
from dateline.evaluation.reviewed import score_database
from dateline.store import Store


def _reviewed_database(path: Path) -> Path:
    db = build_database(path)
    with Store(db) as store:
        con = store.connection
        review.submit_review(con, "art-a-e1", {"status": "confirmed", "reviewer": "ana"})
        changes = {"recipient": ["sdn-gov"], "killed": 11}
        review.submit_review(con, "art-b-e1", {"status": "corrected", "reviewer": "ana", "changes": changes})
        review.submit_review(con, "art-c-e2", {"status": "rejected", "reviewer": "bo"})
    return db


def test_evaluation_reviewed_counts_precision_and_field_accuracy(tmp_path: Path) -> None:
    scores = score_database(_reviewed_database(tmp_path / "r.duckdb")).scores
    assert (scores["events"], scores["reviewed"], scores["coverage"]) == (4, 3, 0.75)
    assert (scores["confirmed"], scores["corrected"], scores["rejected"]) == (1, 1, 1)
    assert scores["precision"] == 0.6667  # two of the three reviewed events are real
    fields = scores["fields"]
    assert fields["recipient"] == {"accuracy": 0.5, "corrected": 1}  # right in the confirmed one, wrong in the other
    assert fields["killed"] == {"accuracy": 0.5, "corrected": 1}
    assert fields["type"] == {"accuracy": 1.0, "corrected": 0}


def test_evaluation_reviewed_keeps_scoring_the_machine_after_later_reviews(tmp_path: Path) -> None:
    db = _reviewed_database(tmp_path / "r.duckdb")
    with Store(db) as store:  # confirming the corrected event keeps its corrections: the machine was still wrong
        review.submit_review(store.connection, "art-b-e1", {"status": "confirmed", "reviewer": "cy"})
    scores = score_database(db).scores
    assert (scores["confirmed"], scores["corrected"]) == (2, 0)
    assert scores["fields"]["recipient"] == {"accuracy": 0.5, "corrected": 1}


def test_evaluation_reviewed_cli_prints_a_table_and_writes_json(tmp_path: Path) -> None:
    db = _reviewed_database(tmp_path / "r.duckdb")
    out = tmp_path / "scores.json"
    result = CliRunner().invoke(app, ["eval", "reviewed", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "precision (reviewed events that are real): 0.667" in result.output
    assert json.loads(out.read_text())["rejected"] == 1


def test_evaluation_reviewed_without_reviews_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "reviewed", "--db", str(build_database(tmp_path / "n.duckdb"))])
    assert result.exit_code == 0
    assert "no event has been reviewed yet" in result.output
    assert CliRunner().invoke(app, ["eval", "reviewed", "--db", str(tmp_path / "none.duckdb")]).exit_code == 2
