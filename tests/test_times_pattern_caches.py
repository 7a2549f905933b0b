"""The time rules' patterns are built once per vocabulary, and an expression normalises the same on every call."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.times.lexicon import load_time_knowledge
from dateline.times.normalise import Context, normalise
from dateline.times.values import unit_pattern


def test_times_vocabulary_is_hashed_by_identity_so_patterns_are_built_once() -> None:
    words = load_time_knowledge()
    assert hash(words) == hash(load_time_knowledge())
    assert unit_pattern(words) is unit_pattern(words)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("every other week", "P2W"),
        ("three days ago", "2024-05-14"),
        ("last Friday", "2024-05-10"),
        ("Nov. 10, 2023", "2023-11-10"),
        ("the third quarter", "2023-Q3"),
        ("the past two years", "P2Y"),
        ("Sunday night", "2024-05-12TNI"),
        ("noon Thursday", "2024-05-16T12:00"),
        ("the 1990s", "199"),
    ],
)
def test_times_repeated_normalising_gives_the_same_value(text: str, value: str) -> None:
    context = Context(date(2024, 5, 17))  # a Friday
    words = load_time_knowledge()
    first, again = normalise(text, context, words), normalise(text, context, words)
    assert first is not None
    assert first.value == value
    assert again == first
