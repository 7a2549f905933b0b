"""Parquet partitions hold extraction records exactly; unreadable or foreign files are refused with their path."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dateline import jobs
from dateline.jobs.partitions import (
    PartitionError,
    extracted_article_ids,
    next_partition_index,
    partition_article_ids,
    partition_files,
    partition_path,
    read_partition,
    write_partition_file,
)
from dateline.records import Article, Extraction, ItemError, RawDocument, to_json
from dateline.settings import Settings

NEWS = (
    "BAGHDAD, March 3 (Reuters) - A car bomb killed 14 people at a market in Baghdad on Tuesday, police said. "
    '"We heard the blast from the mosque," one shopkeeper told reporters.',
    "Rebels seized the town of Idlib on Sunday after days of fighting with government forces, a monitor said.",
    "Ünïcödé: the ministry said 3½ tonnes of aid reached Ḥamāh — “finally” — on 2 May. 🚑",
)


@pytest.fixture(scope="module")
def extractions(resources: object) -> list[Extraction]:
    raws: list[RawDocument | ItemError] = [
        RawDocument(origin=f"news:{index}", text=text, published="2015-03-05", title="t", url="http://example.org/a")
        for index, text in enumerate(NEWS)
    ]
    raws.append(ItemError("missing.txt", "ingest", "FileNotFoundError", "no such file"))
    return jobs.extract_batch(raws, Settings(workers=1))


def test_partitions_round_trip_is_exact(extractions: list[Extraction], tmp_path: Path) -> None:
    path = partition_path(tmp_path, 0)
    write_partition_file(extractions, path)
    back = read_partition(path)
    assert back == extractions  # the records themselves, Article.origin included, not only their JSON
    assert [to_json(item) for item in back] == [to_json(item) for item in extractions]
    assert sum(len(item.events) for item in back) >= 2 and any(item.quotes for item in back)


def test_partitions_ids_and_failed_articles(extractions: list[Extraction], tmp_path: Path) -> None:
    path = partition_path(tmp_path, 3)
    write_partition_file(extractions, path)
    ids = [item.article.id for item in extractions]
    assert partition_article_ids(path) == ids
    assert extracted_article_ids(path) == ids[:3]  # the unreadable item has no text: not counted as done


def test_partitions_empty_partition(tmp_path: Path) -> None:
    path = partition_path(tmp_path, 0)
    write_partition_file([], path)
    assert read_partition(path) == []
    assert partition_article_ids(path) == []


def test_partitions_listing_ignores_partial_and_other_files(tmp_path: Path) -> None:
    one = Extraction(article=Article(id="a1", text="Text."))
    for index in (2, 0, 11):
        write_partition_file([one], partition_path(tmp_path, index))
    (tmp_path / "part-00012.parquet.partial").write_bytes(b"half")
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert [path.name for path in partition_files(tmp_path)] == [
        "part-00000.parquet",
        "part-00002.parquet",
        "part-00011.parquet",
    ]
    assert next_partition_index(tmp_path) == 12
    assert next_partition_index(tmp_path / "absent") == 0
    assert partition_files(tmp_path / "absent") == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not parquet at all", "cannot read"),
        (b"", "cannot read"),
        (None, "not a dateline partition"),
    ],
)
def test_partitions_foreign_files_are_refused(tmp_path: Path, content: bytes | None, message: str) -> None:
    path = partition_path(tmp_path, 0)
    if content is None:
        pq.write_table(pa.table({"article_id": ["x"]}), path)  # Parquet, but not written by dateline
    else:
        path.write_bytes(content)
    with pytest.raises(PartitionError, match=message) as raised:
        read_partition(path)
    assert str(path) in str(raised.value)


def test_partitions_write_leaves_no_partial_file(tmp_path: Path) -> None:
    write_partition_file([Extraction(article=Article(id="a1", text="Text."))], partition_path(tmp_path, 0))
    assert sorted(path.name for path in tmp_path.iterdir()) == ["part-00000.parquet"]
