"""time_word_matches must find exactly what the whole time-word pattern finds with finditer, only faster."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest

from dateline.times.candidates import _pattern, time_word_matches
from dateline.times.lexicon import load_time_knowledge


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in matches]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Rebels shelled the town on Monday morning, and again late Tuesday.",
        "The ceasefire signed on Nov. 10, 2019 held until mid-March; talks resume next Friday.",
        "MONDAY: Mondays are quiet. The army said it patrols daily and every night since 1999.",
        "Officials met in 2021-03-04 talks; the first quarter and its second-quarter report were late.",
        "The governor spoke from İstanbul yesterday; the oﬃce reopens tomorrow.",
        "A yeſterday spelled oddly, ıt said, and \u212aday.",
        "In 2015 and after 2016, fighting rose; during 2017 recent weeks saw calm. Currently none.",
        "Strikes hit at 5 p.m. tonight, this morning and last night, the ministry said.",
        "x2020-01-01 since1999 Wednesdays\u00a0Thursday\n\nSunday",
    ],
)
def test_time_word_matches_equal_the_pattern(text: str) -> None:
    assert _spans(time_word_matches(text, load_time_knowledge())) == _spans(
        _pattern(load_time_knowledge()).finditer(text)
    )


def test_time_word_matches_finds_weekday_and_year() -> None:
    text = "Fighters withdrew on Sunday, officials said in 2014."
    found = [text[start:end] for start, end in _spans(time_word_matches(text, load_time_knowledge()))]
    assert found == ["on Sunday", "2014"]
