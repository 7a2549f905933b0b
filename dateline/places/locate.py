"""Where an event happened: the place its evidence sentence attaches to it, else the region or dateline it implies.

`locate_event(article, places, start, end, *, dateline=None)` picks, in order:
1. a place inside [start, end) right after a locative cue ("in Hilla", "the village of Barwanah", "near Ramadi"),
   the most specific first (city, then admin2, admin1, country); precision from its feature;
2. any other place in the sentence that is not a reference point ("south of Baghdad") — most specific first;
3. a reference point in the sentence;
4. the dateline place; 5. the first-level region most of the story's towns and regions lie in (when the text names
   it); 6. the country the story names most often.
Metonymic mentions ("Washington said", "accused Tehran of") are never used. Places without coordinates are skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from dateline.places.cues import load_cues
from dateline.places.gazetteer import normalize
from dateline.records import Article, Location, LocationPrecision, Place

SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}
PRECISION: dict[str, LocationPrecision] = {
    "city": "place",
    "admin2": "admin2",
    "admin1": "admin1",
    "country": "country",
}
_LOOKBEHIND_CHARS = 40
_LOOKAHEAD_CHARS = 40


def is_metonymic(article: Article, place: Place) -> bool:
    """True when the mention stands for a government or its people, not a location: "Washington said",
    "accused Tehran of", "the U.S. would send", "U.S. troops", "Iran-backed militias"."""
    cues = load_cues()
    after = article.text[place.end : place.end + _LOOKAHEAD_CHARS]
    before = article.text[max(0, place.start - _LOOKBEHIND_CHARS) : place.start]
    if cues.modifier_after.match(after) or cues.actor_noun_after.match(after):
        return True
    if place.feature == "country" and cues.country_auxiliary_after.match(after):
        return True
    if cues.metonymy_after.match(after) and not cues.locative_before.search(before):
        return True
    return bool(cues.metonymy_before.search(before))


def _precision(place: Place) -> LocationPrecision:
    return PRECISION.get(place.feature or "city", "place")


def to_location(place: Place, *, text: str | None = None, precision: LocationPrecision | None = None) -> Location:
    """A Place as an event location; `text` is None when the location is implied rather than written."""
    return Location(
        text=text,
        name=place.name,
        lat=place.lat,
        lon=place.lon,
        country=place.country,
        admin1=place.admin1,
        geonameid=place.geonameid,
        precision=precision or _precision(place),
    )


def dateline_place(article: Article, places: Sequence[Place]) -> Place | None:
    """The geocoded place of the article's opening dateline ("MOSUL (AP) —"), if any."""
    if not article.dateline:
        return None
    key = normalize(article.dateline)
    return next((p for p in places if p.lat is not None and normalize(p.text) == key), None)


def _rank(article: Article, place: Place) -> tuple[int, int, int]:
    """Sort key for places inside the evidence: locative cue first, reference points last, then specificity."""
    cues = load_cues()
    before = article.text[max(0, place.start - _LOOKBEHIND_CHARS) : place.start]
    if cues.locative_before.search(before):
        role = 0
    elif cues.relative_before.search(before):
        role = 2
    else:
        role = 1
    return role, SPECIFICITY.get(place.feature or "city", 0), place.start


def _story_region(places: Sequence[Place]) -> Place | None:
    """The first-level region most of the story's towns and regions lie in, when the text names it."""
    local = [p for p in places if p.feature in ("city", "admin2", "admin1") and p.admin1]
    counts = Counter(p.admin1 for p in local)
    if not counts:
        return None
    admin1, count = counts.most_common(1)[0]
    if 2 * count <= len(local):
        return None
    return next((p for p in local if p.feature == "admin1" and p.admin1 == admin1), None)


def _story_country(places: Sequence[Place]) -> Place | None:
    """The country the story names most often."""
    counts = Counter(p.name for p in places if p.feature == "country" and p.name)
    if not counts:
        return None
    name, _count = counts.most_common(1)[0]
    return next(p for p in places if p.name == name)


def locate_event(
    article: Article, places: Sequence[Place], start: int, end: int, *, dateline: Place | None = None
) -> Location | None:
    """The location of an event whose evidence spans [start, end) of article.text (see the module docstring)."""
    usable = [p for p in places if p.lat is not None and p.feature in PRECISION and not is_metonymic(article, p)]
    inside = sorted((p for p in usable if start <= p.start and p.end <= end), key=lambda p: _rank(article, p))
    if inside:
        best = inside[0]
        return to_location(best, text=best.text)
    if dateline is None:
        dateline = dateline_place(article, places)
    if dateline is not None and dateline.lat is not None:
        return to_location(dateline, text=None)
    region = _story_region(usable)
    if region is not None:
        return to_location(region, text=None, precision="admin1")
    country = _story_country(usable)
    if country is not None:
        return to_location(country, text=None, precision="country")
    return None
