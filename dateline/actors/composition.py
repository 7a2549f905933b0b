"""Actors named by words the actors stage did not make a mention of, for the events stage: a country in any
grammatical position ("fired missiles at Turkey", "pressure on Ankara"), a demonym with the sector of the means it
names ("an Israeli airstrike"), a role word ("the presidents of Kenya and Uganda").

Each function returns an ActorRef carrying the words used, or None when the words name no actor.
"""

from __future__ import annotations

import pycountry

from dateline.actors.knowledge import ActorKnowledge
from dateline.actors.linking import country_identity, generic_identity, home_country
from dateline.actors.names import fold
from dateline.records import ActorRef

__all__ = ["alpha3", "country_actor", "generic_actor", "home_country", "role_sector"]


def country_actor(text: str, knowledge: ActorKnowledge, *, capitals: bool = True) -> ActorRef | None:
    """The country a name or demonym names ("Turkey", "U.S.", "Iraqi", "the Iraqis"); with `capitals`, a capital
    stands for its government ("Ankara" is the Government of Turkey). None when the words name no country."""
    kb = knowledge.kb
    folded = fold(text).removeprefix("the ")
    alpha3 = kb.demonyms.get(folded)
    if alpha3 is None:
        alpha3 = next((actor.country for actor in kb.lookup(text) if actor.kind == "country"), None)
    if alpha3 is not None:
        found = country_identity(kb, alpha3)
        return ActorRef(text, found.id, found.name, found.country, found.sector)
    if capitals and folded in kb.metonyms:
        return generic_actor(knowledge, text, country=kb.metonyms[folded], sector="GOV")
    return None


def generic_actor(
    knowledge: ActorKnowledge,
    text: str,
    *,
    country: str | None,
    sector: str,
    patron: str | None = None,
    identity: str | None = None,
) -> ActorRef:
    """The "<sector> of <country>" actor named as ACLED names it ("Military Forces of Israel"); without a country,
    an identity word of roles.yaml may name the people ("Kurdish commanders": Kurdish Military Forces)."""
    found = generic_identity(knowledge.kb, country, sector, None if country else identity, patron=patron)
    return ActorRef(text, found.id, found.name, found.country, found.sector, patron=found.patron)


def identity_word(word: str, knowledge: ActorKnowledge) -> str | None:
    """The identity a word names ("Kurdish": kurdish, "Shiite": shia; roles.yaml `identity_words`), else None."""
    return knowledge.roles.identity_words.get(fold(word))


def role_sector(word: str, knowledge: ActorKnowledge, *, modifiers: bool = True) -> str | None:
    """The sector a role word names ("militants" REB, "president" GOV, "police" COP), else None; with `modifiers`
    also the words that only qualify a role ("military", "air")."""
    roles = knowledge.roles
    folded = fold(word)
    found = roles.group_words.get(folded) or roles.person_words.get(folded)
    return found or (roles.modifier_words.get(folded) if modifiers else None)


def alpha3(alpha2: str) -> str | None:
    """The ISO alpha-3 code of an alpha-2 code (places carry alpha-2, actors alpha-3), or None."""
    record = pycountry.countries.get(alpha_2=alpha2.upper()) if len(alpha2) == 2 else None
    return record.alpha_3 if record is not None else None
