"""The gvdb suite: reading the Gun Violence Database annotations (.tsv, or the tokenised .json release)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.evaluation.data import NoGoldDataError, Selection
from dateline.evaluation.gvdb import _victim_counts, read_gvdb, run
from dateline.settings import Settings

TEXT = "A woman was shot and killed in Dayton on Tuesday. Her brother was wounded."
ANNOTATION = {
    "date-and-time": {"city": {"value": "Dayton"}, "date": "2016-03-01"},
    "victim-section": [{"victim-was": ["killed"]}, {"victim-was": ["injured"]}],
}


@pytest.mark.parametrize(
    ("victims", "expected"),
    [
        ([], (0, 0)),
        ([{"victim-was": ["killed"]}, {"victim-was": ["injured", "hospitalized"]}], (1, 1)),
        ([{"victim-was": ["injured", "killed"]}, {"victim-was": []}], (1, 0)),
    ],
)
def test_gvdb_victim_counts(victims: list[dict[str, list[str]]], expected: tuple[int, int]) -> None:
    assert _victim_counts({"victim-section": victims}) == expected


def _write_tsv(folder: Path, split: str) -> Path:
    header = "Article id\tArticle url\tArticle title\tFull text\tJson\tWorker"
    row = "\t".join(["12", "http://example.org", "Woman killed in Dayton", TEXT, json.dumps(ANNOTATION), "w1"])
    (folder / f"{split}.tsv").write_text(f"{header}\n{row}\n", encoding="utf-8")
    return folder


def _write_tokenised(folder: Path, split: str) -> Path:
    tokens = [["A", "woman", "was", "shot", "and", "killed", "in", "Dayton", "on", "Tuesday", "."]]
    row = {
        "doc_key": "77",
        "date": "2016-03-01",
        "full_text": tokens,
        "spans": [[7, 8, "DAT-CITY", "Dayton ", ["Dayton"]]],
    }
    (folder / f"{split}.json").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return folder


def test_gvdb_reads_a_test_tsv(tmp_path: Path) -> None:
    (incident,), splits = read_gvdb(_write_tsv(tmp_path, "test"))
    assert splits == ["test"]
    assert (incident.doc_id, incident.killed, incident.injured, incident.city, incident.date) == (
        "12",
        1,
        1,
        "Dayton",
        "2016-03-01",
    )


def test_gvdb_reads_the_tokenised_json_without_victim_states(tmp_path: Path) -> None:
    (incident,), _ = read_gvdb(_write_tokenised(tmp_path, "test"))
    assert incident.text == "A woman was shot and killed in Dayton on Tuesday."
    assert (incident.doc_id, incident.killed, incident.injured, incident.city) == ("77", None, None, "Dayton")


def test_gvdb_prefers_the_tsv_of_a_split(tmp_path: Path) -> None:
    _write_tokenised(_write_tsv(tmp_path, "dev"), "dev")
    (incident,), _ = read_gvdb(tmp_path)
    assert incident.doc_id == "12"


def test_gvdb_folder_without_gold_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NoGoldDataError, match="nothing to score"):
        read_gvdb(tmp_path)
    _write_tsv(tmp_path, "test")
    with pytest.raises(NoGoldDataError, match="no split 'dev'"):
        read_gvdb(tmp_path, Selection(split="dev"))


def test_gvdb_runs_the_product_on_the_tokenised_test_split(tmp_path: Path, resources: object) -> None:
    result = run(_write_tokenised(tmp_path, "test"), Settings())
    assert result.scores["articles"] == 1
    assert (result.scores["killed"]["n"], result.scores["date"]["n"], result.scores["city"]["n"]) == (0, 1, 1)


@pytest.mark.slow
def test_gvdb_reads_the_dev_split(eval_dir: Path) -> None:
    incidents, _ = read_gvdb(eval_dir / "gvdb")
    assert len(incidents) == 400
    assert sum(incident.city is not None for incident in incidents) == 360


@pytest.mark.slow
def test_gvdb_runs_on_a_sample(eval_dir: Path) -> None:
    result = run(eval_dir / "gvdb", Settings(), Selection(limit=3))
    assert result.scores["articles"] == 3
    assert "city string match" in result.table
