"""Incident-level scoring shared by the gun-violence suites (gvc, gvdb): per article, the main violent event's
killed and injured counts, date and place against one gold incident.

The main event, and what it says (dateline has no article-level incident record, so the suites build one):
 1. killed / injured: per category, the first figure the article gives (casualties stage run on every sentence:
    news leads with the incident's toll; later figures are often background), and 0 when no sentence gives one.
    Left out: sentences the events stage marks as historical or hypothetical; statistics: sentences with a time
    expression of a month or more (a duration, or a whole year: "eight children shot in the past 17 months") or a
    plural incident noun ("injured in those shootings"); and, once someone was killed, single people only said to
    be "shot" or "stabbed" (the victim who died was shot too: "X was shot ... X died"); when no figure says
    anyone was killed but words do ("a fatal shooting", "died", "homicide", "is dead"), 1 killed, and a single
    victim only said to be shot is that one, not an injured one; and once k people were killed, a figure of at
    most k only said to be shot, stabbed or "found shot" in a sentence without a killed figure tells how the dead
    died ("four people were found shot in the head"), not that others were hurt;
 2. date: the earliest of the days violent events (events stage: ASSAULT or an ACLED violent type, not negated,
    hypothetical or historical) are dated to by the text and the days named in the week before publication
    (incident reports name the day: "police responded on Friday evening"), none after the publication date
    (follow-up reports date arrests and hearings after the incident); else the first day any time expression
    names, not after the publication date; else the publication date;
 3. place: the first violent event's location that is a place (a city or village, not a province or country),
    else the first geocoded city in the text that is not a street name ("the 300 block of Madrid"), else the first
    violent event's location of any precision; a town read in the region (else country) most of the story's other
    places lie in when the places stage chose a namesake elsewhere ("Caledonia" near Rochester, New York); but
    when the text names a town's police or a county's sheriff ("Salina police said"), that town when the choice is
    more than 50 km from it (the names of small towns and big-city neighbourhoods are often resolved to a namesake
    elsewhere), that county when there is no choice.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from dateline import clean, nlp, pipeline
from dateline.casualties import CasualtyFigure, CasualtyTerms, find_casualty_figures, total_casualties
from dateline.evaluation.scoring import EARTH_RADIUS_KM
from dateline.places import PlaceKnowledge, locate
from dateline.places.gazetteer import Gazetteer
from dateline.records import Article, Count, Event, Extraction, Location, Place, RawDocument, TimeExpr
from dateline.settings import Settings

log = logging.getLogger(__name__)

VIOLENT_ACLED = frozenset({"Battles", "Violence against civilians", "Explosions/Remote violence"})
# Verbs that say how someone was hurt, not whether they survived.
_MANNER_VERBS = frozenset({"shoot", "stab"})
# ... and "found" (shot, stabbed): how victims were found, said of the dead as often as of the hurt.
_HOW_THE_DEAD_DIED = _MANNER_VERBS | {"find"}
_INCIDENT_NOUNS = frozenset({"shooting", "attack", "incident", "homicide", "killing", "murder", "bombing", "clash"})
# Words that say someone died, whoever it was.
_DEATH_WORDS = frozenset({"fatal", "fatally", "deadly", "die", "homicide", "murder", "dead"})
# How many days before publication a named day may be the incident's (a weekly paper reports last week's news).
RECENT_DAYS = 7
# The suites' threshold for a correct place (the issue's "within 50 km of the incident").
LOCATION_KM = 50.0


@dataclass(frozen=True, slots=True)
class GoldIncident:
    doc_id: str
    text: str
    title: str | None
    published: str | None
    killed: int
    injured: int
    date: str | None  # YYYY-MM-DD
    lat: float | None
    lon: float | None
    city: str | None


@dataclass(frozen=True, slots=True)
class Prediction:
    killed: int
    injured: int
    date: str | None
    lat: float | None
    lon: float | None
    place: str | None  # the place's name and the words it came from, for the city-string comparison
    failed: bool = False


def _violent(event: Event) -> bool:
    if event.factuality.negated or event.factuality.hypothetical or event.factuality.historical:
        return False
    return event.type == "ASSAULT" or (event.acled is not None and event.acled.event_type in VIOLENT_ACLED)


def _excluded_spans(extraction: Extraction) -> list[tuple[int, int]]:
    """Sentences the events stage judged historical or hypothetical: their figures are not this incident's."""
    return [
        (event.evidence.start, event.evidence.end)
        for event in extraction.events
        if event.factuality.historical or event.factuality.hypothetical
    ]


def _shot_and_died(figure: CasualtyFigure) -> bool:
    """A single named person only said to be shot or stabbed, in an article where someone died."""
    single = figure.count.best == 1 and not any(ch.isdigit() for ch in figure.text) and figure.text.isalpha()
    return figure.category == "injured" and figure.governor.lemma_ in _MANNER_VERBS and single


def _first(counts: Sequence[Count | None]) -> int:
    return next((count.best for count in counts if count is not None), 0)


def _about_many_incidents(sentence: Span) -> bool:
    """ "injured in those shootings", "the city's homicides": figures over many incidents, not one."""
    return any(token.tag_ == "NNS" and token.lemma_.lower() in _INCIDENT_NOUNS for token in sentence)


def _statistic(expression: TimeExpr) -> bool:
    """A time expression of a month or more: figures next to it are statistics, not one incident's."""
    if expression.type == "DURATION":
        return bool(re.fullmatch(r"P(?:\d+|X)[MYE]|P\d+DE|P\d+CE", expression.value))
    return expression.type == "DATE" and bool(re.fullmatch(r"\d{4}", expression.value))


def _casualty_totals(doc: Doc, extraction: Extraction, terms: CasualtyTerms) -> tuple[int, int]:
    excluded = _excluded_spans(extraction)
    excluded += [(t.start, t.end) for t in extraction.times if _statistic(t)]
    sentences = [
        (sentence, find_casualty_figures(sentence, terms=terms))
        for sentence in doc.sents
        if not _about_many_incidents(sentence)
        and not any(sentence.start_char <= start < sentence.end_char for start, _ in excluded)
        and not any(start <= sentence.start_char < end for start, end in excluded)
    ]
    someone_killed = any(f.category == "killed" and f.count.best > 0 for _, figures in sentences for f in figures)
    if someone_killed:
        sentences = [(sentence, [f for f in figures if not _shot_and_died(f)]) for sentence, figures in sentences]
    first_killed = _first([total_casualties(figures).killed for _, figures in sentences])
    injured = [total_casualties(_without_the_dead(figures, first_killed)).injured for _, figures in sentences]
    first_injured = _first(injured)
    if not someone_killed and any(_says_someone_died(sentence) for sentence, _ in sentences):
        single_shot = [f for _, figures in sentences for f in figures if _shot_and_died(f)]
        return 1, first_injured - 1 if single_shot and first_injured == 1 else first_injured
    return first_killed, first_injured


def _without_the_dead(figures: list[CasualtyFigure], killed: int) -> list[CasualtyFigure]:
    """Once the article says `killed` people died, a figure of at most that many only said to be shot, stabbed or
    "found shot", in a sentence without a killed figure of its own, tells how the dead died ("four people were found
    shot in the head"), not that others were hurt."""
    if killed <= 0 or any(f.category == "killed" for f in figures):
        return figures
    return [f for f in figures if not (f.category == "injured" and f.governor.lemma_ in _HOW_THE_DEAD_DIED
                                       and 0 < f.count.best <= killed)]  # fmt: skip


def _says_someone_died(sentence: Span) -> bool:
    """Words that say the incident was deadly without a victim the figures caught: "a fatal shooting", "a homicide",
    "died"."""
    for token in sentence:
        lemma = token.lemma_.lower()
        negated = any(child.dep_ == "neg" for child in token.children)
        if lemma in _DEATH_WORDS and not negated:
            return True
    return False


def _day(value: str, published: str | None) -> str | None:
    """The day of a value ("2015-05-17" or "2015-05-17T18:00"), if it is not after the publication date."""
    day = value[:10]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) or (published and day > published[:10]):
        return None
    return day


def _within_week(day: str, published: str | None) -> bool:
    """A day in the week before publication: incident reports name the day it happened ("on Friday evening")."""
    if not published:
        return True
    return 0 <= (date.fromisoformat(published[:10]) - date.fromisoformat(day)).days <= RECENT_DAYS


def _date(article: Article, violent: Sequence[Event], times: Sequence[TimeExpr]) -> str | None:
    event_days = [
        day
        for event in violent
        if event.date is not None and event.date.text is not None and event.date.precision == "day"
        if (day := _day(event.date.value, article.published)) is not None
    ]
    recent = [
        day
        for t in times
        if t.type in ("DATE", "TIME")
        if (day := _day(t.value, article.published)) is not None and _within_week(day, article.published)
    ]
    if event_days or recent:
        return min(event_days + recent)
    named = (_day(t.value, article.published) for t in times if t.type in ("DATE", "TIME"))
    return next((day for day in named if day is not None), article.published)


def _named(place: Place | Location) -> str:
    return " ".join(filter(None, (place.name, place.text)))


def _near(first: Place | Location, second: Place) -> bool:
    if first.lat is None or first.lon is None or second.lat is None or second.lon is None:
        return False
    return distance_km(first.lat, first.lon, second.lat, second.lon) <= LOCATION_KM


def _place(
    article: Article,
    violent: Sequence[Event],
    places: Sequence[Place],
    knowledge: PlaceKnowledge,
    gazetteer: Gazetteer | None = None,
) -> tuple[float | None, float | None, str | None]:
    located = [event.location for event in violent if event.location is not None and event.location.lat is not None]
    towns = [
        p
        for p in places
        if p.lat is not None and p.feature == "city" and not locate.is_street(article, p, knowledge=knowledge)
    ]
    chosen: Place | Location | None = next((loc for loc in located if loc.precision == "place"), None)
    chosen = chosen or next(iter(towns), None) or next(iter(located), None)
    if gazetteer is not None and chosen is not None:
        chosen = _in_story_region(chosen, places, gazetteer)
    police = locate.jurisdiction_place(article, places, knowledge=knowledge)
    if police is not None and (chosen is None or _overrules(police, chosen)):
        chosen = police
    if chosen is None:
        return None, None, None
    return chosen.lat, chosen.lon, _named(chosen)


def _overrules(police: Place, chosen: Place | Location) -> bool:
    """The town whose police the text names, against a choice more than 50 km away in the same country (a town
    abroad is a misread word: "Metro police")."""
    return police.feature == "city" and police.country == chosen.country and not _near(chosen, police)


def _in_story_region(chosen: Place | Location, places: Sequence[Place], gazetteer: Gazetteer) -> Place | Location:
    """The chosen town read in the region the rest of the story lies in (locate.story_sense)."""
    place = chosen if isinstance(chosen, Place) else next((p for p in places if p.geonameid == chosen.geonameid
                                                            and p.geonameid is not None), None)  # fmt: skip
    if place is None or place.feature != "city":
        return chosen
    return locate.story_sense(place, places, gazetteer)


def predict(
    article: Article,
    doc: Doc,
    extraction: Extraction,
    *,
    place_knowledge: PlaceKnowledge,
    casualty_terms: CasualtyTerms,
    gazetteer: Gazetteer | None = None,
) -> Prediction:
    """The main violent event's figures, date and place (see the module docstring for the rule)."""
    violent = sorted((e for e in extraction.events if _violent(e)), key=lambda e: e.evidence.start)
    killed, injured = _casualty_totals(doc, extraction, casualty_terms)
    lat, lon, place = _place(article, violent, extraction.places, place_knowledge, gazetteer)
    return Prediction(killed, injured, _date(article, violent, extraction.times), lat, lon, place)


def predict_all(incidents: Sequence[GoldIncident], settings: Settings) -> list[Prediction]:
    """Run dateline on every gold article (cleaned and parsed as `dateline extract` does) and predict its incident."""
    resources = pipeline.load_resources(settings)
    articles: list[Article | None] = []
    for incident in incidents:
        raw = RawDocument(origin=incident.doc_id, text=incident.text, id=incident.doc_id, title=incident.title,
                          published=incident.published)  # fmt: skip
        try:
            articles.append(clean.clean_document(raw, max_chars=settings.max_chars, knowledge=resources.clean))
        except clean.BadDocumentError:
            log.warning("could not clean %s", incident.doc_id)
            articles.append(None)
    texts = [article.text for article in articles if article is not None]
    docs = iter(nlp.parse_texts(resources.nlp, texts, batch_size=settings.batch_size))
    predictions = []
    for article in articles:
        if article is None:
            predictions.append(Prediction(0, 0, None, None, None, None, failed=True))
            continue
        doc = next(docs)
        extraction = pipeline.analyse(article, doc, resources)
        predictions.append(
            predict(
                article,
                doc,
                extraction,
                place_knowledge=resources.places,
                casualty_terms=resources.casualties,
                gazetteer=resources.places.gazetteer,
            )
        )
    return predictions


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _count_scores(gold: Sequence[int], predicted: Sequence[int]) -> dict[str, float | int]:
    pairs = list(zip(gold, predicted, strict=True))
    return {
        "exact": _ratio(sum(g == p for g, p in pairs), len(pairs)),
        "mae": sum(abs(g - p) for g, p in pairs) / len(pairs) if pairs else 0.0,
        "n": len(pairs),
    }


def _city_match(city: str, place: str | None) -> bool:
    """The gold city and the predicted place name share their words (case-insensitive containment)."""
    if not place:
        return False
    gold, found = city.lower().strip(), place.lower()
    return bool(gold) and (gold in found or any(word and word in gold.split() for word in found.split()))


def score(incidents: Sequence[GoldIncident], predictions: Sequence[Prediction]) -> dict[str, object]:
    """Killed/injured exact accuracy and MAE, date exact accuracy, location within 50 km, city match; with the
    constant baselines (1 killed, 0 injured) for context."""
    dated = [(i.date, p.date) for i, p in zip(incidents, predictions, strict=True) if i.date]
    located = [(i, p) for i, p in zip(incidents, predictions, strict=True) if i.lat is not None and i.lon is not None]
    near = sum(
        1
        for i, p in located
        if p.lat is not None and p.lon is not None and distance_km(i.lat or 0, i.lon or 0, p.lat, p.lon) <= LOCATION_KM
    )
    cities = [(i.city, p.place) for i, p in zip(incidents, predictions, strict=True) if i.city]
    return {
        "articles": len(incidents),
        "failed": sum(p.failed for p in predictions),
        "killed": _count_scores([i.killed for i in incidents], [p.killed for p in predictions]),
        "injured": _count_scores([i.injured for i in incidents], [p.injured for p in predictions]),
        "baseline_killed_1": _count_scores([i.killed for i in incidents], [1] * len(incidents)),
        "baseline_injured_0": _count_scores([i.injured for i in incidents], [0] * len(incidents)),
        "date": {"exact": _ratio(sum(g == p for g, p in dated), len(dated)), "n": len(dated)},
        "location": {"within_50km": _ratio(near, len(located)), "n": len(located)},
        "city": {"match": _ratio(sum(_city_match(c or "", p) for c, p in cities), len(cities)), "n": len(cities)},
    }


def table(suite: str, scores: dict[str, object]) -> str:
    """The scores as a small fixed-width table."""

    def get(key: str, field: str) -> float | int:
        section = scores[key]
        return section[field] if isinstance(section, dict) else 0

    rows = [
        ("killed exact", get("killed", "exact"), get("killed", "n")),
        ("killed MAE", get("killed", "mae"), get("killed", "n")),
        ("injured exact", get("injured", "exact"), get("injured", "n")),
        ("injured MAE", get("injured", "mae"), get("injured", "n")),
        ("baseline 1 killed exact", get("baseline_killed_1", "exact"), get("baseline_killed_1", "n")),
        ("baseline 0 injured exact", get("baseline_injured_0", "exact"), get("baseline_injured_0", "n")),
        ("date exact day", get("date", "exact"), get("date", "n")),
        ("location within 50 km", get("location", "within_50km"), get("location", "n")),
        ("city string match", get("city", "match"), get("city", "n")),
    ]
    lines = [f"{suite:<26}  {'score':>7}  {'n':>5}", f"{'-' * 26}  {'-' * 7}  {'-' * 5}"]
    lines += [f"{name:<26}  {value:>7.3f}  {n:>5}" for name, value, n in rows]
    return "\n".join(lines)
