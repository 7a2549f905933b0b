"""Generic actors composed from a country or people and a role word, named as ACLED names them; the party words of
knowledge/actors/parties.yaml (issue 19, docs/actors.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.tokens import Doc

from dateline.actors import country_actor, find_actors, generic_actor, role_sector
from dateline.actors.knowledge import PARTIES_PATH, load_party_words
from dateline.knowledge.loader import KnowledgeError
from dateline.records import Actor, Article

Parse = Callable[..., tuple[Article, Doc]]


def _actor_of(parse: Parse, resources, text: str, words: str) -> Actor:  # type: ignore[no-untyped-def]
    article, doc = parse(text)
    found = [
        a for a in find_actors(article, doc, knowledge=resources.actors) if any(m.text == words for m in a.mentions)
    ]
    assert found, [(a.id, [m.text for m in a.mentions]) for a in find_actors(article, doc, knowledge=resources.actors)]
    return found[0]


@pytest.mark.parametrize(
    ("country", "sector", "name", "actor_id"),
    [
        ("ISR", "MIL", "Military Forces of Israel", "isr-mil"),
        ("SYR", "REB", "Rebel Groups (Syria)", "syr-reb"),
        ("PSE", "CVL", "Civilians (Palestine)", "pse-cvl"),
        ("KEN", "COP", "Police Forces of Kenya", "ken-cop"),
        ("MLI", "UAF", "Unidentified Armed Group (Mali)", "mli-uaf"),
        (None, "PRO", "Protesters", "x-pro"),
    ],
)
def test_actors_generic_actor_is_named_as_acled_names_it(  # type: ignore[no-untyped-def]
    resources, country: str | None, sector: str, name: str, actor_id: str
) -> None:
    ref = generic_actor(resources.actors, "words", country=country, sector=sector)
    assert (ref.name, ref.id, ref.country, ref.sector) == (name, actor_id, country, sector)


def test_actors_a_backer_is_a_patron_not_the_country(resources) -> None:  # type: ignore[no-untyped-def]
    ref = generic_actor(resources.actors, "Iranian-backed militias", country=None, sector="PRM", patron="IRN")
    assert (ref.id, ref.name, ref.country, ref.patron) == ("x-prm-irn-backed", "Militias backed by Iran", None, "IRN")


@pytest.mark.parametrize(
    ("words", "actor_id", "sector"),
    [("Turkey", "tur", None), ("Turkish", "tur", None), ("the Iraqis", "irq", None), ("Ankara", "tur-gov", "GOV")],
)
def test_actors_country_actor_reads_names_demonyms_and_capitals(  # type: ignore[no-untyped-def]
    resources, words: str, actor_id: str, sector: str | None
) -> None:
    ref = country_actor(words, resources.actors)
    assert ref is not None and (ref.text, ref.id, ref.sector) == (words, actor_id, sector)


def test_actors_country_actor_leaves_capitals_out_when_asked(resources) -> None:  # type: ignore[no-untyped-def]
    assert country_actor("Ankara", resources.actors, capitals=False) is None
    assert country_actor("the bakery", resources.actors) is None


@pytest.mark.parametrize(
    ("word", "sector"), [("militants", "REB"), ("gunmen", "UAF"), ("police", "COP"), ("tanks", "MIL"), ("bakery", None)]
)
def test_actors_role_sector_of_role_words(resources, word: str, sector: str | None) -> None:  # type: ignore[no-untyped-def]
    assert role_sector(word, resources.actors) == sector


@pytest.mark.parametrize(
    ("text", "words", "actor_id"),
    [
        ("Turkish artillery fire hit the ridge.", "Turkish artillery", "tur-mil"),
        ("Two men died in police gunfire.", "police", "x-cop"),
        ("The rebel assault failed.", "rebel", "x-reb"),
        ("Iranian-backed militias fired rockets.", "Iranian-backed militias", "x-prm-irn-backed"),
    ],
)
def test_actors_role_words_that_qualify_another_noun_are_mentions(  # type: ignore[no-untyped-def]
    parse: Parse, resources, text: str, words: str, actor_id: str
) -> None:
    assert _actor_of(parse, resources, text, words).id == actor_id


def test_actors_party_words_load_the_shipped_file() -> None:
    words = load_party_words()
    assert "die" in words.patient_subject_verbs and "blame" in words.accusation_verbs
    assert words.means["airstrike"] == "MIL"


def test_actors_party_words_refuse_a_bad_means_section(tmp_path: Path) -> None:
    shipped = PARTIES_PATH.read_text(encoding="utf-8")
    broken = tmp_path / "parties.yaml"
    broken.write_text(shipped.replace("  COP: [", "  COP: ", 1).replace('rubber bullet"]', 'rubber bullet"'), "utf-8")
    with pytest.raises(KnowledgeError, match=r"parties\.yaml:\d+"):
        load_party_words(broken)


def test_actors_composition_a_stance_word_names_no_actor(parse, resources) -> None:  # type: ignore[no-untyped-def]
    article, doc = parse("Thousands joined anti-government protests in the capital.")
    found = find_actors(article, doc, knowledge=resources.actors)
    assert [actor.sector for actor in found] == []


def test_actors_composition_one_country_before_and_is_its_own_role(parse, resources) -> None:  # type: ignore[no-untyped-def]
    article, doc = parse("Iraqi and Kurdish forces attacked the town.")
    found = find_actors(article, doc, knowledge=resources.actors)
    assert [(actor.country, actor.sector, [m.text for m in actor.mentions]) for actor in found] == [
        ("IRQ", "MIL", ["Iraqi"]),
        (None, "MIL", ["Kurdish forces"]),
    ]
