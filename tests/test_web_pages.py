"""The HTML pages (server-rendered, with their JSON twins) and the span highlighting they use."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_data import build_database

from dateline.records import EVENT_FLAGS
from dateline.settings import Settings
from dateline.store import Store
from dateline.web.app import FLAG_NOTES, NODE_MODULES, WEB_DIR, create_app
from dateline.web.highlight import Span, event_spans, find_words, render_marked


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = build_database(tmp_path_factory.mktemp("pages") / "small.duckdb")
    with TestClient(create_app(Settings(db=str(path)))) as test_client:
        yield test_client


PAGES = [
    "/",
    "/?type=ASSAULT",
    "/events/art-a-e1",
    "/clusters/cart-a-e1",
    "/actors",
    "/actors/x-reb",
    "/articles/art-c",
    "/quotes",
    "/network",
    "/search?q=rebels",
    "/errors",
]


def _html(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    return response.text


@pytest.mark.parametrize("path", PAGES)
def test_web_pages_have_a_json_twin(client: TestClient, path: str) -> None:
    found = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)">', _html(client, path))
    assert found is not None
    twin = client.get(found.group(1).replace("&amp;", "&"))
    assert twin.status_code == 200
    assert twin.headers["content-type"].startswith("application/json")


@pytest.mark.parametrize("path", PAGES)
def test_web_pages_request_nothing_from_outside(client: TestClient, path: str) -> None:
    html = _html(client, path)
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_web_pages_event_marks_evidence_and_fields(client: TestClient) -> None:
    html = _html(client, "/events/art-a-e1")
    evidence = re.search(r'<mark class="evidence" id="evidence">(.*?killing 12 soldiers\.)</mark>', html)
    assert evidence is not None
    inside = evidence.group(1)
    for field, words in [
        ("trigger", "attacked"),
        ("source", "Rebels"),
        ("date", "Monday"),
        ("location", "Kassala"),
        ("recipient", "an army base"),
    ]:
        assert re.search(rf'<mark class="field {field}" data-field="{field}"[^>]*>{words}</mark>', inside), field
    assert "The army said little." not in inside


def test_web_pages_event_lists_cluster_reports_and_quotes(client: TestClient) -> None:
    html = _html(client, "/events/art-a-e1")
    assert 'href="/events/art-b-e1"' in html
    assert 'data-quote-id="art-b-q1"' in html
    assert "Paper Two" in html


def test_web_pages_article_marks_every_kind_of_span(client: TestClient) -> None:
    html = _html(client, "/articles/art-a")
    for kind in ["trigger", "actor", "place", "time"]:
        assert f'data-field="{kind}"' in html, kind


def test_web_pages_escape_article_text(client: TestClient) -> None:
    html = _html(client, "/articles/art-c")
    assert "&lt;loudly&gt;" in html
    assert "<loudly>" not in html


def test_web_pages_actor_shows_quotes_and_counterparts(client: TestClient) -> None:
    html = _html(client, "/actors/sdn-mil")
    assert "We pushed them back" in html
    assert 'href="/actors/x-reb"' in html


def test_web_pages_dashboard_has_map_timeline_table(client: TestClient) -> None:
    html = _html(client, "/?type=ASSAULT")
    for element in ['id="map"', 'id="timeline"', 'id="events-table"', "/vendor/d3/d3.min.js"]:
        assert element in html
    assert html.count('<tr data-event-id="') == 2


def test_web_pages_missing_item_renders_error_page(client: TestClient) -> None:
    response = client.get("/events/nothing-here", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert 'data-status="404"' in response.text


def test_web_pages_error_asked_as_json_has_the_error_body(client: TestClient) -> None:
    response = client.get("/actors/nothing-here", headers={"accept": "application/json"})
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no actor with id 'nothing-here'", "status": 404}


@pytest.mark.skipif(not NODE_MODULES.is_dir(), reason="npm packages not installed (make install)")
@pytest.mark.parametrize(
    "path",
    [
        "/vendor/d3/d3.min.js",
        "/vendor/topojson-client/topojson-client.min.js",
        "/vendor/world-atlas/countries-50m.json",
        "/vendor/swagger-ui/swagger-ui-bundle.js",
    ],
)
def test_web_pages_vendor_files_are_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_web_pages_vendor_route_exposes_only_listed_packages(client: TestClient) -> None:
    assert client.get("/vendor/world-atlas/../../package.json").status_code == 404
    assert client.get("/vendor/@scarf/scarf/package.json").status_code == 404


@pytest.mark.parametrize(
    ("text", "spans", "evidence", "expected"),
    [
        ("", [], None, ""),
        ("a < b", [], None, "a &lt; b"),
        (
            "Rebels fled.",
            [Span(0, 6, "source")],
            None,
            '<mark class="field source" data-field="source" title="source">',
        ),
        ("Rebels fled.", [Span(0, 99, "source")], None, "Rebels fled."),
        ("Rebels fled.", [], (0, 12), '<mark class="evidence" id="evidence">Rebels fled.</mark>'),
        ("One. Two.\n\n", [], (5, 11), 'One. <mark class="evidence" id="evidence">Two.</mark>\n\n'),
        ("Ærø — naïve", [Span(0, 3, "place")], None, ">Ærø</mark> — naïve"),
    ],
)
def test_web_pages_render_marked(text: str, spans: list[Span], evidence: tuple[int, int] | None, expected: str) -> None:
    assert expected in str(render_marked(text, spans, evidence))


def test_web_pages_render_marked_splits_overlapping_spans() -> None:
    html = str(render_marked("New York City", [Span(0, 8, "place"), Span(4, 13, "actor")]))
    assert html.count("<mark") == 3
    assert 'class="field place actor"' in html
    assert re.sub(r"<[^>]+>", "", html) == "New York City"


@pytest.mark.parametrize(
    ("text", "words", "near", "expected"),
    [
        ("Iraq and Iraqi forces; Iraq again", "Iraq", (20, 33), (23, 27)),
        ("Iraqi forces", "Iraq", (0, 12), None),
        ("Mosul", "", (0, 5), None),
        ("Mosul (Mosul)", "Mosul", (6, 13), (7, 12)),
    ],
)
def test_web_pages_find_words(text: str, words: str, near: tuple[int, int], expected: tuple[int, int] | None) -> None:
    assert find_words(text, words, near) == expected


def test_web_pages_event_spans_skip_missing_fields() -> None:
    event = {"type": "PROTEST", "evidence": {"text": "x", "start": 0, "end": 9}, "source": [{"text": "Crowds"}]}
    assert event_spans("Crowds marched.", event) == [Span(0, 6, "source", "")]


def test_web_data_database_can_be_rebuilt(tmp_path: Path) -> None:
    assert build_database(tmp_path / "again.duckdb").exists()


def test_web_pages_event_lists_and_marks_every_mention(client: TestClient) -> None:
    html = _html(client, "/events/art-a-e1")
    section = re.search(r'<section class="mentions" id="mentions" data-count="2">(.*?)</section>', html, re.S)
    assert section is not None
    assert re.findall(r'data-trigger="([^"]+)"', section.group(1)) == ["attacked", "assault"]
    assert '<mark class="field trigger">assault</mark> lasted an hour.' in section.group(1)
    # the other mention's sentence and its trigger are marked in the report's text, outside the evidence
    assert re.search(r'<mark class="field mention trigger" data-field="mention trigger"[^>]*>assault</mark>', html)
    assert re.search(r'<mark class="field mention" data-field="mention"[^>]*> lasted an hour\.</mark>', html)


def test_web_pages_event_marks_two_triggers_of_one_sentence(client: TestClient) -> None:
    html = _html(client, "/events/art-c-e1")
    text = html[html.index('class="article-text"') :]
    for words in ("signed", "ceasefire"):
        assert re.search(rf'<mark class="field trigger" data-field="trigger"[^>]*>{words}</mark>', text), words
    assert 'data-field="mention"' not in text  # the second mention is the evidence sentence itself


def test_web_pages_event_shows_flags_with_what_they_mean(client: TestClient) -> None:
    flagged = _html(client, "/events/art-c-e2")
    flags = re.search(r'<dd id="field-flags">(.*?)</dd>', flagged, re.S)
    assert flags is not None and 'data-flag="aggregate"' in flags.group(1)
    assert "do not count it as one event" in flags.group(1)
    plain = re.search(r'<dd id="field-flags">(.*?)</dd>', _html(client, "/events/art-a-e1"), re.S)
    assert plain is not None and 'class="none">none<' in plain.group(1)
    table = _html(client, "/?factuality=any")
    row = re.search(r'<tr data-event-id="art-c-e2".*?</tr>', table, re.S)
    assert row is not None and 'data-flag="aggregate"' in row.group(0)


def test_web_pages_event_shows_how_parties_are_tied(client: TestClient) -> None:
    source = re.search(r'<dd id="field-source">(.*?)</dd>', _html(client, "/events/art-b-e1"), re.S)
    assert source is not None
    assert 'data-patron="ERI"' in source.group(1) and "backed by Eritrea" in source.group(1)
    assert 'data-attribution="alleged"' in source.group(1)
    plain = re.search(r'<dd id="field-source">(.*?)</dd>', _html(client, "/events/art-a-e1"), re.S)
    assert plain is not None and "data-patron" not in plain.group(1) and "data-attribution" not in plain.group(1)
    cluster = _html(client, "/clusters/cart-a-e1")
    assert "backed by Eritrea" in cluster  # the cluster's reports name the parties the same way


def test_web_pages_every_record_flag_has_one_note_for_pages_and_table() -> None:
    script = (WEB_DIR / "static" / "js" / "table.js").read_text(encoding="utf-8")
    assert set(FLAG_NOTES) == set(EVENT_FLAGS)
    for flag, note in FLAG_NOTES.items():
        assert f'{flag}: "{note}"' in script, flag


def test_web_pages_cluster_sets_accounts_side_by_side(client: TestClient) -> None:
    accounts = client.get("/api/clusters/cart-a-e1").json()["accounts"]
    [killed] = accounts["casualties"]
    assert (killed["disagree"], [figure["best"] for figure in killed["figures"]]) == (True, [12, 12])
    assert [(a["blamed"], a["by"], a["via"]) for a in accounts["blame"]["accounts"]] == [
        (["Rebels"], "Wire One", "report"),
        (["Rebels"], "Paper Two", "report, alleged"),
    ]
    html = _html(client, "/clusters/cart-a-e1")
    assert 'data-disagreements="1"' in html and 'data-kind="killed"' in html
    assert "<td>report, alleged</td>" in html


def test_web_pages_dashboard_filters_by_record_flags(client: TestClient) -> None:
    html = _html(client, "/?flags=aggregate")
    assert re.findall(r'<tr data-event-id="([^"]+)"', html) == ["art-c-e2"]
    assert '<option value="aggregate" selected>' in html
    every = sorted(re.findall(r'<tr data-event-id="([^"]+)"', _html(client, "/?flags=")))  # empty: no filter
    assert every == ["art-a-e1", "art-b-e1", "art-c-e1", "art-c-e2"]


def test_web_pages_article_marks_the_trigger_of_every_mention(client: TestClient) -> None:
    html = _html(client, "/articles/art-a")
    for words in ("attacked", "assault"):
        assert re.search(
            rf'<mark class="field trigger" data-field="trigger" title="trigger: ASSAULT \(art-a-e1\)">{words}</mark>',
            html,
        ), words


def test_web_pages_event_says_why_its_date_and_place(tmp_path: Path) -> None:
    # The places and times stages say why an event has its date and place (EventDate.reason, Location.reason).
    path = build_database(tmp_path / "reasons.duckdb")
    with Store(path) as store:
        [(text,)] = store.connection.execute("SELECT record FROM events WHERE id = 'art-a-e1'").fetchall()
        record = json.loads(text)
        record["date"]["reason"], record["location"]["reason"] = "own_expression", "dateline"
        store.connection.execute("UPDATE events SET record = ? WHERE id = 'art-a-e1'", [json.dumps(record)])
    with TestClient(create_app(Settings(db=str(path)))) as reasons:
        html = reasons.get("/events/art-a-e1").text
        plain = reasons.get("/events/art-b-e1").text
    assert '<small class="reason" data-reason="own_expression">(own expression)</small>' in html
    assert '<small class="reason" data-reason="dateline">(dateline)</small>' in html
    assert 'class="reason"' not in plain
