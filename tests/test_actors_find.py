"""Tests for dateline.actors.find_actors and resolve_span on short hand-written news sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dateline.actors import actor_at, entity_patterns, find_actors, is_media, resolve_span
from dateline.records import Actor, Article

Parse = Callable[..., tuple[Article, Doc]]


def _find(parse: Parse, resources, text: str, published: str | None = None) -> list[Actor]:  # type: ignore[no-untyped-def]
    article, doc = parse(text, published)
    return find_actors(article, doc, knowledge=resources.actors)


def _ids_of(actors: list[Actor], words: str) -> set[str]:
    """Ids of the actors that have a mention with exactly these words."""
    return {actor.id for actor in actors for mention in actor.mentions if mention.text == words}


def _by_id(actors: list[Actor], actor_id: str) -> Actor:
    return next(actor for actor in actors if actor.id == actor_id)


def test_actors_every_name_of_the_islamic_state_is_one_actor(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "ISIS fighters attacked the town. The Islamic State group later said Daesh would fight on, and IS claimed it."
    )
    actors = _find(parse, resources, text)
    mentions = [mention.text for mention in _by_id(actors, "islamic-state").mentions]
    assert mentions == ["ISIS fighters", "Islamic State group", "Daesh", "IS"]


def test_actors_mention_offsets_point_into_the_text(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Iraqi Prime Minister Haider al-Abadi said on Sunday that Iraqi forces, backed by U.S. jets, took Hit."
    for actor in _find(parse, resources, text):
        for mention in actor.mentions:
            assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "words", "actor_id"),
    [
        ("Iraqi forces retook the village on Monday.", "Iraqi forces", "irq-mil"),
        ("U.S. officials said the strike killed a commander.", "U.S. officials", "usa-gov"),
        ("A Pentagon spokesman declined to comment on the raid.", "Pentagon spokesman", "usa-mil"),
        ("The White House condemned the attack on the embassy.", "White House", "usa-gov"),
        ("Washington said it would send more advisers to Iraq.", "Washington", "usa-gov"),
        ("An Iraqi military unit abandoned its positions overnight.", "Iraqi military unit", "irq-mil"),
        ("Peshmerga fighters advanced on the village at dawn.", "Peshmerga fighters", "peshmerga"),
        (
            "The Counter-Terrorism Service stormed the building.",
            "Counter-Terrorism Service",
            "iraqi-counter-terrorism-service",
        ),
        (
            "Fighters from the popular mobilization units entered the town.",
            "popular mobilization units",
            "popular-mobilization-forces",
        ),
        ("Kataib Hezbollah denied firing the rockets.", "Kataib Hezbollah", "kataib-hezbollah"),
        ("Iran's Revolutionary Guards fired missiles at the base.", "Iran's Revolutionary Guards", "irgc"),
        ("Fighters from Kataib Hezbollah entered the town.", "Fighters", "kataib-hezbollah"),
        ("The Syrian army shelled the town, and Turkey warned Damascus.", "Damascus", "syr-gov"),
        ("Syrian warplanes bombed the market on Friday.", "Syrian warplanes", "syr-mil"),
    ],
)
def test_actors_roles_and_names_resolve(parse: Parse, resources, text: str, words: str, actor_id: str) -> None:  # type: ignore[no-untyped-def]
    assert _ids_of(_find(parse, resources, text), words) == {actor_id}


@pytest.mark.parametrize(
    ("text", "words", "country", "sector"),
    [
        ("Shia militias moved into the district on Friday.", "Shia militias", None, "PRM"),
        ("Hundreds of residents fled the fighting.", "residents", None, "CVL"),
        ("Iran-backed militias shelled the base.", "Iran-backed militias", None, "PRM"),
        ("Turkish troops crossed the border.", "Turkish troops", "TUR", "MIL"),
        ("Syrian government forces shelled the town.", "Syrian government forces", "SYR", "MIL"),
    ],
)
def test_actors_generic_roles_get_country_and_sector(  # type: ignore[no-untyped-def]
    parse: Parse, resources, text: str, words: str, country: str | None, sector: str
) -> None:
    found = [actor for actor in _find(parse, resources, text) if any(m.text == words for m in actor.mentions)]
    assert [(actor.country, actor.sector) for actor in found] == [(country, sector)]


@pytest.mark.parametrize(
    ("published", "holder"),
    [("2015-06-01", "haider-al-abadi"), ("2019-06-01", "adil-abdul-mahdi"), ("2020-08-01", "mustafa-al-kadhimi")],
)
def test_actors_office_holder_by_article_date(parse: Parse, resources, published: str, holder: str) -> None:  # type: ignore[no-untyped-def]
    actors = _find(parse, resources, "The Iraqi prime minister said the army would advance.", published)
    assert _ids_of(actors, "Iraqi prime minister") == {holder}


@pytest.mark.parametrize(
    ("published", "actor_id"),
    [
        ("2015-06-01", "abu-bakr-al-baghdadi"),
        ("2020-06-01", "abu-ibrahim-al-hashimi-al-qurashi"),
        (None, "islamic-state"),
    ],
)
def test_actors_group_leader_by_date(parse: Parse, resources, published: str | None, actor_id: str) -> None:  # type: ignore[no-untyped-def]
    actors = _find(parse, resources, "The IS leader appeared in a new video.", published)
    assert _ids_of(actors, "IS leader") == {actor_id}


def test_actors_coordinated_countries_are_separate_actors(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    actors = _find(parse, resources, "U.S. and Iraqi forces retook the city on Friday.")
    assert (_ids_of(actors, "U.S."), _ids_of(actors, "Iraqi forces")) == ({"usa-mil"}, {"irq-mil"})


def test_actors_a_persons_government_is_their_countrys(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    actors = _find(parse, resources, "Haider al-Abadi spoke on Monday. Critics said al-Abadi's government had failed.")
    assert _ids_of(actors, "government") == {"irq-gov"}
    assert _ids_of(actors, "al-Abadi") == {"haider-al-abadi"}


def test_actors_short_names_after_first_mention(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Iraqi Prime Minister Haider al-Abadi visited the front. Abadi told troops that al-Abadi's plan would work."
    mentions = [m.text for m in _by_id(_find(parse, resources, text, "2015-06-01"), "haider-al-abadi").mentions]
    assert mentions == ["Haider al-Abadi", "Abadi", "al-Abadi"]


def test_actors_transliterations_are_one_person(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Qassem Solaimani met militia leaders. Qassim Soleimani later flew home, and Soleimani spoke on television."
    mentions = [m.text for m in _by_id(_find(parse, resources, text), "qassem-soleimani").mentions]
    assert mentions == ["Qassem Solaimani", "Qassim Soleimani", "Soleimani"]


def test_actors_unknown_person_title_gives_sector(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Karim al-Rubaie, head of the parliamentary security committee, said the plan failed. Rubaie gave no details."
    )
    actors = [actor for actor in _find(parse, resources, text) if actor.id.startswith("x-karim")]
    assert [(actor.sector, [m.text for m in actor.mentions]) for actor in actors] == [
        ("LEG", ["Karim al-Rubaie", "Rubaie"])
    ]


def test_actors_unknown_names_merge_across_articles(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    first = _find(parse, resources, "Karim al-Rubaie criticised the plan on Sunday.")
    second = _find(parse, resources, "Kareem al-Rubaie repeated his criticism on Monday.")
    assert _ids_of(first, "Karim al-Rubaie") == _ids_of(second, "Kareem al-Rubaie") != set()


def test_actors_the_group_points_back_at_the_armed_group(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Islamic State militants seized the town on Sunday. The group then executed 20 men."
    assert _ids_of(_find(parse, resources, text), "The group") == {"islamic-state"}


def test_actors_the_group_without_antecedent_is_not_an_actor(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    assert _ids_of(_find(parse, resources, "The group met in a hotel on Tuesday."), "The group") == set()


def test_actors_media_are_actors_with_sector_med(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    actors = _find(parse, resources, "Reuters reported that the AP and AFP had seen the footage.")
    assert {actor.id for actor in actors} == {"reuters", "associated-press", "afp"}
    assert all(is_media(actor) for actor in actors)


def test_actors_is_in_a_shouting_headline_is_a_verb(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    assert _find(parse, resources, "WHAT IS NEXT FOR MOSUL\nThe city is quiet.") == []


@pytest.mark.parametrize("text", ["", "   \n\n ", "🙂🙂🙂", "Ḥaydar al-ʿAbādī said nothing. \u200b", "a" * 3000])
def test_actors_hostile_text(parse: Parse, resources, text: str) -> None:  # type: ignore[no-untyped-def]
    for actor in _find(parse, resources, text):
        assert all(text[m.start : m.end] == m.text for m in actor.mentions)


def test_actors_resolve_span_uses_the_head(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "Iraqi forces and Shia militias retook Tikrit."
    article, doc = parse(text)
    actors = find_actors(article, doc, knowledge=resources.actors)
    start = text.index("Iraqi forces")
    reference = resolve_span(article, doc, start, start + len("Iraqi forces"), actors)
    assert reference is not None
    assert (reference.id, reference.text, reference.country, reference.sector) == (
        "irq-mil",
        "Iraqi forces",
        "IRQ",
        "MIL",
    )
    assert resolve_span(article, doc, text.index("Tikrit"), len(text) - 1, actors) is None
    assert resolve_span(article, doc, 5, 2, actors) is None


def test_actors_actor_at_prefers_the_largest_overlap() -> None:
    from dateline.records import Mention

    first = Actor("a", "A", mentions=(Mention("Iraqi forces", 0, 12),))
    second = Actor("b", "B", mentions=(Mention("militias", 17, 25),))
    assert actor_at([first, second], 10, 25) is second
    assert actor_at([first, second], 30, 40) is None


def test_actors_entity_patterns_fix_model_errors(resources) -> None:  # type: ignore[no-untyped-def]
    patterns = {(pattern["label"], pattern["pattern"]) for pattern in entity_patterns(resources.actors)}
    for expected in [("ORG", "IS"), ("ORG", "Kataib Hezbollah"), ("PERSON", "al-Abadi"), ("ORG", "Peshmerga")]:
        assert expected in patterns
    for unwanted in ["Iraqi forces", "WHO", "Clinton", "Congress", "Washington"]:
        assert not any(pattern == unwanted for _, pattern in patterns)


@pytest.mark.parametrize(
    ("text", "words", "label"),
    [
        ("IS claimed the attack on Monday.", "IS", "ORG"),
        ("Kataib Hezbollah denied it.", "Kataib Hezbollah", "ORG"),
        ("Later, al-Abadi spoke to reporters.", "al-Abadi", "PERSON"),
        ("The Islamic State seized the town.", "Islamic State", "ORG"),
    ],
)
def test_actors_ruler_labels(parse: Parse, text: str, words: str, label: str) -> None:
    _article, doc = parse(text)
    assert (words, label) in {(entity.text, entity.label_) for entity in doc.ents}


def test_actors_is_place_drops_places_the_model_called_people(parse: Parse, resources) -> None:  # type: ignore[no-untyped-def]
    text = "An attack on a convoy in Hilla killed five soldiers, said Karim Hattab."
    article, doc = parse(text)
    assert ("Hilla", "PERSON") in {(entity.text, entity.label_) for entity in doc.ents}  # the model's error
    places = {"Hilla", "Karim Hattab"}
    kept = find_actors(article, doc, knowledge=resources.actors, is_place=places.__contains__)
    words = {mention.text for actor in kept for mention in actor.mentions}
    assert "Hilla" not in words
    assert "Karim Hattab" in words  # only one-word names are checked: people rarely share a two-word place name
    unchecked = find_actors(article, doc, knowledge=resources.actors)
    assert "Hilla" in {mention.text for actor in unchecked for mention in actor.mentions}


@pytest.mark.parametrize(("published", "expected"), [("2021-03-01", {"fuad-hussein"}), ("2015-03-01", set())])
def test_actors_derived_short_names_need_the_office(
    parse: Parse, resources, published: str, expected: set[str]
) -> None:  # type: ignore[no-untyped-def]
    actors = _find(parse, resources, "Hussein said the talks would resume.", published)
    assert _ids_of(actors, "Hussein") & {"fuad-hussein"} == expected
