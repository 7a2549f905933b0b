"""Which country the unnamed parties of an event belong to ("two civilians were killed in El Fasher": Civilians
(Sudan)), as ACLED names them by the country where the event happened:

1. the place a physical event's own sentence puts it at with a locative preposition ("in northern Burkina Faso"),
2. else the country the story is set in (the one it names most, else its dateline's),
3. else, for police action, the police's own country (police act at home).

Only generic actors of LOCAL_SECTORS with no country, identity or name of their own take it ("Kurdish militants" and
named groups keep theirs); armies and governments, which often fight abroad, never do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from dateline import actors as actors_stage
from dateline import places as places_stage
from dateline.records import ActorRef, Article, Location, Place

# Unnamed actors of these sectors belong where the event happened, as ACLED names them ("Civilians (Sudan)"): not
# armies and governments, which often fight abroad.
LOCAL_SECTORS = frozenset({"CVL", "PRO", "OPP", "UAF", "COP", "REF", "HLH", "AGR", "REB", "INS", "PRM", "LAB", "EDU"})
# Police act in their own country: their country is that of the unnamed people they act on.
DOMESTIC_SECTOR = "COP"
# Event types whose place is where their parties were (not a statement's).
PHYSICAL_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})


def event_country(
    sources: Sequence[ActorRef],
    triggers: Sequence[Token],
    location: Location | None,
    kind: str,
    *,
    home: str | None,
    locative_preps: frozenset[str],
) -> str | None:
    """The country unnamed local parties of an event belong to: where its sentence places a physical event, else
    the article's home country (or its dateline's), else, for police action, the police's own country (police act
    at home: "Bangladeshi police detained opposition activists")."""
    sentence = triggers[0].sent if triggers else None
    if sentence is not None and kind in PHYSICAL_TYPES and placed_in(sentence, location, locative_preps):
        placed = actors_stage.alpha3(location.country) if location is not None and location.country else None
        if placed is not None:
            return placed
    if home is not None:
        return home
    return next((ref.country for ref in sources if ref.sector == DOMESTIC_SECTOR and ref.country), None)


def placed_in(sentence: Span, location: Location | None, locative_preps: frozenset[str]) -> bool:
    """Whether the sentence places its event at `location` with a locative preposition ("in northern Burkina Faso",
    "near Kirkuk"), not merely names it ("activists close to the US")."""
    if location is None or not location.text:
        return False
    for token in sentence:
        if token.text != location.text.split()[0]:
            continue
        step = token
        for _ in range(4):  # through "northern", "the town of", "Iraq's" up to the preposition
            if step.dep_ == "pobj":
                return step.head.lower_ in locative_preps
            if step.head.i == step.i:
                break
            step = step.head
    return False


def plain_generic_ids(ref: ActorRef) -> tuple[str, ...]:
    """The ids a generic actor of no country and no identity has ("x-cvl", "x-prm-irn-backed"): only those take the
    event's country ("Kurdish militants" keep theirs)."""
    sector = (ref.sector or "").lower()
    backed = (f"x-{sector}-{ref.patron.lower()}-backed",) if ref.patron else ()
    return (f"x-{sector}", *backed)


def located(
    refs: Sequence[ActorRef], country: str | None, knowledge: actors_stage.ActorKnowledge | None
) -> tuple[ActorRef, ...]:
    """Generic actors of LOCAL_SECTORS without a country take the event's country (event_country)."""
    if country is None or knowledge is None:
        return tuple(refs)
    located = []
    for ref in refs:
        if ref.sector in LOCAL_SECTORS and ref.id in plain_generic_ids(ref) and ref.sector is not None:
            found = actors_stage.generic_actor(
                knowledge, ref.text, country=country, sector=ref.sector, patron=ref.patron
            )
            ref = replace(found, attribution=ref.attribution)
        located.append(ref)
    return tuple(located)


def story_country(
    article: Article, doc: Doc, places: Sequence[Place], knowledge: actors_stage.ActorKnowledge | None
) -> str | None:
    """The country a story is set in: the one it names most (actors.home_country), else its dateline's, unless most
    of its places lie elsewhere (places.story_is_elsewhere): then the country most of those lie in. A dateline is
    where the reporter filed from: "WASHINGTON —" over a story of fighting in Anbar names Ramadi and Anbar, and the
    story's unnamed militias are not American."""
    if knowledge is None:
        return None
    home = actors_stage.home_country(doc, knowledge.kb, text=article.text)
    if home is not None:
        return home
    dateline = places_stage.dateline_place(article, places)
    if dateline is None or not dateline.country:
        return None
    if places_stage.story_is_elsewhere(dateline, places):  # the places stage's test of a story filed from afar
        named = Counter(place.country for place in places if place.country and place is not dateline)
        return actors_stage.alpha3(named.most_common(1)[0][0])
    return actors_stage.alpha3(dateline.country)
