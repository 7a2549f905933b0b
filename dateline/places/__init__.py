"""The places stage: every place mention, geocoded offline, and the place of each event.

Reads: Doc entities, Article.text and Article.dateline. Writes: Place (docs/contract.md places[]).

Public names:
- `load_gazetteer()` → `Gazetteer`: the offline index (built once from PyPI packages, cached on disk).
- `entity_patterns(gazetteer)`: entity-ruler patterns for curated places the model does not know.
- `find_places(article, doc, *, gazetteer)` → list of Place, in text order (see dateline/places/resolve.py).
- `locate_event(article, places, start, end, *, dateline=None)` → Location or None: the place of an event whose
  evidence sentence spans [start, end), with precision place/admin2/admin1/country; metonymic mentions skipped.
- `is_metonymic(article, place)`: "Washington said" names an actor, not where something happened.
- `dateline_place(article, places)`: the geocoded opening dateline, to pass to `locate_event`.
- `jurisdiction_place(article, places)`: the town or county whose police or sheriff the text names ("Salina police").
- `story_sense(place, places, gazetteer)`: a town's name read in the region the rest of the story lies in.
"""

from __future__ import annotations

from typing import Any

from dateline.places.gazetteer import GazEntry, Gazetteer, build_gazetteer, normalize
from dateline.places.locate import (
    dateline_place,
    is_metonymic,
    is_street,
    jurisdiction_place,
    locate_event,
    story_sense,
    to_location,
    unusable_places,
)
from dateline.places.resolve import find_places

__all__ = [
    "GazEntry",
    "Gazetteer",
    "dateline_place",
    "entity_patterns",
    "find_places",
    "is_metonymic",
    "is_street",
    "jurisdiction_place",
    "load_gazetteer",
    "locate_event",
    "normalize",
    "story_sense",
    "to_location",
    "unusable_places",
]


def load_gazetteer() -> Gazetteer:
    """The offline gazetteer (from the disk cache when it is current, else built and cached; see gazetteer.py)."""
    return build_gazetteer()


def entity_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Entity-ruler patterns (label GPE) for the curated places of extra_places.tsv, which the model rarely knows."""
    return [{"label": "GPE", "pattern": name} for name in gazetteer.curated_names]
