"""The places stage: every place mention, geocoded offline, and the place of each event.

Reads: Doc entities, Article.text and Article.dateline. Writes: Place (docs/contract.md places[]).

The knowledge (the gazetteer and the word lists of dateline/knowledge/places/ and event_places.yaml) arrives as one
`PlaceKnowledge`, loaded once per process by `load_place_knowledge()` in `pipeline.load_resources`.

Public names:
- `load_place_knowledge()` → `PlaceKnowledge`; `load_gazetteer()` → `Gazetteer` alone (built once from PyPI
  packages, cached on disk).
- `entity_patterns(gazetteer)`: entity-ruler patterns for curated places the model does not know.
- `find_places(article, doc, *, knowledge)` → list of Place, in text order (see dateline/places/disambiguate.py).
- `with_capitals(article, places, *, knowledge)`: the places and, in text order among them, the capitals named
  without their name ("north of the capital", "the Somali capital": places/capitals.py), for placing events.
- `locate_event(article, places, start, end, *, knowledge, dateline=None, unusable=None)` → Location or None: the
  place of an event whose evidence sentence spans [start, end), with precision place/admin2/admin1/country;
  metonymic mentions and street names skipped.
- `unusable_places(article, places, *, knowledge)`: those never used as an event's location, found once per article.
- `is_metonymic(article, place, *, knowledge)`: "Washington said" names an actor, not where something happened.
- `is_street(article, place, *, knowledge)`: "the 1900 block of Dover", "Walnut Street" name a street, not a town.
- `dateline_place(article, places)`: the geocoded opening dateline, to pass to `locate_event`.
- `dateline_header(article)`: the span of the whole opening dateline ("ERBIL, Iraq (Tigris Wire) —"), whose places
  say where the story was filed from.
- `jurisdiction_place(article, places, *, knowledge)`: the town or county whose police or sheriff the text names
  ("Salina police").
- `story_sense(place, places, gazetteer)`: a town's name read in the region the rest of the story lies in.
- `to_location(place, *, text=None, precision=None, reason=None, near=False)`: a Place as an event's Location, with
  ACLED's geo_precision and the reason it was chosen.
- `story_is_elsewhere(dateline, places)`: most of the story's places lie outside the dateline's country.
- `town_part(town, places)`: the named part of the town among `places` ("Baghdad's Karrada district"), at its point.
- `town_within(article, region, places, *, knowledge)`: the first town of `places` that lies in the county,
  province or country `region` and is no reference point: "Hawija, a town in Iraq's Kirkuk province" is Hawija.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dateline.places.capitals import capital_places
from dateline.places.disambiguate import find_places
from dateline.places.gazetteer import GazEntry, Gazetteer, build_gazetteer, normalize
from dateline.places.knowledge import PlaceKnowledge, load_place_knowledge
from dateline.places.locate import (
    dateline_place,
    is_metonymic,
    is_street,
    jurisdiction_place,
    locate_event,
    story_is_elsewhere,
    story_sense,
    to_location,
    town_part,
    town_within,
    unusable_places,
)
from dateline.places.recognize import dateline_header
from dateline.records import Article, Place

__all__ = [
    "GazEntry",
    "Gazetteer",
    "PlaceKnowledge",
    "dateline_header",
    "dateline_place",
    "entity_patterns",
    "find_places",
    "is_metonymic",
    "is_street",
    "jurisdiction_place",
    "load_gazetteer",
    "load_place_knowledge",
    "locate_event",
    "normalize",
    "story_is_elsewhere",
    "story_sense",
    "to_location",
    "town_part",
    "town_within",
    "unusable_places",
    "with_capitals",
]


def load_gazetteer() -> Gazetteer:
    """The offline gazetteer (from the disk cache when it is current, else built and cached; see gazetteer.py)."""
    return build_gazetteer()


def entity_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Entity-ruler patterns (label GPE) for the curated places of extra_places.tsv, which the model rarely knows."""
    return [{"label": "GPE", "pattern": name} for name in gazetteer.curated_names]


def with_capitals(article: Article, places: Sequence[Place], *, knowledge: PlaceKnowledge) -> list[Place]:
    """`places` and the capitals the article names without their name, in text order (places/capitals.py)."""
    capitals = capital_places(article.text, places, knowledge.gazetteer, knowledge.cues)
    return sorted([*places, *capitals], key=lambda place: place.start) if capitals else list(places)
