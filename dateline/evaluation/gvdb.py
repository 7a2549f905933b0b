"""Gun Violence Database (Pavlick et al. 2016), as re-released by Ebner et al. 2020: each article's main event, as
`dateline extract` prints it, against crowd annotations (victims killed/injured, city, date).

Gold, per split (`dev`, `test`, `train`, whichever the folder holds; every one present unless --split names one):
- `<split>.tsv`, one article per row with its annotation as JSON: `victim-section` (each victim "killed",
  "injured" and/or "hospitalized"), `date-and-time` (city, state, date). Killed = victims marked killed; injured =
  victims marked injured and not killed (as the folder's ABOUT.md says).
- else `<split>.json` (the tokenised release: `doc_key`, `date`, `full_text` as token lists, `spans` labelled
  DAT-CITY, VIC-NAME, ...): it has no victim states, so only the date and the city are scored for its articles.
The articles carry no publication date, so relative dates ("Tuesday") cannot be resolved and date accuracy measures
only dates written in full; no coordinates either, so places are scored by city name (case-insensitive
containment). How the record is read: main_events.py.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

from dateline.evaluation import Direction, SuiteResult
from dateline.evaluation.data import EVERYTHING, NoGoldDataError, Selection
from dateline.evaluation.main_events import GoldIncident, extract_incidents, predict, score_with_parts, table
from dateline.settings import Settings

SPLITS = ("train", "dev", "test")
HEADLINE: dict[str, Direction] = {
    "killed.exact": "higher",
    "killed.mae": "lower",
    "injured.exact": "higher",
    "injured.mae": "lower",
    "date.exact": "higher",
    "city.match": "higher",
}
# Tokens after which the tokenised release's text is glued without a space, and tokens glued to the one before.
_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", "'s", "n't", ")", "'", "''", "%"})
_NO_SPACE_AFTER = frozenset({"(", "$", "``"})


def _victim_counts(annotation: dict[str, Any]) -> tuple[int, int]:
    killed = injured = 0
    for victim in annotation.get("victim-section") or []:
        was = {str(state).lower() for state in victim.get("victim-was") or []}
        if "killed" in was:
            killed += 1
        elif "injured" in was:
            injured += 1
    return killed, injured


def _read_tsv(path: Path, split: str) -> list[GoldIncident]:
    csv.field_size_limit(sys.maxsize)
    gold = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            try:
                annotation = json.loads(row["Json"])
            except (KeyError, TypeError, json.JSONDecodeError) as error:
                raise ValueError(f"{path}:{line}: bad annotation JSON") from error
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
                    split=split,
                )
            )
    return gold


def _detokenise(tokens: list[str]) -> str:
    text = ""
    for token in tokens:
        glued = not text or token in _NO_SPACE_BEFORE or text.split(" ")[-1] in _NO_SPACE_AFTER
        text += token if glued else " " + token
    return text


def _read_tokenised(path: Path, split: str) -> list[GoldIncident]:
    gold = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                sentences = [_detokenise(list(sentence)) for sentence in row["full_text"]]
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise ValueError(f"{path}:{number}: expected doc_key, date, full_text, spans") from error
            cities = [" ".join(span[4]) for span in row.get("spans") or [] if len(span) > 4 and span[2] == "DAT-CITY"]
            gold.append(
                GoldIncident(
                    doc_id=str(row.get("doc_key") or number),
                    text="\n".join(sentences),
                    title=None,
                    published=None,
                    killed=None,
                    injured=None,
                    date=row.get("date") or None,
                    lat=None,
                    lon=None,
                    city=cities[0] if cities else None,
                    split=split,
                )
            )
    return gold


def read_gvdb(path: Path, selection: Selection = EVERYTHING) -> tuple[list[GoldIncident], list[str]]:
    """The articles of the selected splits with their gold incident fields, in file order; and the splits."""
    present = [split for split in SPLITS if (path / f"{split}.tsv").is_file() or (path / f"{split}.json").is_file()]
    splits = selection.splits(present, path, "dev/test/train .tsv or .json file")
    gold: list[GoldIncident] = []
    for split in splits:
        tsv = path / f"{split}.tsv"
        gold += _read_tsv(tsv, split) if tsv.is_file() else _read_tokenised(path / f"{split}.json", split)
    if not gold:
        raise NoGoldDataError(f"{path}: nothing to score: the {', '.join(splits)} files hold no articles")
    return selection.items(gold, lambda incident: incident.doc_id, path), splits


def run(path: Path, settings: Settings, selection: Selection = EVERYTHING) -> SuiteResult:
    """Score the main event of each article of the selected splits."""
    incidents, splits = read_gvdb(path, selection)
    predictions = [predict(extraction) for extraction in extract_incidents(incidents, settings)]
    scores = score_with_parts(incidents, predictions)
    notes = [
        selection.describe(splits),
        "single crowd annotation per article (noisy); no publication dates: relative dates get no value",
        "location is scored by city name only (no coordinates in GVDB); killed/injured only where the .tsv gives "
        "victim states",
    ]
    return SuiteResult("gvdb", scores, table("gvdb", scores), notes, HEADLINE)
