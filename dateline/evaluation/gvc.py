"""Gun Violence Corpus (Vossen et al. 2018), document level: each article's main event, as `dateline extract` prints
it, against the Gun Violence Archive record of the incident it reports (killed, injured, date, place with
coordinates).

Gold: `gvc_docs.jsonl` (article text, title, publication date, split, incident id) and `gvc_events.jsonl` (the
incidents: num_killed, num_injured, date "February 12, 2014", city, lat/lon for most). Every split present is
scored unless --split names one (`make eval` scores dev: train is for reading errors, test is held out). How the
record is read: main_events.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.data import EVERYTHING, NoGoldDataError, Selection
from dateline.evaluation.main_events import GoldIncident, extract_incidents, predict, score_with_parts, table
from dateline.settings import Settings

DOCS_FILE = "gvc_docs.jsonl"
EVENTS_FILE = "gvc_events.jsonl"
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
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: not JSON: {error}") from error
    return rows


def _split(doc: dict[str, Any]) -> str:
    return str(doc.get("split") or "all")


def read_gvc(path: Path, selection: Selection = EVERYTHING) -> tuple[list[GoldIncident], list[str]]:
    """The articles of the selected splits with their incident's gold fields, in file order; and the splits."""
    if not (path / DOCS_FILE).is_file() or not (path / EVENTS_FILE).is_file():
        raise NoGoldDataError(f"{path}: nothing to score: no {DOCS_FILE} and {EVENTS_FILE}")
    incidents = {str(row["incident_id"]): row for row in _read_jsonl(path / EVENTS_FILE)}
    docs = _read_jsonl(path / DOCS_FILE)
    present = list(dict.fromkeys(_split(doc) for doc in docs))
    splits = selection.splits(present, path, f"documents in {DOCS_FILE}")
    gold = []
    for doc in docs:
        if _split(doc) not in splits:
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
                split=_split(doc),
            )
        )
    return selection.items(gold, lambda incident: incident.doc_id, path), splits


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Score the main event of each article of the selected splits (every split present by default)."""
    incidents, splits = read_gvc(path, selection)
    predictions = [predict(extraction) for extraction in extract_incidents(incidents, settings)]
    scores = score_with_parts(incidents, predictions)
    notes = [
        selection.describe(splits),
        "the main event is the one `dateline extract` names in article.main_event_id (the story stage); its best "
        "killed and injured figures (none: 0), its day and its location are scored",
        "targets (issue 21, held-out test): killed exact >= 0.85, injured exact >= 0.85, date >= 0.80, "
        "location within 50 km >= 0.85",
        "baselines: the constant answers 1 killed / 0 injured (rows 'baseline ...')",
    ]
    return SuiteResult("gvc", scores, table("gvc", scores), notes, HEADLINE)
