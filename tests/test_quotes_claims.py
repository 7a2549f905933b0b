"""Claims of responsibility and accusations tied to the event they are about (issue 19 item 6; quotes/claims.py)."""

from __future__ import annotations

from dateline.jobs import extract_text
from dateline.records import Event, Extraction


def _attack(extraction: Extraction) -> Event:
    [attack] = [event for event in extraction.events if event.type == "ASSAULT"]
    return attack


def test_quotes_claims_a_later_claim_gives_the_attack_its_claimed_source() -> None:
    found = extract_text(
        "A car bomb killed eleven people outside a bank in the city on Sunday. "
        "Al-Shabaab claimed responsibility in a statement on its radio station."
    )
    attack = _attack(found)
    assert [(ref.id, ref.attribution) for ref in attack.source] == [("al-shabaab", "claimed")]
    [claim] = [quote for quote in found.quotes if quote.stance == "claim_responsibility"]
    assert claim.event_id == attack.id


def test_quotes_claims_a_pronoun_claimant_is_the_group_it_refers_to() -> None:
    found = extract_text(
        "The Islamic State lost its last town in the valley, the United States said on Monday. "
        "Last week, it claimed a rocket attack on an airbase."
    )
    # "lost its last town" is an ASSAULT too (territory lost, docs/codebook.md): the claim is the rocket attack's.
    [attack] = [event for event in found.events if event.trigger is not None and event.trigger.text == "attack"]
    [claim] = [quote for quote in found.quotes if quote.stance == "claim_responsibility"]
    assert claim.event_id == attack.id
    assert claim.speaker is not None and (claim.speaker.text, claim.speaker.id) == ("it", "islamic-state")


def test_quotes_claims_nobody_claims_what_no_group_claimed() -> None:
    found = extract_text(
        "A car bomb killed eleven people outside a bank in the city on Sunday. "
        "No group has claimed responsibility for the bombing."
    )
    attacks = [event for event in found.events if event.type == "ASSAULT"]
    assert attacks and all(ref.attribution != "claimed" for event in attacks for ref in event.source)


def test_quotes_claims_an_accusation_is_an_accuse_event_with_the_accused_as_alleged_source() -> None:
    found = extract_text("Ukraine blamed Russian forces for the attack on the power plant.")
    attack = _attack(found)
    assert [(ref.country, ref.sector, ref.attribution) for ref in attack.source] == [("RUS", "MIL", "alleged")]
    [accusation] = [event for event in found.events if event.type == "ACCUSE"]
    assert [ref.id for ref in accusation.source] == ["ukr"]
    assert [ref.country for ref in accusation.recipient] == ["RUS"]
