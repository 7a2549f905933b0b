"""Tests for dateline.quotes.marks: closing marks typed as opening marks. Hand-written sentences."""

from __future__ import annotations

import pytest

from dateline.quotes.marks import find_marked_spans


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("He called the film “Frozen“ and left.", ["“Frozen“"]),
        ("She set up a site called “Leave If He Wins“ that went viral.", ["“Leave If He Wins“"]),
        ("The senator called the plan “a disaster.“ Then she sat down.", ["“a disaster.“"]),
        ("A stray “ mark and then “real words” here.", ["“real words”"]),  # an opener before a space stays stray
        ("“One,” he said, “two.”", ["“One,”", "“two.”"]),
    ],
)
def test_quotes_marks_opening_mark_after_a_word_closes(text: str, spans: list[str]) -> None:
    assert [text[span.start : span.end] for span in find_marked_spans(text)] == spans
