"""Reviews (issue 23): POST /api/events/{id}/review, the event as reviewed, the audit trail, the token rule, bad input
changing nothing, and reviews surviving re-ingest, re-clustering and the schema migration."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_data import _extractions, build_database

from dateline import resolve
from dateline.export import export_table
from dateline.settings import Settings
from dateline.store import Store
from dateline.web.app import create_app

TOKEN = "review-token-of-24-chars"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return build_database(tmp_path / "review.duckdb")


@pytest.fixture
def client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=str(db_path)), token=TOKEN)) as test_client:
        yield test_client


def _review(client: TestClient, event_id: str, body: dict[str, Any], status: int = 200) -> Any:
    response = client.post(f"/api/events/{event_id}/review", json=body, headers=AUTH)
    assert response.status_code == status, response.text
    return response.json()


def _get(client: TestClient, path: str) -> Any:
    response = client.get(path, headers=AUTH)
    assert response.status_code == 200, response.text
    return response.json()


def _ids(client: TestClient, query: str = "") -> list[str]:
    return sorted(item["id"] for item in _get(client, f"/api/events?{query}")["items"])


def test_review_needs_token_mode_even_on_loopback(db_path: Path) -> None:
    with TestClient(create_app(Settings(db=str(db_path)))) as open_client:
        response = open_client.post("/api/events/art-a-e1/review", json={"status": "confirmed", "reviewer": "ana"})
        assert response.status_code == 403
        assert "token" in response.json()["error"]
        assert open_client.get("/api/events/art-a-e1").json()["review"] is None


def test_review_without_the_token_is_refused(client: TestClient) -> None:
    body = {"status": "rejected", "reviewer": "ana"}
    assert client.post("/api/events/art-a-e1/review", json=body).status_code == 401
    wrong = {"Authorization": "Bearer not-the-right-token-at-all"}
    assert client.post("/api/events/art-a-e1/review", json=body, headers=wrong).status_code == 401
    assert _get(client, "/api/events/art-a-e1")["review"] is None


def test_review_confirm_shows_on_the_event(client: TestClient) -> None:
    answer = _review(client, "art-a-e1", {"status": "confirmed", "reviewer": "ana", "note": "matches the wire"})
    review = _get(client, "/api/events/art-a-e1")["review"]
    assert answer["review"] == review
    assert (review["status"], review["reviewer"], review["note"], review["changes"]) == (
        "confirmed",
        "ana",
        "matches the wire",
        [],
    )
    assert review["at"][:2] == "20"


def test_review_correct_recipient_changes_event_network_and_exports(client: TestClient, db_path: Path) -> None:
    before = _get(client, "/api/events/art-a-e1")
    _review(client, "art-a-e1", {"status": "corrected", "reviewer": "ana", "changes": {"recipient": ["sdn-gov"]}})
    event = _get(client, "/api/events/art-a-e1")
    assert [ref["id"] for ref in event["recipient"]] == ["sdn-gov"]
    assert event["review"]["changes"] == [
        {"field": "recipient", "before": before["recipient"], "after": event["recipient"]}
    ]
    assert event["evidence"] == before["evidence"]  # only the corrected field changes
    edges = {(edge["source"], edge["target"]) for edge in _get(client, "/api/network")["edges"]}
    assert ("x-reb", "sdn-gov") in edges
    assert _ids(client, "actor=sdn-gov") == ["art-a-e1", "art-c-e1"]
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export?format=csv&type=ASSAULT", headers=AUTH).text)))
    assert {row["id"]: row["recipient_ids"] for row in rows}["art-a-e1"] == "sdn-gov"
    assert {row["id"]: row["review_status"] for row in rows} == {"art-a-e1": "corrected", "art-b-e1": ""}


def test_review_correction_keeps_the_machine_record(client: TestClient, db_path: Path) -> None:
    _review(client, "art-a-e1", {"status": "corrected", "reviewer": "ana", "changes": {"killed": 11, "type": "COERCE"}})
    client.app.state.served.close()  # type: ignore[attr-defined]
    with Store(db_path, read_only=True) as store:
        machine = store.read_extraction("art-a")
    assert machine is not None
    (event,) = machine.events
    assert (event.type, event.casualties.killed.best if event.casualties.killed else None) == ("ASSAULT", 12)


def test_review_reject_leaves_the_default_lists(client: TestClient) -> None:
    _review(client, "art-c-e2", {"status": "rejected", "reviewer": "bo", "note": "a figure of speech"})
    assert "art-c-e2" not in _ids(client)
    assert "art-c-e2" in _ids(client, "review=any")
    assert _ids(client, "review=rejected") == ["art-c-e2"]
    assert _get(client, "/api/events/art-c-e2")["review"]["status"] == "rejected"
    assert _get(client, "/api/search?q=Residents")["events"]["total"] == 0
    periods = _get(client, "/api/timeline?interval=month")["items"]
    assert sum(item["count"] for item in periods) == 3


def test_review_audit_trail_keeps_every_review_in_order(client: TestClient) -> None:
    _review(client, "art-b-e1", {"status": "corrected", "reviewer": "ana", "changes": {"killed": 12}})
    _review(client, "art-b-e1", {"status": "corrected", "reviewer": "bo", "changes": {"date": "2021-03-01"}})
    _review(client, "art-b-e1", {"status": "rejected", "reviewer": "cy", "note": "duplicate"})
    event = _get(client, "/api/events/art-b-e1")
    trail = event["reviews"]
    assert [(entry["reviewer"], entry["status"]) for entry in trail] == [
        ("ana", "corrected"),
        ("bo", "corrected"),
        ("cy", "rejected"),
    ]
    assert trail[0]["changes"] == [
        {
            "field": "killed",
            "before": {"low": 10, "best": 12, "high": 14, "reported_by": None},
            "after": {"low": 12, "best": 12, "high": 12, "reported_by": None},
        }
    ]
    assert trail[1]["changes"][0]["before"] == {"value": "2021-03", "precision": "month", "text": None, "reason": None}
    # The summary compares with the machine: both corrections are still there, under the latest status.
    assert event["review"]["status"] == "rejected"
    assert [change["field"] for change in event["review"]["changes"]] == ["date", "killed"]
    assert event["review"]["reviews"] == 3


def test_review_fields_take_every_documented_shape(client: TestClient) -> None:
    changes = {
        "type": "assault",
        "mode": "artillery",
        "acled": "Shelling/artillery/missile attack",
        "source": [{"text": "unknown gunmen", "sector": "UAF"}],
        "date": {"value": "2021-03", "precision": "month"},
        "place": {"name": "Khartoum", "country": "SD"},
        "injured": {"low": 3, "best": 4, "high": 6},
        "captured": None,
    }
    _review(client, "art-a-e1", {"status": "corrected", "reviewer": "ana", "changes": changes})
    event = _get(client, "/api/events/art-a-e1")
    assert (event["type"], event["mode"]) == ("ASSAULT", "artillery")
    assert event["acled"] == {
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
    }
    assert event["source"] == [
        {"text": "unknown gunmen", "id": None, "name": None, "country": None, "sector": "UAF", "patron": None,
         "attribution": None}
    ]  # fmt: skip
    assert event["date"] == {"value": "2021-03", "precision": "month", "text": None, "reason": None}
    assert (event["location"]["name"], event["location"]["country"], event["location"]["precision"]) == (
        "Khartoum",
        "SD",
        "place",
    )
    assert event["casualties"]["injured"] == {"low": 3, "best": 4, "high": 6, "reported_by": None}
    assert _ids(client, "bbox=32,15,33,16") == ["art-a-e1", "art-c-e1"]  # the map follows the corrected place


def test_review_party_ties_patron_and_attribution(client: TestClient) -> None:
    recipient = [{"id": "sdn-mil", "text": "the base", "attribution": "alleged"}]
    source = [{"text": "gunmen", "sector": "REB", "patron": "ERI", "attribution": "claimed"}]
    changes = {"source": source, "recipient": recipient}
    _review(client, "art-a-e1", {"status": "corrected", "reviewer": "ana", "changes": changes})
    event = _get(client, "/api/events/art-a-e1")
    assert [(ref["text"], ref["patron"], ref["attribution"]) for ref in event["source"]] == [
        ("gunmen", "ERI", "claimed")
    ]
    assert [(ref["id"], ref["patron"], ref["attribution"]) for ref in event["recipient"]] == [
        ("sdn-mil", None, "alleged")
    ]
    html = client.get("/events/art-a-e1", headers=AUTH).text
    assert 'data-patron="ERI"' in html and "backed by Eritrea" in html
    assert 'data-attribution="claimed"' in html and 'data-attribution="alleged"' in html


def test_review_new_type_drops_a_mode_and_acled_type_that_do_not_fit(client: TestClient) -> None:
    _review(client, "art-a-e1", {"status": "corrected", "reviewer": "ana", "changes": {"type": "AGREE"}})
    event = _get(client, "/api/events/art-a-e1")
    assert (event["type"], event["mode"], event["acled"]) == ("AGREE", None, None)
    assert {change["field"] for change in event["review"]["changes"]} == {"type", "mode", "acled"}


BAD_REVIEWS = [
    ({"status": "maybe", "reviewer": "ana"}, "status"),
    ({"status": "confirmed"}, "reviewer"),
    ({"status": "confirmed", "reviewer": "ana", "extra": 1}, "extra"),
    ({"status": "confirmed", "reviewer": "ana", "changes": {"killed": 3}}, "takes no changes"),
    ({"status": "corrected", "reviewer": "ana"}, "needs changes"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"colour": "red"}}, "unknown field 'colour'"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"killed": "many"}}, "killed"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"killed": {"low": 5, "best": 2}}}, "low <= best"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"killed": -1}}, "whole number"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"recipient": "sdn-gov"}}, "expected a list"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"date": "last Tuesday"}}, "is not a date"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"date": "2021-02-30"}}, "is not a date"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"place": "Qwxzvillezzz"}}, "not in the gazetteer"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"location": 1}}, "not in the gazetteer"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"source": ["no-such-actor"]}}, "no actor with id"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"type": "PARTY"}}, "not a PLOVER type"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"source": [{"text": "x", "patron": "Iran"}]}}, "patron"),
    (
        {"status": "corrected", "reviewer": "ana", "changes": {"source": [{"text": "x", "attribution": "rumoured"}]}},
        "attribution",
    ),
    ({"status": "corrected", "reviewer": "ana", "changes": {"mode": "ceasefire"}}, "not a mode of ASSAULT"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"acled": "Picnic"}}, "not an ACLED sub-event type"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"killed": 12}}, "equals the event as it stands"),
    ({"status": "corrected", "reviewer": "ana", "changes": {"place": "Kassala", "location": "Kassala"}}, "twice"),
]


@pytest.mark.parametrize(("body", "reason"), BAD_REVIEWS)
def test_review_bad_input_answers_400_with_one_line_and_changes_nothing(
    client: TestClient, body: dict[str, Any], reason: str
) -> None:
    before = _get(client, "/api/events/art-a-e1")
    answer = _review(client, "art-a-e1", body, status=400)
    assert set(answer) == {"ok", "error", "status"}
    assert reason in answer["error"] and "\n" not in answer["error"]
    assert _get(client, "/api/events/art-a-e1") == before


def test_review_of_an_unknown_event_is_404(client: TestClient) -> None:
    answer = _review(client, "no-such-event", {"status": "confirmed", "reviewer": "ana"}, status=404)
    assert "no-such-event" in answer["error"]


def test_review_survives_reingest_and_reclustering(client: TestClient, db_path: Path) -> None:
    _review(client, "art-a-e1", {"status": "corrected", "reviewer": "ana", "changes": {"killed": 11}})
    _review(client, "art-c-e2", {"status": "rejected", "reviewer": "ana"})
    client.app.state.served.close()  # type: ignore[attr-defined]
    with Store(db_path) as store:
        assert store.write_batch(_extractions()).skipped == 3  # re-ingesting the same articles adds nothing
        store.connection.execute("DELETE FROM clusters")  # throw the clusters away and resolve again
        store.connection.execute("UPDATE events SET cluster_id = NULL")
        resolve.resolve_new_events(store, store.unclustered_event_ids())
    with TestClient(create_app(Settings(db=str(db_path)), token=TOKEN)) as again:
        event = _get(again, "/api/events/art-a-e1")
        assert event["casualties"]["killed"]["best"] == 11 and event["review"]["status"] == "corrected"
        assert event["cluster_id"] is not None
        assert "art-c-e2" not in _ids(again)


def test_review_migration_from_schema_2_keeps_the_data(tmp_path: Path) -> None:
    db_path = build_database(tmp_path / "old.duckdb")
    with Store(db_path) as store:  # make it look like a database written before reviews existed
        con = store.connection
        for statement in [
            "DROP VIEW event_view",
            "DROP TABLE reviewed_events",
            "DROP TABLE event_reviews",
            "DROP SEQUENCE event_reviews_id",
            "DELETE FROM schema_version",
            "INSERT INTO schema_version (version) VALUES (2)",
        ]:
            con.execute(statement)
    with TestClient(create_app(Settings(db=str(db_path)), token=TOKEN)) as migrated:
        assert len(_ids(migrated)) == 4
        _review(migrated, "art-a-e1", {"status": "confirmed", "reviewer": "ana"})
        assert _get(migrated, "/api/events/art-a-e1")["review"]["status"] == "confirmed"


def test_review_of_a_record_stored_before_a_field_was_added_changes_only_what_it_changes(tmp_path: Path) -> None:
    # A machine record written before ActorRef had patron and attribution: its parties lack those keys. A review of
    # the date must not report the parties as changed (both sides compare in today's contract shape).
    db_path = build_database(tmp_path / "older.duckdb")
    with Store(db_path) as store:
        con = store.connection
        [(text,)] = con.execute("SELECT record FROM events WHERE id = 'art-b-e1'").fetchall()
        record = json.loads(text)
        for role in ("source", "recipient"):
            record[role] = [
                {k: v for k, v in ref.items() if k not in ("patron", "attribution")} for ref in record[role]
            ]
        con.execute("UPDATE events SET record = ? WHERE id = 'art-b-e1'", [json.dumps(record)])
    with TestClient(create_app(Settings(db=str(db_path)), token=TOKEN)) as older:
        body = {"status": "corrected", "reviewer": "ana", "changes": {"date": "2021-03-01"}}
        answer = _review(older, "art-b-e1", body)
        assert [change["field"] for change in answer["review"]["changes"]] == ["date"]
        again = _review(older, "art-b-e1", {"status": "confirmed", "reviewer": "ben"})  # over the stored review
        assert [change["field"] for change in again["review"]["changes"]] == ["date"]
        event = _get(older, "/api/events/art-b-e1")
        assert [change["field"] for change in event["reviews"][0]["changes"]] == ["date"]
        assert [change["field"] for change in event["review"]["changes"]] == ["date"]
        assert event["source"][0]["patron"] is None  # read in today's shape; the old record had no patron
        assert event["date"] == {"value": "2021-03-01", "precision": "day", "text": None, "reason": None}


def test_review_exports_real_events_by_default(client: TestClient, db_path: Path) -> None:
    _review(client, "art-c-e2", {"status": "rejected", "reviewer": "ana"})
    _review(client, "art-a-e1", {"status": "corrected", "reviewer": "ana", "changes": {"recipient": ["sdn-gov"]}})
    client.app.state.served.close()  # type: ignore[attr-defined]
    stream = io.StringIO()
    assert export_table(db_path, "events", "acled", None, stream=stream) == 3
    rows = {row["dateline_event_id"]: row for row in csv.DictReader(io.StringIO(stream.getvalue()))}
    assert rows["art-a-e1"]["actor2"] == "Government of Sudan"
    assert rows["art-a-e1"]["dateline_review_status"] == "corrected"
    assert rows["art-b-e1"]["dateline_factuality"] == "asserted"
    everything = io.StringIO()
    assert export_table(db_path, "events", "acled", None, stream=everything, everything=True) == 4
    plover = io.StringIO()
    export_table(db_path, "events", "plover", None, stream=plover, everything=True)
    statuses = {
        record["event_id"]: record["review_status"] for record in map(json.loads, plover.getvalue().splitlines())
    }
    assert statuses == {"art-a-e1": "corrected", "art-b-e1": None, "art-c-e1": None, "art-c-e2": "rejected"}
