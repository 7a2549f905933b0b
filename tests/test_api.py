"""The REST API over a small hand-written database: status, content type, JSON keys, filters, errors."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_data import build_database

from dateline.settings import Settings
from dateline.store import Store, StoreError
from dateline.web.app import create_app


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_database(tmp_path_factory.mktemp("api") / "small.duckdb")


@pytest.fixture(scope="module")
def client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db_path)))) as test_client:
        yield test_client


def _json(client: TestClient, path: str) -> Any:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _event_ids(client: TestClient, query: str) -> list[str]:
    body = _json(client, f"/api/events?{query}")
    assert body["total"] == len(body["items"])
    return sorted(item["id"] for item in body["items"])


@pytest.mark.parametrize(
    "path", ["/api/events", "/api/clusters", "/api/actors", "/api/quotes", "/api/errors", "/api/map", "/api/timeline"]
)
def test_api_lists_answer_items_and_total(client: TestClient, path: str) -> None:
    body = _json(client, path)
    assert set(body) >= {"items", "total"}
    assert body["total"] >= len(body["items"]) > 0


def test_api_event_items_have_the_contract_fields(client: TestClient) -> None:
    item = _json(client, "/api/events?type=AGREE")["items"][0]
    contract = {"id", "article_id", "type", "mode", "acled", "source", "recipient", "date", "location"}
    contract |= {"casualties", "factuality", "evidence", "confidence", "cluster_id"}
    assert set(item) >= contract
    assert item["cluster_id"] == "cart-c-e1"
    assert item["evidence"]["text"].startswith("The government and the rebels signed")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=ASSAULT", ["art-a-e1", "art-b-e1"]),
        ("type=assault", ["art-a-e1", "art-b-e1"]),
        ("mode=ceasefire", ["art-c-e1"]),
        ("acled_event_type=Battles", ["art-a-e1", "art-b-e1"]),
        ("actor=x-reb", ["art-a-e1", "art-b-e1", "art-c-e1"]),
        ("actor=government of sudan", ["art-c-e1"]),
        ("country=SD", ["art-a-e1", "art-b-e1", "art-c-e1"]),
        ("country=SDN", ["art-a-e1", "art-b-e1", "art-c-e1"]),
        ("country=FR", []),
        ("start=2021-04-01", ["art-c-e1"]),
        ("end=2021-03-01", ["art-a-e1", "art-b-e1"]),
        ("start=2021-03-15&end=2021-03-20", ["art-b-e1"]),
        ("bbox=36,15,37,16", ["art-a-e1", "art-b-e1"]),
        ("bbox=32,15,33,16", ["art-c-e1"]),
        ("q=ceasefire", ["art-c-e1"]),
        ("q=STORMED", ["art-b-e1"]),
        ("q=100%25", []),
        ("cluster=cart-a-e1", ["art-a-e1", "art-b-e1"]),
        ("type=ASSAULT&start=2021-03-02", ["art-b-e1"]),
    ],
)
def test_api_events_filter(client: TestClient, query: str, expected: list[str]) -> None:
    assert _event_ids(client, query) == expected


@pytest.mark.parametrize(
    ("sort", "first"),
    [("date", "art-a-e1"), ("-date", "art-c-e1"), ("-fatalities", "art-a-e1"), ("confidence", "art-c-e2")],
)
def test_api_events_sort(client: TestClient, sort: str, first: str) -> None:
    assert _json(client, f"/api/events?sort={sort}")["items"][0]["id"] == first


def test_api_events_page_with_offset(client: TestClient) -> None:
    body = _json(client, "/api/events?limit=1&offset=1&sort=date")
    assert body["total"] == 4
    assert [item["id"] for item in body["items"]] == ["art-b-e1"]


def test_api_limit_is_capped_by_max_page_size(db_path: Path) -> None:
    with TestClient(create_app(Settings(db=str(db_path), max_page_size=2))) as small:
        body = _json(small, "/api/events?limit=100")
    assert (len(body["items"]), body["total"]) == (2, 4)


def test_api_event_has_cluster_reports_and_quotes(client: TestClient) -> None:
    event = _json(client, "/api/events/art-a-e1")
    assert event["evidence"]["start"] == 0
    assert event["evidence"]["text"].endswith("killing 12 soldiers.")
    assert [report["id"] for report in event["cluster_reports"]] == ["art-b-e1"]
    assert event["cluster_reports"][0]["article"]["source"] == "Paper Two"
    assert [quote["id"] for quote in event["quotes"]] == ["art-b-q1"]


def test_api_event_has_every_mention_flags_factuality_and_party_ties(client: TestClient) -> None:
    event = _json(client, "/api/events/art-a-e1")
    assert [(m["start"], m["end"], m["trigger"]["text"]) for m in event["mentions"]] == [
        (0, 90, "attacked"),
        (113, 140, "assault"),
    ]
    assert event["mentions"][0]["text"] == event["evidence"]["text"]
    assert (event["flags"], event["factuality"]["hypothetical"]) == ([], False)
    assert _json(client, "/api/events/art-c-e2")["flags"] == ["aggregate"]
    report = event["cluster_reports"][0]  # the other report of the cluster, as the event list has it
    assert [(ref["id"], ref["patron"], ref["attribution"]) for ref in report["source"]] == [("x-reb", "ERI", "alleged")]
    listed = {item["id"]: item for item in _json(client, "/api/events?factuality=any")["items"]}
    assert listed["art-a-e1"]["mentions"] == event["mentions"] and listed["art-c-e2"]["flags"] == ["aggregate"]
    reports = {item["id"]: item for item in _json(client, "/api/clusters/cart-a-e1")["reports"]}
    assert reports["art-b-e1"]["source"][0]["patron"] == "ERI" and len(reports["art-a-e1"]["mentions"]) == 2


def test_api_cluster_has_all_reports(client: TestClient) -> None:
    cluster = _json(client, "/api/clusters/cart-a-e1")
    assert cluster["n_reports"] == 2
    assert sorted(report["id"] for report in cluster["reports"]) == ["art-a-e1", "art-b-e1"]
    assert _json(client, "/api/clusters?type=AGREE")["total"] == 1


def test_api_actor_has_aliases_events_quotes_counterparts(client: TestClient) -> None:
    actor = _json(client, "/api/actors/sdn-mil")
    assert actor["aliases"] == ["an army officer", "army"]
    assert actor["n_events"] == 2
    assert [quote["id"] for quote in actor["quotes"]] == ["art-b-q1"]
    assert actor["counterparts"] == [{"id": "x-reb", "name": "Rebels", "events": 2, "conflict": 2, "cooperation": 0}]


@pytest.mark.parametrize(
    ("q", "ids"), [("rebel", ["x-reb"]), ("army officer", ["sdn-mil"]), ("sdn", ["sdn-gov", "sdn-mil"])]
)
def test_api_actors_search(client: TestClient, q: str, ids: list[str]) -> None:
    assert sorted(item["id"] for item in _json(client, f"/api/actors?q={q}")["items"]) == ids


@pytest.mark.parametrize(
    ("query", "total"), [("speaker=sdn-mil", 1), ("speaker=officer", 1), ("q=pushed", 1), ("q=nothing", 0)]
)
def test_api_quotes_filter(client: TestClient, query: str, total: int) -> None:
    assert _json(client, f"/api/quotes?{query}")["total"] == total


def test_api_article_lists_every_span(client: TestClient) -> None:
    detail = _json(client, "/api/articles/art-a")
    text = detail["article"]["text"]
    assert [(p["start"], p["end"]) for p in detail["places"]] == [(51, 58)]
    assert text[51:58] == "Kassala"
    assert {m["text"] for m in detail["actors"]} == {"Rebels", "army"}
    assert [t["value"] for t in detail["times"]] == ["2021-03-01"]
    assert [e["id"] for e in detail["events"]] == ["art-a-e1"]


@pytest.mark.parametrize(
    ("interval", "periods"),
    [
        ("month", ["2021-03-01", "2021-04-01"]),
        ("week", ["2021-03-01", "2021-04-05"]),
        ("day", ["2021-03-01", "2021-04-10"]),
    ],
)
def test_api_timeline_counts_by_interval(client: TestClient, interval: str, periods: list[str]) -> None:
    body = _json(client, f"/api/timeline?interval={interval}")
    assert body["interval"] == interval
    assert sorted({item["period"] for item in body["items"]}) == periods
    assert sum(item["count"] for item in body["items"]) == 3  # the protest has no date


def test_api_timeline_counts_types_per_month(client: TestClient) -> None:
    items = _json(client, "/api/timeline?interval=month")["items"]
    assert [(i["period"], i["type"], i["count"], i["killed"]) for i in items] == [
        ("2021-03-01", "ASSAULT", 2, 24),
        ("2021-04-01", "AGREE", 1, 0),
    ]


def test_api_network_signs_edges(client: TestClient) -> None:
    body = _json(client, "/api/network")
    edges = {(e["source"], e["target"]): (e["weight"], e["sign"]) for e in body["edges"]}
    assert edges == {("x-reb", "sdn-mil"): (2, -1), ("sdn-gov", "x-reb"): (1, 1)}
    assert sorted(node["id"] for node in body["nodes"]) == ["sdn-gov", "sdn-mil", "x-reb"]


def test_api_network_follows_filters(client: TestClient) -> None:
    body = _json(client, "/api/network?start=2021-04-01")
    assert [(e["source"], e["target"]) for e in body["edges"]] == [("sdn-gov", "x-reb")]


def test_api_map_groups_events_by_place(client: TestClient) -> None:
    body = _json(client, "/api/map")
    by_name = {item["name"]: item for item in body["items"]}
    assert (by_name["Kassala"]["count"], by_name["Kassala"]["killed"], by_name["Kassala"]["event_id"]) == (
        2,
        24,
        "art-a-e1",
    )
    assert by_name["Khartoum"]["type"] == "AGREE"


def test_api_errors_lists_failed_items(client: TestClient) -> None:
    item = _json(client, "/api/errors")["items"][0]
    assert (item["origin"], item["error_type"], item["stored_article"]) == ("broken.html", "UnicodeError", False)


def test_api_search_finds_events_actors_quotes(client: TestClient) -> None:
    body = _json(client, "/api/search?q=rebels")
    assert body["events"]["total"] == 3
    assert [actor["id"] for actor in body["actors"]["items"]] == ["x-reb"]


# Every API route, asked something it cannot answer: the one error body, with the right status.
BAD_REQUESTS = [
    ("/api/events?sort=nonsense", 400),
    ("/api/events?start=yesterday", 400),
    ("/api/events?end=2021-13-01", 400),
    ("/api/events?bbox=1,2,3", 400),
    ("/api/events?bbox=0,80,10,95", 400),
    ("/api/events?country=XYZ", 400),
    ("/api/events?limit=0", 400),
    ("/api/events?offset=-1", 400),
    ("/api/events/no-such-event", 404),
    ("/api/clusters?limit=abc", 400),
    ("/api/clusters/no-such-cluster", 404),
    ("/api/actors?sort=height", 400),
    ("/api/actors/no-such-actor", 404),
    ("/api/quotes?limit=-5", 400),
    ("/api/articles/no-such-article", 404),
    ("/api/timeline?interval=year", 400),
    ("/api/map?limit=0", 400),
    ("/api/network?limit=0", 400),
    ("/api/search", 400),
    ("/api/errors?offset=x", 400),
    ("/api/no-such-route", 404),
    ("/api/events?tpye=ASSAULT", 400),
    ("/api/events?factuality=maybe", 400),
    ("/api/events?min_confidence=2", 400),
    ("/api/events?review=approved", 400),
    ("/api/map?limit=10&offset=3", 400),
    ("/api/export?format=xml", 400),
    ("/api/events/art-a-e1/review", 405),  # a review is a POST (tests/test_review.py)
]


@pytest.mark.parametrize(("path", "status"), BAD_REQUESTS)
def test_api_errors_share_one_shape(client: TestClient, path: str, status: int) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert (body["ok"], body["status"]) == (False, status)
    assert isinstance(body["error"], str) and body["error"]


def test_api_every_route_has_an_error_test(client: TestClient) -> None:
    tested = [path.split("?")[0] for path, _ in BAD_REQUESTS]
    for route in _json(client, "/openapi.json")["paths"]:
        pattern = re.compile(re.sub(r"\{[^}]+\}", "[^/]+", route) + "$")
        assert any(pattern.match(path) for path in tested), f"no error test for {route}"


def test_api_docs_are_served_offline(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    assert "/vendor/swagger-ui/swagger-ui-bundle.js" in response.text
    assert "cdn" not in response.text.lower()
    assert "https://" not in response.text


def test_api_openapi_lists_the_contract_paths(client: TestClient) -> None:
    paths = set(_json(client, "/openapi.json")["paths"])
    for path in ["/api/events", "/api/events/{event_id}", "/api/clusters", "/api/clusters/{cluster_id}", "/api/actors"]:
        assert path in paths
    for path in [
        "/api/actors/{actor_id}",
        "/api/quotes",
        "/api/articles/{article_id}",
        "/api/timeline",
        "/api/network",
    ]:
        assert path in paths


def test_api_every_route_is_documented(client: TestClient) -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    for route, methods in _json(client, "/openapi.json")["paths"].items():
        for method in methods:
            assert f"`{method.upper()} {route}`" in docs, (method, route)


def test_api_refuses_a_missing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        create_app(Settings(db=str(tmp_path / "none.duckdb")))


def test_api_served_read_only_refuses_writes_and_shares_the_file(tmp_path: Path) -> None:
    # `serve --read-only`: other read-only openers (an export) may share the file; nothing is written.
    db_path = build_database(tmp_path / "shared.duckdb")
    app = create_app(Settings(db=str(db_path)), read_only=True, token="a-token-of-twenty-chars")
    with TestClient(app) as read_only, Store(db_path, read_only=True) as other:
        assert other.count_rows("events") == 4
        assert _json_with(read_only, "/api/events")["total"] == 4
        body = {"status": "confirmed", "reviewer": "ana"}
        answer = read_only.post("/api/events/art-a-e1/review", json=body, headers=AUTH)
        assert answer.status_code == 403
        assert "read-only" in answer.json()["error"]


AUTH = {"Authorization": "Bearer a-token-of-twenty-chars"}


def _json_with(client: TestClient, path: str) -> Any:
    response = client.get(path, headers=AUTH)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("factuality=asserted", ["art-a-e1", "art-b-e1", "art-c-e1", "art-c-e2"]),
        ("factuality=hypothetical", []),
        ("factuality=any", ["art-a-e1", "art-b-e1", "art-c-e1", "art-c-e2"]),
        ("min_confidence=0.75", ["art-a-e1", "art-c-e1"]),
        ("min_confidence=0", ["art-a-e1", "art-b-e1", "art-c-e1", "art-c-e2"]),
        ("review=unreviewed", ["art-a-e1", "art-b-e1", "art-c-e1", "art-c-e2"]),
        ("review=rejected", []),
        ("flags=none", ["art-a-e1", "art-b-e1", "art-c-e1"]),
        ("flags=aggregate", ["art-c-e2"]),
        ("flags=no_source", []),
        ("flags=none,no_source", ["art-a-e1", "art-b-e1", "art-c-e1"]),
        ("flags=any", ["art-a-e1", "art-b-e1", "art-c-e1", "art-c-e2"]),
    ],
)
def test_api_events_filter_what_is_real(client: TestClient, query: str, expected: list[str]) -> None:
    assert _event_ids(client, query) == expected


@pytest.mark.parametrize("path", ["/api/events", "/api/map", "/api/timeline", "/api/network", "/api/clusters"])
def test_api_flags_filter_applies_everywhere_and_refuses_unknown_flags(client: TestClient, path: str) -> None:
    assert client.get(f"{path}?flags=none").status_code == 200
    answer = client.get(f"{path}?flags=plural")
    assert answer.status_code == 400 and "flags" in answer.json()["error"]


def test_api_flags_filter_narrows_clusters_and_downloads(client: TestClient) -> None:
    assert [cluster["id"] for cluster in _json(client, "/api/clusters?flags=aggregate")["items"]] == ["cart-c-e2"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export?format=csv&flags=none").text)))
    assert sorted(row["id"] for row in rows) == ["art-a-e1", "art-b-e1", "art-c-e1"]


def test_api_export_downloads_the_filtered_events(client: TestClient) -> None:
    response = client.get("/api/export?format=jsonl&type=ASSAULT")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="dateline-events.jsonl"'
    events = [json.loads(line) for line in response.text.splitlines()]
    assert sorted(event["id"] for event in events) == ["art-a-e1", "art-b-e1"]
    table = list(csv.DictReader(io.StringIO(client.get("/api/export?format=csv&country=SD").text)))
    assert sorted(row["id"] for row in table) == ["art-a-e1", "art-b-e1", "art-c-e1"]
    assert {"review_status", "confidence", "hypothetical"} <= set(table[0])
    collection = client.get("/api/export?format=geojson&q=ceasefire").json()
    assert [feature["id"] for feature in collection["features"]] == ["art-c-e1"]
    assert collection["features"][0]["properties"]["factuality"] == "asserted"
