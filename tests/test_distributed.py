"""The Dask engine gives the same records, in the same order, as the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from dateline import jobs
from dateline.cli import app
from dateline.jobs.ingest import DEMO_CORPUS
from dateline.jobs.partitions import partition_files, read_partition
from dateline.readers import read_paths
from dateline.records import ItemError, RawDocument, to_json
from dateline.settings import Settings

distributed = pytest.importorskip("dateline.jobs.dask")
pytest.importorskip("dask.distributed")

DEMO = DEMO_CORPUS
SHORT_NEWS = (
    "Gunmen killed four soldiers at a checkpoint near Kirkuk on Tuesday, police said.",
    "An air strike hit a market in Raqqa on Friday, wounding 12 civilians, a monitor said.",
    "Protesters marched in Basra on Sunday to demand jobs and electricity.",
)


def _raws(texts: tuple[str, ...]) -> list[RawDocument | ItemError]:
    return [RawDocument(origin=f"short:{i}", text=text, published="2019-05-02") for i, text in enumerate(texts)]


def test_distributed_demo_corpus_same_records_as_local(resources: object) -> None:
    settings = Settings(workers=1, batch_size=4)
    local = [to_json(item) for item in jobs.extract_stream(read_paths([str(DEMO)]), settings)]
    dask = [
        to_json(item)
        for item in distributed.extract_stream_dask(read_paths([str(DEMO)]), settings, workers=1, processes=False)
    ]
    assert len(local) >= 18
    assert [item["article"]["id"] for item in dask] == [item["article"]["id"] for item in local]
    assert dask == local


def test_distributed_partitions_hold_the_local_records(resources: object, tmp_path: Path) -> None:
    settings = Settings(workers=1, batch_size=2, store_batch=2)  # a partition per store batch
    with distributed.dask_client(workers=1, processes=False) as client:
        written = list(distributed.write_partitions(_raws(SHORT_NEWS), settings, tmp_path / "parts", client))
    assert [(Path(path).name, articles) for path, articles, _failed in written] == [
        ("part-00000.parquet", 2),
        ("part-00001.parquet", 1),
    ]
    stored = [item for path, _a, _f in written for item in read_partition(Path(path))]
    assert stored == list(jobs.extract_stream(_raws(SHORT_NEWS), settings))
    assert not list((tmp_path / "parts").glob("*.partial"))


def test_distributed_partitions_numbered_after_existing_ones(resources: object, tmp_path: Path) -> None:
    settings = Settings(workers=1, batch_size=8)
    with distributed.dask_client(workers=1, processes=False) as client:
        list(distributed.write_partitions(_raws(SHORT_NEWS[:1]), settings, tmp_path, client))
        list(distributed.write_partitions(_raws(SHORT_NEWS[1:]), settings, tmp_path, client))
    assert [path.name for path in partition_files(tmp_path)] == ["part-00000.parquet", "part-00001.parquet"]


def test_distributed_reader_errors_pass_through(resources: object) -> None:
    items: list[RawDocument | ItemError] = [
        ItemError("broken.txt", "ingest", "FileNotFound", "no such file"),
        RawDocument(origin="empty.txt", text="   "),
        *_raws(SHORT_NEWS[:1]),
    ]
    settings = Settings(workers=1, batch_size=8)
    results = list(distributed.extract_stream_dask(items, settings, workers=1, processes=False))
    assert [bool(item.errors) for item in results] == [True, True, False]
    assert results[0].errors[0].stage == "ingest"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--engine", "spark"), "unknown engine"),
        (("--scheduler", "tcp://127.0.0.1:8786"), "need --engine dask"),
        (("--partitions", "out"), "need --engine dask"),
    ],
)
def test_distributed_cli_engine_usage_errors_exit_2(args: tuple[str, ...], message: str, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SHORT_NEWS[0], encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article), *args])
    assert result.exit_code == 2
    assert message in result.output
