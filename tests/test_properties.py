"""Property tests: on arbitrary text every stage runs without error and every offset it returns points at its words
(article.text[start:end] == span text) — for places, times, actor mentions, event evidence and triggers, quotes,
speakers and anything else that carries text/start/end."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline import pipeline
from dateline.pipeline import Resources
from dateline.records import Article

_FRAGMENTS = [
    "Gunmen killed",
    "at least 12 people",
    "dozens of civilians",
    "in Mosul",
    "near the Syrian border",
    "on Tuesday",
    "last week",
    "on 3 March 2021",
    "the army said",
    "“We will respond,” the minister told reporters.",
    '"Nobody is safe here," said a resident.',
    "Houthi rebels",
    "the Islamic State",
    "a car bomb exploded",
    "police arrested 40 protesters",
    "in Kabul's western district",
    "according to the UN.",
    ",",
    ".",
    "\n\n",
    "—",
    "'",
]

news_like = st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=30).map(" ".join)
any_text = st.text(max_size=400)
SPAN_FIELDS = {"text", "start", "end"}


def _spans(value: Any) -> Iterator[Any]:
    """Every record inside an extraction that carries text, start and end."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = {field.name for field in dataclasses.fields(value)}
        if names >= SPAN_FIELDS and isinstance(getattr(value, "start", None), int):
            yield value
        for name in names:
            yield from _spans(getattr(value, name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _spans(item)


def _check(text: str, parse: Callable[[str, str | None], tuple[Article, Any]], resources: Resources) -> None:
    article, doc = parse(text, "2024-05-06")
    extraction = pipeline.analyse(article, doc, resources, timeout=0)
    assert extraction.errors == ()
    for span in _spans(extraction):
        if span is extraction.article:
            continue
        assert 0 <= span.start <= span.end <= len(article.text), span
        assert article.text[span.start : span.end] == span.text, span


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=news_like)
def test_properties_news_like_text_spans_point_at_their_words(text: str, parse: Any, resources: Resources) -> None:
    _check(text, parse, resources)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=any_text)
def test_properties_arbitrary_text_never_breaks_a_stage(text: str, parse: Any, resources: Resources) -> None:
    _check(text, parse, resources)
