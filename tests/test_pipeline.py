"""Tests for dateline.pipeline: the stage order as data, and a failed stage isolated to its own records."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dateline import pipeline, places
from dateline.records import Article

Parse = Callable[..., tuple[Article, Doc]]
TEXT = "Gunmen attacked a police station in Kirkuk on Sunday, killing four officers, the governor said."


def test_pipeline_stages_run_in_the_documented_order() -> None:
    assert [name for name, _ in pipeline.STAGES] == ["times", "places", "actors", "events", "quotes", "story"]


def test_pipeline_analyse_fills_every_stage(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    article, doc = parse(TEXT, "2021-03-10")
    found = pipeline.analyse(article, doc, resources)
    assert found.errors == ()
    assert found.times and found.places and found.events and found.quotes
    assert found.article.main_event_id in {event.id for event in found.events}


def test_pipeline_a_failed_stage_leaves_only_its_records_empty(  # type: ignore[no-untyped-def]
    parse: Parse, resources, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise ValueError("gazetteer unreadable")

    monkeypatch.setattr(places, "find_places", broken)
    article, doc = parse(TEXT, "2021-03-10")
    found = pipeline.analyse(article, doc, resources)
    assert [(error.stage, error.error_type, error.message) for error in found.errors] == [
        ("places", "ValueError", "gazetteer unreadable")
    ]
    assert found.places == () and found.times and found.events  # the later stages ran on what there was
