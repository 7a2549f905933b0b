"""Shared by the lgl and geovirus suites: run the places stage on gold articles and score recognition and geocoding.

Recognition: P/R/F1 of predicted place spans against all gold toponym spans (one-to-one, overlapping spans match).
Geocoding: on the matched toponyms whose gold has coordinates, the great-circle error; a matched toponym that
dateline left without coordinates counts as the largest possible error (scoring.MAX_ERROR_KM).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from dateline import places
from dateline.evaluation import Direction
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

HEADLINE: dict[str, Direction] = {
    "recognition.precision": "higher",
    "recognition.recall": "higher",
    "recognition.f1": "higher",
    "geocoding.acc_at_161": "higher",
    "geocoding.auc": "lower",
}
# Country- and continent-sized mentions, whose single point is a convention that gold data sets do not share.
BROAD_FEATURES = frozenset({"country", "continent", "region"})


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
        places.find_places(Article(id=a.id, text=a.text), doc, knowledge=resources.places)
        for a, doc in zip(articles, docs, strict=True)
    ]
    return GeoparseRun(predicted, parsed - started, time.perf_counter() - parsed)


@dataclass(frozen=True)
class GeoparseScores:
    recognition: PRF
    errors_km: list[float]
    unresolved: int
    broad_errors_km: list[float] = field(default_factory=list)  # matched mentions dateline resolved as BROAD_FEATURES
    finer_errors_km: list[float] = field(default_factory=list)  # the other matched mentions (admin1 and finer)
    recall_without_skipped: float | None = None  # recall over the gold spans `skip_gold` does not drop


def score_geoparse(
    articles: Sequence[GoldArticle],
    predicted: Sequence[Sequence[Place]],
    skip_gold: Callable[[str], bool] | None = None,
) -> GeoparseScores:
    """Recognition P/R/F1 over all gold toponyms; geocoding errors on matched toponyms with gold coordinates.

    `skip_gold(text)` names gold spans to leave out of a second recall figure (LGL's demonyms, which dateline does
    not count as place mentions).
    """
    recognition = PRF(0, 0, 0)
    errors: list[float] = []
    broad: list[float] = []
    finer: list[float] = []
    unresolved = 0
    kept: defaultdict[str, int] = defaultdict(int)
    for article, found in zip(articles, predicted, strict=True):
        gold_spans = [(t.start, t.end) for t in article.toponyms]
        pairs = match_spans([(p.start, p.end) for p in found], gold_spans, mode="overlap")
        recognition = recognition + PRF(len(pairs), len(found) - len(pairs), len(gold_spans) - len(pairs))
        matched = {g for _, g in pairs}
        for index, (start, end) in enumerate(gold_spans):
            if skip_gold is None or not skip_gold(article.text[start:end]):
                kept["gold"] += 1
                kept["found"] += index in matched
        for p_index, g_index in pairs:
            gold, place = article.toponyms[g_index], found[p_index]
            if gold.lat is None or gold.lon is None:
                continue
            error = (
                MAX_ERROR_KM
                if place.lat is None or place.lon is None
                else haversine_km(gold.lat, gold.lon, place.lat, place.lon)
            )
            unresolved += place.lat is None
            errors.append(error)
            (broad if place.feature in BROAD_FEATURES else finer).append(error)
    recall = kept["found"] / kept["gold"] if skip_gold is not None and kept["gold"] else None
    return GeoparseScores(recognition, errors, unresolved, broad, finer, recall)


def scores_json(scores: GeoparseScores, run: GeoparseRun, articles: int) -> dict[str, object]:
    recognition: dict[str, object] = dict(scores.recognition.to_json())
    if scores.recall_without_skipped is not None:
        recognition["recall_without_demonyms"] = scores.recall_without_skipped
    return {
        "articles": articles,
        "recognition": recognition,
        "geocoding": {**geocoding_scores(scores.errors_km), "unresolved": scores.unresolved},
        "geocoding_broad": geocoding_scores(scores.broad_errors_km),
        "geocoding_finer": geocoding_scores(scores.finer_errors_km),
        "seconds": {"parse": round(run.seconds_parse, 2), "places": round(run.seconds_places, 2)},
    }


def scores_table(suite: str, scores: GeoparseScores, run: GeoparseRun) -> str:
    geo = geocoding_scores(scores.errors_km)
    rec = scores.recognition
    extra = (
        []
        if scores.recall_without_skipped is None
        else [("recall without demonym gold", scores.recall_without_skipped)]
    )
    rows = [
        ("toponym precision (overlap)", rec.precision),
        ("toponym recall (overlap)", rec.recall),
        *extra,
        ("toponym F1 (overlap)", rec.f1),
        ("matched toponyms with gold coordinates", int(geo["count"])),
        ("Acc@161km", geo["acc_at_161"]),
        ("AUC of log error (lower is better)", geo["auc"]),
        ("mean error km", geo["mean_km"]),
        ("median error km", geo["median_km"]),
        ("matched but unresolved", scores.unresolved),
        ("Acc@161km, countries/continents/regions", geocoding_scores(scores.broad_errors_km)["acc_at_161"]),
        ("Acc@161km, admin1 and finer", geocoding_scores(scores.finer_errors_km)["acc_at_161"]),
        ("seconds: parse (spaCy)", run.seconds_parse),
        ("seconds: places stage", run.seconds_places),
    ]
    return format_table(("measure", "value"), rows, title=f"{suite}: place recognition and geocoding")
