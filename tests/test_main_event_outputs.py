"""The article's main event (`article.main_event_id`) carried from the store to the API, the article page and the
analyst exports (issue 21 item 1)."""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dateline.bench.synthetic import synthetic_extraction
from dateline.export import export_table
from dateline.records import Extraction
from dateline.settings import Settings
from dateline.store import Store
from dateline.web.app import create_app

Stored = tuple[Path, Extraction, Extraction]


def _marked(number: int) -> Extraction:
    """A synthetic extraction whose first event is the article's main event."""
    extraction = synthetic_extraction(number)
    article = dataclasses.replace(extraction.article, main_event_id=extraction.events[0].id)
    return dataclasses.replace(extraction, article=article)


def _database(path: Path) -> tuple[Path, Extraction, Extraction]:
    """A database with one article that names its main event and one that names none."""
    marked, plain = _marked(4), synthetic_extraction(5)
    assert marked.events and plain.events and plain.article.main_event_id is None
    with Store(path) as store:
        result = store.write_batch([marked, plain])
        store.assign_singleton_clusters(result.new_event_ids)
    return path, marked, plain


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Extraction, Extraction]:
    return _database(tmp_path_factory.mktemp("main") / "main.duckdb")


@pytest.fixture(scope="module")
def client(stored: tuple[Path, Extraction, Extraction]) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(stored[0])))) as test_client:
        yield test_client


def test_main_event_outputs_api_article_names_it(client: TestClient, stored: Stored) -> None:
    _, marked, plain = stored
    found = client.get(f"/api/articles/{marked.article.id}").json()
    assert found["article"]["main_event_id"] == marked.events[0].id
    assert client.get(f"/api/articles/{plain.article.id}").json()["article"]["main_event_id"] is None


def test_main_event_outputs_article_page_shows_it(client: TestClient, stored: Stored) -> None:
    _, marked, plain = stored
    page = client.get(f"/articles/{marked.article.id}").text
    assert f'class="main-event" data-event-id="{marked.events[0].id}"' in page
    assert "reports no single occurrence" in client.get(f"/articles/{plain.article.id}").text


def test_main_event_outputs_exports_flag_it(tmp_path: Path) -> None:
    path, marked, _ = _database(tmp_path / "exported.duckdb")  # its own: the web client holds the other open
    main_id = marked.events[0].id
    acled_out, plover_out = tmp_path / "events.csv", tmp_path / "events.jsonl"
    export_table(path, "events", "acled", acled_out, everything=True)
    export_table(path, "events", "plover", plover_out, everything=True)
    with acled_out.open(newline="", encoding="utf-8") as handle:
        flags = {row["dateline_event_id"]: row["dateline_main_event"] for row in csv.DictReader(handle)}
    records = [json.loads(line) for line in plover_out.read_text().splitlines()]
    plover = {record["event_id"]: record["main_event"] for record in records}
    assert flags[main_id] == "true" and plover[main_id] is True
    others = [event_id for event_id in flags if event_id != main_id]
    assert others and all(flags[event_id] == "false" and plover[event_id] is False for event_id in others)
