"""Events and clusters as PLOVER JSON Lines records (the PLOVER event-data format's field names).

One record per event: event_id, event_date, event_type, mode, context, source/target actor text with country and
sector, a location block, story_id (the article) and event_text (the evidence sentence).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _actor_fields(role: str, actors: list[Mapping[str, Any]]) -> dict[str, Any]:
    first = actors[0] if actors else {}
    return {
        f"{role}_actor": first.get("text"),
        f"{role}_actor_name": first.get("name"),
        f"{role}_actor_id": first.get("id"),
        f"{role}_country": first.get("country"),
        f"{role}_sector": first.get("sector"),
        f"{role}_patron": first.get("patron"),  # a country that backs it ("Iranian-backed militias")
        f"{role}_attribution": first.get("attribution"),  # "claimed", "alleged" or null (stated)
        f"{role}_other": [actor.get("name") or actor.get("text") for actor in actors[1:]],
    }


def plover_record(
    record: Mapping[str, Any],
    *,
    event_id: str,
    story_ids: list[str],
    event_text: str | None,
) -> dict[str, Any]:
    """One PLOVER record from an event's (or a cluster's) contract JSON."""
    date = record.get("date") or {}
    location = record.get("location")
    acled = record.get("acled") or {}
    return {
        "event_id": event_id,
        "event_date": date.get("value"),
        "date_precision": date.get("precision"),
        "event_type": record.get("type"),
        "mode": record.get("mode"),
        "context": [],  # dateline does not classify PLOVER contexts yet (#11)
        "acled_event_type": acled.get("event_type"),
        "acled_sub_event_type": acled.get("sub_event_type"),
        **_actor_fields("source", list(record.get("source") or [])),
        **_actor_fields("target", list(record.get("recipient") or [])),
        "location": {
            "name": location.get("name"),
            "text": location.get("text"),
            "lat": location.get("lat"),
            "lon": location.get("lon"),
            "country": location.get("country"),
            "admin1": location.get("admin1"),
            "geonameid": location.get("geonameid"),
            "precision": location.get("precision"),
        }
        if location
        else None,
        "casualties": record.get("casualties"),
        "factuality": record.get("factuality"),
        "flags": list(record.get("flags") or []),  # aggregate, no_source (records.EVENT_FLAGS)
        "mentions": list(record.get("mentions") or []),  # every telling in the story: text, start, end, trigger
        "n_mentions": len(record.get("mentions") or []),
        "confidence": record.get("confidence"),
        "cluster_id": record.get("cluster_id"),
        "story_id": story_ids[0] if story_ids else None,
        "story_ids": story_ids,
        "event_text": event_text,
    }
