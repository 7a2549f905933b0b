"""Competing accounts of one event (store/queries/accounts.py): figures by who gave them, blame by whom (reports,
allegations, claims, ACCUSE events, quotes), opposite characterisations by named speakers. Hand-written reports;
the seeds check reads ../shared/seeds at run time (skipped when absent)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from dateline.jobs.ingest import ingest_paths
from dateline.settings import Settings
from dateline.store.queries.accounts import blame_accounts, casualty_accounts, characterisations
from dateline.web.app import create_app


def _ref(name: str, attribution: str | None = None, actor_id: str | None = None) -> dict[str, Any]:
    return {"text": name, "id": actor_id, "name": name, "country": None, "sector": None, "patron": None,
            "attribution": attribution}  # fmt: skip


def _report(event_id: str, outlet: str, *, kind: str = "ASSAULT", **fields: Any) -> dict[str, Any]:
    report: dict[str, Any] = {"id": event_id, "article_id": f"{event_id}-article", "type": kind, "source": [],
                              "recipient": [], "casualties": {}, "article": {"source": outlet},
                              "evidence": {"text": f"the words of {event_id}"}}  # fmt: skip
    report.update(fields)
    return report


def test_accounts_casualty_figures_side_by_side_with_who_gave_them() -> None:
    first = _report("e1", "Wire One", casualties={"killed": {"low": 500, "best": 500, "high": 500},
                                                   "reported_by": _ref("the provincial council")})  # fmt: skip
    second = _report("e2", "Paper Two", casualties={"killed": {"low": 40, "best": 50, "high": 60}})
    same = _report("e3", "Paper Three", casualties={"injured": {"low": 7, "best": 7, "high": 7}})
    [killed, injured] = casualty_accounts([first, second, same])
    assert (killed["kind"], killed["disagree"], injured["disagree"]) == ("killed", True, False)
    assert [(f["best"], f["reported_by"], f["outlet"]) for f in killed["figures"]] == [
        (500, "the provincial council", "Wire One"),
        (50, None, "Paper Two"),
    ]


def test_accounts_blame_tells_stated_alleged_and_claimed_sources_apart() -> None:
    stated = _report("e1", "Wire One", source=[_ref("Rebels")])
    alleged = _report("e2", "Paper Two", source=[_ref("Militia X", "alleged")])
    claimed = _report("e3", "Paper Three", source=[_ref("Front Y", "claimed")])
    found = blame_accounts([stated, alleged, claimed], [], {})
    assert [(a["blamed"], a["by"], a["via"]) for a in found["accounts"]] == [
        (["Rebels"], "Wire One", "report"),
        (["Militia X"], "Paper Two", "report, alleged"),
        (["Front Y"], "Front Y", "report, claimed"),  # a claim: the party blames itself
    ]
    assert found["disagree"] is True


def test_accounts_an_accusation_blames_its_recipient_not_its_accuser() -> None:
    accusation = _report("e1", "Wire One", kind="ACCUSE", source=[_ref("The minister")], recipient=[_ref("Rebels")])
    no_one = _report("e2", "Wire One", kind="ACCUSE", source=[_ref("The minister")])
    found = blame_accounts([accusation, no_one], [], {})
    assert [(a["blamed"], a["by"], a["via"]) for a in found["accounts"]] == [(["Rebels"], "The minister", "accusation")]


def test_accounts_quoted_accusations_and_claims_and_one_account_per_speaker() -> None:
    names = {"Rebels": ["Rebels", "the rebels"], "Army": ["Army", "the army"]}
    quotes = [
        {"id": "q1", "stance": "accuse", "text": "The rebels shelled the market.", "speaker": _ref("The governor")},
        {"id": "q2", "stance": "accuse", "text": "It was the rebels again.", "speaker": _ref("The governor")},
        {"id": "q3", "stance": "claim_responsibility", "text": "We struck the base.", "speaker": _ref("Army")},
        {"id": "q4", "stance": "assert", "text": "The army was there.", "speaker": _ref("A witness")},
    ]
    found = blame_accounts([], quotes, names)
    assert [(a["blamed"], a["by"], a["via"]) for a in found["accounts"]] == [
        (["Rebels"], "The governor", "accusation"),
        (["Army"], "Army", "claim"),
    ]
    assert found["disagree"] is True


def _quote(quote_id: str, text: str, speaker_id: str | None) -> dict[str, Any]:
    return {"id": quote_id, "text": text, "speaker": {"id": speaker_id, "text": speaker_id or "he"}}


def test_accounts_opposite_characterisations_by_named_speakers() -> None:
    quotes = [
        _quote("q1", "The border guards showed no will to fight.", "minister-a"),
        _quote("q2", "Our border guards are ready to fight.", "commander-b"),
        _quote("q3", "The border guards cannot fight.", None),  # no named speaker: never paired
        _quote("q4", "The border guards will fight.", "minister-a"),  # the same speaker as q1 disagrees with no one
    ]
    pairs = characterisations(quotes, {"border", "guards"})
    assert [[quote["id"] for quote in pair["quotes"]] for pair in pairs] == [["q1", "q2"]]
    first = pairs[0]
    assert (first["about"], first["shared"], first["negated"]) == (["border", "guards"], ["fight"], [True, False])


def test_accounts_no_pair_without_a_shared_actor_or_opposite_polarity() -> None:
    quotes = [
        _quote("q1", "The border guards will not fight.", "minister-a"),
        _quote("q2", "The farmers are ready to fight.", "commander-b"),  # another actor
        _quote("q3", "The border guards did not fight.", "commander-c"),  # negated too: they agree
    ]
    assert characterisations(quotes, {"border", "guards", "farmers"}) == []


@pytest.fixture(scope="module")
def seeds_db(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("accounts") / "seeds.duckdb"
    ingest_paths([str(seeds_dir)], Settings(db=str(db), workers=1))
    return db


@pytest.mark.slow
def test_accounts_seeds_show_the_opposite_characterisations_of_the_iraqi_forces(seeds_db: Path) -> None:
    with TestClient(create_app(Settings(db=str(seeds_db)))) as client:
        clusters = client.get("/api/clusters?limit=100").json()["items"]
        found = []
        for cluster in clusters:
            detail = client.get(f"/api/clusters/{cluster['id']}").json()
            for pair in detail["accounts"]["characterisations"]:
                texts = [quote["text"] for quote in pair["quotes"]]
                if "fight" in pair["shared"] and any("prepared" in text for text in texts):
                    found.append((cluster["id"], pair))
        assert found, "no cluster sets the two speakers on the Iraqi forces' will to fight side by side"
        cluster_id, pair = found[0]
        assert "iraqi" in pair["about"] and sorted(pair["negated"]) == [False, True]
        speakers = {quote["speaker"]["id"] for quote in pair["quotes"]}
        assert len(speakers) == 2 and None not in speakers
        page = client.get(f"/clusters/{cluster_id}").text
        assert 'class="side-by-side characterisation" data-shared="fight"' in page
