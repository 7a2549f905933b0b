"""The places stage proper: find place mentions (recognize.py) and pick the gazetteer place each one names (toponym
disambiguation).

Disambiguation scores each candidate from its population and feature type, then adds context over two rounds: the
countries and first-level regions the rest of the story resolves to, the dateline, an explicit container right after
the name ("Pandi, Bulacan", "Hilla, Iraq"), a region word ("Anbar province"), and the distance to the story's centre.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc

from dateline.places.gazetteer import GazEntry, loose_key, normalize, place_of
from dateline.places.knowledge import Cues, PlaceKnowledge
from dateline.places.recognize import (
    Mention,
    dateline_mention,
    demonym_countries,
    embedded_mentions,
    find_dateline,
    model_mentions,
    police_town_mentions,
    story_hints,
)
from dateline.places.scan import gazetteer_mentions
from dateline.records import Article, Place

# Score weights, set by hand and checked together on the LGL and GeoVirus development data (docs/places.md);
# re-run `dateline eval lgl` and `dateline eval geovirus` after changing any of them.
FEATURE_BONUS = {"continent": 3.0, "region": 3.0, "country": 2.5, "admin1": 1.2, "admin2": -0.7, "city": 0.0}
PRIMARY_NAME_BONUS = 1.0
# A place whose own name is the one written (up to transliteration: "Sloviansk" for Slovyansk) over a namesake known
# by it only as an alternate or former name (Engels, once Pokrovsk; Nikopol, listed as "Sloviansk" in GeoNames).
OWN_NAME_BONUS = 1.0
NEWS_SENSE_BONUS = 3.0
EXONYM_MIN_POPULATION = 20_000
DEMONYM_WEIGHT = 0.5
COUNTRY_CONTEXT_WEIGHT = 4.0
ADMIN1_CONTEXT_WEIGHT = 2.5
NAMED_REGION_BONUS = 2.0
DATELINE_COUNTRY_BONUS = 1.5
CONTAINER_BONUS = 5.0
LIST_SIBLING_BONUS = 3.0
REGION_WORD_BONUS = 3.0
REGION_BEHIND_CITY_PENALTY = 3.0
OWN_REGION_KM = 100.0
DISTANCE_WEIGHT = 2.0
DISTANCE_SCALE_KM = 400.0
# Seas, oceans and lakes have no inhabitants; they score like a large region so that "Pacific" or "Atlantic" is not
# taken for a village of that name.
WATER_BODY_POPULATION = 10_000_000


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Context:
    countries: dict[str, float]  # country → how many picks (and half of each demonym) name it, in text order
    admin1s: dict[str, int]
    centre: tuple[float, float] | None
    dateline_country: str | None
    total: float
    named_admin1s: frozenset[str] = frozenset()  # first-level regions the story names itself ("Ohio", "Ohio's")
    top_country: str | None = None  # the most frequent of `countries` (ties: the first counted)
    # Why: the same places are scored against one context many times (every mention of a name, both rounds' lists).
    centre_km: dict[int, float] = field(default_factory=dict)  # gazetteer row → its distance to `centre`


_POINT_FEATURES = frozenset({"city", "admin2", "admin1"})  # the features whose point says where the story is


def _picks(mentions: Sequence[Mention], streets: frozenset[str] = frozenset()) -> list[tuple[str, GazEntry]]:
    """The name key and chosen place of every mention that has a place in a country, in text order; but a street's
    ("Elm Street", placed at a town it may be named after): which town that is follows from the story, so it is no
    evidence of where the story is (Yelm, Washington for "Elm Street" would pull the story's Toledo there)."""
    return [
        (mention.key, mention.chosen)
        for mention in mentions
        if mention.chosen is not None and mention.chosen.country and not _is_street(mention, streets)
    ]


def _is_street(mention: Mention, streets: frozenset[str]) -> bool:
    """An area named by a street word last ("Elm Street", "Scottwood Avenue": `street_words.tsv`)."""
    words = mention.text.lower().split()
    return mention.label == "AREA" and bool(words) and words[-1] in streets


def _context(
    picks: Sequence[tuple[str, GazEntry]],
    skip_key: str,
    demonyms: Counter[str],
    dateline: str | None,
    skip_places: frozenset[int] = frozenset(),
) -> _Context:
    """What the rest of the story says: the `picks` (see _picks) of every name but `skip_key`, and its demonyms.
    A pick that is one of `skip_places` (the name's own candidates) is left out too: another mention that names the
    same place ("Toledo Hospital" beside "Toledo", whose candidates are Toledo's) does not vouch for the sense it
    was given, or the first round's choice would confirm itself."""
    # One plain loop with dicts: this runs for every name of the story in both rounds.
    countries: dict[str, float] = {}
    admin1s: dict[str, int] = {}
    named: set[str] = set()
    lats: list[float] = []
    lons: list[float] = []
    for key, chosen in picks:
        if key == skip_key or chosen.index in skip_places:
            continue
        countries[chosen.country] = countries.get(chosen.country, 0) + 1
        if chosen.admin1_code:
            admin1s[chosen.admin1_code] = admin1s.get(chosen.admin1_code, 0) + 1
            if chosen.feature == "admin1":
                named.add(chosen.admin1_code)
        if chosen.feature in _POINT_FEATURES:
            lats.append(chosen.lat)
            lons.append(chosen.lon)
    for country, count in demonyms.items():
        countries[country] = countries.get(country, 0) + DEMONYM_WEIGHT * count
    total = sum(countries.values())
    centre = _median_point(lats, lons) if lats else None
    top_country = max(countries, key=countries.__getitem__) if countries else None  # ties: the first counted
    return _Context(countries, admin1s, centre, dateline, total, frozenset(named), top_country)


def _median_point(lats: Sequence[float], lons: Sequence[float]) -> tuple[float, float]:
    lats, lons = sorted(lats), sorted(lons)
    return lats[len(lats) // 2], lons[len(lons) // 2]


_COMMA_GAP = re.compile(r",\s*")


def _container(mentions: Sequence[Mention], index: int, text: str) -> Mention | None:
    """The mention right after ", " that may contain this one: "Pandi, Bulacan", "Hilla, Iraq"."""
    if index + 1 >= len(mentions):
        return None
    mention, following = mentions[index], mentions[index + 1]
    between = text[mention.end : following.start]
    return following if _COMMA_GAP.fullmatch(between) else None


_LIST_GAP = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")


def _list_neighbours(mentions: Sequence[Mention], index: int, text: str) -> list[Mention]:
    """The mentions listed right beside this one: "Georgia, Oklahoma and Wisconsin", "Idaho or Utah"."""
    neighbours = []
    if index > 0 and _LIST_GAP.fullmatch(text[mentions[index - 1].end : mentions[index].start]):
        neighbours.append(mentions[index - 1])
    if index + 1 < len(mentions) and _LIST_GAP.fullmatch(text[mentions[index].end : mentions[index + 1].start]):
        neighbours.append(mentions[index + 1])
    return neighbours


@dataclass(frozen=True)
class _Surroundings:
    """The words and mentions around one mention. Why a record: they stay the same in both rounds of _resolve."""

    type_word: str  # see _type_word
    neighbours: list[Mention]  # see _list_neighbours
    container: Mention | None  # see _container
    listed_after: Mention | None  # the mention before, when a list gap ("," or "and") is all that separates them
    comma_after: Mention | None  # the mention before, when ", " is all that separates them ("Atlanta, Georgia")


def _surroundings(mentions: Sequence[Mention], index: int, text: str, cues: Cues) -> _Surroundings:
    mention = mentions[index]
    previous = mentions[index - 1] if index > 0 else None
    gap = text[previous.end : mention.start] if previous is not None else ""
    return _Surroundings(
        type_word=_type_word(text, mention, cues),
        neighbours=_list_neighbours(mentions, index, text),
        container=_container(mentions, index, text),
        listed_after=previous if previous is not None and _LIST_GAP.fullmatch(gap) else None,
        comma_after=previous if previous is not None and _COMMA_GAP.fullmatch(gap) else None,
    )


def _follows_a_country(around: _Surroundings) -> bool:
    """Whether the mention continues a list of countries ("Ghana, Niger, Nigeria"), where the name after the comma
    is the next item of the list, not a container."""
    previous = around.listed_after
    return previous is not None and previous.chosen is not None and previous.chosen.feature == "country"


def _is_sibling_region(entry: GazEntry, neighbours: Sequence[Mention]) -> bool:
    """A first-level region listed beside another of its country's, or a country beside another country: a list of
    states names states ("Idaho or Utah"), a list of countries names countries ("Ghana, Niger, Nigeria and Togo")."""
    if not neighbours:
        return False
    if entry.feature == "country":
        return any(n.chosen is not None and n.chosen.feature == "country" for n in neighbours)
    return entry.feature == "admin1" and any(
        n.chosen is not None and n.chosen.feature == "admin1" and n.chosen.country == entry.country for n in neighbours
    )


def _town_before(around: _Surroundings) -> GazEntry | None:
    """The town of "Atlanta, Georgia" when the mention is "Georgia": the previous pick, if a city before a comma."""
    previous = around.comma_after
    if previous is None or previous.chosen is None or previous.chosen.feature != "city":
        return None
    return previous.chosen


def _contains_previous(entry: GazEntry, town_before: GazEntry | None) -> bool:
    """The second name of "Atlanta, Georgia": a country or region that holds the town named just before it."""
    return town_before is not None and entry.feature in ("country", "admin1") and _inside(town_before, entry)


def _story_elsewhere(sense: GazEntry, mention: Mention, context: _Context) -> bool:
    """Whether the story is about another country that has a place of this name ("Georgia" in a US story)."""
    top = context.top_country
    if top is None:
        return False
    return top != sense.country and any(c.country == top for c in mention.candidates)


def _inside(entry: GazEntry, container: GazEntry) -> bool:
    if container.feature == "country":
        return entry.country == container.country
    if container.feature == "admin1":
        return entry.admin1_code is not None and entry.admin1_code == container.admin1_code
    return _distance_km(entry.lat, entry.lon, container.lat, container.lon) < 100


def _type_word(text: str, mention: Mention, cues: Cues) -> str:
    """ "region" for "Anbar province" or "the state of Washington", "town" for "the city of Sao Paulo", else ""."""
    before = text[max(0, mention.start - 30) : mention.start]
    if cues.region_after.match(text[mention.end : mention.end + 20]) or cues.region_before.search(before):
        return "region"
    return "town" if cues.town_before.search(before) else ""


def _score(entry: GazEntry, mention: Mention, context: _Context, container: Mention | None, type_word: str) -> float:
    population = entry.population or (WATER_BODY_POPULATION if entry.feature == "region" and not entry.country else 0)
    score = math.log10(population + 10) + FEATURE_BONUS.get(entry.feature, 0.0)
    if population >= EXONYM_MIN_POPULATION or normalize(entry.name) == mention.key:
        score += PRIMARY_NAME_BONUS  # alternate names of small places are often old or rare ("Paris" for Swainsboro)
    if entry.feature == "city" and loose_key(entry.name) == loose_key(mention.text):
        score += OWN_NAME_BONUS
    if mention.sense == entry.index and not _story_elsewhere(entry, mention, context):
        score += NEWS_SENSE_BONUS
    if context.total:
        score += COUNTRY_CONTEXT_WEIGHT * context.countries.get(entry.country, 0) / context.total
        if entry.admin1_code and entry.feature != "country":
            share = context.admin1s.get(entry.admin1_code, 0) / context.total
            score += ADMIN1_CONTEXT_WEIGHT * min(1.0, 2 * share)
    if entry.feature in ("city", "admin2") and entry.admin1_code in context.named_admin1s:
        score += NAMED_REGION_BONUS  # local news names its state: "Dublin" in a story that says "Ohio"
    if context.dateline_country == entry.country:
        score += DATELINE_COUNTRY_BONUS
    if container is not None and any(_inside(entry, c) for c in container.candidates[:3]):
        score += CONTAINER_BONUS
    if (type_word == "region" and entry.feature in ("admin1", "admin2")) or (
        type_word == "town" and entry.feature == "city"
    ):
        score += REGION_WORD_BONUS
    if context.centre is not None and entry.feature in ("city", "admin2", "admin1", "country"):
        distance = context.centre_km.get(entry.index)
        if distance is None:
            distance = context.centre_km[entry.index] = _distance_km(entry.lat, entry.lon, *context.centre)
        score += DISTANCE_WEIGHT * math.exp(-distance / DISTANCE_SCALE_KM)
    return score


def _prefer_city_over_own_region(
    scored: list[tuple[float, GazEntry]], mention: Mention, *, region_word: bool
) -> list[tuple[float, GazEntry]]:
    """A city and the region around it named after it ("Basra", "Sulaymaniyah"): the bare name means the city.

    The region is pushed down rather than the city up, so that the city still competes with its namesakes
    elsewhere on its own merits; and only when the region's point lies near the city, or when the name written is
    the city's own and the region's only an alternate one ("Homs" for the governorate of Ḩimş, "Odesa" for Odeska
    oblast), so that "New York" (a state of that very name, whose centre is far from the city) is left to the other
    evidence.
    """
    if region_word:
        return scored
    cities = [e for _, e in scored if e.feature == "city"]
    if not cities:
        return scored
    city_regions = {c.admin1_code for c in cities}  # a cheap first test: most regions hold none of the cities
    written = loose_key(mention.text)

    def behind_a_city(region: GazEntry) -> bool:
        return (
            region.feature in ("admin1", "admin2")
            and region.admin1_code in city_regions
            and any(_is_own_region(c, region, written) for c in cities)
        )

    return [(s - REGION_BEHIND_CITY_PENALTY if behind_a_city(e) else s, e) for s, e in scored]


def _is_own_region(city: GazEntry, region: GazEntry, written: str) -> bool:
    if city.admin1_code != region.admin1_code:
        return False
    if loose_key(city.name) == written and loose_key(region.name) != written:
        return True
    return _distance_km(city.lat, city.lon, region.lat, region.lon) <= OWN_REGION_KM


def _resolve(
    mentions: list[Mention],
    text: str,
    demonyms: Counter[str],
    cues: Cues,
    dateline: str | None,
    streets: frozenset[str] = frozenset(),
) -> None:
    """Two rounds: a context-free pick, then a pick that sees the rest of the story's first-round picks."""
    for mention in mentions:
        mention.chosen = mention.candidates[0] if mention.candidates else None
    surroundings = [_surroundings(mentions, index, text, cues) for index in range(len(mentions))]
    for _round in range(2):
        totals: dict[tuple[str, bool, str], defaultdict[int, float]] = {}
        groups: list[tuple[str, bool, str] | None] = []
        # A mention's context leaves out every mention of its name, so within a round it depends on the name alone.
        contexts: dict[tuple[str, int, int], _Context] = {}
        state_contexts: dict[tuple[str, int, int], _Context] = {}  # the same for names that may be a state's, see below
        picks = _picks(mentions, streets)  # the picks stay as they are until the round ends
        for mention, around in zip(mentions, surroundings, strict=True):
            if not mention.candidates:
                groups.append(None)
                continue
            name = (mention.key, mention.candidates[0].index, len(mention.candidates))
            context = contexts.get(name)
            if context is None:
                own = frozenset(c.index for c in mention.candidates)
                context = contexts[name] = _context(picks, mention.key, demonyms, dateline, own)
            if any(c.feature in ("country", "admin1") for c in mention.candidates):
                # "Wyoming", "Oregon": a state's own name is not a town in another
                if name not in state_contexts:
                    state_contexts[name] = replace(context, named_admin1s=frozenset())
                context = state_contexts[name]
            container = None if _follows_a_country(around) else around.container
            type_word = around.type_word
            town_before = _town_before(around)
            scored = [
                (
                    _score(c, mention, context, container, type_word)
                    + LIST_SIBLING_BONUS * _is_sibling_region(c, around.neighbours)
                    + CONTAINER_BONUS * _contains_previous(c, town_before),
                    c,
                )
                for c in mention.candidates
            ]
            scored = _prefer_city_over_own_region(scored, mention, region_word=type_word == "region")
            # One place per name and story: the evidence of each mention ("Decatur, Georgia") counts for all of them.
            group = (mention.key, mention.label == "AREA", type_word)
            groups.append(group)
            total = totals.setdefault(group, defaultdict(float))
            for score, entry in scored:
                total[entry.index] += score
        entries = {c.index: c for m in mentions for c in m.candidates}
        for mention, key in zip(mentions, groups, strict=True):
            mention.chosen = None if key is None else entries[max(totals[key], key=totals[key].__getitem__)]


def _not_overlapping(found: Sequence[Mention], taken: Sequence[Mention]) -> list[Mention]:
    """The found mentions that share no character with a taken one ("BEDFORD" of a dateline is one mention)."""
    return [m for m in found if not any(t.start < m.end and m.start < t.end for t in taken)]


def _keep_senses_inside_their_container(mentions: list[Mention], text: str) -> None:
    """ "Bedford, N.H.", "Decatur, Georgia": a town followed by its state or country keeps only its senses inside
    that state or country, wherever the story names it ("BEDFORD, N.H." then "a Bedford woman"). A region or country
    listed beside another of its kind is left alone, since "Washington, Oregon" is a list, not a town in Oregon."""
    allowed: dict[str, set[int]] = {}
    for index, mention in enumerate(mentions):
        container = _container(mentions, index, text)
        if container is None or not container.candidates or _is_listed_beside(mention, container):
            continue
        holders = [c for c in container.candidates if c.feature in ("admin1", "country")]
        if container.candidates[0] not in holders:
            continue
        inside = {c.index for c in mention.candidates if any(_inside(c, h) for h in holders)}
        if inside:
            key = normalize(mention.text)
            allowed[key] = (allowed.get(key, set()) & inside) or inside  # two different states: the last one
    for mention in mentions:
        keep = allowed.get(normalize(mention.text))
        if keep and any(c.index in keep for c in mention.candidates):
            mention.candidates = [c for c in mention.candidates if c.index in keep]


def _is_listed_beside(mention: Mention, container: Mention) -> bool:
    """ "Washington, Oregon": a region or country beside another of its kind in the same country (or two countries)
    is a list, not a town in its container. "Beni, Congo" is a town: El Beni is a region, but of Bolivia."""
    for entry in mention.candidates:
        if entry.feature == "country" and any(c.feature == "country" for c in container.candidates):
            return True
        if entry.feature == "admin1" and any(c.feature == "admin1" and c.country == entry.country
                                             for c in container.candidates):  # fmt: skip
            return True
    return False


def _names_a_region(mention: Mention) -> bool:
    return any(c.feature in ("country", "admin1", "continent", "region") for c in mention.candidates)


def _place_missing_towns_in_their_container(mentions: list[Mention], text: str) -> None:
    """ "MADISONVILLE, Ohio" when no Madisonville the gazetteer knows lies in Ohio: the town is somewhere in Ohio, so
    it becomes an area at Ohio's point rather than the namesake in another state. A name the gazetteer lacks
    altogether ("Pingilikani, Kenya") is placed the same way."""
    for index, mention in enumerate(mentions):
        container = _container(mentions, index, text)
        holder = container.chosen if container is not None else None
        if holder is None or holder.feature not in ("admin1", "country"):
            continue
        unknown = not mention.candidates and mention.label != "FAC"
        misplaced = mention.chosen is not None and mention.chosen.feature == "city"
        if unknown or (misplaced and not any(_inside(c, holder) for c in mention.candidates)):
            mention.chosen, mention.label = holder, "AREA"


# Between a town's possessive and the part's name ("Baghdad's central Karrada district"), or between "of" and the town
# ("the Shaab area of northern Baghdad"): at most two lower-case words (the part's or the town's modifiers).
_OWNER_BETWEEN = re.compile(r"^['’]s\s+(?:[a-z][\w-]*\s+){0,2}$")
_OF_TOWN = re.compile(r"^\s+of\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$")


def _place_parts_of_towns(mentions: list[Mention], text: str, cues: Cues) -> None:
    """ "Baghdad's Karrada district", "the Shaab area of northern Baghdad": a name followed by a part-of-town noun and
    owned by a town, or followed by "of" and a town, is that part of the town. It lies at the town's point whatever
    namesake elsewhere the gazetteer has, and keeps its own name (`_to_place`); so does the same name elsewhere in
    the article."""
    for index, mention in enumerate(mentions):
        part = cues.town_part_after.match(text[mention.end : mention.end + 20])
        if part is None:
            continue
        owner = mentions[index - 1] if index > 0 else None
        after = mentions[index + 1] if index + 1 < len(mentions) else None
        town = None
        if owner is not None and _OWNER_BETWEEN.match(text[owner.end : mention.start]):
            town = owner.chosen
        elif after is not None and _OF_TOWN.match(text[mention.end + part.end() : after.start]):
            town = after.chosen
        if town is not None and town.feature == "city":
            mention.chosen, mention.label = town, "PART"
    parts = {mention.key: mention.chosen for mention in mentions if mention.label == "PART"}
    for mention in mentions:  # "Karrada" alone, after "Baghdad's Karrada district": the same part of the same town
        if mention.key in parts and mention.label != "PART":
            mention.chosen, mention.label = parts[mention.key], "PART"


def _drop_foreign_street_areas(mentions: list[Mention], streets: frozenset[str]) -> None:
    """ "Main Street" in a US story is not next to Ma'in in Jordan: a street placed at a namesake town in another
    country than most of the story's places becomes a street of the story's own town (a facility)."""
    countries = Counter(m.chosen.country for m in mentions if m.chosen is not None and m.label != "AREA")
    if not countries:
        return
    story_country = countries.most_common(1)[0][0]
    for mention in mentions:
        chosen = mention.chosen
        if _is_street(mention, streets) and chosen is not None and chosen.country != story_country:
            mention.chosen, mention.label = None, "FAC"


_FEATURE_ENDS = frozenset({"township", "county", "river", "lake", "valley", "district", "province"})


def _to_place(mention: Mention, directions: frozenset[str] = frozenset()) -> Place:
    entry = mention.chosen
    if entry is None:
        return Place(text=mention.text, start=mention.start, end=mention.end)
    place = place_of(entry, mention.text, mention.start, mention.end)
    if mention.label == "PART":  # a named part of a town, at the town's point (_place_parts_of_towns)
        return replace(place, name=mention.text, geonameid=None, feature="district")
    if mention.label == "AREA" and not _part_of_town(mention, entry, directions):
        return replace(place, geonameid=None, feature="area")  # part of, or next to, the named place: its point only
    return place


def _part_of_town(mention: Mention, entry: GazEntry, directions: frozenset[str]) -> bool:
    """Whether an area is a town's own quarter named by direction words ("Southwest Baltimore", "East Aleppo"): it is
    in the town, so it is the town (with the words written), where "North Texas" or "Hamilton Township" stay areas."""
    words = mention.text.replace("-", " ").split()
    first = next((i for i, word in enumerate(words) if word.lower() not in directions), len(words))
    return entry.feature == "city" and 0 < first < len(words) and words[-1].lower() not in _FEATURE_ENDS


def _story_town(mentions: Sequence[Mention]) -> GazEntry | None:
    """The story's most mentioned town (ties: the first), where its unresolved streets and buildings are."""
    towns = Counter(m.chosen.index for m in mentions if m.chosen is not None and m.chosen.feature == "city")
    if not towns:
        return None
    best = max(towns.values())
    return next(m.chosen for m in mentions if m.chosen is not None and towns[m.chosen.index] == best)


def _facility_place(mention: Mention, town: GazEntry | None) -> Place:
    """A street or building the gazetteer lacks: the story's town's point, marked as a facility with no id."""
    if town is None:
        return Place(text=mention.text, start=mention.start, end=mention.end, feature="facility")
    return Place(
        text=mention.text,
        start=mention.start,
        end=mention.end,
        lat=round(town.lat, 5),
        lon=round(town.lon, 5),
        country=town.country or None,
        admin1=town.admin1,
        feature="facility",
    )


def find_places(article: Article, doc: Doc, *, knowledge: PlaceKnowledge) -> list[Place]:
    """Find and geocode every place mention. Reads: Doc entities, Article.dateline. Writes: Place (sorted by start)."""
    if not article.text or not doc.has_annotation("ENT_IOB"):
        return []
    gazetteer, cues = knowledge.gazetteer, knowledge.cues
    ents = doc.ents  # built once: spaCy makes every entity Span afresh on each access
    mentions = model_mentions(article, doc, knowledge, ents=ents)
    dateline = dateline_mention(article, knowledge, mentions)
    if dateline is not None:
        mentions.append(dateline)
    demonyms = demonym_countries(doc, knowledge, ents=ents)
    hints = story_hints(mentions, demonyms)
    mentions += _not_overlapping(embedded_mentions(doc, knowledge, hints, text=article.text, ents=ents), mentions)
    mentions += police_town_mentions(article.text, knowledge, mentions, story_hints(mentions, demonyms))
    hints = story_hints(mentions, demonyms)
    mentions += gazetteer_mentions(article.text, doc, knowledge, mentions, hints, ents=ents)
    mentions.sort(key=lambda m: m.start)
    for mention in mentions:
        mention.key = normalize(mention.text)
        mention.sense = gazetteer.news_senses.get(mention.key)
    span = find_dateline(article)
    lead = next((m for m in mentions if span and m.start <= span[0] < m.end), None)
    dateline_country = lead.candidates[0].country if lead and lead.candidates else None
    _keep_senses_inside_their_container(mentions, article.text)
    _resolve(mentions, article.text, demonyms, cues, dateline_country, knowledge.street_words)
    _place_missing_towns_in_their_container(mentions, article.text)
    _place_parts_of_towns(mentions, article.text, cues)
    _drop_foreign_street_areas(mentions, knowledge.street_words)
    town = _story_town(mentions)
    directions = cues.direction_words
    return [
        _facility_place(m, town) if m.label == "FAC" and m.chosen is None else _to_place(m, directions)
        for m in mentions
    ]
