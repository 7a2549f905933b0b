"""Said or quoted words that deny a known actor a will, capacity or effort accuse it (issue 18: a verbal act is an
event when a named party performs it, told as a quote or as reported speech)."""

from __future__ import annotations

import pytest
from quotes_helpers import Parse, run_quotes


@pytest.mark.parametrize(
    "text",
    [
        '"The Iraqi army just showed no will to fight. They were not outnumbered," Ashton Carter said on Sunday.',
        "Ashton Carter said the Iraqi army showed no will to fight.",
    ],
)
def test_quotes_failing_party_is_accused_quoted_or_reported(parse: Parse, resources: object, text: str) -> None:
    quotes, claim_events = run_quotes(parse, resources, text)
    assert [quote.stance for quote in quotes] == ["accuse"]
    [event] = claim_events
    assert event.type == "ACCUSE"
    assert [ref.text for ref in event.source] == ["Ashton Carter"]
    assert [ref.text.removeprefix("the ").removeprefix("The ") for ref in event.recipient] == ["Iraqi army"]


def test_quotes_failing_party_a_pronoun_accuses_nobody(parse: Parse, resources: object) -> None:
    quotes, claim_events = run_quotes(parse, resources, '"We showed no mercy," the commander said.')
    assert [quote.stance for quote in quotes] == ["assert"] and claim_events == []


@pytest.mark.parametrize(
    "text",
    [
        # The reporter's own clause after "but" is not what the minister announced.
        "Jordanian Foreign Minister Ayman Safadi announced a $2 billion loan for the port, "
        "but the Iraqi army made no effort to guard it.",
        # A denied pledge, gift or statement is no will, capacity or effort the speaker denies the party.
        "Ashton Carter said the Iraqi army made no direct pledge of new troops.",
    ],
)
def test_quotes_failing_party_only_the_speakers_denial_of_will_capacity_or_effort(
    parse: Parse, resources: object, text: str
) -> None:
    quotes, claim_events = run_quotes(parse, resources, text)
    assert claim_events == []
    assert all(quote.stance != "accuse" for quote in quotes)
