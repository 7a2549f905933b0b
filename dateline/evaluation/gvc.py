"""Gun Violence Corpus (Vossen et al. 2018), document level: each article's main incident against the Gun Violence
Archive record it reports (killed, injured, date, place with coordinates).

Gold: `gvc_docs.jsonl` (article text, title, publication date, split, incident id) and `gvc_events.jsonl` (the
incidents: num_killed, num_injured, date "February 12, 2014", city, lat/lon for most). Scored on the dev split
(78 articles, 37 incidents); train is for reading, test is held out. How the main event is chosen: incidents.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.incidents import GoldIncident, predict_all, score, table
from dateline.settings import Settings

DOCS_FILE = "gvc_docs.jsonl"
EVENTS_FILE = "gvc_events.jsonl"
SPLIT = "dev"
HEADLINE: dict[str, Direction] = {
    "killed.exact": "higher",
    "killed.mae": "lower",
    "injured.exact": "higher",
    "injured.mae": "lower",
    "date.exact": "higher",
    "location.within_50km": "higher",
}


def _iso_date(text: str | None) -> str | None:
    """GVA's "February 12, 2014" as "2014-02-12"."""
    if not text:
        return None
    try:
        return datetime.strptime(text.strip(), "%B %d, %Y").date().isoformat()
    except ValueError:
        return None


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_gvc(path: Path, split: str = SPLIT, limit: int | None = None) -> list[GoldIncident]:
    """The articles of one split with their incident's gold fields, in file order."""
    incidents = {str(row["incident_id"]): row for row in _read_jsonl(path / EVENTS_FILE)}
    gold = []
    for doc in _read_jsonl(path / DOCS_FILE):
        if doc.get("split") != split:
            continue
        incident = incidents.get(str(doc.get("gvc_event_id")))
        if incident is None:
            raise ValueError(f"{path / DOCS_FILE}: document {doc.get('doc_id')} names an unknown incident")
        gold.append(
            GoldIncident(
                doc_id=str(doc["doc_id"]),
                text=str(doc.get("content") or ""),
                title=doc.get("title"),
                published=(doc.get("dct") or None),
                killed=int(incident.get("num_killed") or 0),
                injured=int(incident.get("num_injured") or 0),
                date=_iso_date(incident.get("date")),
                lat=incident.get("lat"),
                lon=incident.get("lon"),
                city=incident.get("city_or_county"),
            )
        )
        if limit is not None and len(gold) >= limit:
            break
    return gold


def run(path: Path, settings: Settings, limit: int | None = None, *, split: str = SPLIT) -> SuiteResult:
    """Score the main incident of each article of a split (dev by default; train is for error analysis:
    `gvc.run(path, settings, split="train")`)."""
    incidents = read_gvc(path, split, limit)
    scores = score(incidents, predict_all(incidents, settings))
    notes = [
        f"split {split}; targets: killed exact >= 0.88, injured exact >= 0.88, date exact >= 0.75, "
        "location within 50 km >= 0.80",
        "baselines: the constant answers 1 killed / 0 injured (rows 'baseline ...')",
    ]
    return SuiteResult("gvc", scores, table("gvc", scores), notes, HEADLINE)
