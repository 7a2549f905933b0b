"""The gvdb suite: reading the Gun Violence Database annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation.gvdb import _victim_counts, read_gvdb, run
from dateline.settings import Settings


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


@pytest.mark.slow
def test_gvdb_reads_the_dev_split(eval_dir: Path) -> None:
    incidents = read_gvdb(eval_dir / "gvdb")
    assert len(incidents) == 400
    assert sum(incident.city is not None for incident in incidents) == 360


@pytest.mark.slow
def test_gvdb_runs_on_a_sample(eval_dir: Path) -> None:
    result = run(eval_dir / "gvdb", Settings(), limit=3)
    assert result.scores["articles"] == 3
    assert "city string match" in result.table
