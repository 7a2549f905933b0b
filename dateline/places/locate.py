"""Where an event happened: the place its evidence sentence attaches to it, else the region or dateline it implies.

`locate_event(article, places, start, end, *, knowledge, dateline=None)` picks, in order:
1. a place inside [start, end) right after a locative cue ("in Hilla", "the village of Barwanah", "near Ramadi"),
   the most specific first (city, then admin2, admin1, country); precision from its feature;
2. any other place in the sentence that is not a reference point ("south of Baghdad") — most specific first;
3. a reference point in the sentence;
4. the dateline place, unless most of the story's places lie in another country (`story_is_elsewhere`);
5. the first-level region most of the story's towns and regions lie in (when the text names it);
6. the country the story names most often.
Each Location says why it was chosen (`reason`: own_sentence, relative, dateline, story_setting) and carries ACLED's
geo_precision (1 the town, 2 near a town or a district, 3 a province or larger).
Metonymic mentions ("Washington said", "accused Tehran of") and street names ("the 300 block of Madrid", "Dover
Street") are never used. Places without coordinates are skipped.

`story_sense(place, places, gazetteer)` re-reads a town's name in the region the rest of the story lies in (a
"Caledonia" in a story about Rochester, New York is the one near Rochester).
`jurisdiction_place(article, places)` gives the town or county whose police or sheriff the text names ("Salina
police said"): the area the incident happened in, for the incident suites.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from dateline.places.gazetteer import GazEntry, Gazetteer, normalize
from dateline.places.knowledge import Cues, PlaceKnowledge
from dateline.records import Article, Location, LocationPrecision, Place

SPECIFICITY = {"district": -1, "city": 0, "admin2": 1, "admin1": 2, "country": 3}
PRECISION: dict[str, LocationPrecision] = {
    "district": "place",
    "city": "place",
    "admin2": "admin2",
    "admin1": "admin1",
    "country": "country",
}
# ACLED's geo_precision by our precision: 1 the town itself, 2 a district or near a town, 3 a province or larger.
GEO_PRECISION: dict[LocationPrecision, int] = {"place": 1, "admin2": 2, "admin1": 3, "country": 3}
# A dateline names where a story is told from, not where it happened, when more than this share of the story's
# other geocoded places lie in another country ("BEIRUT (Reuters) -" over a story about Aleppo and Idlib).
ELSEWHERE_SHARE = 0.5
_LOOKBEHIND_CHARS = 40
_LOOKAHEAD_CHARS = 40


def is_street(article: Article, place: Place, *, knowledge: PlaceKnowledge) -> bool:
    """A street name the places stage took for a town: "the 1900 block of Dover", "Walnut Street"."""
    cues = knowledge.event_cues
    before = article.text[max(0, place.start - _LOOKBEHIND_CHARS) : place.start]
    after = article.text[place.end : place.end + _LOOKAHEAD_CHARS]
    return bool(cues.street_before.search(before) or cues.street_after.match(after))


def jurisdiction_place(article: Article, places: Sequence[Place], *, knowledge: PlaceKnowledge) -> Place | None:
    """The first geocoded town or county named as the owner of a police force or sheriff ("Salina police")."""
    cues = knowledge.event_cues
    for place in places:
        if place.lat is None or place.feature not in ("city", "admin2"):
            continue
        if cues.jurisdiction_after.match(article.text[place.end : place.end + _LOOKAHEAD_CHARS]):
            return place
    return None


def is_metonymic(article: Article, place: Place, *, knowledge: PlaceKnowledge) -> bool:
    """True when the mention stands for a government or its people, not a location: "Washington said",
    "accused Tehran of", "the U.S. would send", "U.S. troops", "Iran-backed militias"."""
    cues = knowledge.cues
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


def to_location(
    place: Place,
    *,
    text: str | None = None,
    precision: LocationPrecision | None = None,
    reason: str | None = None,
    near: bool = False,
) -> Location:
    """A Place as an event location; `text` is None when the location is implied rather than written. `reason` is
    why it was chosen (records.LOCATION_REASONS); `near` when the event happened near it, not in it ("north of
    Baghdad"), which ACLED codes as geo_precision 2."""
    chosen = precision or _precision(place)
    geo_precision = GEO_PRECISION[chosen]
    return Location(
        text=text,
        name=place.name,
        lat=place.lat,
        lon=place.lon,
        country=place.country,
        admin1=place.admin1,
        geonameid=place.geonameid,
        precision=chosen,
        geo_precision=max(geo_precision, 2) if near else geo_precision,
        reason=reason,
    )


def dateline_place(article: Article, places: Sequence[Place]) -> Place | None:
    """The geocoded place of the article's opening dateline ("MOSUL (AP) —"), if any."""
    if not article.dateline:
        return None
    key = normalize(article.dateline)
    return next((p for p in places if p.lat is not None and normalize(p.text) == key), None)


def _rank(article: Article, place: Place, cues: Cues) -> tuple[int, int, int]:
    """Sort key for places inside the evidence: locative cue first, reference points last, then specificity."""
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
    """The country the story's places lie in most often (its towns and regions count for their country: a story of
    Baghdad, Basra and Erbil that names the US as often as Iraq is set in Iraq), by a mention of it; else the country
    the story names most often."""
    named = [p for p in places if p.feature == "country" and p.name]
    countries = Counter(p.country for p in places if p.country and p.feature in SPECIFICITY)
    for country, _count in countries.most_common():
        mention = next((p for p in named if p.country == country), None)
        if mention is not None:
            return mention
    counts = Counter(p.name for p in named)
    if not counts:
        return None
    name, _count = counts.most_common(1)[0]
    return next(p for p in places if p.name == name)


def unusable_places(article: Article, places: Sequence[Place], *, knowledge: PlaceKnowledge) -> frozenset[Place]:
    """The mentions never used as an event's location: metonymic ones and street names (for `locate_event`)."""
    return frozenset(
        p for p in places if is_metonymic(article, p, knowledge=knowledge) or is_street(article, p, knowledge=knowledge)
    )


def locate_event(
    article: Article,
    places: Sequence[Place],
    start: int,
    end: int,
    *,
    knowledge: PlaceKnowledge,
    dateline: Place | None = None,
    unusable: frozenset[Place] | None = None,
) -> Location | None:
    """The location of an event whose evidence spans [start, end) of article.text (see the module docstring).

    `unusable`: `unusable_places(article, places, knowledge=...)` (or of a superset of `places`) when the caller
    locates many events of one article, so that the cues are read once per mention rather than once per event."""
    if unusable is None:
        located = [p for p in places if p.lat is not None and p.feature in PRECISION]
        unusable = unusable_places(article, located, knowledge=knowledge)
    usable = [p for p in places if p.lat is not None and p.feature in PRECISION and p not in unusable]
    cues = knowledge.cues
    ranked = sorted(
        ((_rank(article, p, cues), p) for p in usable if start <= p.start and p.end <= end), key=lambda pair: pair[0]
    )
    # A country is no reference point to place an event near: "perceived as close to the US", "sent to Turkey".
    inside = [p for rank, p in ranked if not (rank[0] == 2 and p.feature == "country")]
    if dateline is None:
        dateline = dateline_place(article, places)
    if inside:
        best = inside[0]
        role = _rank(article, best, cues)[0]
        if role == 1 and dateline is not None and _holds(best, dateline) and not story_is_elsewhere(dateline, usable):
            return to_location(dateline, text=None, reason="dateline")  # "Lenawee County boy" under "ADRIAN, Mich."
        if role < 2:  # "overran Ramadi, in Iraq's Anbar province": the region says where the town is
            best = town_within(article, best, inside, knowledge=knowledge) or best
            best = town_part(best, inside) or best
        return to_location(best, text=best.text, reason="relative" if role == 2 else "own_sentence", near=role == 2)
    if dateline is not None and dateline.lat is not None and not story_is_elsewhere(dateline, usable):
        return to_location(dateline, text=None, reason="dateline")
    region = _story_region(usable)
    if region is not None:
        return to_location(region, text=None, precision="admin1", reason="story_setting")
    country = _story_country(usable)
    if country is not None:
        return to_location(country, text=None, precision="country", reason="story_setting")
    return None


def town_part(town: Place, places: Sequence[Place]) -> Place | None:
    """The named part of `town` that the same words give ("Baghdad's Karrada district" is in Karrada): a district
    placed at the town's point (places/disambiguate.py `_place_parts_of_towns`)."""
    if town.feature != "city":
        return None
    point = (town.lat, town.lon, town.country)
    return next((p for p in places if p.feature == "district" and (p.lat, p.lon, p.country) == point), None)


def town_within(article: Article, region: Place, places: Sequence[Place], *, knowledge: PlaceKnowledge) -> Place | None:
    """The first town of `places` that lies in `region` (a county, province or country) and is not a reference point
    ("north of Kirkuk"): "Hawija, a town in Iraq's Kirkuk province" names where it happened by the town, and the
    province only says where the town is."""
    cues = knowledge.cues
    return next((p for p in places if _holds(region, p) and _rank(article, p, cues)[0] < 2), None)


def _holds(region: Place, town: Place) -> bool:
    """Whether a county, province or country the sentence names holds the dateline's town (same country, and same
    first-level region below country level): the town then says more precisely where."""
    if town.feature != "city" or town.lat is None or region.feature not in ("admin2", "admin1", "country"):
        return False
    return region.country == town.country and (region.feature == "country" or region.admin1 == town.admin1)


def story_is_elsewhere(dateline: Place, places: Sequence[Place]) -> bool:
    """Whether most of the story's other geocoded places lie outside the dateline's country (a wire story filed
    from a capital about somewhere else): then the dateline does not place its events."""
    others = [p for p in places if p.lat is not None and p.country and normalize(p.text) != normalize(dateline.text)]
    if not others:
        return False
    abroad = sum(p.country != dateline.country for p in others)
    return abroad > ELSEWHERE_SHARE * len(others)


def _region_of(place: Place) -> tuple[str | None, str | None]:
    admin1 = place.name if place.feature == "admin1" else place.admin1
    return place.country, admin1


def _majority(keys: list[tuple[str | None, ...]]) -> tuple[str | None, ...] | None:
    """The key more than half the mentions share, if at least two do."""
    counts = Counter(key for key in keys if all(keys_part for keys_part in key))
    if not counts:
        return None
    key, count = counts.most_common(1)[0]
    return key if count >= 2 and 2 * count > len(keys) else None


def _as_place(place: Place, entry: GazEntry) -> Place:
    return replace(place, name=entry.name, lat=entry.lat, lon=entry.lon, country=entry.country,
                   admin1=entry.admin1, geonameid=entry.geonameid)  # fmt: skip


def story_sense(place: Place, places: Sequence[Place], gazetteer: Gazetteer) -> Place:
    """The sense of the town's name that lies in the first-level region (else the country) most of the story's
    other places lie in, when the places stage chose one elsewhere; the most populous such sense."""
    key = normalize(place.text)
    others = [p for p in places if p.lat is not None and p.feature in SPECIFICITY and normalize(p.text) != key]
    region = _majority([_region_of(p) for p in others])
    country = _majority([(p.country,) for p in others])
    if region is not None and _region_of(place) == region:
        return place
    if region is None and (country is None or (place.country,) == country):
        return place
    senses = [e for e in gazetteer.lookup(place.text) if e.feature == place.feature]
    fitting = [e for e in senses if (e.country, e.admin1) == region] if region is not None else []
    if not fitting and country is not None and (place.country,) != country:
        fitting = [e for e in senses if (e.country,) == country]
    return _as_place(place, max(fitting, key=lambda e: e.population)) if fitting else place
