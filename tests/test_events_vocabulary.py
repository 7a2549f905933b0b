"""The words real reports use for violence, crowd control and detention, as verbs and as nouns (issue 18 item 5)."""

from __future__ import annotations

import pytest
from events_helpers import Parse, run_events


@pytest.mark.parametrize(
    ("text", "kind", "mode", "trigger"),
    [
        ("Two shopkeepers were injured in a string of stabbings in the old market.", "ASSAULT", "beat", "stabbings"),
        ("A man stabbed two teachers at the school gate on Friday.", "ASSAULT", "beat", "stabbed"),
        ("The poisoning of the opposition leader was confirmed by doctors.", "ASSAULT", None, "poisoning"),
        ("Unknown men poisoned the village well, residents said.", "ASSAULT", None, "poisoned"),
        ("Police beat the students with batons outside the university.", "ASSAULT", "beat", "beat"),
        ("The beating of a detainee by guards was filmed.", "ASSAULT", "beat", "beating"),
        ("The army seized power in a coup on Wednesday.", "COERCE", "coup", "seized power"),
        ("The coup was condemned by the neighbouring states.", "COERCE", "coup", "coup"),
        ("Police baton-charged the protesters near the parliament.", "ASSAULT", "beat", "baton-charged"),
        ("Soldiers fired in the air to scatter the marchers.", "ASSAULT", "firearms", "fired"),
        ("Troops fired on Tuesday night, witnesses said.", "ASSAULT", "firearms", "fired"),
        ("A shootout between police and robbers left two dead.", "ASSAULT", "firearms", "shootout"),
        ("Police booked the shop owner under the arms act on Sunday.", "COERCE", "arrest", "booked"),
        ("The suspect was picked up by police in Lagos.", "COERCE", "arrest", "picked up"),
        ("The two men were remanded in custody by a court in Delhi.", "COERCE", "arrest", "remanded"),
        ("Three activists were taken into custody on Sunday.", "COERCE", "arrest", "taken into custody"),
        ("The militants detonated the device near the checkpoint.", "ASSAULT", "explosion", "detonated"),
        ("The robbers tied him up, kicking him until he gave them the keys.", "ASSAULT", "beat", "kicking"),
        ("A guard punched a prisoner in the yard on Monday.", "ASSAULT", "beat", "punched"),
        ("Kumarian troops have set up two military bases near the border.", "MOBILIZE", "base", "set"),
        ("Thousands poured into the streets of Kuma on Friday.", "PROTEST", "demo", "poured into the streets"),
        ("A deputy tased the suspect outside the store on Friday.", "ASSAULT", "beat", "tased"),
        ("Officers kicked the suspect as he lay on the ground.", "ASSAULT", "beat", "kicked"),
        ("The officer held the teenager in a chokehold for a minute.", "ASSAULT", "beat", "chokehold"),
        ("Crowds spilled into the street after the verdict.", "PROTEST", "demo", "spilled into the street"),
        ("Two policemen were slain by gunmen in Quetta on Friday.", "ASSAULT", "firearms", "slain"),
        ("Gunmen slew a village elder outside his home near Kandahar on Sunday.", "ASSAULT", "firearms", "slew"),
    ],
)
def test_events_vocabulary_of_real_reports(  # type: ignore[no-untyped-def]
    parse: Parse, resources, text: str, kind: str, mode: str | None, trigger: str
) -> None:
    found = [event for event in run_events(parse, resources, text) if event.type == kind]
    assert [(event.mode, event.trigger.text if event.trigger else None) for event in found] == [(mode, trigger)]


def test_events_vocabulary_tear_gas_on_protesters_is_protest_with_intervention(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    [event] = run_events(parse, resources, "Police fired tear gas to disperse the crowd of demonstrators on Monday.")
    assert event.acled is not None and event.acled.sub_event_type == "Protest with intervention"


@pytest.mark.parametrize(
    "text", ["The striker kicked the ball into the net.", "The party kicked him out after the vote."]
)
def test_events_vocabulary_a_kick_that_hits_nobody_is_no_attack(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [event.type for event in run_events(parse, resources, text)] == []


def test_events_vocabulary_a_hurled_grenade_is_a_grenade_attack(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    [event] = run_events(parse, resources, "A gunman hurled a grenade at a police post in Kuma on Monday.")
    assert event.type == "ASSAULT" and event.acled is not None and event.acled.sub_event_type == "Grenade"


def test_events_vocabulary_protesters_hurling_bottles_riot(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, "Protesters marched to the ministry in Kuma and hurled bottles at the police.")
    assert [event.acled.sub_event_type for event in found if event.acled] == ["Violent demonstration"]


def test_events_vocabulary_raids_by_choppers_are_air_strikes(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, "The rebels lost dozens of fighters in raids by army choppers near Kuma.")
    assert [event.acled.sub_event_type for event in found if event.acled] == ["Air/drone strike"]


@pytest.mark.parametrize(
    ("text", "kind", "trigger"),
    [
        ("Rebel fighters charged a police checkpoint outside the town on Friday night.", "ASSAULT", "charged"),
        ("Prosecutors charged the two officers with murder on Monday.", "ACCUSE", "charged"),
        ("Soldiers fired mortar shells towards rebel positions near the river.", "ASSAULT", "fired"),
        ("A group of strikers gathered outside the ministry on Tuesday.", "PROTEST", "gathered"),
    ],
)
def test_vocabulary_charge_fire_strikers(parse: Parse, resources, text: str, kind: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    events = run_events(parse, resources, text)
    found = [(event.type, event.trigger.text if event.trigger else None) for event in events]
    assert (kind, trigger) in found
    assert all(event_trigger != trigger for event_kind, event_trigger in found if event_kind != kind)


def test_events_vocabulary_a_slain_person_named_in_passing_is_no_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    """ "slain" as a modifier ("the family of a slain soldier") tells no occurrence of this story (eventness rule 1)."""
    text = "The family of a slain soldier spoke to reporters in Ohio."
    assert [event.type for event in run_events(parse, resources, text)] == []


@pytest.mark.parametrize(
    ("text", "kind", "acled"),
    [
        ("Police raided three homes in Leeds on Tuesday and arrested two men.", "COERCE", "Arrests"),
        ("Detectives carried out raids on two flats in Bradford overnight.", "COERCE", "Arrests"),
        ("American troops raided a compound near the village on Saturday night.", "ASSAULT", "Attack"),
        ("Police raided a hideout in Karachi, killing four militants in a gunfight.", "ASSAULT", "Armed clash"),
    ],
)
def test_events_vocabulary_a_police_raid_is_a_search_and_arrest(  # type: ignore[no-untyped-def]
    parse: Parse, resources, text: str, kind: str, acled: str
) -> None:
    """Police raiding homes search and arrest (ACLED "Arrests"); troops' raids, and raids told with deadly force,
    are attacks."""
    found = [event for event in run_events(parse, resources, text) if event.trigger and "raid" in event.trigger.text]
    assert [(event.type, event.acled.sub_event_type if event.acled else None) for event in found] == [(kind, acled)]


@pytest.mark.parametrize(
    "text",
    [
        "Kumaria blamed Daran's forces for the strike on the power station.",
        "The militia claimed responsibility for the strike near the harbour.",
    ],
)
def test_events_vocabulary_a_strike_a_party_is_blamed_for_is_an_attack(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    found = [event for event in run_events(parse, resources, text) if event.type == "ASSAULT"]
    assert [event.trigger.text if event.trigger else None for event in found] == ["strike"]


@pytest.mark.parametrize(
    "text",
    [
        "The company blamed the union for the strike at the plant.",  # a labour strike
        "Kumaria blamed Daran for the strike.",  # no armed party in the sentence
        "Soldiers watched the strike on television.",  # not blamed on anyone
    ],
)
def test_events_vocabulary_a_strike_outside_a_violent_blame_frame_is_no_attack(  # type: ignore[no-untyped-def]
    parse: Parse, resources, text: str
) -> None:
    assert [event.type for event in run_events(parse, resources, text) if event.type == "ASSAULT"] == []


@pytest.mark.parametrize(
    "text",
    [
        "Dock workers began a strike over rocket export contracts at the port on Tuesday.",
        "The cabin crew strike grounded thirty aircraft at the airport on Monday.",
        "The union said the pilots would stay on strike until the planes were sold.",
    ],
)
def test_events_vocabulary_a_work_stoppage_beside_aircraft_or_missiles_is_no_attack(  # type: ignore[no-untyped-def]
    parse: Parse, resources, text: str
) -> None:
    assert [event.type for event in run_events(parse, resources, text) if event.type == "ASSAULT"] == []


def test_events_vocabulary_an_air_strike_that_kills_workers_stays_an_attack(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "A strike by warplanes killed four aid workers near the border on Friday."
    found = [event for event in run_events(parse, resources, text) if event.type == "ASSAULT"]
    assert [event.trigger.text if event.trigger else None for event in found] == ["strike"]
