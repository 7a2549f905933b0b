"""Said words that blame a shortfall on an actor are an accusation ("a lack of French help") with an ACCUSE event."""

from __future__ import annotations

from pathlib import Path

import pytest
from quotes_helpers import Parse, run_quotes

from dateline import jobs
from dateline.records import Event, Quote
from dateline.settings import Settings


def _quotes(parse: Parse, resources: object, text: str) -> tuple[list[Quote], list[Event]]:
    return run_quotes(parse, resources, text)


@pytest.mark.parametrize(
    ("text", "accused"),
    [
        ("The provincial governor said the main problem was a lack of French help.", "fra"),
        ("A senior commander said the defeat came from an absence of Turkish air support.", "tur"),
    ],
)
def test_quotes_shortfall_of_an_actor_is_an_accusation(
    parse: Parse, resources: object, text: str, accused: str
) -> None:
    quotes, claim_events = _quotes(parse, resources, text)
    assert [quote.stance for quote in quotes] == ["accuse"]
    assert len(claim_events) == 1
    event = claim_events[0]
    assert event.type == "ACCUSE"
    assert [ref.id for ref in event.recipient] == [accused]
    assert event.source and event.source[0].text.lower().startswith(("the provincial governor", "a senior commander"))
    assert quotes[0].event_id == event.id


@pytest.mark.parametrize(
    "text",
    [
        "The provincial governor said the main problem was a lack of equipment.",  # nobody's shortfall
        "The provincial governor said French help had arrived on time.",  # no shortfall
    ],
)
def test_quotes_shortfall_without_an_owner_blames_nobody(parse: Parse, resources: object, text: str) -> None:
    quotes, claim_events = _quotes(parse, resources, text)
    assert [quote.stance for quote in quotes] == ["assert"]
    assert claim_events == []


def test_quotes_shortfall_country_comes_from_the_loaded_actor_kb(tmp_path: Path) -> None:
    """The demonym's country is read from the KB the pipeline loaded, with --actors / settings.actors_file (the
    quotes stage once read the bundled KB itself and ignored the user's file)."""
    user_file = tmp_path / "actors.yaml"
    user_file.write_text("- id: fra\n  name: French Republic\n  kind: country\n  country: FRA\n", encoding="utf-8")
    text = "The provincial governor said the main problem was a lack of French help."

    def accused(settings: Settings) -> list[tuple[str | None, str | None]]:
        extraction = jobs.extract_text(text, "2021-03-10", settings)
        claims = [event for event in extraction.events if event.type == "ACCUSE"]
        return [(ref.id, ref.name) for event in claims for ref in event.recipient]

    assert accused(Settings()) == [("fra", "France")]
    assert accused(Settings(actors_file=str(user_file))) == [("fra", "French Republic")]
