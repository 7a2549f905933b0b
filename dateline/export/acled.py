"""Events and clusters as ACLED-shaped rows: ACLED's column names, codes and conventions.

Rules (docs/storage.md, "ACLED export"):
- fatalities = killed.best, else 0 (ACLED records 0 when no death is reported);
- event_date = the first day the date covers ("2015-05" → 2015-05-01); time_precision: 1 day, 2 week or month,
  3 year; geo_precision: 1 place, 2 admin2, 3 admin1 or country;
- actor1 = the first source actor, assoc_actor_1 = the other source actors ("; "-joined); actor2 likewise from
  the recipients; actors are named as the events stage composed them ("Military Forces of Israel", "Rebel Groups
  (Syria)"), and a country named as a party to political violence is its military ("Military Forces of Russia");
  inter codes from the actors' sectors (knowledge/acled_inter.tsv), interaction = the two codes, smaller first
  ("17"), or inter1 followed by 0 when there is no second actor ("10");
- civilian_targeting = "Civilian targeting" for political violence whose recipient is civilian (inter 7);
- dateline_main_event = whether the event is its article's main event (`article.main_event_id`; a cluster: whether
  it holds one), so an analyst can keep one row per report of an incident.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.knowledge import knowledge_path, read_tsv
from dateline.store.rows import date_range

REGIONS_FILE = knowledge_path("acled_regions.tsv")
INTER_FILE = knowledge_path("acled_inter.tsv")
DISORDER_FILE = knowledge_path("acled_disorder.tsv")

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    "dateline_event_id", "dateline_cluster_id", "dateline_article_ids", "dateline_type", "dateline_mode",
    "dateline_evidence_text", "dateline_evidence_start", "dateline_evidence_end", "dateline_date_value",
    "dateline_date_precision", "dateline_confidence", "dateline_factuality", "dateline_review_status",
    "dateline_flags", "dateline_n_mentions", "dateline_actor1_patron", "dateline_actor1_attribution",
    "dateline_actor2_patron", "dateline_actor2_attribution", "dateline_main_event",
)  # fmt: skip
TIME_PRECISION = {"day": 1, "week": 2, "month": 2, "year": 3}
GEO_PRECISION = {"place": 1, "admin2": 2, "admin1": 3, "country": 3}
STATE_FORCES, PROTESTERS, RIOTERS, CIVILIANS, EXTERNAL = 1, 6, 5, 7, 8
POLITICAL_VIOLENCE = "Political violence"


@dataclass(frozen=True)
class Country:
    alpha3: str
    alpha2: str
    iso: int
    name: str
    region: str


@dataclass(frozen=True)
class AcledTables:
    """The ACLED export's knowledge: countries by ISO code, inter codes by actor sector, disorder by event type."""

    countries: Mapping[str, Country]
    inter_codes: Mapping[str, int]
    disorder_types: Mapping[str, str]


def load_countries(path: Path = REGIONS_FILE) -> dict[str, Country]:
    """Countries by ISO alpha-3 and alpha-2 code."""
    countries: dict[str, Country] = {}
    for row in read_tsv(path, ("alpha3", "alpha2", "iso", "country", "region")):
        if not row["iso"].isdigit():
            raise row.error(f"iso must be a number, got {row['iso']!r}")
        country = Country(row["alpha3"], row["alpha2"], int(row["iso"]), row["country"], row["region"])
        countries[country.alpha3] = countries[country.alpha2] = country
    return countries


def load_inter_codes(path: Path = INTER_FILE) -> dict[str, int]:
    """ACLED inter code per actor sector code."""
    codes: dict[str, int] = {}
    for row in read_tsv(path, ("sector", "inter")):
        if row["inter"] not in {str(code) for code in range(1, 9)}:
            raise row.error(f"inter must be 1..8, got {row['inter']!r}")
        codes[row["sector"]] = int(row["inter"])
    return codes


def load_disorder_types(path: Path = DISORDER_FILE) -> dict[str, str]:
    """ACLED disorder type per ACLED event type."""
    return {row["event_type"]: row["disorder_type"] for row in read_tsv(path, ("event_type", "disorder_type"))}


def load_acled_tables() -> AcledTables:
    """The three ACLED tables, read once per export (a bad row raises KnowledgeError naming file:line)."""
    return AcledTables(load_countries(), load_inter_codes(), load_disorder_types())


def _actor_name(actor: Mapping[str, Any]) -> str:
    return str(actor.get("name") or actor.get("text") or "")


def acled_actor(actor: Mapping[str, Any], *, disorder: str) -> Mapping[str, Any]:
    """The actor as ACLED codes it: a country named as the party to political violence ("Russia shelled ...") is
    its military, "Military Forces of Russia" (ACLED has no country actors; docs/actors.md)."""
    country, sector = actor.get("country"), actor.get("sector")
    is_country = sector is None and country and str(actor.get("id") or "") == str(country).lower()
    if is_country and disorder == POLITICAL_VIOLENCE:
        return {**actor, "name": f"Military Forces of {actor.get('name') or country}", "sector": "MIL"}
    return actor


def inter_code(
    actor: Mapping[str, Any] | None, *, country: Country | None, inter_codes: Mapping[str, int]
) -> int | None:
    """The ACLED inter code of an actor in an event (see the module docstring for the rules)."""
    if actor is None:
        return None
    code = inter_codes.get(str(actor.get("sector") or ""))
    if code == STATE_FORCES and country is not None and actor.get("country") not in (None, country.alpha3):
        return EXTERNAL
    return code


def _geo_precision(location: Mapping[str, Any]) -> int | str:
    """ACLED's geo_precision: the location's own when the places stage gives it (1 the town, 2 near a town or a small
    region, 3 province or larger), else from its precision; empty without a location."""
    if not location:
        return ""
    given = location.get("geo_precision")
    if given in (1, 2, 3):
        return int(given)
    return GEO_PRECISION.get(str(location.get("precision")), "")


def interaction(inter1: int | None, inter2: int | None) -> str:
    if inter1 is None:
        return ""
    if inter2 is None:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def acled_row(
    record: Mapping[str, Any],
    *,
    row_id: str,
    event_ids: list[str],
    cluster_id: str | None,
    article_ids: list[str],
    evidence: Mapping[str, Any] | None,
    outlets: list[str],
    timestamp: dt.datetime | None,
    tables: AcledTables,
    factuality: str = "",
    review_status: str = "",
    confidence: Any = None,
    flags: Sequence[str] | None = None,
    n_mentions: int | None = None,
    main_event: bool = False,
) -> dict[str, Any]:
    """One ACLED-shaped row from an event's (or a cluster's) contract JSON; `factuality` ("asserted" or the flags),
    `review_status` and `confidence` as the export found them (a cluster's from its reports), likewise the record
    `flags` and the number of mentions (an event's own when not given); `main_event`: the event is its article's
    main event (for a cluster: one of its reports is)."""
    acled = record.get("acled") or {}
    event_type = acled.get("event_type")
    date = record.get("date") or {}
    location = record.get("location") or {}
    country = tables.countries.get(str(location.get("country") or ""))
    disorder = tables.disorder_types.get(str(event_type), "")
    sources = [acled_actor(actor, disorder=disorder) for actor in record.get("source") or []]
    recipients = [acled_actor(actor, disorder=disorder) for actor in record.get("recipient") or []]
    actor1 = sources[0] if sources else None
    actor2 = recipients[0] if recipients else None
    inter_codes = tables.inter_codes
    inter1 = inter_code(actor1, country=country, inter_codes=inter_codes)
    if actor1 is not None and event_type in ("Protests", "Riots"):
        inter1 = PROTESTERS if event_type == "Protests" else RIOTERS
    inter2 = inter_code(actor2, country=country, inter_codes=inter_codes)
    civilian = disorder == POLITICAL_VIOLENCE and any(
        inter_code(actor, country=country, inter_codes=inter_codes) == CIVILIANS for actor in recipients
    )
    killed = (record.get("casualties") or {}).get("killed")
    value = str(date.get("value") or "")
    first_day = date_range(value, date.get("precision"))[0]
    event_date = first_day.isoformat() if first_day else ""
    return {
        "event_id_cnty": f"{country.alpha3 if country else 'XXX'}-{row_id}",
        "event_date": event_date,
        "year": event_date[:4],
        "time_precision": TIME_PRECISION.get(str(date.get("precision")), ""),
        "disorder_type": disorder,
        "event_type": event_type or "",
        "sub_event_type": acled.get("sub_event_type") or "",
        "actor1": _actor_name(actor1) if actor1 else "",
        "assoc_actor_1": "; ".join(_actor_name(actor) for actor in sources[1:]),
        "inter1": inter1 if inter1 is not None else "",
        "actor2": _actor_name(actor2) if actor2 else "",
        "assoc_actor_2": "; ".join(_actor_name(actor) for actor in recipients[1:]),
        "inter2": inter2 if inter2 is not None else "",
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": country.iso if country else "",
        "region": country.region if country else "",
        "country": country.name if country else (location.get("country") or ""),
        "admin1": location.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": location.get("name") or location.get("text") or "",
        "latitude": location.get("lat", ""),
        "longitude": location.get("lon", ""),
        "geo_precision": _geo_precision(location),
        "source": "; ".join(dict.fromkeys(outlet for outlet in outlets if outlet)),
        "source_scale": "",
        "notes": (evidence or {}).get("text", ""),
        "fatalities": killed["best"] if killed else 0,
        "tags": "",
        "timestamp": int(timestamp.replace(tzinfo=dt.UTC).timestamp()) if timestamp else "",
        "dateline_event_id": "; ".join(event_ids),
        "dateline_cluster_id": cluster_id or "",
        "dateline_article_ids": "; ".join(article_ids),
        "dateline_type": record.get("type") or "",
        "dateline_mode": record.get("mode") or "",
        "dateline_evidence_text": (evidence or {}).get("text", ""),
        "dateline_evidence_start": (evidence or {}).get("start", ""),
        "dateline_evidence_end": (evidence or {}).get("end", ""),
        "dateline_date_value": value,
        "dateline_date_precision": date.get("precision") or "",
        "dateline_confidence": confidence if confidence is not None else record.get("confidence", ""),
        "dateline_factuality": factuality,
        "dateline_review_status": review_status,
        "dateline_flags": "; ".join(record.get("flags") or [] if flags is None else flags),
        "dateline_n_mentions": len(record.get("mentions") or []) if n_mentions is None else n_mentions,
        "dateline_actor1_patron": (actor1 or {}).get("patron") or "",
        "dateline_actor1_attribution": (actor1 or {}).get("attribution") or "",
        "dateline_actor2_patron": (actor2 or {}).get("patron") or "",
        "dateline_actor2_attribution": (actor2 or {}).get("attribution") or "",
        "dateline_main_event": "true" if main_event else "false",
    }
