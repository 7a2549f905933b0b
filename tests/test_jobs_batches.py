"""A batch's titles parsed in one nlp.pipe give the story stage the same headlines as one nlp call per title."""

from __future__ import annotations

import dataclasses

import pytest

from dateline import pipeline
from dateline.jobs.batches import _parsed_headlines, extract_batch
from dateline.records import Article, RawDocument, to_json
from dateline.settings import Settings

TEXTS = [
    (
        "Rebels shell market in northern town",
        "Rebels shelled a market in the northern town of Tal Abyad on Monday, killing four people, officials said.",
    ),
    ("Army withdraws", "Army withdraws. The army pulled its last units out of the border post on Tuesday."),
    ("", "Police fired tear gas at protesters outside the parliament in the capital on Friday."),
    (
        "Talks resume after week of clashes",
        "Delegations met in the lakeside city on Sunday and agreed to a ceasefire that holds from midnight.",
    ),
]


def _raw(number: int, title: str, text: str) -> RawDocument:
    return RawDocument(id=f"t{number}", title=title or None, text=text, published="2024-03-05", origin=f"test:{number}")


def test_jobs_batch_headlines_only_for_titles_the_text_does_not_start_with(resources: pipeline.Resources) -> None:
    articles = [Article(id=f"t{number}", text=text, title=title or None) for number, (title, text) in enumerate(TEXTS)]
    parsed = _parsed_headlines(articles, resources, 2)
    assert [doc is None for doc in parsed] == [False, True, True, False]
    assert [doc.text if doc is not None else None for doc in parsed] == [TEXTS[0][0], None, None, TEXTS[3][0]]


@pytest.mark.parametrize("batch_size", [1, 3])
def test_jobs_batch_extraction_same_as_one_title_at_a_time(
    settings: Settings, resources: pipeline.Resources, monkeypatch: pytest.MonkeyPatch, batch_size: int
) -> None:
    raws = [_raw(number, title, text) for number, (title, text) in enumerate(TEXTS)]
    tuned = dataclasses.replace(settings, batch_size=batch_size)
    batched = [to_json(extraction) for extraction in extract_batch(raws, tuned)]
    # the story stage parsing each title itself, as before titles were parsed per batch
    monkeypatch.setattr("dateline.jobs.batches._parsed_headlines", lambda articles, *_: [None] * len(articles))
    one_by_one = [to_json(extraction) for extraction in extract_batch(raws, tuned)]
    assert batched == one_by_one
    assert any(extraction["article"]["main_event_id"] for extraction in batched)
