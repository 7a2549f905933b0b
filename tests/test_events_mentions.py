"""One record per occurrence (dateline/events/mentions.py, issue 18 item 2): mentions of one occurrence become one
event listing every mention; distinct occurrences stay apart."""

from __future__ import annotations

from dataclasses import replace

from events_helpers import Parse, run_events

from dateline.events.mentions import Telling, merge_mentions
from dateline.records import AcledType, ActorRef, Event, EventDate, EventMention, Evidence, Location, Mention

RANK = {"Attack": 17, "Remote explosive/landmine/IED": 8}


def _triggers(event: Event) -> list[str]:
    return [mention.trigger.text for mention in event.mentions]


def test_mentions_the_fall_of_a_town_told_four_ways_is_one_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Rebels seized the town of Kuma on Saturday. The fall of the town of Kuma was a blow to the army. "
        "After the loss of the town, the army retreated south. Residents said the town's fall came after a week of "
        "shelling."
    )
    found = run_events(parse, resources, text)
    [fall] = [event for event in found if event.trigger is not None and event.trigger.text == "seized"]
    assert _triggers(fall) == ["seized", "fall", "loss", "fall"]
    assert [ref.text for ref in fall.source] == ["Rebels"]
    assert fall.evidence.text == "Rebels seized the town of Kuma on Saturday."
    assert sorted(event.type for event in found) == ["ASSAULT", "ASSAULT", "RETREAT"]


def test_mentions_one_meeting_told_as_met_conference_and_meeting(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Foreign ministers met in Geneva on Tuesday to discuss the war. At the Geneva conference, the envoy pressed "
        "for a truce. Before the meeting, protesters gathered outside."
    )
    [meeting] = [event for event in run_events(parse, resources, text) if event.type == "CONSULT"]
    assert _triggers(meeting) == ["met", "conference", "meeting"]


def test_mentions_one_statement_in_two_sentences_is_one_accusation(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The opposition leader blasted the government for the delays. He also ridiculed the interior minister for "
        "his remarks."
    )
    [event] = run_events(parse, resources, text)
    assert event.type == "ACCUSE" and _triggers(event) == ["blasted", "ridiculed"]


def test_mentions_a_speaker_introduced_then_named_makes_one_statement(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A rebel commander lashed out at the army in a video on Monday. Omar Dalu blasted the generals for the "
        "siege. He also ridiculed the defence minister."
    )
    # "the siege" (a trigger since phase 6) is the occurrence the accusation is about, an event of its own
    [statement] = [event for event in run_events(parse, resources, text) if event.type == "ACCUSE"]
    assert _triggers(statement) == ["lashed out", "blasted", "ridiculed"]
    assert [ref.text for ref in statement.source] == ["Omar Dalu"]


def test_mentions_two_described_speakers_stay_two_statements(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "A militia commander accused the army of lying. A rebel spokesman accused the army of shelling Kuma."
    accusations = [event for event in run_events(parse, resources, text) if event.type == "ACCUSE"]
    assert len(accusations) == 2


def test_mentions_a_second_blast_in_another_district_is_a_second_event(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "A car bomb exploded in the Karrada district on Sunday, killing 12 people. An hour later, a second blast hit "
        "a market in another district, wounding nine."
    )
    found = run_events(parse, resources, text)
    assert [_triggers(event) for event in found] == [["exploded"], ["hit"]]
    assert [event.id for event in found] == ["test-e1", "test-e2"]


def test_mentions_each_mention_points_into_the_text(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Rebels seized the town of Kuma on Saturday. The fall of the town of Kuma was a blow to the army."
    [event] = [event for event in run_events(parse, resources, text) if event.type == "ASSAULT"]
    for mention in event.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert text[mention.trigger.start : mention.trigger.end] == mention.trigger.text
        assert mention.start <= mention.trigger.start < mention.trigger.end <= mention.end
    assert event.mentions[0].trigger == event.trigger


def _telling(  # a hand-made telling: the merge rules read records, not the parse
    start: int,
    trigger: str,
    *,
    reference: str = "new",
    day: str | None = None,
    town: str | None = None,
    source: str | None = None,
    sub_type: str = "Attack",
    sentence: int = 0,
) -> Telling:
    evidence = Evidence(text=f"sentence {start}", start=start, end=start + 10)
    mention = Mention(trigger, start, start + len(trigger))
    return Telling(
        event=Event(
            id=f"x-e{start}",
            article_id="x",
            type="ASSAULT",
            evidence=evidence,
            acled=AcledType("Violence against civilians", sub_type),
            source=(ActorRef(source, id=source),) if source else (),
            date=EventDate(day, "day", day) if day else None,
            location=Location(town, town, 0.0, 0.0, "IQ", precision="place") if town else None,
            trigger=mention,
            mentions=(EventMention(evidence.text, evidence.start, evidence.end, mention),),
        ),
        sentence=sentence,
        reference=reference,  # type: ignore[arg-type]
    )


def test_mentions_a_back_reference_joins_the_occurrence_told_most() -> None:
    tellings = [_telling(0, "attacked", town="Hit"), _telling(50, "raided", day="2021-03-01", sentence=1)]
    tellings.append(_telling(100, "raid", day="2021-03-01", sentence=5))  # the same written day
    tellings.append(_telling(150, "attack", reference="anaphoric", sentence=6))
    first, second = merge_mentions(tellings, "x", RANK)
    assert (_triggers(first), _triggers(second)) == (["attacked"], ["raided", "raid", "attack"])


def test_mentions_a_back_reference_joins_the_first_of_equals() -> None:
    tellings = [_telling(0, "attacked", town="Hit"), _telling(50, "raided", town="Baiji", sentence=1)]
    tellings.append(_telling(100, "attack", reference="anaphoric", sentence=2))
    first, second = merge_mentions(tellings, "x", RANK)
    assert (_triggers(first), _triggers(second)) == (["attacked", "attack"], ["raided"])


def test_mentions_a_back_reference_never_crosses_a_named_party() -> None:
    tellings = [_telling(0, "attacked", source="isis"), _telling(100, "attack", reference="anaphoric", source="army")]
    assert len(merge_mentions(tellings, "x", RANK)) == 2


def _from(telling: Telling, *refs: ActorRef) -> Telling:
    return replace(telling, event=replace(telling.event, source=refs))


def test_mentions_a_country_stands_for_its_own_state_not_its_rebels() -> None:
    army = ActorRef("the Kumarian army", id="kmr-mil", country="KMR", sector="MIL")
    rebels = ActorRef("Kumarian rebels", id="kmr-reb", country="KMR", sector="REB")
    country = ActorRef("Kumarian", id="kmr", country="KMR")
    told = _from(_telling(0, "attacked"), army)
    retold = _from(_telling(100, "attack", reference="anaphoric", sentence=1), country)
    assert [_triggers(event) for event in merge_mentions([told, retold], "x", RANK)] == [["attacked", "attack"]]
    told = _from(_telling(0, "attacked"), rebels)
    assert len(merge_mentions([told, retold], "x", RANK)) == 2


def test_mentions_the_same_written_day_links_two_descriptions() -> None:
    tellings = [_telling(0, "exploded", day="2021-03-07"), _telling(300, "bombing", day="2021-03-07", sentence=9)]
    [event] = merge_mentions(tellings, "x", RANK)
    assert _triggers(event) == ["exploded", "bombing"]


def test_mentions_two_days_are_two_occurrences() -> None:
    tellings = [_telling(0, "attacked", day="2021-03-07"), _telling(50, "attacked", day="2021-03-01", sentence=1)]
    assert len(merge_mentions(tellings, "x", RANK)) == 2


def test_mentions_another_is_never_the_one_told_before() -> None:
    tellings = [_telling(0, "blast", day="2021-03-07"), _telling(50, "blast", reference="another", day="2021-03-07")]
    assert len(merge_mentions(tellings, "x", RANK)) == 2


def test_mentions_the_merged_event_takes_the_most_specific_arguments() -> None:
    later = _telling(50, "bombing", reference="anaphoric", day="2021-03-07", town="Hilla", sentence=1)
    refined = replace(later.event, acled=AcledType("Explosions/Remote violence", "Remote explosive/landmine/IED"))
    [event] = merge_mentions([_telling(0, "attack"), replace(later, event=refined)], "x", RANK)
    assert event.evidence.start == 0 and event.trigger is not None and event.trigger.text == "attack"
    assert event.date is not None and event.date.value == "2021-03-07"
    assert event.location is not None and event.location.name == "Hilla"
    assert event.acled is not None and event.acled.sub_event_type == "Remote explosive/landmine/IED"
    assert event.id == "x-e1" and _triggers(event) == ["attack", "bombing"]


def _negated(telling: Telling) -> Telling:
    facts = replace(telling.event.factuality, negated=True)
    return replace(telling, event=replace(telling.event, factuality=facts))


def test_mentions_a_denial_of_an_occurrence_told_as_fact_is_a_mention_of_it() -> None:
    fired = _telling(0, "fired", source="kmr-mil")
    denied = _negated(_telling(80, "targeted", source="kmr-mil", sentence=2))
    [event] = merge_mentions([fired, denied], "x", RANK)
    assert _triggers(event) == ["fired", "targeted"] and not event.factuality.negated
    # told the other way round, the occurrence denied first is not made a fact by a later telling
    asserted_later = _telling(80, "targeted", source="kmr-mil", sentence=2)
    assert len(merge_mentions([_negated(fired), asserted_later], "x", RANK)) == 2


def test_mentions_one_sentence_telling_an_occurrence_twice_is_one_event() -> None:
    shown = _telling(0, "execution", town="Hit")  # no party of its own
    claimed = _telling(40, "killed", town="Hit", source="isis")
    [event] = merge_mentions([shown, claimed], "x", RANK)
    assert _triggers(event) == ["execution", "killed"] and [ref.id for ref in event.source] == ["isis"]
    # each with a party of its own, or in another sentence: nothing links them
    assert len(merge_mentions([_from(shown, ActorRef("army", id="army")), claimed], "x", RANK)) == 2
    assert len(merge_mentions([shown, replace(claimed, sentence=1)], "x", RANK)) == 2


def test_mentions_a_siege_and_the_taking_that_ends_it_stay_two(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kurdish fighters have driven the militants out of the town of Manbij, ending a siege that had lasted "
        "months, officials said on Monday. The Kurdish fighters had taken full control of the town, the group said. "
        "More than 300 people were killed in and around Manbij since the offensive began, a monitor said."
    )
    found = run_events(parse, resources, text)
    [taking] = [event for event in found if event.trigger is not None and event.trigger.text.startswith("driven")]
    [siege] = [event for event in found if event.trigger is not None and event.trigger.text == "siege"]
    assert _triggers(taking) == ["driven the militants out", "taken full control"]
    assert _triggers(siege) == ["siege", "offensive"]


def test_mentions_a_back_reference_to_fighting_skips_the_taking_of_a_town() -> None:
    taking = _telling(0, "overran", town="Hit", sub_type="Non-state actor overtakes territory")
    tellings = [taking, _telling(20, "battle", sub_type="Armed clash", sentence=1)]
    tellings.append(_telling(50, "seized", town="Hit", sub_type="Non-state actor overtakes territory", sentence=2))
    tellings.append(_telling(100, "assault", reference="anaphoric", sentence=3))
    first, second = merge_mentions(tellings, "x", RANK)
    assert (_triggers(first), _triggers(second)) == (["overran", "seized"], ["battle", "assault"])


def test_mentions_a_back_reference_joins_the_taking_when_no_fighting_is_told() -> None:
    tellings = [_telling(0, "overran", town="Hit", sub_type="Non-state actor overtakes territory")]
    tellings.append(_telling(100, "assault", reference="anaphoric", sentence=2))
    [taking] = merge_mentions(tellings, "x", RANK)
    assert _triggers(taking) == ["overran", "assault"]


def test_mentions_the_assault_on_a_taken_town_is_its_fall_at_any_distance() -> None:
    tellings = [_telling(0, "overran", town="Hit", sub_type="Non-state actor overtakes territory")]
    tellings += [_telling(50 + 10 * n, f"said{n}", town=f"Town{n}", sentence=n) for n in range(1, 6)]
    assault = _telling(200, "assault", town="Hit", sentence=8)
    tellings.append(replace(assault, definite=True))
    merged = merge_mentions(tellings, "x", RANK)
    assert _triggers(merged[0]) == ["overran", "assault"]
    assert len(merged) == 6


def test_clauses_joined_by_and_with_their_own_subjects_are_two_occurrences(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    """Goal 2 of issue 18: two attacks in one sentence, each clause with its own doer and target, stay apart."""
    text = "Insurgents shelled a market in Daraa on Sunday, and army helicopters bombed a rebel depot near Hama."
    events = [event for event in run_events(parse, resources, text) if event.type == "ASSAULT"]
    assert len(events) == 2
    parties = [([ref.text for ref in event.source], [ref.text for ref in event.recipient]) for event in events]
    assert (["Insurgents"], ["market"]) in parties
    assert (["army helicopters"], ["rebel depot"]) in parties


def test_clauses_joined_by_and_sharing_their_doer_are_one_occurrence(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    """No subject of its own (or only a pronoun) in the second clause: one occurrence told by two verbs."""
    for text in (
        "Gunmen attacked a police post in Kirkuk and killed three officers.",
        "Gunmen attacked a police post in Kirkuk and they killed three officers.",
    ):
        events = [event for event in run_events(parse, resources, text) if event.type == "ASSAULT"]
        assert len(events) == 1, text


def test_a_back_reference_coordinated_with_another_phrase_still_refers_back(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    """ "the attack and the fact that two of the gunmen were known": the number belongs to the coordinated phrase,
    not to the attack, which is the one told before (one occurrence, two mentions)."""
    text = (
        "Three gunmen attacked a concert hall in Lyon, killing nine people, police said.\n\n"
        "The interior minister visited the hall on Monday.\n\nSchools in the city were closed.\n\n"
        "The mayor cancelled a festival.\n\nTrains ran as usual.\n\n"
        "Officials voiced anger about the attack and the fact that two of the gunmen were known to the police."
    )
    [attack] = [event for event in run_events(parse, resources, text) if event.type == "ASSAULT"]
    assert _triggers(attack) == ["attacked", "attack"]


def test_an_aggregate_restated_in_its_sentence_is_one_record(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    """Issue 18 goal 3: "dozens of airstrikes ... its strikes" in one sentence is one aggregate record, not two."""
    text = (
        "The coalition carried out dozens of airstrikes around the dam, the heaviest concentration of its strikes in "
        "Iraq."
    )
    events = [event for event in run_events(parse, resources, text) if event.type == "ASSAULT"]
    assert len(events) == 1
    assert "aggregate" in events[0].flags
    assert _triggers(events[0]) == ["airstrikes", "strikes"]


def _hitting(telling: Telling, *refs: ActorRef) -> Telling:
    return replace(telling, event=replace(telling.event, recipient=refs))


def test_mentions_a_bare_retelling_by_an_unknown_doer_joins_the_strike_nearby() -> None:
    # "A Kumarian drone strike on Sunday killed the commander ... Missiles hit two trucks carrying the men."
    chief = ActorRef("the commander", id="omar-dalu")
    strike = _hitting(_telling(0, "strike", day="2021-03-07", source="kmr", sub_type="Air/drone strike"), chief)
    missiles = ActorRef("Missiles", id="x-missiles")
    retold = _from(_telling(120, "hit", sentence=2), missiles)
    [event] = merge_mentions([strike, retold], "x", RANK)
    assert _triggers(event) == ["strike", "hit"]
    assert [ref.id for ref in event.source] == ["kmr"]
    # far away, or with a day written of its own, or hitting another target, it is another occurrence
    assert len(merge_mentions([strike, replace(retold, sentence=6)], "x", RANK)) == 2
    dated = _from(_telling(120, "hit", day="2021-03-09", sentence=2), missiles)
    assert len(merge_mentions([strike, dated], "x", RANK)) == 2
    other = _hitting(retold, ActorRef("a checkpoint guard", id="ali-omar"))
    assert len(merge_mentions([strike, other], "x", RANK)) == 2


def test_mentions_a_retelling_with_its_own_known_party_stays_apart() -> None:
    strike = _telling(0, "strike", day="2021-03-07", source="kmr", sub_type="Air/drone strike")
    rebels = ActorRef("Rebel fighters", id="kmr-reb", country="KMR", sector="REB")
    retold = _from(_telling(120, "hit", sentence=2), rebels)
    assert len(merge_mentions([strike, retold], "x", RANK)) == 2
