"""The story stage: the article's main event, chosen by what a reader sees (headline, lead, toll, place, day)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest
from spacy.tokens import Doc

from dateline import pipeline, story
from dateline.records import (
    Article,
    Casualties,
    Count,
    Event,
    EventDate,
    Evidence,
    Extraction,
    Factuality,
    Location,
    Mention,
    Place,
    to_json,
)

TEXT = (
    "Officials met in the capital on Monday to discuss the budget. "
    "Gunmen killed three guards at a checkpoint in Kassala on Monday. "
    "The governor called the attack cowardly."
)
KASSALA = Location(text="Kassala", name="Kassala", lat=15.45, lon=36.4, country="SD")


def _event(text: str, number: int, kind: str, trigger: str, **fields: Any) -> Event:
    start = text.index(trigger)
    sentence_start = text.rfind(". ", 0, start) + 2 if ". " in text[:start] else 0
    sentence_end = text.find(". ", start) + 1 or len(text)
    return Event(
        id=f"a-e{number}",
        article_id="a",
        type=kind,
        evidence=Evidence(text[sentence_start:sentence_end], sentence_start, sentence_end),
        trigger=Mention(trigger, start, start + len(trigger)),
        **fields,
    )


@pytest.fixture
def parsed(parse: Callable[..., tuple[Article, Doc]]) -> tuple[Article, Doc]:
    article, doc = parse(TEXT, "2021-03-09")
    return replace(article, id="a", title="Gunmen kill three guards in Kassala"), doc


def _main(article: Article, doc: Doc, events: list[Event], places: list[Place], resources: Any) -> str | None:
    found = story.find_main_event(
        article, doc, events=events, places=places, lexicon=resources.events, place_knowledge=resources.places
    )
    return found.id if found else None


def test_story_headline_lead_and_toll_choose_the_main_event(parsed: tuple[Article, Doc], resources: Any) -> None:
    article, doc = parsed
    monday = EventDate("2021-03-08", "day", "on Monday")
    talks = _event(TEXT, 1, "CONSULT", "met", date=monday, confidence=0.9)
    killing = _event(
        TEXT,
        2,
        "ASSAULT",
        "killed",
        date=monday,
        location=KASSALA,
        confidence=0.6,
        casualties=Casualties(killed=Count(3, 3, 3)),
    )
    assert _main(article, doc, [talks, killing], [], resources) == "a-e2"
    assert story.signs(article, doc, [talks, killing], [], place_knowledge=resources.places)["a-e2"] == dict.fromkeys(
        ("headline", "lead", "toll", "place", "day"), True
    )


def test_story_the_occurrence_before_its_arrest(parse: Callable[..., tuple[Article, Doc]], resources: Any) -> None:
    text = "Police arrested a man in Kassala on Monday. He shot a neighbour outside a shop in Kassala on February 20."
    article, doc = parse(text, "2021-03-09")
    article = replace(article, id="a", title="Man arrested in Kassala shooting")
    arrest = _event(
        text,
        1,
        "COERCE",
        "arrested",
        date=EventDate("2021-03-08", "day", "on Monday"),
        location=KASSALA,
        confidence=0.9,
    )
    shooting = _event(
        text,
        2,
        "ASSAULT",
        "shot",
        date=EventDate("2021-02-20", "day", "on February 20"),
        location=KASSALA,
        confidence=0.5,
        casualties=Casualties(injured=Count(1, 1, 1)),
    )
    shown = story.signs(article, doc, [arrest, shooting], [], place_knowledge=resources.places)
    assert sum(shown["a-e1"].values()) == sum(shown["a-e2"].values()) == 4
    assert _main(article, doc, [arrest, shooting], [], resources) == "a-e2"
    # an arrest the text tells more of than any violent occurrence stays the story
    later = replace(shooting, date=None, location=None)
    assert _main(article, doc, [arrest, later], [], resources) == "a-e1"


@pytest.mark.parametrize(
    ("link", "main"),
    [
        ("in connection with the shooting", "a-e1"),
        ("and charged him with murder", "a-e1"),  # the phrase of a verb conjoined with the arrest
        ("at his home", "a-e2"),  # no phrase names an occurrence: the arrest stays the story
    ],
)
def test_story_the_occurrence_an_arrest_is_told_because_of(
    parse: Callable[..., tuple[Article, Doc]], resources: Any, link: str, main: str
) -> None:
    text = (
        "The family said little about the night a man was shot outside a shop last month. "
        "Witnesses described a loud argument before the gunfire. "
        "The victim's brother asked for calm. "
        f"Police arrested a teenager in Kassala on Monday {link}."
    )
    article, doc = parse(text, "2021-03-09")
    article = replace(article, id="a", title="Teenager arrested in Kassala")
    shooting = _event(text, 1, "ASSAULT", "shot", casualties=Casualties(injured=Count(1, 1, 1)))
    arrest = _event(text, 2, "COERCE", "arrested", date=EventDate("2021-03-08", "day", "on Monday"), location=KASSALA)
    shown = story.signs(article, doc, [shooting, arrest], [], place_knowledge=resources.places)
    assert sum(shown["a-e2"].values()) > sum(shown["a-e1"].values())
    assert _main(article, doc, [shooting, arrest], [], resources) == main


def test_story_no_asserted_event_means_no_main_event(parsed: tuple[Article, Doc], resources: Any) -> None:
    article, doc = parsed
    denied = _event(TEXT, 1, "ASSAULT", "killed", factuality=Factuality(negated=True))
    planned = _event(TEXT, 2, "CONSULT", "met", factuality=Factuality(future=True))
    assert _main(article, doc, [denied, planned], [], resources) is None
    assert _main(article, doc, [], [], resources) is None


def test_story_an_event_with_no_sign_is_not_the_story(
    parse: Callable[..., tuple[Article, Doc]], resources: Any
) -> None:
    text = "Prices rose. Markets fell. Traders worried. Analysts wrote that a strike could follow in the region."
    article, doc = parse(text)
    strike = _event(text, 1, "PROTEST", "strike")
    assert _main(replace(article, id="a"), doc, [strike], [], resources) is None


def test_story_the_police_town_is_the_story_place(parse: Callable[..., tuple[Article, Doc]], resources: Any) -> None:
    text = "A man was shot late Friday. Salina police are investigating."
    article, doc = parse(text)
    salina = Place(
        "Salina",
        text.index("Salina"),
        text.index("Salina") + 6,
        name="Salina",
        lat=38.84,
        lon=-97.61,
        country="US",
        feature="city",
        geonameid=4278890,
    )
    implied = Location(text=None, name="Salina", lat=38.84, lon=-97.61, country="US", geonameid=4278890)
    shooting = _event(text, 1, "ASSAULT", "shot", location=implied)
    assert story.signs(article, doc, [shooting], [salina], place_knowledge=resources.places)["a-e1"]["place"] is True
    assert story.signs(article, doc, [shooting], [], place_knowledge=resources.places)["a-e1"]["place"] is False


def test_story_pipeline_names_the_main_event_in_the_record(
    parse: Callable[..., tuple[Article, Doc]], resources: Any
) -> None:
    article, doc = parse("Rebels attacked an army base in Kassala on Monday, killing five soldiers.", "2021-03-09")
    extraction = pipeline.analyse(article, doc, resources)
    kinds = {event.id: event.type for event in extraction.events}
    assert kinds.get(extraction.article.main_event_id or "") == "ASSAULT"
    assert to_json(extraction)["article"]["main_event_id"] == extraction.article.main_event_id


def test_story_main_event_counts_its_occurrence_across_sentences(
    parse: Callable[..., tuple[Article, Doc]], resources: Any
) -> None:
    text = (
        "A man was shot on Elm Street in Salina on Friday night, police said. "
        "He was taken to a hospital, where he died on Saturday. "
        "Two other people were wounded in the shooting. "
        "The death toll from shootings in the city this year rose to 14."
    )
    article, doc = parse(text, "2021-03-09")
    extraction = pipeline.analyse(article, doc, resources)
    main = next(event for event in extraction.events if event.id == extraction.article.main_event_id)
    killed, injured = main.casualties.killed, main.casualties.injured
    assert (killed.best if killed else None, injured.best if injured else None) == (1, 2)
    assert all(figure.best != 14 for figure in main.casualties.figures)  # a year's toll is not this shooting's


def test_story_toll_told_as_updated_wins(parse: Callable[..., tuple[Article, Doc]], resources: Any) -> None:
    text = (
        "A car bomb exploded at a market in Kassala on Monday, killing nine people. "
        "Hospital officials said the death toll rose to 12 on Tuesday."
    )
    article, doc = parse(text, "2021-03-09")
    extraction = pipeline.analyse(article, doc, resources)
    main = next(event for event in extraction.events if event.id == extraction.article.main_event_id)
    assert main.casualties.killed is not None and main.casualties.killed.best == 12
    assert main.casualties.killed.reported_by is not None
    assert main.casualties.killed.reported_by.text == "Hospital officials"
    stated = [(figure.best, figure.update, figure.counted) for figure in main.casualties.figures]
    assert (9, False, False) in stated and (12, True, True) in stated


def _main_toll(extraction: Any) -> tuple[int | None, int | None]:
    main = next(event for event in extraction.events if event.id == extraction.article.main_event_id)
    killed, injured = main.casualties.killed, main.casualties.injured
    return (killed.best if killed else None, injured.best if injured else None)


@pytest.mark.parametrize(
    ("text", "toll"),
    [
        # counted since a month: a statistic, not this shooting's toll
        (
            "A 7-year-old boy was accidentally shot by his brother in a parked car in Oakdale on Monday afternoon. "
            "Since the deadly December 2012 rampage on a Newtown elementary school, at least 480 kids under the age "
            "of 12 have been killed from gunshots, both intentional and accidental, according to a gun-safety group.",
            (None, 1),
        ),
        # an ordinal and "of": the victim is one of a series, each an occurrence of its own
        (
            "A 15-year-old boy was shot and killed in Oakdale on Saturday night, police said. "
            "He was the second of four teenagers killed by gunfire in the county over the weekend.",
            (1, None),
        ),
        # a period the times stage cannot resolve without a publication date
        (
            'Two officers were shot in Oakdale, police said. "Nine officers have been fatally shot this year alone," '
            "the chief said.",
            (None, 2),
        ),
        # a duration that ends now: the figures add up the period's shootings, however short it is
        (
            "A girl was shot in the leg in Oakdale on Sunday, police said. Five children have been wounded by "
            "gunfire across the county in the past three days.",
            (None, 1),
        ),
        # a duration that "over" spans: likewise
        (
            "A man was shot in the arm in Oakdale on Friday night. He was one of two people killed and 14 wounded "
            "in the city over a ten-hour stretch.",
            (None, 1),
        ),
    ],
)
def test_story_statistics_are_not_the_occurrence_toll(
    parse: Callable[..., tuple[Article, Doc]], resources: Any, text: str, toll: tuple[int | None, int | None]
) -> None:
    article, doc = parse(text)
    assert _main_toll(pipeline.analyse(article, doc, resources)) == toll


def test_story_headline_glued_to_the_text_is_a_statement_of_its_own(
    parse: Callable[..., tuple[Article, Doc]], resources: Any
) -> None:
    title = "Four Dead After Apparent Triple Murder-Suicide In Oakdale - valleygazette-thenews"
    body = "OAKDALE — The man who shot three women and then killed himself in a murder-suicide was identified."
    article, doc = parse(title + body)
    extraction = pipeline.analyse(replace(article, title=title), doc, resources)
    assert _main_toll(extraction)[0] == 4  # the headline's four and the body's three and one: not eight


@pytest.mark.parametrize(
    ("title", "killed"),
    [
        # the page's name after the separator is no second victim of "murder of"
        ("Two held in murder of 7-year-old girl - KXYZ Action News 9 - Oakdale, Texas", 1),
        ("Update - Man killed in Oakdale shooting", 1),
    ],
)
def test_story_headline_parts_set_apart_by_a_separator(
    parse: Callable[..., tuple[Article, Doc]], resources: Any, title: str, killed: int
) -> None:
    body = "OAKDALE — A 7-year-old girl was shot and killed while playing outside on Friday, police said."
    article, doc = parse(body, "2021-03-09")
    extraction = pipeline.analyse(replace(article, title=title), doc, resources)
    assert _main_toll(extraction)[0] == killed


def test_story_death_sign_says_the_one_shot_died(parse: Callable[..., tuple[Article, Doc]], resources: Any) -> None:
    text = (
        "A 19-year-old man was shot on Elm Street in Oakdale on Friday night, police said. "
        "The county coroner identified him as Sam Ortiz. An autopsy is scheduled for Monday."
    )
    article, doc = parse(text, "2021-03-09")
    killed, injured = _main_toll(pipeline.analyse(article, doc, resources))
    assert (killed, injured or 0) == (1, 0)  # the one shot is the one the coroner names: not another victim


def test_story_accusation_of_a_killing_carries_its_toll(
    parse: Callable[..., tuple[Article, Doc]], resources: Any
) -> None:
    title = "Man charged in Oakdale deaths"
    text = (
        "OAKDALE — Police on Monday charged a 20-year-old man with two counts of murder. "
        "Two people were found dead in a house on Elm Street on Saturday."
    )
    article, doc = parse(text, "2021-03-09")
    extraction = pipeline.analyse(replace(article, title=title), doc, resources)
    main = next(event for event in extraction.events if event.id == extraction.article.main_event_id)
    assert main.type == "ACCUSE"  # the charge is the story; the killing it is about gives its toll
    assert _main_toll(extraction)[0] == 2


def test_story_harm_told_of_one_already_dead_is_no_injured(
    parse: Callable[..., tuple[Article, Doc]], resources: Any
) -> None:
    text = (
        "A 19-year-old man was killed in a shooting on Elm Street in Oakdale on Friday night, police said. "
        "He suffered a gunshot wound to the chest."
    )
    article, doc = parse(text, "2021-03-09")
    killed, injured = _main_toll(pipeline.analyse(article, doc, resources))
    assert (killed, injured or 0) == (1, 0)  # the wound is the dead man's: hit, dead or alive


def _main_location(extraction: Extraction) -> Location | None:
    main = next(event for event in extraction.events if event.id == extraction.article.main_event_id)
    return main.location


def test_story_headline_town_places_a_main_event_the_body_does_not(
    parse: Callable[..., tuple[Article, Doc]], resources: Any
) -> None:
    body = "A 15-year-old boy was shot and wounded late Saturday, police said. He is expected to survive."
    article, doc = parse(body, "2021-03-09")
    extraction = pipeline.analyse(replace(article, title="Teen wounded in shooting in Bakersfield"), doc, resources)
    location = _main_location(extraction)
    assert location is not None
    assert (location.name, location.country, location.reason, location.geo_precision) == (
        "Bakersfield",
        "US",
        "headline",
        1,
    )


def test_story_headline_town_does_not_override_the_body_place(
    parse: Callable[..., tuple[Article, Doc]], resources: Any
) -> None:
    body = "Gunmen shot and wounded two men in Fresno on Saturday, police said."
    article, doc = parse(body, "2021-03-09")
    extraction = pipeline.analyse(replace(article, title="Two wounded in shooting near Bakersfield"), doc, resources)
    location = _main_location(extraction)
    assert location is not None
    assert (location.name, location.reason) == ("Fresno", "own_clause")


def test_story_headline_town_replaces_a_town_of_a_neighbouring_sentence(
    parse: Callable[..., tuple[Article, Doc]], resources: Any
) -> None:
    body = (
        "Relatives gathered at a church in Fresno on Sunday. "
        "A 15-year-old boy was shot and killed late Saturday, police said."
    )
    article, doc = parse(body, "2021-03-09")
    extraction = pipeline.analyse(replace(article, title="Teen killed in shooting in Bakersfield"), doc, resources)
    location = _main_location(extraction)
    assert location is not None
    assert (location.name, location.reason) == ("Bakersfield", "headline")
