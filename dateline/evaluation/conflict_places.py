"""Places of today's wars (issue 20): short news sentences written for dateline about ~120 towns of armed conflict
since 2011 (eval/conflict_places/: places.tsv, sentences.tsv and the script that writes them), each with the town's
coordinates. Every sentence goes through `dateline extract` with its publication date; scored are:

- town recognised: a mention in `places[]` overlaps the town's name in the sentence;
- town geocoded within 30 km: that mention's point lies within 30 km of the town;
- event placed within 30 km: the sentence's main event (`article.main_event_id`, else its first event) has a
  location within 30 km of the town (a sentence without an event counts as not placed);
- events with no location, and events placed at a country or province (geo_precision 3) for a sentence that names
  the town.

By sentence kind too (shelling, clash, strike, country: the town with its country, or as a wire dateline). The
sentences follow twelve shapes; the held-back check of issue 20 uses other shapes, so read the figures as a floor
check, not as a measure of the shapes it never saw.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from dateline.evaluation import Direction, SuiteResult, extract
from dateline.evaluation.data import EVERYTHING, NoGoldDataError, Selection
from dateline.evaluation.scoring import format_table, haversine_km
from dateline.records import Event, Extraction, RawDocument
from dateline.settings import Settings

SENTENCES_FILE = "sentences.tsv"
WITHIN_KM = 30.0
HEADLINE: dict[str, Direction] = {
    "all.recognised": "higher",
    "all.geocoded_30km": "higher",
    "all.placed_30km": "higher",
}


@dataclass(frozen=True)
class GoldSentence:
    id: str
    kind: str
    text: str
    published: str
    town: str
    country: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Judgement:
    kind: str
    recognised: bool
    geocoded: bool
    placed: bool
    no_location: bool
    coarse: bool


def read_sentences(path: Path, selection: Selection = EVERYTHING) -> list[GoldSentence]:
    file = path / SENTENCES_FILE
    if not file.is_file():
        raise NoGoldDataError(f"{path}: nothing to score: no {SENTENCES_FILE}")
    with file.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    gold = [
        GoldSentence(
            row["id"],
            row["kind"],
            row["text"],
            row["published"],
            row["town"],
            row["country"],
            float(row["lat"]),
            float(row["lon"]),
        )
        for row in rows
    ]
    return selection.items(gold, lambda sentence: sentence.id, path)


def _town_span(sentence: GoldSentence) -> tuple[int, int]:
    start = sentence.text.lower().find(sentence.town.lower())
    return (start, start + len(sentence.town)) if start >= 0 else (-1, -1)


def _main_event(extraction: Extraction) -> Event | None:
    wanted = extraction.article.main_event_id
    found = next((event for event in extraction.events if event.id == wanted), None)
    return found or next(iter(extraction.events), None)


def _near(sentence: GoldSentence, lat: float | None, lon: float | None) -> bool:
    return lat is not None and lon is not None and haversine_km(sentence.lat, sentence.lon, lat, lon) <= WITHIN_KM


def judge(sentence: GoldSentence, extraction: Extraction) -> Judgement:
    start, end = _town_span(sentence)
    mentions = [place for place in extraction.places if place.start < end and start < place.end]
    event = _main_event(extraction)
    location = event.location if event is not None else None
    return Judgement(
        kind=sentence.kind,
        recognised=bool(mentions),
        geocoded=any(_near(sentence, place.lat, place.lon) for place in mentions),
        placed=location is not None and _near(sentence, location.lat, location.lon),
        no_location=event is not None and location is None,
        coarse=location is not None and location.geo_precision == 3,
    )


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _scores(judgements: Sequence[Judgement]) -> dict[str, float | int]:
    return {
        "recognised": _ratio(sum(j.recognised for j in judgements), len(judgements)),
        "geocoded_30km": _ratio(sum(j.geocoded for j in judgements), len(judgements)),
        "placed_30km": _ratio(sum(j.placed for j in judgements), len(judgements)),
        "no_location": _ratio(sum(j.no_location for j in judgements), len(judgements)),
        "coarse": _ratio(sum(j.coarse for j in judgements), len(judgements)),
        "n": len(judgements),
    }


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Score recognition, geocoding and the event's place on every selected sentence."""
    sentences = read_sentences(path, selection)
    raws = [RawDocument(origin=s.id, text=s.text, id=s.id, published=s.published) for s in sentences]
    judgements = [judge(s, x) for s, x in zip(sentences, extract(raws, settings), strict=True)]
    scores: dict[str, object] = {"all": _scores(judgements)}
    for kind in dict.fromkeys(j.kind for j in judgements):
        scores[kind] = _scores([j for j in judgements if j.kind == kind])
    rows = [
        (name, s["recognised"], s["geocoded_30km"], s["placed_30km"], s["no_location"], s["coarse"], s["n"])
        for name, s in scores.items()
        if isinstance(s, dict)
    ]
    headers = ("sentences", "town recognised", "geocoded <=30 km", "event <=30 km", "no place", "coarse", "n")
    notes = [
        selection.describe(["all"]),
        "targets (issue 20, held back, other sentence shapes): town recognised >= 0.95, "
        "event placed within 30 km >= 0.90",
    ]
    return SuiteResult("conflict_places", scores, format_table(headers, rows), notes, HEADLINE)
