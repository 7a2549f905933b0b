"""Incident-level scoring shared by the gun-violence suites (gvc, gvdb): each article's main event, as `dateline
extract` prints it (`article.main_event_id`, chosen by the story stage), against the one gold incident the article
reports: killed and injured (the main event's best figures; none is 0), date (its day), place (its coordinates
within 50 km, and its name against the gold city).

Nothing here adds to what the product outputs: an article whose record names no main event is scored as 0 killed,
0 injured, no date and no place.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from dateline.evaluation import extract
from dateline.evaluation.data import PARTS, part_of
from dateline.evaluation.scoring import format_table, haversine_km
from dateline.records import Count, Event, Extraction, RawDocument
from dateline.settings import Settings

log = logging.getLogger(__name__)

# The suites' threshold for a correct place (the issue's "within 50 km of the incident").
LOCATION_KM = 50.0


@dataclass(frozen=True, slots=True)
class GoldIncident:
    doc_id: str
    text: str
    title: str | None
    published: str | None
    killed: int | None  # None where the gold does not say (GVDB's tokenised release has no victim states)
    injured: int | None
    date: str | None  # YYYY-MM-DD
    lat: float | None
    lon: float | None
    city: str | None
    split: str = ""


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the article's record says of its main event."""

    killed: int
    injured: int
    date: str | None
    lat: float | None
    lon: float | None
    place: str | None  # the location's name and the words it came from, for the city-string comparison
    failed: bool = False  # the article could not be read (empty record)
    no_main_event: bool = False


def main_event(extraction: Extraction) -> Event | None:
    """The event the record names as the article's main event, if any."""
    wanted = extraction.article.main_event_id
    return next((event for event in extraction.events if event.id == wanted), None) if wanted else None


def _best(count: Count | None) -> int:
    return count.best if count is not None else 0


def predict(extraction: Extraction) -> Prediction:
    """The main event's figures, day and place, read off the record."""
    if not extraction.article.text:
        return Prediction(0, 0, None, None, None, None, failed=True)
    event = main_event(extraction)
    if event is None:
        return Prediction(0, 0, None, None, None, None, no_main_event=True)
    day = event.date.value if event.date is not None and event.date.precision == "day" else None
    location = event.location
    place = " ".join(filter(None, (location.name, location.text))) if location is not None else None
    return Prediction(
        killed=_best(event.casualties.killed),
        injured=_best(event.casualties.injured),
        date=day,
        lat=location.lat if location is not None else None,
        lon=location.lon if location is not None else None,
        place=place or None,
    )


def extract_incidents(incidents: Sequence[GoldIncident], settings: Settings) -> list[Extraction]:
    """Run `dateline extract` (in this process) on every gold article, given as {id, title, published, text}."""
    raws = [
        RawDocument(origin=i.doc_id, text=i.text, id=i.doc_id, title=i.title, published=i.published) for i in incidents
    ]
    return list(extract(raws, settings))


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _count_scores(pairs: Sequence[tuple[int, int]]) -> dict[str, float | int]:
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
    pairs = list(zip(incidents, predictions, strict=True))
    killed = [(i.killed, p.killed) for i, p in pairs if i.killed is not None]
    injured = [(i.injured, p.injured) for i, p in pairs if i.injured is not None]
    dated = [(i.date, p.date) for i, p in pairs if i.date]
    located = [(i, p) for i, p in pairs if i.lat is not None and i.lon is not None]
    near = sum(
        1
        for i, p in located
        if p.lat is not None and p.lon is not None and haversine_km(i.lat or 0, i.lon or 0, p.lat, p.lon) <= LOCATION_KM
    )
    cities = [(i.city, p.place) for i, p in pairs if i.city]
    return {
        "articles": len(incidents),
        "failed": sum(p.failed for p in predictions),
        "no_main_event": sum(p.no_main_event for p in predictions),
        "killed": _count_scores(killed),
        "injured": _count_scores(injured),
        "baseline_killed_1": _count_scores([(gold, 1) for gold, _ in killed]),
        "baseline_injured_0": _count_scores([(gold, 0) for gold, _ in injured]),
        "date": {"exact": _ratio(sum(g == p for g, p in dated), len(dated)), "n": len(dated)},
        "location": {"within_50km": _ratio(near, len(located)), "n": len(located)},
        "city": {"match": _ratio(sum(_city_match(c or "", p) for c, p in cities), len(cities)), "n": len(cities)},
    }


def score_with_parts(incidents: Sequence[GoldIncident], predictions: Sequence[Prediction]) -> dict[str, object]:
    """`score` over all articles, and under "parts" over each half (tune, check) of the articles scored."""
    scores = score(incidents, predictions)
    parts = {}
    for part in PARTS:
        kept = [(i, p) for i, p in zip(incidents, predictions, strict=True) if part_of(i.doc_id) == part]
        if kept and len(kept) < len(incidents):
            parts[part] = score([i for i, _ in kept], [p for _, p in kept])
    return {**scores, "parts": parts} if parts else scores


ROWS = (
    ("killed exact", "killed", "exact"),
    ("killed MAE", "killed", "mae"),
    ("injured exact", "injured", "exact"),
    ("injured MAE", "injured", "mae"),
    ("baseline 1 killed exact", "baseline_killed_1", "exact"),
    ("baseline 0 injured exact", "baseline_injured_0", "exact"),
    ("date exact day", "date", "exact"),
    ("location within 50 km", "location", "within_50km"),
    ("city string match", "city", "match"),
)


def table(suite: str, scores: dict[str, object]) -> str:
    """The scores as a small fixed-width table, with a column per half when both were scored."""
    parts = scores.get("parts")
    columns: list[tuple[str, dict[str, object]]] = [("all", scores)]
    if isinstance(parts, dict):
        columns += [(name, part) for name, part in parts.items()]

    def cell(section: dict[str, object], key: str, field: str) -> object:
        """A score, or None (shown as "-") where no article had the gold to score it."""
        values = section.get(key)
        return values.get(field) if isinstance(values, dict) and values.get("n") else None

    headers = [suite]
    for name, _ in columns:
        headers += [name, "n"] if len(columns) > 1 else ["score", "n"]
    rows = [
        [label, *(value for _, section in columns for value in (cell(section, key, field), cell(section, key, "n")))]
        for label, key, field in ROWS
    ]
    no_main = [f"{section.get('no_main_event')}" for _, section in columns]
    rows.append(["articles with no main event", *(value for count in no_main for value in (count, ""))])
    return format_table(headers, rows)
