"""The exports carry every mention of an event, its record flags and how its parties are tied to it (patron,
attribution): ACLED's dateline_* columns, PLOVER's fields and GeoJSON's properties, for events and clusters."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from web_data import build_database

from dateline.export import export_table
from dateline.export.acled import acled_row, load_acled_tables


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("mentions") / "small.duckdb")


def _acled(db: Path, table: str, out: Path) -> dict[str, dict[str, str]]:
    export_table(db, table, "acled", out)
    with out.open(newline="", encoding="utf-8") as handle:
        return {row["dateline_event_id"]: row for row in csv.DictReader(handle)}


def test_export_mentions_acled_events_carry_flags_mentions_and_party_ties(db: Path, tmp_path: Path) -> None:
    rows = _acled(db, "events", tmp_path / "events.csv")
    assert (rows["art-a-e1"]["dateline_n_mentions"], rows["art-a-e1"]["dateline_flags"]) == ("2", "")
    assert (rows["art-c-e2"]["dateline_n_mentions"], rows["art-c-e2"]["dateline_flags"]) == ("0", "aggregate")
    tied = rows["art-b-e1"]
    assert (tied["dateline_actor1_patron"], tied["dateline_actor1_attribution"]) == ("ERI", "alleged")
    assert (tied["dateline_actor2_patron"], tied["dateline_actor2_attribution"]) == ("", "")


def test_export_mentions_acled_clusters_sum_mentions_and_keep_flags_every_report_has(db: Path, tmp_path: Path) -> None:
    rows = {row["dateline_cluster_id"]: row for row in _acled(db, "clusters", tmp_path / "clusters.csv").values()}
    attack = rows["cart-a-e1"]
    assert (attack["dateline_n_mentions"], attack["dateline_flags"]) == ("2", "")  # art-b-e1 lists no mentions
    assert rows["cart-c-e2"]["dateline_flags"] == "aggregate"


def _plover(db: Path, table: str, out: Path) -> dict[str, dict[str, Any]]:
    export_table(db, table, "plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {record["event_id"]: record for record in records}


def test_export_mentions_plover_carries_every_mention_and_flags(db: Path, tmp_path: Path) -> None:
    records = _plover(db, "events", tmp_path / "events.jsonl")
    attack = records["art-a-e1"]
    assert [mention["trigger"]["text"] for mention in attack["mentions"]] == ["attacked", "assault"]
    assert (attack["n_mentions"], attack["flags"]) == (2, [])
    assert records["art-c-e2"]["flags"] == ["aggregate"]
    assert (records["art-b-e1"]["source_patron"], records["art-b-e1"]["source_attribution"]) == ("ERI", "alleged")
    clusters = _plover(db, "clusters", tmp_path / "clusters.jsonl")
    assert (clusters["cart-c-e2"]["flags"], clusters["cart-a-e1"]["n_mentions"]) == (["aggregate"], 2)


def test_export_mentions_geojson_properties(db: Path, tmp_path: Path) -> None:
    export_table(db, "events", "geojson", tmp_path / "events.geojson")
    features = json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))["features"]
    properties = {feature["id"]: feature["properties"] for feature in features}
    assert (properties["art-a-e1"]["n_mentions"], properties["art-a-e1"]["flags"]) == (2, [])
    assert (properties["art-b-e1"]["source_patrons"], properties["art-b-e1"]["source_attributions"]) == (
        ["ERI"],
        ["alleged"],
    )
    assert "record" not in properties["art-a-e1"]  # the flattened columns, not the stored JSON


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ({"name": "Ramadi", "precision": "place"}, 1),
        ({"name": "Anbar", "precision": "admin1"}, 3),
        ({"name": "near Ramadi", "precision": "place", "geo_precision": 2}, 2),  # the places stage's own (where-when)
        (None, ""),
    ],
)
def test_export_mentions_acled_geo_precision(location: dict[str, Any] | None, expected: int | str) -> None:
    record = {"type": "ASSAULT", "location": location, "source": [], "recipient": []}
    row = acled_row(record, row_id="1", event_ids=["e1"], cluster_id=None, article_ids=["a1"], evidence=None,
                    outlets=[], timestamp=None, tables=load_acled_tables())  # fmt: skip
    assert row["geo_precision"] == expected
