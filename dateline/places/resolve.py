"""Find place mentions in a parsed article and pick the gazetteer place each one names.

Recognition (in order): 1. the model's GPE/LOC/FAC entities; 2. the opening dateline ("MOSUL (AP) —") when the model
missed it; 3. PERSON/ORG entities that name a place in a country the story is about (the small model sometimes tags
"Hilla" or "Nineveh" as a person).

Disambiguation scores each candidate from its population and feature type, then adds context over two rounds: the
countries and first-level regions the rest of the story resolves to, the dateline, an explicit container right after
the name ("Pandi, Bulacan", "Hilla, Iraq"), a region word ("Anbar province"), and the distance to the story's centre.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from dateline.places.cues import Cues, load_cues
from dateline.places.gazetteer import GazEntry, Gazetteer, normalize
from dateline.records import Article, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RESCUE_LABELS = frozenset({"PERSON", "ORG"})
MAX_CANDIDATES = 40
# Score weights, calibrated together on the first 100 LGL articles and the GeoVirus dev split (docs/places.md);
# re-run `dateline eval lgl` and `dateline eval geovirus` after changing any of them.
FEATURE_BONUS = {"continent": 3.0, "region": 3.0, "country": 2.5, "admin1": 1.2, "admin2": -0.7, "city": 0.0}
PRIMARY_NAME_BONUS = 1.0
NEWS_SENSE_BONUS = 3.0
EXONYM_MIN_POPULATION = 20_000
DEMONYM_WEIGHT = 0.5
COUNTRY_CONTEXT_WEIGHT = 4.0
ADMIN1_CONTEXT_WEIGHT = 2.5
DATELINE_COUNTRY_BONUS = 1.5
CONTAINER_BONUS = 5.0
REGION_WORD_BONUS = 3.0
CITY_OVER_OWN_REGION_BONUS = 1.5
OWN_REGION_KM = 100.0
DISTANCE_WEIGHT = 2.0
DISTANCE_SCALE_KM = 400.0
EMBEDDED_MIN_POPULATION = 1_000
BIG_CITY_POPULATION = 100_000
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sen|Rep|Gov|Gen|Col|Capt|Lt|Sgt|Judge|President|Minister|Officer|Coach)\.?\s+$"
)
_TRAILING_REGION_WORD = re.compile(
    r"\s+(?:province|governorate|state|county|parish|district|region|city|town|village|oblast)$", re.IGNORECASE
)
_POSSESSIVE = re.compile(r"['’]s?$")
_TRAILING_JUNK = frozenset(",;:!?)]}\"'’”-–—")
DATELINE_SEARCH_CHARS = 600
# Capitals, an optional ", State", an optional "(AP)", then a dash: "MOSUL (AP) —", "COLUMBUS, Ohio --".
_OPENING_DATELINE = re.compile(
    r"(?:^|(?<=\s))([A-Z][A-Z'’.]{2,}(?:[ -][A-Z][A-Z'’.]+){0,3})(?:,\s+[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"\s*(?:\([A-Za-z .]+\)\s*)?(?:--|[–—-])\s"
)
_DIRECTION_WORDS = frozenset(
    "north south east west northern southern eastern western northeast northwest southeast southwest northeastern "
    "northwestern southeastern southwestern central upper lower greater downtown historic".split()
)
# First words of many place names that are no place on their own ("Fort Hood", "Abu Ghraib", "Lake Lanier").
_NAME_HEADS = frozenset(
    "fort mount mt lake port camp cape point saint st san santa new old abu al el bin ibn umm bir tell ras wadi jebel "
    "jabal bab dar beit ain sidi".split()
)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    label: str
    candidates: list[GazEntry] = field(default_factory=list)
    chosen: GazEntry | None = None
    key: str = ""
    sense: int | None = None


def _candidates(gazetteer: Gazetteer, text: str) -> list[GazEntry]:
    found = gazetteer.lookup(text)
    if not found:
        shorter = _TRAILING_REGION_WORD.sub("", text)
        if shorter != text:
            found = gazetteer.lookup(shorter)
    found.sort(key=lambda entry: -entry.population)
    return found[:MAX_CANDIDATES]


def _area_candidates(gazetteer: Gazetteer, text: str) -> list[GazEntry]:
    """For a name the gazetteer lacks, the place it is part of: "North Texas" → Texas, "Catawba River" → Catawba,
    "Hamilton Township" → Hamilton (a leading direction word dropped, else up to two trailing words)."""
    words = text.split()
    if len(words) < 2:
        return []
    if words[0].lower() in _DIRECTION_WORDS:
        found = _candidates(gazetteer, " ".join(words[1:]))
        if found:
            return found
    for cut in (1, 2):
        head = words[: len(words) - cut]
        if head and head[-1][:1].isupper() and not (len(head) == 1 and head[0].lower().strip(".") in _NAME_HEADS):
            found = _candidates(gazetteer, " ".join(head))
            if found:
                return found
    return []


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the" and trailing punctuation from an entity span."""
    segment = text[start:end]
    lead = _LEADING_THE.match(segment)
    if lead:
        start += lead.end()
    possessive = _POSSESSIVE.search(text, start, end)
    if possessive and possessive.start() > start:
        end = possessive.start()
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING_JUNK):
        end -= 1
    return start, end


def _model_mentions(article: Article, doc: Doc, gazetteer: Gazetteer, cues: Cues) -> list[_Mention]:
    mentions = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start, end = _trimmed(article.text, ent.start_char, ent.end_char)
        if end <= start:
            continue
        text = article.text[start:end]
        if text.lower() in cues.not_places:
            continue
        candidates = _candidates(gazetteer, text)
        if not candidates:
            candidates = _area_candidates(gazetteer, text)
            label = "AREA" if candidates else ent.label_
        else:
            label = ent.label_
        mentions.append(_Mention(start, end, text, label, candidates))
    return mentions


def _find_dateline(article: Article) -> tuple[int, int] | None:
    """The span of the opening dateline: the one the cleaner found, else "MOSUL (AP) —"-style capitals at the top."""
    if article.dateline:
        start = article.text.find(article.dateline)
        return (start, start + len(article.dateline)) if start >= 0 else None
    match = _OPENING_DATELINE.search(article.text, 0, DATELINE_SEARCH_CHARS)
    return match.span(1) if match else None


def _dateline_mention(article: Article, gazetteer: Gazetteer, taken: Sequence[_Mention]) -> _Mention | None:
    """The opening dateline as a mention when the model did not tag it."""
    span = _find_dateline(article)
    if span is None:
        return None
    start, end = span
    if any(m.start < end and start < m.end for m in taken):
        return None
    text = article.text[start:end]
    candidates = _candidates(gazetteer, text)
    return _Mention(start, end, text, "DATELINE", candidates) if candidates else None


@dataclass(frozen=True)
class _StoryHints:
    """What the model's own place mentions say about the story, to judge names found inside other entities."""

    countries: Counter[str]
    admin1_codes: frozenset[str]
    names: frozenset[str]


def _story_hints(mentions: Sequence[_Mention], demonyms: Counter[str]) -> _StoryHints:
    countries: Counter[str] = Counter(m.candidates[0].country for m in mentions if m.candidates)
    countries.update(demonyms)
    admin1_codes = frozenset(
        c.admin1_code for m in mentions for c in m.candidates[:1] if c.admin1_code and c.feature != "country"
    )
    return _StoryHints(countries, admin1_codes, frozenset(normalize(m.text) for m in mentions))


def _is_strong(entry: GazEntry, text: str, hints: _StoryHints) -> bool:
    """Whether a name found inside another entity is worth a place mention (see `_embedded_mentions`):
    a country or first-level region; a "... County"; a city the story names elsewhere, or one in a region the story
    is about, or a big city of the story's country."""
    if entry.feature in ("country", "admin1", "continent", "region"):
        return True
    if entry.feature == "admin2":
        return bool(_TRAILING_REGION_WORD.search(text))
    if entry.country not in hints.countries:
        return False
    if normalize(text) in hints.names or entry.population >= BIG_CITY_POPULATION:
        return True
    return entry.admin1_code in hints.admin1_codes and entry.population >= EMBEDDED_MIN_POPULATION


def _person_name_parts(doc: Doc) -> set[str]:
    """Words that are part of a multi-word person name somewhere in the article ("Ripley" of "John Ripley")."""
    return {token.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for token in ent}


def _embedded_mentions(doc: Doc, gazetteer: Gazetteer, hints: _StoryHints, cues: Cues) -> list[_Mention]:
    """Place names inside ORG/PERSON entities: "the Mansfield Police Department", "Texas" mis-tagged as ORG.

    Longest capitalised n-grams first, without organisation words; an ORG may contain places anywhere, a PERSON only
    as its whole text, and never a word used in a longer person name elsewhere in the article.
    """
    person_parts = _person_name_parts(doc)
    found: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ not in RESCUE_LABELS or ent[-1].text.lower() in cues.media_words:
            continue
        if ent.label_ == "PERSON":
            if (
                len(ent) > 3
                or ent.text in person_parts
                or _TITLE_BEFORE.search(doc.text[max(0, ent.start_char - 20) : ent.start_char])
            ):
                continue
            spans = [(ent.start, ent.end)]
        else:
            spans = [(i, i + n) for i in range(ent.start, ent.end) for n in (3, 2, 1) if i + n <= ent.end]
        used_until = -1
        for first, last in spans:
            if first < used_until:
                continue
            tokens = doc[first:last]
            if tokens[0].lower_ == "the" or not all(
                t.text[:1].isupper() and t.text.lower().strip(".") not in cues.org_words for t in tokens
            ):
                continue
            text = tokens.text
            if text.lower() in cues.not_places or text in person_parts:
                continue
            candidates = [c for c in _candidates(gazetteer, text) if _is_strong(c, text, hints)]
            if candidates:
                found.append(_Mention(tokens.start_char, tokens.end_char, text, ent.label_, candidates))
                used_until = last
    return found


def _demonym_countries(doc: Doc, gazetteer: Gazetteer) -> Counter[str]:
    found: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ == "NORP":
            country = gazetteer.demonyms.get(normalize(ent.text))
            if country:
                found[country] += 1
    return found


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlam = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class _Context:
    countries: Counter[str]
    admin1s: Counter[str]
    centre: tuple[float, float] | None
    dateline_country: str | None
    total: float


def _context(mentions: Sequence[_Mention], skip: _Mention, demonyms: Counter[str], dateline: str | None) -> _Context:
    countries: Counter[str] = Counter()
    admin1s: Counter[str] = Counter()
    points = []
    for mention in mentions:
        chosen = mention.chosen
        if mention is skip or chosen is None or mention.key == skip.key or not chosen.country:
            continue
        countries[chosen.country] += 1
        if chosen.admin1_code:
            admin1s[chosen.admin1_code] += 1
        if chosen.feature in ("city", "admin2", "admin1"):
            points.append((chosen.lat, chosen.lon))
    for country, count in demonyms.items():
        countries[country] += DEMONYM_WEIGHT * count  # type: ignore[assignment]
    total = sum(countries.values())
    centre = _median_point(points) if points else None
    return _Context(countries, admin1s, centre, dateline, total)


def _median_point(points: Sequence[tuple[float, float]]) -> tuple[float, float]:
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    return lats[len(lats) // 2], lons[len(lons) // 2]


def _container(mentions: Sequence[_Mention], index: int, text: str) -> _Mention | None:
    """The mention right after ", " that may contain this one: "Pandi, Bulacan", "Hilla, Iraq"."""
    if index + 1 >= len(mentions):
        return None
    mention, following = mentions[index], mentions[index + 1]
    between = text[mention.end : following.start]
    return following if re.fullmatch(r",\s*", between) else None


def _inside(entry: GazEntry, container: GazEntry) -> bool:
    if container.feature == "country":
        return entry.country == container.country
    if container.feature == "admin1":
        return entry.admin1_code is not None and entry.admin1_code == container.admin1_code
    return _distance_km(entry.lat, entry.lon, container.lat, container.lon) < 100


def _score(
    entry: GazEntry, mention: _Mention, context: _Context, container: _Mention | None, region_word: bool
) -> float:
    score = math.log10(entry.population + 10) + FEATURE_BONUS.get(entry.feature, 0.0)
    if entry.population >= EXONYM_MIN_POPULATION or normalize(entry.name) == mention.key:
        score += PRIMARY_NAME_BONUS  # alternate names of small places are often old or rare ("Paris" for Swainsboro)
    if mention.sense == entry.index:
        score += NEWS_SENSE_BONUS
    if context.total:
        score += COUNTRY_CONTEXT_WEIGHT * context.countries.get(entry.country, 0) / context.total
        if entry.admin1_code and entry.feature != "country":
            share = context.admin1s.get(entry.admin1_code, 0) / context.total
            score += ADMIN1_CONTEXT_WEIGHT * min(1.0, 2 * share)
    if context.dateline_country == entry.country:
        score += DATELINE_COUNTRY_BONUS
    if container is not None and any(_inside(entry, c) for c in container.candidates[:3]):
        score += CONTAINER_BONUS
    if region_word and entry.feature in ("admin1", "admin2"):
        score += REGION_WORD_BONUS
    if context.centre is not None and entry.feature in ("city", "admin2", "admin1", "country"):
        distance = _distance_km(entry.lat, entry.lon, *context.centre)
        score += DISTANCE_WEIGHT * math.exp(-distance / DISTANCE_SCALE_KM)
    return score


def _prefer_city_over_own_region(
    scored: list[tuple[float, GazEntry]], region_word: bool
) -> list[tuple[float, GazEntry]]:
    """A city and the region around it named after it ("Basra", "Mosul"): the bare name means the city.

    Only when the region's point lies near the city, so that "New York" (a state whose centre is far from the city)
    is left to the other evidence.
    """
    if region_word:
        return scored
    regions = [e for _, e in scored if e.feature in ("admin1", "admin2")]
    return [
        (s + CITY_OVER_OWN_REGION_BONUS if e.feature == "city" and any(_is_own_region(e, r) for r in regions) else s, e)
        for s, e in scored
    ]


def _is_own_region(city: GazEntry, region: GazEntry) -> bool:
    return city.admin1_code == region.admin1_code and (
        _distance_km(city.lat, city.lon, region.lat, region.lon) <= OWN_REGION_KM
    )


def _resolve(mentions: list[_Mention], text: str, demonyms: Counter[str], cues: Cues, dateline: str | None) -> None:
    """Two rounds: a context-free pick, then a pick that sees the rest of the story's first-round picks."""
    for mention in mentions:
        mention.chosen = mention.candidates[0] if mention.candidates else None
    for _round in range(2):
        picks: list[GazEntry | None] = []
        for index, mention in enumerate(mentions):
            if not mention.candidates:
                picks.append(None)
                continue
            context = _context(mentions, mention, demonyms, dateline)
            container = _container(mentions, index, text)
            region_word = bool(cues.region_after.match(text[mention.end : mention.end + 20]))
            scored = [(_score(c, mention, context, container, region_word), c) for c in mention.candidates]
            scored = _prefer_city_over_own_region(scored, region_word)
            picks.append(max(scored, key=lambda pair: pair[0])[1])
        for mention, pick in zip(mentions, picks, strict=True):
            mention.chosen = pick


def _to_place(mention: _Mention) -> Place:
    entry = mention.chosen
    if entry is None:
        return Place(text=mention.text, start=mention.start, end=mention.end)
    if mention.label == "AREA":  # part of, or next to, the named place: its point, but not its id or feature
        return Place(
            text=mention.text,
            start=mention.start,
            end=mention.end,
            name=entry.name,
            lat=round(entry.lat, 5),
            lon=round(entry.lon, 5),
            country=entry.country or None,
            admin1=entry.admin1,
            feature="area",
        )
    return Place(
        text=mention.text,
        start=mention.start,
        end=mention.end,
        name=entry.name,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        country=entry.country or None,
        admin1=entry.admin1,
        geonameid=entry.geonameid,
        feature=entry.feature,
    )


def _story_town(mentions: Sequence[_Mention]) -> GazEntry | None:
    """The story's most mentioned town (ties: the first), where its unresolved streets and buildings are."""
    towns = Counter(m.chosen.index for m in mentions if m.chosen is not None and m.chosen.feature == "city")
    if not towns:
        return None
    best = max(towns.values())
    return next(m.chosen for m in mentions if m.chosen is not None and towns[m.chosen.index] == best)


def _facility_place(mention: _Mention, town: GazEntry | None) -> Place:
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


def find_places(article: Article, doc: Doc, *, gazetteer: Gazetteer) -> list[Place]:
    """Find and geocode every place mention. Reads: Doc entities, Article.dateline. Writes: Place (sorted by start)."""
    if not article.text or not doc.has_annotation("ENT_IOB"):
        return []
    cues = load_cues()
    mentions = _model_mentions(article, doc, gazetteer, cues)
    dateline = _dateline_mention(article, gazetteer, mentions)
    if dateline is not None:
        mentions.append(dateline)
    demonyms = _demonym_countries(doc, gazetteer)
    mentions += _embedded_mentions(doc, gazetteer, _story_hints(mentions, demonyms), cues)
    mentions.sort(key=lambda m: m.start)
    for mention in mentions:
        mention.key = normalize(mention.text)
        mention.sense = gazetteer.news_senses.get(mention.key)
    span = _find_dateline(article)
    lead = next((m for m in mentions if span and m.start <= span[0] < m.end), None)
    dateline_country = lead.candidates[0].country if lead and lead.candidates else None
    _resolve(mentions, article.text, demonyms, cues, dateline_country)
    town = _story_town(mentions)
    return [_facility_place(m, town) if m.label == "FAC" and m.chosen is None else _to_place(m) for m in mentions]
