"""Tests for dateline.quotes: which pieces make one quote, and whose words they are (rules added after the
PolNeAR train-split error analysis). Hand-written sentences."""

from __future__ import annotations

from itertools import pairwise

import pytest
from quotes_helpers import Parse, run_quotes

from dateline.quotes import find_quotes
from dateline.quotes.attribution import is_title_like
from dateline.quotes.cues import load_quote_cues
from dateline.records import Quote


def _quotes(parse: Parse, resources: object, text: str) -> list[Quote]:
    return run_quotes(parse, resources, text)[0]


def _overlapping(quotes: list[Quote]) -> bool:
    spans = sorted((quote.start, quote.end) for quote in quotes)
    return any(first[1] > second[0] for first, second in pairwise(spans))


@pytest.mark.parametrize(
    ("piece", "title"),
    [
        ("“It’s fine,”", False),  # a sentence's first word is capitalised: still speech
        ("“State of the Union,”", True),
        ("“Red River Riders”", True),
        ("“Sanity.”", False),  # one word: handled as a fragment, not as a title
        ("“we will win”", False),
    ],
)
def test_quotes_title_like_needs_every_content_word_capitalised(piece: str, title: bool) -> None:
    assert is_title_like(piece, load_quote_cues().title_small_words) is title


def test_quotes_quoted_words_inside_indirect_speech_make_one_quote(parse: Parse, resources: object) -> None:
    text = "Ms. Lane said that the plan was “a mess” and that voters should “look elsewhere for answers next year.”"
    quotes = _quotes(parse, resources, text)
    assert len(quotes) == 1 and not _overlapping(quotes)
    assert quotes[0].kind == "mixed" and quotes[0].text.endswith("next year.”")


def test_quotes_resumed_after_a_linking_word_is_one_quote(parse: Parse, resources: object) -> None:
    text = "“The road is open again,” Mayor Ken Obi said on Tuesday. But “the repairs will take another month.”"
    quotes = _quotes(parse, resources, text)
    assert len(quotes) == 1 and quotes[0].text.endswith("another month.”")


def test_quotes_resumed_after_a_long_reporting_clause_is_one_quote(parse: Parse, resources: object) -> None:
    text = (
        "“The road is open again,” Mayor Ken Obi told reporters at a briefing in the town hall on Tuesday "
        "afternoon, after a long night of repairs by crews from three districts. “We thank every one of them.”"
    )
    quotes = _quotes(parse, resources, text)
    assert len(quotes) == 1 and quotes[0].speaker is not None and quotes[0].speaker.text == "Mayor Ken Obi"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # The quote hangs off a verb inside what the subject says: the subject speaks.
        ("Jane Hill says the voters are seeking “a fresh start for the whole county.”", "Jane Hill"),
        ("Maria Lopez says she thinks “the council will back down before the vote.”", "Maria Lopez"),
        # A participle after the reported clause belongs to the reporter, not to the clause's subject.
        ("Governor Ann Cole said the bridge could be closed for weeks, adding, “We have no other choice.”", "Ann Cole"),
        # A name and a colon introduce the quote.
        ("The delay does not surprise analyst Tom Reyes: “Projects of this size always slip by a year.”", "Tom Reyes"),
        # A person named by age (the parser tags it as a date).
        ("“We lost everything in one night,” said the 52-year-old.", "52-year-old"),
    ],
)
def test_quotes_speaker(parse: Parse, resources: object, text: str, speaker: str) -> None:
    quotes = [quote for quote in _quotes(parse, resources, text) if "“" in quote.text]
    assert quotes and quotes[0].speaker is not None
    assert speaker in f"{quotes[0].speaker.text} {quotes[0].speaker.name}"


def test_quotes_calling_something_a_quoted_name_is_a_quote(parse: Parse, resources: object) -> None:
    text = "Senator Ruth Ruiz called the new toll “a tax on working families” during the debate."
    quotes = _quotes(parse, resources, text)
    assert [quote.cue for quote in quotes] == ["called"]
    assert "“a tax on working families”" in quotes[0].text and quotes[0].speaker is not None
    assert quotes[0].speaker.text == "Senator Ruth Ruiz"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ("“We won the vote tonight,” Jane Doe beamed.", "Jane Doe", "beamed"),
        ("“We will not stop now!” he went on.", "he", "went"),
    ],
)
def test_quotes_attribution_verb_outside_the_lists_right_after_a_quote(
    parse: Parse, resources: object, text: str, speaker: str, cue: str
) -> None:
    article, doc = parse(text)
    quotes, _ = find_quotes(
        article,
        doc,
        actors=(),
        events=(),
        knowledge=resources.quotes,  # type: ignore[attr-defined]
        actor_knowledge=resources.actors,  # type: ignore[attr-defined]
    )
    assert [(quote.speaker.text if quote.speaker else None, quote.cue) for quote in quotes] == [(speaker, cue)]


def test_quotes_no_indirect_quote_across_a_paragraph_break(parse: Parse, resources: object) -> None:
    # Found by the property test: the reported words stood in the paragraph before the cue, and the quote came out
    # with its start after its end.
    found = _quotes(parse, resources, "Gunmen killed dozens of civilians \n\n the army said")
    assert all(quote.start <= quote.end for quote in found)
    assert [quote.text for quote in found if quote.kind == "indirect"] == []
