"""Gun Violence Database (Pavlick et al. 2016), dev split as re-released by Ebner et al. 2020: each article's
incident against crowd annotations (victims killed/injured, city, date).

Gold: `dev.tsv`, one article per row with its annotation as JSON: `victim-section` (each victim "killed",
"injured" and/or "hospitalized"), `date-and-time` (city, state, date). Killed = victims marked killed; injured =
victims marked injured and not killed (as the folder's ABOUT.md says). The articles carry no publication date, so
relative dates ("Tuesday") cannot be resolved and date accuracy measures only dates written in full; no
coordinates either, so places are scored by city name (case-insensitive containment). How the main event is
chosen: incidents.py.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.incidents import GoldIncident, predict_all, score, table
from dateline.settings import Settings

GOLD_FILE = "dev.tsv"
HEADLINE: dict[str, Direction] = {
    "killed.exact": "higher",
    "killed.mae": "lower",
    "injured.exact": "higher",
    "injured.mae": "lower",
    "date.exact": "higher",
    "city.match": "higher",
}


def _victim_counts(annotation: dict[str, Any]) -> tuple[int, int]:
    killed = injured = 0
    for victim in annotation.get("victim-section") or []:
        was = {str(state).lower() for state in victim.get("victim-was") or []}
        if "killed" in was:
            killed += 1
        elif "injured" in was:
            injured += 1
    return killed, injured


def read_gvdb(path: Path, limit: int | None = None) -> list[GoldIncident]:
    """The dev articles with their gold incident fields, in file order."""
    csv.field_size_limit(sys.maxsize)
    gold = []
    with (path / GOLD_FILE).open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            try:
                annotation = json.loads(row["Json"])
            except (KeyError, json.JSONDecodeError) as error:
                raise ValueError(f"{path / GOLD_FILE}:{line}: bad annotation JSON") from error
            when = annotation.get("date-and-time") or {}
            killed, injured = _victim_counts(annotation)
            city = ((when.get("city") or {}).get("value") or "").strip()
            gold.append(
                GoldIncident(
                    doc_id=str(row.get("Article id") or line),
                    text=row.get("Full text") or "",
                    title=row.get("Article title") or None,
                    published=None,
                    killed=killed,
                    injured=injured,
                    date=(when.get("date") or None),
                    lat=None,
                    lon=None,
                    city=city or None,
                )
            )
            if limit is not None and len(gold) >= limit:
                break
    return gold


def run(path: Path, settings: Settings, limit: int | None = None) -> SuiteResult:
    """Score the main incident of each dev article."""
    incidents = read_gvdb(path, limit)
    scores = score(incidents, predict_all(incidents, settings))
    notes = [
        "dev split; single crowd annotation per article (noisy); no publication dates: relative dates get no value",
        "location is scored by city name only (no coordinates in GVDB)",
    ]
    return SuiteResult("gvdb", scores, table("gvdb", scores), notes, HEADLINE)
