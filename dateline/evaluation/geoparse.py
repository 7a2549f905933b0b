"""Shared by the lgl and geovirus suites: run the places stage on gold articles and score recognition and geocoding.

Recognition: P/R/F1 of predicted place spans against all gold toponym spans (one-to-one, overlapping spans match).
Geocoding: on the matched toponyms whose gold has coordinates, the great-circle error; a matched toponym that
dateline left without coordinates counts as the largest possible error (scoring.MAX_ERROR_KM).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from dateline import places
from dateline.evaluation.scoring import (
    MAX_ERROR_KM,
    PRF,
    format_table,
    geocoding_scores,
    haversine_km,
    match_spans,
)
from dateline.records import Article, Place
from dateline.settings import Settings


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True)
class GeoparseRun:
    predicted: list[list[Place]]
    seconds_parse: float
    seconds_places: float


def geoparse(articles: Sequence[GoldArticle], settings: Settings) -> GeoparseRun:
    """Parse the gold texts with dateline's pipeline and run the places stage on each (times kept apart)."""
    from dateline.nlp import parse_texts
    from dateline.pipeline import load_resources

    resources = load_resources(settings)
    started = time.perf_counter()
    docs = list(parse_texts(resources.nlp, (a.text for a in articles), batch_size=settings.batch_size))
    parsed = time.perf_counter()
    predicted = [
        places.find_places(Article(id=a.id, text=a.text), doc, gazetteer=resources.gazetteer)
        for a, doc in zip(articles, docs, strict=True)
    ]
    return GeoparseRun(predicted, parsed - started, time.perf_counter() - parsed)


@dataclass(frozen=True)
class GeoparseScores:
    recognition: PRF
    errors_km: list[float]
    unresolved: int


def score_geoparse(articles: Sequence[GoldArticle], predicted: Sequence[Sequence[Place]]) -> GeoparseScores:
    """Recognition P/R/F1 over all gold toponyms; geocoding errors on matched toponyms with gold coordinates."""
    recognition = PRF(0, 0, 0)
    errors: list[float] = []
    unresolved = 0
    for article, found in zip(articles, predicted, strict=True):
        gold_spans = [(t.start, t.end) for t in article.toponyms]
        pairs = match_spans([(p.start, p.end) for p in found], gold_spans, mode="overlap")
        recognition = recognition + PRF(len(pairs), len(found) - len(pairs), len(gold_spans) - len(pairs))
        for p_index, g_index in pairs:
            gold, place = article.toponyms[g_index], found[p_index]
            if gold.lat is None or gold.lon is None:
                continue
            if place.lat is None or place.lon is None:
                unresolved += 1
                errors.append(MAX_ERROR_KM)
            else:
                errors.append(haversine_km(gold.lat, gold.lon, place.lat, place.lon))
    return GeoparseScores(recognition, errors, unresolved)


def scores_json(scores: GeoparseScores, run: GeoparseRun, articles: int) -> dict[str, object]:
    return {
        "articles": articles,
        "recognition": scores.recognition.to_json(),
        "geocoding": {**geocoding_scores(scores.errors_km), "unresolved": scores.unresolved},
        "seconds": {"parse": round(run.seconds_parse, 2), "places": round(run.seconds_places, 2)},
    }


def scores_table(suite: str, scores: GeoparseScores, run: GeoparseRun) -> str:
    geo = geocoding_scores(scores.errors_km)
    rec = scores.recognition
    rows = [
        ("toponym precision (overlap)", rec.precision),
        ("toponym recall (overlap)", rec.recall),
        ("toponym F1 (overlap)", rec.f1),
        ("matched toponyms with gold coordinates", int(geo["count"])),
        ("Acc@161km", geo["acc_at_161"]),
        ("AUC of log error (lower is better)", geo["auc"]),
        ("mean error km", geo["mean_km"]),
        ("median error km", geo["median_km"]),
        ("matched but unresolved", scores.unresolved),
        ("seconds: parse (spaCy)", run.seconds_parse),
        ("seconds: places stage", run.seconds_places),
    ]
    return format_table(("measure", "value"), rows, title=f"{suite}: place recognition and geocoding")
