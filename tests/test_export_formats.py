"""Exports analysts load elsewhere: ACLED CSV in pandas, GeoJSON checked with shapely, Parquet partitioned by month."""

from __future__ import annotations

import json
from pathlib import Path

import pandas
import pytest
import shapely.geometry  # type: ignore[import-untyped]

from dateline.bench.synthetic import synthetic_extraction
from dateline.export import ExportError, export_table
from dateline.export.acled import ACLED_COLUMNS
from dateline.export.partitioned import UNDATED
from dateline.store import Store

N_ARTICLES = 15
# ACLED's own column names (ACLED codebook), which an analyst's existing scripts select by name.
ACLED_NAMES = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
ACLED_EVENT_TYPES = {
    "Battles",
    "Violence against civilians",
    "Explosions/Remote violence",
    "Protests",
    "Riots",
    "Strategic developments",
}


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("formats") / "synthetic.duckdb"
    with Store(path) as store:
        result = store.write_batch([synthetic_extraction(n) for n in range(N_ARTICLES)])
        store.assign_singleton_clusters(result.new_event_ids)
    return path


@pytest.fixture(scope="module")
def demo_db(resources: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled demo corpus, ingested once (the model is the session's)."""
    import dateline
    from dateline.jobs.ingest import DEMO_CORPUS

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    summary = dateline.ingest_files(DEMO_CORPUS, db=path, workers=1)
    assert summary.failed == 0
    return path


def test_export_formats_acled_csv_opens_in_pandas_with_acled_types(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "acled.csv"
    count = export_table(demo_db, "events", "acled", out)
    frame = pandas.read_csv(out, parse_dates=["event_date"], dtype={"iso": "Int64"})
    assert len(frame) == count > 0
    assert tuple(frame.columns[: len(ACLED_NAMES)]) == ACLED_NAMES == ACLED_COLUMNS[: len(ACLED_NAMES)]
    assert pandas.api.types.is_datetime64_any_dtype(frame["event_date"])
    assert (frame["year"] == frame["event_date"].dt.year).all()
    for column in ("year", "time_precision", "geo_precision", "fatalities", "timestamp"):
        # an event with no place leaves geo_precision blank, and pandas reads a column with blanks as floats
        present = frame[column].dropna()
        assert pandas.api.types.is_numeric_dtype(present) and (present % 1 == 0).all(), column
    assert set(frame["time_precision"]) <= {1, 2, 3} and (frame["fatalities"] >= 0).all()
    located = frame.dropna(subset=["latitude"])
    assert (
        len(located) > 0
        and located["latitude"].between(-90, 90).all()
        and located["longitude"].between(-180, 180).all()
    )
    assert set(frame["event_type"].dropna()) <= ACLED_EVENT_TYPES
    assert frame["event_id_cnty"].is_unique


def _geojson(db: Path, table: str, tmp_path: Path) -> dict[str, object]:
    out = tmp_path / f"{table}.geojson"
    export_table(db, table, "geojson", out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize("table", ["events", "clusters"])
def test_export_formats_geojson_is_valid_and_matches_events(synthetic_db: Path, tmp_path: Path, table: str) -> None:
    document = _geojson(synthetic_db, table, tmp_path)
    assert set(document) == {"type", "features"} and document["type"] == "FeatureCollection"
    with Store(synthetic_db, read_only=True) as store:
        expected = {row["id"]: (row["lon"], row["lat"]) for row in store.iter_rows(table) if row["lat"] is not None}
    features = document["features"]
    assert isinstance(features, list) and len(features) == len(expected) > 0
    for feature in features:
        assert set(feature) == {"type", "id", "geometry", "properties"} and feature["type"] == "Feature"
        shape = shapely.geometry.shape(feature["geometry"])
        assert shape.geom_type == "Point" and shape.is_valid
        assert -180 <= shape.x <= 180 and -90 <= shape.y <= 90
        assert (shape.x, shape.y) == expected[feature["id"]]
        assert feature["properties"]["id"] == feature["id"]


def test_export_formats_geojson_of_demo_corpus_is_valid(demo_db: Path, tmp_path: Path) -> None:
    features = _geojson(demo_db, "events", tmp_path)["features"]
    assert isinstance(features, list) and features
    frame = pandas.read_csv(_acled(demo_db, tmp_path), usecols=["dateline_event_id", "latitude", "longitude"])
    by_id = {row.dateline_event_id: (row.longitude, row.latitude) for row in frame.itertuples()}
    for feature in features:
        point = shapely.geometry.shape(feature["geometry"])
        assert point.is_valid and point.x == pytest.approx(by_id[feature["id"]][0], abs=1e-5)
        assert point.y == pytest.approx(by_id[feature["id"]][1], abs=1e-5)


def _acled(db: Path, tmp_path: Path) -> Path:
    out = tmp_path / "events-acled.csv"
    export_table(db, "events", "acled", out)
    return out


@pytest.mark.parametrize("table", ["events", "clusters"])
def test_export_formats_parquet_by_month(synthetic_db: Path, tmp_path: Path, table: str) -> None:
    folder = tmp_path / f"{table}-by-month"
    count = export_table(synthetic_db, table, "parquet-month", folder)
    frame = pandas.read_parquet(folder)
    assert len(frame) == count > 0 and "record" not in frame.columns
    months = {path.name.removeprefix("month=") for path in folder.iterdir()}
    assert months == set(frame["month"].astype(str))
    for row in frame.itertuples():
        expected = UNDATED if pandas.isna(row.date_start) else pandas.Timestamp(row.date_start).strftime("%Y-%m")
        assert str(row.month) == expected
    assert not folder.with_name(folder.name + ".part").exists()


@pytest.mark.parametrize(
    ("table", "name", "message"),
    [
        ("events", None, "give a new folder with --out"),
        ("events", "exists", "give a new folder with --out"),
        ("quotes", "new", "does not apply to table 'quotes'"),
    ],
)
def test_export_formats_parquet_by_month_mistakes(
    synthetic_db: Path, tmp_path: Path, table: str, name: str | None, message: str
) -> None:
    (tmp_path / "exists").mkdir()
    out = tmp_path / name if name else None
    with pytest.raises(ExportError, match=message):
        export_table(synthetic_db, table, "parquet-month", out)
