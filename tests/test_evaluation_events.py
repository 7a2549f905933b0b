"""The event suites on tiny gold folders and hand-made records: wikievents (whole articles, KAIROS types), rams
(five-sentence windows) and demo (the bundled corpus's expected.yaml)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from dateline import clean, readers
from dateline.evaluation import BUNDLED_FOLDERS, demo, rams, wikievents
from dateline.evaluation.arguments import Aligner, bag, heads
from dateline.evaluation.data import NoGoldDataError, Selection
from dateline.settings import Settings

SENTENCES = ["Rebels attacked a police station in Kassala on Monday.", "Police arrested two men on Tuesday."]


def _tokens(sentence: str, base: int) -> list[list[Any]]:
    tokens, position = [], 0
    for word in sentence.replace(".", " .").split():
        start = sentence.index(word, position)
        tokens.append([word, base + start, base + start + len(word)])
        position = start + len(word)
    return tokens


def _wikievents_document() -> dict[str, Any]:
    first = _tokens(SENTENCES[0], 0)
    second = _tokens(SENTENCES[1], len(SENTENCES[0]) + 1)

    def mention(ident: str, sentence: int, start: int, end: int, text: str) -> dict[str, Any]:
        offset = 0 if sentence == 0 else len(first)
        return {
            "id": ident,
            "sent_idx": sentence,
            "start": offset + start,
            "end": offset + end,
            "text": text,
            "entity_type": "PER",
        }

    return {
        "doc_id": "doc-7",
        "sentences": [[first, SENTENCES[0]], [second, SENTENCES[1]]],
        "entity_mentions": [
            mention("T1", 0, 0, 1, "Rebels"),
            mention("T2", 0, 3, 5, "police station"),
            mention("T3", 0, 6, 7, "Kassala"),
            mention("T4", 1, 3, 5, "two men"),
        ],
        "event_mentions": [
            {
                "id": "E1",
                "event_type": "Conflict.Attack.Unspecified",
                "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
                "arguments": [
                    {"entity_id": "T1", "role": "Attacker", "text": "Rebels"},
                    {"entity_id": "T2", "role": "Target", "text": "police station"},
                    {"entity_id": "T3", "role": "Place", "text": "Kassala"},
                ],
            },
            {
                "id": "E2",
                "event_type": "Justice.ArrestJailDetain.Unspecified",
                "trigger": {"start": len(first) + 1, "end": len(first) + 2, "text": "arrested", "sent_idx": 1},
                "arguments": [{"entity_id": "T4", "role": "Detainee", "text": "two men"}],
            },
        ],
    }


def _span(text: str, words: str) -> dict[str, Any]:
    start = text.index(words)
    return {"text": words, "start": start, "end": start + len(words)}


def _event(text: str, kind: str, trigger: str, sentence: str, **fields: Any) -> dict[str, Any]:
    facts = {"negated": False, "hypothetical": False, "future": False, "historical": False}
    return {
        "id": f"e-{trigger}",
        "type": kind,
        "trigger": _span(text, trigger),
        "evidence": _span(text, sentence),
        "factuality": facts,
        "source": [],
        "recipient": [],
        "location": None,
        **fields,
    }


def test_evaluation_events_wikievents_scores_a_hand_made_record() -> None:
    rules = wikievents.type_rules("kairos")
    document = wikievents._document(_wikievents_document(), {}, rules)
    text = document.text
    assert text == " ".join(SENTENCES)
    record = {
        "article": {"text": text},
        "events": [
            _event(
                text,
                "ASSAULT",
                "attacked",
                SENTENCES[0],
                source=[{"text": "Rebels"}],
                recipient=[{"text": "a police station"}],
                location={"text": "Kassala", "name": "Kassala"},
            ),
            _event(text, "COERCE", "arrested", SENTENCES[1]),
            _event(text, "PROTEST", "men", SENTENCES[1]),
        ],
    }
    tally = wikievents.score_document(document, record).to_json()
    assert (tally["events"]["precision"], tally["events"]["recall"]) == (2 / 3, 1.0)
    assert tally["roles"] == {role: {"accuracy": 1.0, "n": 1} for role in ("attacker", "target/victim", "place")}
    assert tally["by_type"]["PROTEST"] == {"predicted": 1, "precision": 0.0, "gold": 0, "recall": None}


def test_evaluation_events_wikievents_reads_a_test_split(tmp_path: Path, resources: Any) -> None:
    (tmp_path / "test.jsonl").write_text(json.dumps(_wikievents_document()) + "\n", encoding="utf-8")
    documents, splits = wikievents.read_wikievents(tmp_path)
    assert splits == ["test"] and [g.counted for g in documents[0].events] == [True, True]
    result = wikievents.run(tmp_path, Settings())
    assert result.scores["articles"] == 1 and result.scores["events"]["gold"] == 2
    with pytest.raises(NoGoldDataError, match="no split 'dev'"):
        wikievents.read_wikievents(tmp_path, Selection(split="dev"))


WINDOW = [["Jets", "struck", "a", "fuel", "depot", "."], ["It", "burned", "near", "Kassala", "."]]


def _rams_row() -> dict[str, Any]:
    return {
        "doc_key": "nw_test_1",
        "sentences": WINDOW,
        "evt_triggers": [[1, 1, [["conflict.attack.airstrikemissilestrike", 1.0]]]],
        "gold_evt_links": [
            [[1, 1], [0, 0], "evt001arg01attacker"],
            [[1, 1], [3, 4], "evt001arg02target"],
            [[1, 1], [9, 9], "evt001arg04place"],
        ],
    }


def test_evaluation_events_rams_scores_a_hand_made_record() -> None:
    window = rams._window(_rams_row())
    assert window is not None and window.text == "Jets struck a fuel depot. It burned near Kassala."
    record = {
        "article": {"text": window.text},
        "events": [
            _event(
                window.text,
                "ASSAULT",
                "struck",
                "Jets struck a fuel depot.",
                source=[{"text": "Jets"}],
                recipient=[{"text": "a fuel depot"}],
                location={"text": "Kassala", "name": "Kassala"},
            )
        ],
    }
    found, roles = rams.score_window(window, record)
    assert found and roles == {"attacker": (1, 1), "target/victim": (1, 1), "place": (1, 1)}
    assert rams.score_window(window, {"article": {"text": window.text}, "events": []}) == (False, {})


def test_evaluation_events_rams_skips_types_plover_does_not_code(tmp_path: Path, resources: Any) -> None:
    other = {**_rams_row(), "doc_key": "nw_test_2", "evt_triggers": [[1, 1, [["transaction.transfermoney", 1.0]]]]}
    (tmp_path / "test.jsonlines").write_text(json.dumps(_rams_row()) + "\n" + json.dumps(other) + "\n", "utf-8")
    windows, splits = rams.read_rams(tmp_path)
    assert splits == ["test"] and [w.id for w in windows] == ["nw_test_1"]
    assert rams.run(tmp_path, Settings()).scores["windows"] == 1


def test_evaluation_events_arguments_head_words() -> None:
    assert heads("the mayor of Kabul") == {"mayor"}
    assert heads("President Smith of Kabul") == {"president", "smith"}
    assert heads("U.S. forces") & bag({"text": "American troops", "name": "United States"}) == {"#usa"}
    aligner = Aligner("Rebels  attacked\nthe town.", "Rebels attacked the town.")
    assert aligner.span(7, 15) == (8, 16)


# --- demo -------------------------------------------------------------------------------------------------------

DEMO_TEXT = "Jets struck a depot in Kassala on Monday. The strike destroyed fuel trucks. Aid groups asked for calm."


def _demo_article() -> demo.GoldArticle:
    strike = {
        "key": "strike",
        "main": True,
        "type": "ASSAULT",
        "source": [{"text": "Jets", "id": None}],
        "recipient": [{"text": "a depot", "id": None}],
        "place": {"text": "Kassala", "name": "Kassala"},
        "date": {"value": "2021-03-08", "accept": []},
        "acled": None,
        "evidence": "Jets struck a depot in Kassala on Monday.",
        "mentions": ["The strike destroyed fuel trucks."],
    }
    calm = {"key": "calm", "optional": True, "type": "REQUEST", "evidence": "Aid groups asked for calm."}
    return demo.GoldArticle("x.txt", "x.txt", None, demo._occurrences([strike, calm]))


def test_evaluation_events_demo_counts_duplicates_and_fully_right() -> None:
    right = _event(
        DEMO_TEXT,
        "ASSAULT",
        "struck",
        "Jets struck a depot in Kassala on Monday.",
        source=[{"text": "Jets"}],
        recipient=[{"text": "a depot"}],
        date={"value": "2021-03-08", "precision": "day", "text": "on Monday"},
        location={"text": "Kassala", "name": "Kassala"},
    )
    again = _event(DEMO_TEXT, "ASSAULT", "strike", "The strike destroyed fuel trucks.")
    wrong = _event(DEMO_TEXT, "PROTEST", "groups", "Aid groups asked for calm.")
    record = {"article": {"text": DEMO_TEXT, "main_event_id": "e-struck"}, "events": [right, again, wrong]}
    tally = demo.score_article(_demo_article(), record).to_json()
    events = tally["events"]
    assert (events["precision"], events["recall"], events["duplicate_share"], events["fully_right_share"]) == (
        1 / 3,
        1.0,
        1 / 3,
        1 / 3,
    )
    assert tally["main_event"] == {"accuracy": 1.0, "n": 1}
    details: list[dict[str, object]] = []
    demo.score_article(_demo_article(), record, details)
    assert [(line["verdict"], line["trigger"], line["occurrence"]) for line in details] == [
        ("matched", "struck", "strike"),
        ("duplicate", "strike", "strike"),
        ("false", "groups", None),
    ]
    assert demo.fields_right(again, _demo_article().occurrences[0].entries[0]) == {
        "type": True,
        "source": False,
        "recipient": False,
        "date": False,
        "place": False,
    }


def test_evaluation_events_demo_gold_is_in_the_cleaned_articles() -> None:
    """Every gold evidence and mention of expected.yaml is found in the text dateline cleans from its article."""
    folder = BUNDLED_FOLDERS["demo"]
    texts: dict[tuple[str, str | None], str] = {}
    for raw in readers.read_paths([str(folder / demo.ARTICLES)]):
        assert not isinstance(raw, Exception) and raw.__class__.__name__ == "RawDocument"
        article = clean.clean_document(raw, max_chars=1_000_000, knowledge=clean.load_clean_knowledge())
        jsonl = raw.origin.rsplit(":", 1)[0] if raw.origin.rsplit(":", 1)[-1].isdigit() else None
        texts[(Path(jsonl or raw.origin).name, raw.id if jsonl else None)] = article.text
    gold = yaml.safe_load((folder / demo.GOLD_FILE).read_text(encoding="utf-8"))
    missing = [
        (article["file"], event["key"], told)
        for article in gold["articles"]
        for event in article["events"]
        for told in [event["evidence"], *(event.get("mentions") or [])]
        if demo.find_span(texts[(article["file"], article.get("id"))], told) is None
    ]
    assert missing == []


@pytest.mark.slow
def test_evaluation_events_demo_suite_runs_on_a_few_articles(resources: Any) -> None:
    result = demo.run(BUNDLED_FOLDERS["demo"], Settings(), Selection(limit=2))
    assert result.scores["main_event"]["n"] == 2
    assert 0.0 <= result.scores["events"]["precision"] <= 1.0
