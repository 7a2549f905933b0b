"""Tests for event detection and typing (dateline.events.find_events) on short hand-written news sentences."""

from __future__ import annotations

import pytest
from events_helpers import Parse
from events_helpers import run_events as _events

from dateline.events import find_events, main_event
from dateline.records import Article, Event


def _main(parse: Parse, resources, text: str) -> Event:  # type: ignore[no-untyped-def]
    found = main_event(_events(parse, resources, text), resources.events)
    assert found is not None, text
    return found


@pytest.mark.parametrize(
    ("text", "sub_event_type", "mode"),
    [
        ("Government warplanes bombed a market on Monday, killing nine people.", "Air/drone strike", "aerial"),
        ("A drone strike hit a car carrying two commanders near the border.", "Air/drone strike", "drone"),
        ("Rebels shelled the eastern districts with mortars.", "Shelling/artillery/missile attack", "artillery"),
        ("A roadside bomb exploded under a police truck.", "Remote explosive/landmine/IED", "explosion"),
        ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb", "suicide-bomb"),
        ("Unknown attackers threw a grenade into a crowded bar late on Friday.", "Grenade", "explosion"),
        ("Witnesses said the army dropped chlorine gas on the village.", "Chemical weapon", "CBRN"),
        ("Gunmen opened fire on worshippers leaving a church, killing six.", "Attack", "firearms"),
        ("Soldiers clashed with insurgents near the airport for three hours.", "Armed clash", "firearms"),
        ("Militants kidnapped two aid workers on the road to the capital.", "Abduction/forced disappearance", "abduct"),
        ("Police officers raped a woman held at the station, the rights group said.", "Sexual violence", "sexual"),
    ],
)  # fmt: skip
def test_events_violence_gets_the_acled_sub_type_of_its_weapon(  # type: ignore[no-untyped-def]
    parse: Parse, resources, text: str, sub_event_type: str, mode: str
) -> None:
    event = _main(parse, resources, text)
    assert event.type == "ASSAULT"
    assert event.acled is not None and event.acled.sub_event_type == sub_event_type
    assert event.mode == mode


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Thousands of students marched through the capital to demand lower fees.", "Peaceful protest"),
        ("Police fired tear gas to disperse the demonstrators outside parliament.", "Protest with intervention"),
        ("Security forces opened fire on protesters, killing three of them.", "Excessive force against protesters"),
        ("Rioters torched cars and threw stones at police during the protest.", "Violent demonstration"),
        ("An angry mob lynched a man accused of stealing a goat.", "Mob violence"),
    ],
)
def test_events_protests_tell_apart_who_used_force(parse: Parse, resources, text: str, sub_event_type: str) -> None:  # type: ignore[no-untyped-def]
    event = _main(parse, resources, text)
    assert event.acled is not None and event.acled.sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "plover", "sub_event_type"),
    [
        ("Rebels captured the town of Kafr Nabl on Friday.", "ASSAULT", "Non-state actor overtakes territory"),
        ("Government troops recaptured the town from the rebels on Sunday.", "ASSAULT", "Government regains territory"),
        ("The militia withdrew from the town without a fight.", "RETREAT", "Non-violent transfer of territory"),
        ("Police arrested twelve opposition activists in the capital on Tuesday.", "COERCE", "Arrests"),
        ("Soldiers defused a bomb planted under a bridge near the market.", "COERCE", "Disrupted weapons use"),
        ("The army set up a new military base near the border.", "MOBILIZE", "Headquarters or base established"),
        ("Looters ransacked shops in the city centre overnight.", "COERCE", "Looting/property destruction"),
        ("The two sides signed a ceasefire agreement in the capital.", "AGREE", "Agreement"),
        ("Forty soldiers defected from the army to join the rebels.", "RETREAT", "Change to group/activity"),
    ],
)  # fmt: skip
def test_events_strategic_developments(parse: Parse, resources, text: str, plover: str, sub_event_type: str) -> None:  # type: ignore[no-untyped-def]
    event = _main(parse, resources, text)
    assert event.type == plover
    assert event.acled is not None and event.acled.sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "plover", "mode"),
    [
        ("The foreign minister accused the rebels of shelling civilians.", "ACCUSE", "allege"),
        ("The opposition leader blasted the government for its handling of the crisis.", "ACCUSE", "disapprove"),
        ("The president urged both sides to return to talks.", "REQUEST", None),
        ("The militia threatened to attack any foreign troops in the province.", "THREATEN", None),
        ("The ministers met in Geneva on Monday to discuss the ceasefire.", "CONSULT", "meet"),
        ("The prime minister rejected the proposal as unacceptable.", "REJECT", "refuse"),
        ("The general praised the troops for their courage.", "SUPPORT", "praise"),
        ("Washington is sending 300 anti-tank missiles to the army.", "AID", "military"),
        ("The agency delivered food and medicine to the besieged town.", "AID", "humanitarian"),
        ("The European Union imposed sanctions on three generals.", "SANCTION", "economic"),
        ("The army deployed 2,000 troops to the northern province.", "MOBILIZE", "troops"),
    ],
)
def test_events_verbal_and_other_plover_types(
    parse: Parse, resources, text: str, plover: str, mode: str | None
) -> None:  # type: ignore[no-untyped-def]
    found = [event for event in _events(parse, resources, text) if event.type == plover]
    assert found, [(e.type, e.trigger) for e in _events(parse, resources, text)]
    assert found[0].mode == mode


def test_events_one_sentence_may_hold_several_events(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels seized the town on Monday, and the president condemned the attack on Tuesday."
    kinds = [event.type for event in _events(parse, resources, text)]
    assert "ASSAULT" in kinds and "ACCUSE" in kinds


def test_events_killing_clause_is_part_of_the_assault(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "The gunmen killed 40 villagers in their two-day assault on the valley."
    events = [event for event in _events(parse, resources, text) if event.type == "ASSAULT"]
    assert len(events) == 1


def test_events_a_definite_event_noun_continues_the_previous_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Militants overran the town of Hit on Friday. The fighting killed 30 soldiers."
    events = _events(parse, resources, text)
    assert [event.type for event in events] == ["ASSAULT"]
    assert events[0].casualties.killed is not None and events[0].casualties.killed.best == 30
    assert [mention.trigger.text for mention in events[0].mentions] == ["overran", "fighting"]


@pytest.mark.parametrize(
    "text",
    [
        "The riot police stood by as the crowd sang.",
        "The strike force was disbanded in 2010.",
        "Workers went on strike at the car plant on Monday.",
    ],
)
def test_events_modifier_nouns_name_no_violent_event(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [event for event in _events(parse, resources, text) if event.type == "ASSAULT"]


def test_events_disaster_is_not_an_attack(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "A gas explosion at a chemical plant killed five workers on Thursday."
    assert not [event for event in _events(parse, resources, text) if event.type == "ASSAULT"]


@pytest.mark.parametrize("text", ["", "   \n\n ", "🙂🙂🙂", "ↈↈↈ —— ¶¶", "attack " * 2000])
def test_events_hostile_text_gives_a_list(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    events = _events(parse, resources, text)
    assert isinstance(events, list)
    assert all(event.evidence.text == text[event.evidence.start : event.evidence.end] for event in events)


def test_events_doc_without_parse_gives_no_events(resources) -> None:  # type: ignore[no-untyped-def]
    article = Article(id="x", text="Rebels attacked the town.")
    doc = resources.nlp.make_doc(article.text)
    found = find_events(
        article,
        doc,
        actors=[],
        places=[],
        times=[],
        lexicon=resources.events,
        place_knowledge=resources.places,
        casualty_terms=resources.casualties,
    )
    assert found == []


def test_events_an_aggregate_is_never_the_main_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    """Issue 18 goal 3: "more than 3,000 airstrikes" is flagged aggregate and is not what the text is about, even
    where it ranks first (an air strike, in the first sentence); the one roadside bomb is."""
    text = (
        "Coalition jets have carried out more than 3,000 airstrikes on militant positions since August. "
        "A roadside bomb wounded two soldiers near Baiji on Monday."
    )
    events = _events(parse, resources, text)
    assert any("aggregate" in event.flags for event in events)
    found = _main(parse, resources, text)
    assert "aggregate" not in found.flags
    assert found.acled is not None and found.acled.sub_event_type == "Remote explosive/landmine/IED"
