"""Event-ness (dateline/events/eventness.py): which candidate triggers are specific occurrences (issue 18 item 1)."""

from __future__ import annotations

import pytest
from events_helpers import Parse, run_events

from dateline.records import Event


def _kinds(events: list[Event]) -> list[str]:
    return [event.type for event in events]


def _triggers(events: list[Event]) -> list[str]:
    return [mention.trigger.text for event in events for mention in event.mentions]


@pytest.mark.parametrize(
    "text",
    [
        "Iranian-backed militias patrolled the town on Friday.",  # a participle modifying a noun
        "The army unveiled a stock of anti-tank rockets and sanctions-hit trucks.",  # hyphenated modifiers
        "The minister said any attack on civilians would be a crime.",  # a generic determiner
        "The coalition is doubling down on its strategy to fight the extremists.",  # an infinitive under a noun
        "Fighting is very hard this way, the commander said.",  # a bare noun said to be something
        "The new unit will play a key role in the fight against the rebels.",  # a campaign against a party
        "Hundreds of protestors held banners and placards.",  # a role noun names a party, not an event
        "Norway is set to take the lead of the UN training mission in the country.",  # no territory is taken
    ],
)
def test_eventness_no_event_is_found_where_none_happened(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _kinds(run_events(parse, resources, text)) == []


def test_eventness_weapons_seized_are_no_bombing(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, "Police seized bomb-making material in a car-bomb workshop in Kano.")
    assert [(event.type, event.mode) for event in found] == [("COERCE", "disarm")]


def test_eventness_weapons_carried_are_no_attack(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, "The two men carried the bombs in backpacks to the square.")
    assert _kinds(found) == []


def test_eventness_a_bomb_at_a_campaign_rally_is_an_attack(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    [event] = run_events(parse, resources, "A bomb at a campaign rally in Quetta killed nine people on Sunday.")
    assert event.type == "ASSAULT"
    assert event.acled is not None and event.acled.event_type == "Explosions/Remote violence"


def test_eventness_attacking_a_budget_is_criticism(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    [event] = run_events(parse, resources, "The senator attacked the budget in a speech on Tuesday.")
    assert (event.type, event.mode) == ("ACCUSE", "disapprove")


def test_eventness_a_requested_arrest_is_a_request_not_an_arrest(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, "Opposition lawmakers called for the arrest of the two commanders on Monday.")
    assert [(event.type, event.trigger.text if event.trigger else None) for event in found] == [
        ("REQUEST", "called for")
    ]


def test_eventness_a_threatened_attack_is_a_threat(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, "The rebel commander threatened to attack the airport.")
    assert _kinds(found) == ["THREATEN"]


@pytest.mark.parametrize(
    "text",
    [
        "Militants carry out five to six attacks every week in the province, an officer said.",
        "More than 3,000 airstrikes by the alliance have failed to stem the advance of the rebels.",
        "A series of bombings shook the capital last month.",
        # An activity said to go on or grow: a habit, not one occurrence.
        "The rebels continue to carry out attacks on army posts in the north.",
        "Armed factions have stepped up attacks on foreign convoys.",
    ],
)
def test_eventness_aggregates_are_one_flagged_record(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    [event] = run_events(parse, resources, text)
    assert event.type == "ASSAULT" and "aggregate" in event.flags


def test_eventness_counted_attacks_that_continue_are_not_a_habit(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    [event] = run_events(parse, resources, "Gunmen continued their attacks on the village on Monday.")
    assert "aggregate" not in event.flags


def test_eventness_habitual_attacks_and_their_mention_stay_one_record(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Militants carry out five to six attacks every week. These attacks mostly target police posts."
    [event] = run_events(parse, resources, text)
    assert "aggregate" in event.flags and _triggers([event]) == ["attacks", "attacks"]


@pytest.mark.parametrize(
    "text",
    [
        "That criticism was also evident in the report.",  # a verbal act nobody performs: commentary
        "The strike sparked outrage across the country.",
    ],
)
def test_eventness_verbal_nouns_without_a_performer_are_commentary(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [event.type for event in run_events(parse, resources, text) if event.type == "ACCUSE"] == []


def test_eventness_a_named_partys_verbal_act_is_an_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, "The army expressed frustration over the slow delivery of weapons.")
    [event] = [event for event in found if event.type == "ACCUSE"]
    assert [ref.text for ref in event.source] == ["army"]


def test_eventness_a_verbal_act_told_again_by_a_bare_definite_noun_starts_no_statement(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kurdish officials accused Ankara on Monday of arming the militants. "
        "Turkey rejected any role and called the accusation absurd."
    )
    accusations = [event for event in run_events(parse, resources, text) if event.type == "ACCUSE"]
    assert [event.trigger.text for event in accusations if event.trigger] == ["accused"]


def test_eventness_an_event_told_in_a_noun_phrase_of_its_own_is_kept(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    [event] = run_events(parse, resources, "The killing of 12 villagers in Kuma on Sunday shocked the region.")
    assert event.type == "ASSAULT" and event.flags == ("no_source",)


def test_eventness_fled_without_fighting_is_a_retreat_and_no_fight(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, "The garrison fled the town of Kuma without fighting on Monday.")
    assert _kinds(found) == ["RETREAT"] and _triggers(found) == ["fled"]


def test_eventness_a_purpose_said_of_raids_is_no_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "These raids have not been to seize and hold land, but to attack and go back into hiding."
    assert _triggers(run_events(parse, resources, text)) == ["raids"]


def test_eventness_what_a_thing_is_for_is_no_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Special forces have been pinpointing targets for airstrikes in preparation for battle."
    assert [event.type for event in run_events(parse, resources, text) if event.type == "ASSAULT"] == []


def test_eventness_the_loser_of_territory_is_the_recipient(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    [event] = run_events(parse, resources, "The militants lost control of the town of Kuma on Sunday.")
    assert [ref.text for ref in event.recipient] == ["militants"]
    assert event.acled is not None and event.acled.sub_event_type == "Government regains territory"


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("A Kumarian trader pleaded not guilty on Monday to charges of smuggling arms.", []),  # an answer in court
        ("The mayor pleaded for food and medicine for the besieged town.", ["REQUEST"]),
        ("The mayor pleaded with the governor to send the army.", ["REQUEST"]),
    ],
)
def test_eventness_a_plea_in_court_is_no_appeal(parse: Parse, resources, text: str, kinds: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [event.type for event in run_events(parse, resources, text) if event.type == "REQUEST"] == kinds


@pytest.mark.parametrize(
    "text",
    [
        "Crowds gathered in the main square on Monday evening to celebrate.",  # a gathering for no protest
        "Experts warned that the rebels would turn to more ambushes of convoys.",  # more of a kind, none in particular
        "Thousands of people, many of them wives of fighters, have left the village since March.",  # civilians leave
        "The attackers broke open the prison and freed dozens of inmates.",  # a release forced, not conceded
        "His lawyer said he entered the United States in 2010 on a student visa.",  # travel, not a taking
    ],
)
def test_eventness_gatherings_amounts_and_civilians_leaving_are_no_events(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _kinds(run_events(parse, resources, text)) == []


def test_eventness_a_gathering_to_protest_stays_a_protest(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, "Hundreds of protesters gathered outside the ministry to protest the ban.")
    assert "PROTEST" in _kinds(found)


def test_eventness_an_act_done_in_protest_is_that_protest(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Several militia groups pulled back from the front in protest at the government's decision."
    assert _kinds(run_events(parse, resources, text)) == ["PROTEST"]


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters left the town of Hamra on Sunday.",
        "Rebel fighters and their families began leaving their last bastion in the town of Hamra on Tuesday.",
    ],
)
def test_eventness_fighters_leaving_a_town_withdraw(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _kinds(run_events(parse, resources, text)) == ["RETREAT"]


def test_eventness_a_release_by_the_holder_is_a_concession(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, "The rebels freed 20 prisoners on Sunday as part of an exchange.")
    assert "CONCEDE" in _kinds(found)


@pytest.mark.parametrize(
    "text",
    [
        "Officials credited the militia for its hard work in regaining lost territory.",  # a gerund under "work"
        "The general praised the rebels for their prudence in attacking military targets.",  # "in" hung on the verb
        "The coalition relies on a mix of airstrikes, intelligence sharing and training.",  # a list of means
        "The cleric said the book calls for or justifies violence against unbelievers.",  # alternatives, in general
    ],
)
def test_eventness_qualities_means_and_alternatives_are_no_events(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    found = run_events(parse, resources, text)
    assert [event.type for event in found if event.type not in ("SUPPORT", "PRAISE")] == []


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The army succeeded in retaking Mosul on Tuesday.", "retaking"),  # a verb before "in": the act itself
        ("Their success in retaking Tikrit surprised analysts.", "retaking"),  # a place of its own
        ("A mix of airstrikes and shelling hit the city on Monday.", "airstrikes"),  # every item an event word
    ],
)
def test_eventness_an_act_completing_a_noun_with_a_place_of_its_own_is_kept(  # type: ignore[no-untyped-def]
    parse: Parse, resources, text: str, trigger: str
) -> None:
    assert trigger in _triggers(run_events(parse, resources, text))


def test_eventness_an_indirect_question_as_subject_starts_no_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "How the governor deals with the protests will determine his future."
    assert run_events(parse, resources, text) == []


def test_eventness_an_act_a_party_is_accused_of_is_kept_with_the_accused_as_alleged_source(  # type: ignore[no-untyped-def]
    parse: Parse, resources
) -> None:
    text = "The militiamen were accused of killing four herders near Lake Kumo on Sunday."
    [killing] = [event for event in run_events(parse, resources, text) if event.type == "ASSAULT"]
    assert [(ref.text, ref.attribution) for ref in killing.source] == [("militiamen", "alleged")]
    assert not killing.factuality.negated
