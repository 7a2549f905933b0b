"""LGL (Lieberman et al. 2010): place recognition and geocoding on local US and world news.

Gold: `lgl.xml`, one <article> per news text with <toponym> spans (0-based character offsets) and, for most, a
GeoNames <gaztag> with lat/lon. Scores (see geoparse.py): toponym P/R/F1 with overlapping spans; on matched
toponyms with gold coordinates Acc@161km, AUC of the log error, mean and median error.
Published (Gritta et al. 2018): CamCoder Acc@161 0.76, AUC 0.22.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from dateline.evaluation import SuiteResult
from dateline.evaluation.data import EVERYTHING, NoGoldDataError, Selection
from dateline.evaluation.geoparse import (
    HEADLINE,
    GoldArticle,
    GoldToponym,
    geoparse,
    score_geoparse,
    scores_json,
    scores_table,
)
from dateline.places import load_gazetteer, normalize
from dateline.settings import Settings

GOLD_FILE = "lgl.xml"


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def read_lgl(path: Path, selection: Selection = EVERYTHING) -> tuple[list[GoldArticle], list[str]]:
    """The gold articles of lgl.xml of the chosen half, in file order (the first `limit` when given); the splits."""
    if not (path / GOLD_FILE).is_file():
        raise NoGoldDataError(f"{path}: nothing to score: no {GOLD_FILE}")
    splits = selection.splits(["lgl"], path, GOLD_FILE)
    root = ElementTree.parse(path / GOLD_FILE).getroot()
    articles: list[GoldArticle] = []
    for node in root.iter("article"):
        toponyms = []
        for toponym in node.iter("toponym"):
            gaztag = toponym.find("gaztag")
            lat = _float(gaztag.findtext("lat")) if gaztag is not None else None
            lon = _float(gaztag.findtext("lon")) if gaztag is not None else None
            start, end = int(toponym.findtext("start") or 0), int(toponym.findtext("end") or 0)
            toponyms.append(GoldToponym(start, end, lat, lon))
        text = node.findtext("text") or ""
        articles.append(GoldArticle(node.get("docid") or str(len(articles)), text, tuple(toponyms)))
    return selection.items(articles, lambda article: article.id, path), splits


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Score dateline's places stage on LGL."""
    articles, splits = read_lgl(path, selection)
    parsed = geoparse(articles, settings)
    demonyms = load_gazetteer().demonyms
    scores = score_geoparse(articles, parsed.predicted, skip_gold=lambda text: normalize(text) in demonyms)
    notes = [
        selection.describe(splits),
        "Published: CamCoder Acc@161 0.76, AUC 0.22 (Gritta et al. 2018); Mordecai3 with gold toponyms 0.83.",
        "LGL's gold includes demonyms (Russian, Iraqi), which dateline reads as context, not as place mentions.",
    ]
    table = scores_table("lgl", scores, parsed)
    return SuiteResult("lgl", scores_json(scores, parsed, len(articles)), table, notes, headline=dict(HEADLINE))
