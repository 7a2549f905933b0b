"""Reviews: an analyst confirms, corrects or rejects an extracted event, and every review is kept.

The machine's event stays as extracted. A review applies its changes on top of the event as it stands (the machine's
record with the earlier reviews applied) and is stored twice: as a row of the audit trail (who, when, the status, the
note, and each changed field before and after) and as the event's reviewed record, which the API, the UI and the
exports show (dateline/store/reviews.sql, `event_view`). See docs/api.md ("Reviews") and docs/storage.md.

Rules:
1. `confirmed` and `rejected` take no changes; `corrected` needs at least one change that alters the event.
2. Fields (dateline/review/fields.py): type, mode, acled, source, recipient, date, location (alias place), killed,
   injured, displaced, captured. A new type drops a mode or an ACLED type that the review does not give, unless the
   mode is one of the new type's (an ACLED type belongs to a kind of event, so it goes with the old type).
3. Anything wrong (unknown status or field, a value of the wrong shape, a date that does not parse, a place not in the
   gazetteer, an unknown actor id) raises ReviewError with a one-line reason, and nothing is stored.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dateline.records import Event, to_json
from dateline.review.fields import (
    ALIASES,
    FIELDS,
    Lookups,
    ReviewError,
    Taxonomy,
    load_taxonomy,
    read_field,
)
from dateline.store import reviews as stored
from dateline.store.codec import from_json
from dateline.store.rows import COUNT_KINDS

if TYPE_CHECKING:
    import duckdb

__all__ = [
    "FIELDS",
    "STATUSES",
    "Lookups",
    "ReviewError",
    "ReviewRequest",
    "Taxonomy",
    "UnknownEventError",
    "apply_review",
    "field_value",
    "load_taxonomy",
    "lookups_for",
    "read_request",
    "submit_review",
    "summary",
]

STATUSES = ("confirmed", "corrected", "rejected")
MAX_REVIEWER = 100
MAX_NOTE = 2000


@dataclass(frozen=True)
class ReviewRequest:
    """A review as the reviewer sent it, checked: status, changes in the contract's shape, reviewer, note."""

    status: str
    reviewer: str
    note: str | None = None
    changes: dict[str, Any] = field(default_factory=dict)


def read_request(body: Mapping[str, Any], lookups: Lookups) -> ReviewRequest:
    """Check a review's JSON and read its changes (ReviewError with a one-line reason on anything wrong)."""
    unknown = set(body) - {"status", "changes", "reviewer", "note"}
    if unknown:
        raise ReviewError(f"unknown key(s) {', '.join(sorted(unknown))}: a review has status, changes, reviewer, note")
    status = body.get("status")
    if status not in STATUSES:
        raise ReviewError(f"status: expected one of {', '.join(STATUSES)}, got {status!r}")
    reviewer = body.get("reviewer")
    if not isinstance(reviewer, str) or not reviewer.strip() or len(reviewer) > MAX_REVIEWER:
        raise ReviewError(f"reviewer: give your name (1 to {MAX_REVIEWER} characters)")
    note = body.get("note")
    if note is not None and (not isinstance(note, str) or len(note) > MAX_NOTE):
        raise ReviewError(f"note: expected text of at most {MAX_NOTE} characters")
    raw = body.get("changes") or {}
    if not isinstance(raw, dict):
        raise ReviewError("changes: expected an object {field: value}")
    if status != "corrected" and raw:
        raise ReviewError(f"status {status!r} takes no changes: send status 'corrected' to change fields")
    if status == "corrected" and not raw:
        raise ReviewError("status 'corrected' needs changes: {field: value}")
    changes: dict[str, Any] = {}
    for name, value in raw.items():
        key = ALIASES.get(name, name)
        if key not in FIELDS:
            raise ReviewError(f"changes: unknown field {name!r}; fields are {', '.join(FIELDS)} (place = location)")
        if key in changes:
            raise ReviewError(f"changes: {key!r} given twice")
        changes[key] = read_field(key, value, lookups)
    return ReviewRequest(status, reviewer.strip(), note.strip() if note and note.strip() else None, changes)


def field_value(record: Mapping[str, Any], name: str) -> Any:
    """A field of an event's contract JSON (casualty kinds live under `casualties`)."""
    if name in COUNT_KINDS:
        return (record.get("casualties") or {}).get(name)
    return record.get(name)


def _set(record: dict[str, Any], name: str, value: Any) -> None:
    if name in COUNT_KINDS:
        record.setdefault("casualties", {})[name] = value
    else:
        record[name] = value


def _follow_type(current: Mapping[str, Any], changes: dict[str, Any], taxonomy: Taxonomy) -> dict[str, Any]:
    """Rule 2: the mode and ACLED type a new type keeps or drops, when the review does not give them."""
    kind = changes.get("type")
    if kind is None or kind == current.get("type"):
        return changes
    followed = dict(changes)
    mode = followed.get("mode", current.get("mode"))
    if "mode" not in changes and mode is not None and mode not in taxonomy.modes[kind]:
        followed["mode"] = None
    if "acled" not in changes and current.get("acled") is not None:
        followed["acled"] = None
    return followed


def in_contract_shape(record: Mapping[str, Any]) -> dict[str, Any]:
    """An event's JSON as records.Event writes it today: every key of every nested record, none it no longer has.
    A record stored before a field was added (ActorRef.patron, ...) and the reviewer's values then compare alike."""
    shaped: dict[str, Any] = to_json(from_json(Event, dict(record)))
    return shaped


def apply_review(
    current: Mapping[str, Any], request: ReviewRequest, taxonomy: Taxonomy
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The event after this review, and the review's changes as [{field, before, after}] (only fields it alters),
    both in the contract's shape (in_contract_shape)."""
    current = in_contract_shape(current)
    changes = _follow_type(current, request.changes, taxonomy)
    mode = changes.get("mode", current.get("mode"))
    kind = changes.get("type", current.get("type"))
    if mode is not None and "mode" in changes and mode not in taxonomy.modes.get(str(kind), frozenset()):
        allowed = ", ".join(sorted(taxonomy.modes.get(str(kind), ()))) or "none"
        raise ReviewError(f"mode: {mode!r} is not a mode of {kind} ({allowed})")
    updated = copy.deepcopy(current)
    for name in FIELDS:
        if name in changes:
            _set(updated, name, changes[name])
    updated = in_contract_shape(updated)
    altered = [
        {"field": name, "before": field_value(current, name), "after": field_value(updated, name)}
        for name in FIELDS
        if name in changes and field_value(updated, name) != field_value(current, name)
    ]
    if request.status == "corrected" and not altered:
        raise ReviewError("corrected: every change equals the event as it stands; send status 'confirmed' instead")
    return updated, altered


def summary(
    machine: Mapping[str, Any], reviewed: Mapping[str, Any], request: ReviewRequest, at: dt.datetime, count: int
) -> dict[str, Any]:
    """The review block the API shows: status, reviewer, at, note, and every field that differs from the machine's
    (before = the machine's value, after = the reviewed one); `reviews` counts the reviews in the audit trail."""
    machine, reviewed = in_contract_shape(machine), in_contract_shape(reviewed)
    changes = [
        {"field": name, "before": field_value(machine, name), "after": field_value(reviewed, name)}
        for name in FIELDS
        if field_value(machine, name) != field_value(reviewed, name)
    ]
    return {
        "status": request.status,
        "reviewer": request.reviewer,
        "at": at.isoformat(timespec="seconds"),
        "note": request.note,
        "changes": changes,
        "reviews": count,
    }


def lookups_for(con: duckdb.DuckDBPyConnection) -> Lookups:
    """The lookups of a review against one database: its actors, the bundled taxonomy and gazetteer."""
    return Lookups(load_taxonomy(), lambda ids: stored.known_actors(con, ids))


class UnknownEventError(LookupError):
    """No event has the id given."""


def submit_review(
    con: duckdb.DuckDBPyConnection, event_id: str, body: Mapping[str, Any], *, lookups: Lookups | None = None
) -> dict[str, Any]:
    """Check and store one review of an event (the caller serialises writes); returns the event's review summary.

    Raises UnknownEventError for an unknown event and ReviewError for a review that cannot be applied: then nothing
    is stored."""
    versions = stored.event_versions(con, event_id)
    if versions is None:
        raise UnknownEventError(f"no event with id {event_id!r}")
    lookups = lookups or lookups_for(con)
    request = read_request(body, lookups)
    reviewed, altered = apply_review(versions.current, request, lookups.taxonomy)
    at = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    count = (versions.review or {}).get("reviews", 0) + 1
    block = summary(versions.machine, reviewed, request, at, count)
    stored.write_review(
        con,
        event_id,
        status=request.status,
        reviewer=request.reviewer,
        note=request.note,
        changes=altered,
        reviewed=reviewed,
        seq=versions.seq,
        summary=block,
        at=at,
    )
    return block
