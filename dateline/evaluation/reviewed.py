"""Reviews as gold: the machine's events scored against what analysts decided about them (`dateline eval reviewed
--db DB`), so a team's corrections become its own evaluation set.

Reads the database's reviewed events (dateline/store/reviews.py): for each, the machine's record as extracted and the
record as reviewed, with the latest status. Scores:
- counts: events in the database, reviewed, confirmed, corrected, rejected, and the share reviewed;
- precision: of the reviewed events, the share that are real (confirmed or corrected), i.e. 1 - rejected/reviewed;
- per field, over the events judged real: accuracy (the machine's value equals the reviewed one; a confirmed event
  is right in every field), and how many corrections the field needed. Fields: type, mode, acled, source and
  recipient (compared as sets of actor ids, or words where unresolved), date (value and precision), location
  (GeoNames id, else name), killed, injured, displaced, captured (best figure).

Scores exactly what the pipeline stored: nothing is extracted again.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from dateline import review
from dateline.evaluation import Direction, SuiteResult
from dateline.settings import Settings
from dateline.store import Store
from dateline.store.reviews import count_events, reviewed_pairs

HEADLINE: dict[str, Direction] = {
    "precision": "higher",
    "fields.type.accuracy": "higher",
    "fields.recipient.accuracy": "higher",
    "fields.location.accuracy": "higher",
}
REAL = ("confirmed", "corrected")


def comparable(name: str, value: Any) -> Any:
    """What must agree for a field to count as right (actors as sets, a place by its GeoNames id, a count's best)."""
    if value is None:
        return None
    if name in ("source", "recipient"):
        return frozenset(ref.get("id") or (ref.get("name") or ref.get("text") or "").lower() for ref in value)
    if name == "date":
        return (value.get("value"), value.get("precision"))
    if name == "location":
        return value.get("geonameid") or (value.get("name") or value.get("text") or "").lower()
    if name == "acled":
        return (value.get("event_type"), value.get("sub_event_type"))
    if isinstance(value, dict) and "best" in value:
        return value["best"]
    return value


def score_database(db: Path) -> SuiteResult:
    """The scores of the reviews in database `db` (StoreError when it cannot be opened read-only)."""
    with Store(db, read_only=True) as store:
        total = count_events(store.connection)
        statuses: Counter[str] = Counter()
        right: Counter[str] = Counter()
        corrections: Counter[str] = Counter()
        for pair in reviewed_pairs(store.connection):
            statuses[pair.status] += 1
            if pair.status not in REAL:
                continue
            for name in review.FIELDS:
                machine = comparable(name, review.field_value(pair.machine, name))
                if machine == comparable(name, review.field_value(pair.reviewed, name)):
                    right[name] += 1
                else:
                    corrections[name] += 1
    reviewed = sum(statuses.values())
    real = statuses["confirmed"] + statuses["corrected"]
    scores: dict[str, Any] = {
        "events": total,
        "reviewed": reviewed,
        "coverage": round(reviewed / total, 4) if total else 0.0,
        **{status: statuses[status] for status in review.STATUSES},
        "precision": round(real / reviewed, 4) if reviewed else None,
        "fields": {
            name: {"accuracy": round(right[name] / real, 4) if real else None, "corrected": corrections[name]}
            for name in review.FIELDS
        },
    }
    notes = [] if reviewed else [f"{db}: no event has been reviewed yet (POST /api/events/{{id}}/review)"]
    return SuiteResult("reviewed", scores, _table(scores), notes, HEADLINE)


def _table(scores: dict[str, Any]) -> str:
    def shown(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f}"

    lines = [
        f"events {scores['events']}, reviewed {scores['reviewed']} ({shown(scores['coverage'])}): "
        f"{scores['confirmed']} confirmed, {scores['corrected']} corrected, {scores['rejected']} rejected",
        f"precision (reviewed events that are real): {shown(scores['precision'])}",
        "",
        f"{'field':<10} {'accuracy':>8} {'corrected':>9}",
    ]
    for name, field in scores["fields"].items():
        lines.append(f"{name:<10} {shown(field['accuracy']):>8} {field['corrected']:>9}")
    return "\n".join(lines)


def run(path: Path, settings: Settings, selection: Any = None, *, limit: int | None = None) -> SuiteResult:
    """The suite's entry point as the others have it; `path` is the database file (not a gold folder)."""
    return score_database(path)
