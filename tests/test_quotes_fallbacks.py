"""Tests for the fourth pass of dateline.quotes (PolNeAR train split): speakers the parse does not give
(dateline/quotes/fallbacks.py) and the cue rules added with them. Hand-written sentences."""

from __future__ import annotations

import pytest
from quotes_helpers import Parse, run_quotes

from dateline.records import Quote


def _quotes(parse: Parse, resources: object, text: str) -> list[Quote]:
    return run_quotes(parse, resources, text)[0]


def _quote_with(quotes: list[Quote], words: str) -> Quote:
    found = [quote for quote in quotes if words in quote.text]
    assert len(found) == 1, [quote.text for quote in quotes]
    return found[0]


def _speaker_text(quote: Quote) -> str | None:
    return quote.speaker.text if quote.speaker is not None else None


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # A dash and a name after the quote on its line.
        (
            "“The bridge has to be rebuilt before the winter comes.” ― Amina Yusuf\n"
            "“Nobody asked the farmers what they need.” ― Tom Reyes",
            "farmers",
            "Tom Reyes",
        ),
        # A line under the quote that opens with a dash and a name.
        (
            "“We will keep the clinic open all night for the wounded.”\n\n- Governor Amina Yusuf.",
            "clinic",
            "Amina Yusuf",
        ),
    ],
)
def test_quotes_fallbacks_a_dash_and_a_name_sign_the_quote(
    parse: Parse, resources: object, text: str, words: str, speaker: str
) -> None:
    quote = _quote_with(_quotes(parse, resources, text), words)
    assert _speaker_text(quote) is not None and speaker in str(_speaker_text(quote))


def test_quotes_fallbacks_signed_quotes_stay_apart(parse: Parse, resources: object) -> None:
    text = (
        "“The bridge has to be rebuilt before the winter comes.” ― Amina Yusuf\n"
        "“Nobody asked the farmers what they need.” ― Tom Reyes"
    )
    quotes = [quote for quote in _quotes(parse, resources, text) if "“" in quote.text]
    assert len(quotes) == 2


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "“The convoy left at dawn and reached the camp by noon,” said Okafor, adding that more would follow.",
            "Okafor",
        ),
        (
            "“The convoy left at dawn and reached the camp by noon,” said retired general Tom Reyes during a briefing.",
            "Tom Reyes",
        ),
    ],
)
def test_quotes_fallbacks_name_after_an_inverted_cue(parse: Parse, resources: object, text: str, speaker: str) -> None:
    quote = _quote_with(_quotes(parse, resources, text), "convoy")
    assert speaker in str(_speaker_text(quote))


def test_quotes_fallbacks_speaker_stays_in_the_cue_line(parse: Parse, resources: object) -> None:
    text = (
        "GENEVA (AP) — The Latest on the ceasefire talks (all times local):\n\n7:15 p.m.\n\n"
        "Amina Yusuf is calling the rebel offer “a trap for the villages.”\n\nShe spoke in Kano.\n"
    )
    quote = _quote_with(_quotes(parse, resources, text), "trap")
    assert _speaker_text(quote) == "Amina Yusuf"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # The sentence before the quote ends with a verb of saying that reports nothing else.
        (
            "“The river will flood again,” said Tom Reyes, a local engineer.\n\n"
            "Professor Amina Yusuf agreed. “We have warned the council for years and nobody listened.”",
            "warned the council",
            "Amina Yusuf",
        ),
        (
            "The dam is old, hydrologist Amina Yusuf says. “It was built for a smaller river and a smaller town.”",
            "smaller river",
            "Amina Yusuf",
        ),
    ],
)
def test_quotes_fallbacks_cue_before_the_quote(
    parse: Parse, resources: object, text: str, words: str, speaker: str
) -> None:
    quote = _quote_with(_quotes(parse, resources, text), words)
    assert speaker in str(_speaker_text(quote))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The general denounced the report as “hurtful” and walked out.", "hurtful"),  # accusation, quoted object
        ("Tom Reyes warned of a “long and bloody” fight for the port.", "long and bloody"),  # quoted topic
        ("Amina Yusuf painted the militia as a “criminal gang” on Monday.", "criminal gang"),  # verb outside the lists
        ("The reporter asked the mayor about the curfew. Amina Yusuf replied, “No.”", "No."),  # a one-word reply
        ("“Out!” the crowd roared at the soldiers.", "Out!"),  # a noun subject after an exclamation
    ],
)
def test_quotes_fallbacks_short_quoted_words_with_a_cue_are_quotes(
    parse: Parse, resources: object, text: str, words: str
) -> None:
    quotes = _quotes(parse, resources, text)
    assert any(words in quote.text for quote in quotes), [quote.text for quote in quotes]


@pytest.mark.parametrize(
    "text",
    [
        "The army seized on the rebels’ claim that “the city is free” to justify the raid.",  # someone else's claim
        "The trucks drove to the “green zone” near the airport.",  # no speaker, no cue
        "",
        "“ ― ”\n\n- \u200b",
    ],
)
def test_quotes_fallbacks_no_quote_for_words_nobody_said(parse: Parse, resources: object, text: str) -> None:
    quotes = _quotes(parse, resources, text)
    assert all(quote.speaker is None or quote.speaker.text != "The army" for quote in quotes)
    assert not any(quote.text == "“green zone”" for quote in quotes)


def test_quotes_fallbacks_a_cue_with_its_own_quote_keeps_the_next_piece(parse: Parse, resources: object) -> None:
    text = "“The road is open again,” Tom Reyes said. “The repairs took a month and cost far too much.”"
    quotes = [quote for quote in _quotes(parse, resources, text) if "“" in quote.text]
    assert len(quotes) == 1 and quotes[0].text.endswith("far too much.”")
