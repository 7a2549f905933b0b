"""Tests for dateline.quotes: speakers next to an addressee or an apposition, quoted "as" phrases and chants
(rules added in the third PolNeAR train-split pass). Hand-written sentences."""

from __future__ import annotations

import pytest
from quotes_helpers import Parse, run_quotes

from dateline.records import Quote


def _quotes(parse: Parse, resources: object, text: str) -> list[Quote]:
    return run_quotes(parse, resources, text)[0]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We were wrong to wait so long,” Ramos, 58, told AFP in an interview on Monday.", "Ramos"),
        ("“It can be done,” Risch told The Spokesman-Review on Monday.", "Risch"),
    ],
)
def test_quotes_speaker_of_told_is_not_the_person_told(
    parse: Parse, resources: object, text: str, speaker: str
) -> None:
    quotes = _quotes(parse, resources, text)
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Governor Ann Hale refers to her rival as “the weather vane” in every speech.", "“the weather vane”"),
        ("The crowd answered with chants of “Four more years” until the music started.", "“Four more years”"),
    ],
)
def test_quotes_quoted_as_phrase_and_chant_are_quotes(
    parse: Parse, resources: object, text: str, fragment: str
) -> None:
    quotes = _quotes(parse, resources, text)
    assert len(quotes) == 1 and fragment in quotes[0].text


@pytest.mark.parametrize(
    "text",
    [
        "The senator referred to the “Red Book” twice during the hearing.",  # no "as": a title, not speech
        "Marco Vell, the singer known as “Blue Note,” opened the show.",  # "known as" names, it does not quote
        "",
        "“ ” —",
    ],
)
def test_quotes_named_or_titled_phrases_are_not_quotes(parse: Parse, resources: object, text: str) -> None:
    assert _quotes(parse, resources, text) == []


def test_quotes_quote_after_subject_verb_colon_is_the_subjects(parse: Parse, resources: object) -> None:
    text = (
        "Jane Moss attacked the shooting club last week, and\xa0the club responded:  "
        '"If a member breaks the law, we expel him. We follow every rule on the books."'
    )
    quotes = [quote for quote in _quotes(parse, resources, text) if "rule" in quote.text]
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.text == "the club"
