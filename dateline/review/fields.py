"""The fields a review may change, each read from the reviewer's JSON into the contract's shape, or refused with a
one-line reason (ReviewError).

| field | the reviewer gives | becomes |
|---|---|---|
| type | a PLOVER type, any case | "ASSAULT" |
| mode | a mode listed for the type in event_types.yaml, or null | "firearms" |
| acled | an ACLED sub-event type, {event_type, sub_event_type}, or null | {"event_type", "sub_event_type"} |
| source, recipient | known actor ids, or objects {text, id?, country?, sector?, patron?, attribution?} | ActorRefs |
| date | "YYYY-MM-DD", "YYYY-MM", "YYYY", {value, precision}, or null | {value, precision, text: null} |
| location (or place) | a gazetteer name, a GeoNames id, {name, country} or {geonameid}, or null | a Location |
| killed, injured, displaced, captured | a number, {low?, best, high?}, or null | {low, best, high} |
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, get_args

from dateline import places
from dateline.knowledge.loader import knowledge_path, read_yaml
from dateline.records import PLOVER_TYPES, Attribution, Place, to_json
from dateline.store.rows import COUNT_KINDS, date_range

FIELDS = ("type", "mode", "acled", "source", "recipient", "date", "location", *COUNT_KINDS)
ALIASES = {"place": "location"}
DATE_PRECISIONS = ("day", "week", "month", "year")
ATTRIBUTIONS: tuple[str, ...] = get_args(Attribution)  # "claimed", "alleged"
LOCATION_PRECISIONS = ("place", "admin2", "admin1", "country")
MAX_COUNT = 10_000_000  # more people than any event has: a typo, not a figure
MAX_TEXT = 200  # longest actor text or name a reviewer may type
_COUNTRY = re.compile(r"^[A-Z]{3}$")  # ISO alpha-3 or IGO/NGO/IMG/...
_SECTOR = re.compile(r"^[A-Z]{2,4}$")


class ReviewError(ValueError):
    """A review that cannot be applied; the message is one line saying why (the API answers it with 400)."""


@dataclass(frozen=True)
class Taxonomy:
    """The PLOVER modes per type and the ACLED event type per sub-event type (knowledge/event_types.yaml)."""

    modes: Mapping[str, frozenset[str]]
    acled: Mapping[str, str]  # sub-event type -> event type


@cache
def load_taxonomy() -> Taxonomy:
    path = knowledge_path("event_types.yaml")
    data = read_yaml(path)
    modes = {kind: frozenset(str(mode) for mode in data["plover"][kind]) for kind in PLOVER_TYPES}
    acled = {str(entry["sub_event_type"]): str(entry["event_type"]) for entry in data["acled"]}
    return Taxonomy(modes, acled)


@dataclass(frozen=True)
class Lookups:
    """What reading a review needs beyond the JSON: the taxonomy, the database's actors, the gazetteer."""

    taxonomy: Taxonomy
    actors: Callable[[list[str]], Mapping[str, Mapping[str, Any]]]  # ids -> the known ones, by id
    gazetteer: Callable[[], places.Gazetteer] = places.load_gazetteer


def _text(value: Any, what: str, *, longest: int = MAX_TEXT) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ReviewError(f"{what}: expected a non-empty string, got {_shown(value)}")
    if len(value) > longest:
        raise ReviewError(f"{what}: longer than {longest} characters")
    return value.strip()


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def read_type(value: Any, lookups: Lookups) -> str:
    kind = _text(value, "type").upper()
    if kind not in PLOVER_TYPES:
        raise ReviewError(f"type: {_shown(value)} is not a PLOVER type ({', '.join(PLOVER_TYPES)})")
    return kind


def read_mode(value: Any, lookups: Lookups) -> str | None:
    return None if value is None else _text(value, "mode").lower()


def read_acled(value: Any, lookups: Lookups) -> dict[str, str] | None:
    if value is None:
        return None
    sub_type = value.get("sub_event_type") if isinstance(value, dict) else value
    sub_type = _text(sub_type, "acled.sub_event_type")
    event_type = lookups.taxonomy.acled.get(sub_type)
    if event_type is None:
        raise ReviewError(f"acled: {_shown(sub_type)} is not an ACLED sub-event type")
    if isinstance(value, dict):
        if set(value) - {"event_type", "sub_event_type"}:
            raise ReviewError("acled: give only event_type and sub_event_type")
        if value.get("event_type") not in (None, event_type):
            raise ReviewError(f"acled: {sub_type!r} belongs to {event_type!r}, not {_shown(value.get('event_type'))}")
    return {"event_type": event_type, "sub_event_type": sub_type}


def read_actors(value: Any, lookups: Lookups, what: str) -> list[dict[str, Any]]:
    if not isinstance(value, list):
        raise ReviewError(f"{what}: expected a list of actor ids or objects, got {_shown(value)}")
    if len(value) > 20:
        raise ReviewError(f"{what}: at most 20 actors")
    ids = [item if isinstance(item, str) else item.get("id") for item in value if isinstance(item, str | dict)]
    known = lookups.actors([actor_id for actor_id in ids if isinstance(actor_id, str)])
    return [_actor(item, known, f"{what}[{number}]") for number, item in enumerate(value)]


def _actor(item: Any, known: Mapping[str, Mapping[str, Any]], what: str) -> dict[str, Any]:
    """An ActorRef in contract JSON (every key, as the extracted records have them)."""
    if isinstance(item, str):
        actor = known.get(item)
        if actor is None:
            raise ReviewError(f'{what}: no actor with id {_shown(item)} (see /api/actors), or give {{"text": ...}}')
        return {"text": actor["name"], "id": item, "name": actor["name"], "country": actor["country"],
                "sector": actor["sector"], "patron": None, "attribution": None}  # fmt: skip
    if not isinstance(item, dict):
        raise ReviewError(f"{what}: expected an actor id or an object {{text, id, country, sector}}")
    unknown = set(item) - {"text", "id", "name", "country", "sector", "patron", "attribution"}
    if unknown:
        raise ReviewError(f"{what}: unknown key(s) {', '.join(sorted(unknown))}")
    ties = _ties(item, what)
    if item.get("id") is not None:
        actor = known.get(item["id"]) if isinstance(item["id"], str) else None
        if actor is None:
            raise ReviewError(f"{what}: no actor with id {_shown(item['id'])} (see /api/actors)")
        text = _text(item.get("text", actor["name"]), f"{what}.text")
        return {"text": text, "id": actor["id"], "name": actor["name"], "country": actor["country"],
                "sector": actor["sector"], **ties}  # fmt: skip
    text = _text(item.get("text"), f"{what}.text")
    country, sector = item.get("country"), item.get("sector")
    if country is not None and not (isinstance(country, str) and _COUNTRY.match(country)):
        raise ReviewError(f"{what}.country: expected ISO alpha-3 or IGO/NGO/... in capitals, got {_shown(country)}")
    if sector is not None and not (isinstance(sector, str) and _SECTOR.match(sector)):
        raise ReviewError(f"{what}.sector: expected a PLOVER sector code (GOV, MIL, REB, ...), got {_shown(sector)}")
    name = _text(item["name"], f"{what}.name") if item.get("name") is not None else None
    return {"text": text, "id": None, "name": name, "country": country, "sector": sector, **ties}


def _ties(item: Mapping[str, Any], what: str) -> dict[str, Any]:
    """How the text ties the party to the event: a patron country (ISO alpha-3) and the attribution, each or null."""
    patron, attribution = item.get("patron"), item.get("attribution")
    if patron is not None and not (isinstance(patron, str) and _COUNTRY.match(patron)):
        raise ReviewError(f"{what}.patron: expected a country's ISO alpha-3 code in capitals, got {_shown(patron)}")
    if attribution is not None and attribution not in ATTRIBUTIONS:
        wanted = " or ".join(ATTRIBUTIONS)
        raise ReviewError(f"{what}.attribution: expected {wanted} or null, got {_shown(attribution)}")
    return {"patron": patron, "attribution": attribution}


def read_date(value: Any, lookups: Lookups) -> dict[str, Any] | None:
    if value is None:
        return None
    given = value if isinstance(value, dict) else {"value": value}
    if set(given) - {"value", "precision", "text"}:
        raise ReviewError("date: give value and precision only")
    text = _text(given.get("value"), "date.value", longest=40)
    parts = text.split("-")
    shape = {1: "year", 2: "month", 3: "day"}.get(len(parts))
    precision = given.get("precision") or shape
    if precision not in DATE_PRECISIONS:
        raise ReviewError(f"date.precision: expected one of {', '.join(DATE_PRECISIONS)}, got {_shown(precision)}")
    if shape is None or len(parts[0]) != 4 or date_range(text, precision) == (None, None):
        raise ReviewError(f"date: {text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    if DATE_PRECISIONS.index(precision) < DATE_PRECISIONS.index(shape):
        raise ReviewError(f"date: {text!r} cannot have precision {precision!r}")
    return {"value": text, "precision": precision, "text": None}


def read_location(value: Any, lookups: Lookups) -> dict[str, Any] | None:
    if value is None:
        return None
    gazetteer = lookups.gazetteer()
    if isinstance(value, bool):
        raise ReviewError(f"location: expected a place name or a GeoNames id, got {_shown(value)}")
    if isinstance(value, int) or (isinstance(value, dict) and set(value) == {"geonameid"}):
        number = value if isinstance(value, int) else value["geonameid"]
        index = _geonameids(gazetteer).get(number) if isinstance(number, int) else None
        if index is None:
            raise ReviewError(f"location: GeoNames id {_shown(number)} is not in the gazetteer")
        return _location(gazetteer.entry(index))
    name, country = value, None
    if isinstance(value, dict):
        if set(value) - {"name", "country"}:
            raise ReviewError("location: give a name (and a country, ISO alpha-2) or a geonameid")
        name, country = value.get("name"), value.get("country")
    name = _text(name, "location")
    found = [entry for entry in gazetteer.lookup(name) if country is None or entry.country == country]
    if not found:
        where = f" in {country}" if country else ""
        raise ReviewError(f"location: {name!r}{where} is not in the gazetteer")
    # A name shared by a town and its region ("Khartoum") means the town: the most precise place, then the largest.
    candidates = [_location(entry) | {"population": entry.population} for entry in found]
    best = min(candidates, key=lambda loc: (LOCATION_PRECISIONS.index(loc["precision"]), -loc["population"]))
    del best["population"]
    return best


def _geonameids(gazetteer: places.Gazetteer) -> dict[int, int]:
    return _GEONAMEIDS.setdefault(id(gazetteer), {row[0]: i for i, row in enumerate(gazetteer.rows) if row[0]})


_GEONAMEIDS: dict[int, dict[int, int]] = {}


def _location(entry: places.GazEntry) -> dict[str, Any]:
    place = Place(entry.name, 0, 0, entry.name, entry.lat, entry.lon, entry.country or None, entry.admin1,
                  entry.geonameid, entry.feature)  # fmt: skip
    location: dict[str, Any] = to_json(places.to_location(place))
    return location


def read_count(value: Any, lookups: Lookups, what: str) -> dict[str, int] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        if set(value) - {"low", "best", "high"} or "best" not in value:
            raise ReviewError(f"{what}: expected a number or {{low, best, high}}")
        best = _number(value["best"], what)
        low, high = _number(value.get("low", best), what), _number(value.get("high", best), what)
    else:
        low = best = high = _number(value, what)
    if not low <= best <= high:
        raise ReviewError(f"{what}: needs low <= best <= high")
    return {"low": low, "best": best, "high": high}


def _number(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise ReviewError(f"{what}: expected a whole number from 0 to {MAX_COUNT}, got {_shown(value)}")
    return value


def read_field(name: str, value: Any, lookups: Lookups) -> Any:
    """The value of one field in the contract's shape (ReviewError when it cannot be one)."""
    if name in ("source", "recipient"):
        return read_actors(value, lookups, name)
    if name in COUNT_KINDS:
        return read_count(value, lookups, name)
    readers: dict[str, Callable[[Any, Lookups], Any]] = {
        "type": read_type,
        "mode": read_mode,
        "acled": read_acled,
        "date": read_date,
        "location": read_location,
    }
    return readers[name](value, lookups)
