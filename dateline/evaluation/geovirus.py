"""GeoVirus (Gritta et al. 2018): place recognition and geocoding on WikiNews reports of disease outbreaks.

Gold: `GeoVirus.xml`, one <article> per text with <location> spans whose offsets are 1-based (text[start-1:end-1]
is the name) and lat/lon for every location. Scores as for LGL (see geoparse.py).
Published (Gritta et al. 2018): CamCoder Acc@161 0.82, AUC 0.31.
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
from dateline.settings import Settings

GOLD_FILE = "GeoVirus.xml"


def read_geovirus(path: Path, selection: Selection = EVERYTHING) -> tuple[list[GoldArticle], list[str]]:
    """The gold articles of GeoVirus.xml with 0-based offsets, of the chosen half, in file order; the splits."""
    if not (path / GOLD_FILE).is_file():
        raise NoGoldDataError(f"{path}: nothing to score: no {GOLD_FILE}")
    splits = selection.splits(["GeoVirus"], path, GOLD_FILE)
    root = ElementTree.parse(path / GOLD_FILE).getroot()
    articles: list[GoldArticle] = []
    for node in root.iter("article"):
        toponyms = tuple(
            GoldToponym(
                int(loc.findtext("start") or 1) - 1,
                int(loc.findtext("end") or 1) - 1,
                float(loc.findtext("lat") or "nan"),
                float(loc.findtext("lon") or "nan"),
            )
            for loc in node.iter("location")
        )
        text = node.findtext("text") or ""
        articles.append(GoldArticle(node.findtext("source") or str(len(articles)), text, toponyms))
    return selection.items(articles, lambda article: article.id, path), splits


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Score dateline's places stage on GeoVirus."""
    articles, splits = read_geovirus(path, selection)
    parsed = geoparse(articles, settings)
    scores = score_geoparse(articles, parsed.predicted)
    notes = [
        selection.describe(splits),
        "Published: CamCoder Acc@161 0.82, AUC 0.31 (Gritta et al. 2018).",
        "GeoVirus gives countries Wikipedia's points; dateline the conventional points of place_points.tsv, which"
        " differ for a few large countries (Russia, Sudan, Japan, Brazil): see docs/places.md.",
    ]
    table = scores_table("geovirus", scores, parsed)
    return SuiteResult("geovirus", scores_json(scores, parsed, len(articles)), table, notes, headline=dict(HEADLINE))
