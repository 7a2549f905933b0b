"""The lgl and geovirus suites on a few gold articles (slow: reads ../shared/eval)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation import geovirus, lgl
from dateline.evaluation.data import Selection
from dateline.settings import Settings


@pytest.mark.slow
@pytest.mark.parametrize(("suite", "folder"), [(lgl, "lgl"), (geovirus, "geovirus")])
def test_places_eval_suite_scores_a_sample(eval_dir: Path, suite, folder: str) -> None:  # type: ignore[no-untyped-def]
    result = suite.run(eval_dir / folder, Settings(), Selection(limit=8))
    recognition = result.scores["recognition"]
    geocoding = result.scores["geocoding"]
    assert result.scores["articles"] == 8
    assert recognition["tp"] > 0 and 0.0 < recognition["recall"] <= 1.0
    assert 0.0 <= geocoding["acc_at_161"] <= 1.0 and geocoding["count"] > 0
    assert "Acc@161km" in result.table


def test_places_geovirus_offsets_are_made_zero_based(tmp_path: Path) -> None:
    (tmp_path / "GeoVirus.xml").write_text(
        "<articles><article><source>s</source><text>Cases rose in Lima.</text><locations><location>"
        "<name>Lima</name><start>15</start><end>19</end><lat>-12.05</lat><lon>-77.04</lon>"
        "</location></locations></article></articles>",
        encoding="utf-8",
    )
    (article,), _ = geovirus.read_geovirus(tmp_path)
    (toponym,) = article.toponyms
    assert article.text[toponym.start : toponym.end] == "Lima"


def test_places_lgl_reader_keeps_toponyms_without_coordinates(tmp_path: Path) -> None:
    (tmp_path / "lgl.xml").write_text(
        '<articles><article docid="7"><text>Rain fell on Springfield and Elm Street.</text><toponyms>'
        "<toponym><start>13</start><end>24</end><phrase>Springfield</phrase><gaztag geonameid='1'><lat>39.8</lat>"
        "<lon>-89.6</lon></gaztag></toponym><toponym><start>29</start><end>39</end><phrase>Elm Street</phrase>"
        "</toponym></toponyms></article></articles>",
        encoding="utf-8",
    )
    (article,), _ = lgl.read_lgl(tmp_path)
    assert [(t.lat is None) for t in article.toponyms] == [False, True]
    assert article.text[article.toponyms[1].start : article.toponyms[1].end] == "Elm Street"
