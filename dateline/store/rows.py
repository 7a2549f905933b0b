"""Records flattened into table rows (plain dicts keyed by column name), and the date range a date covers."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from dateline.records import (
    Actor,
    ActorRef,
    Article,
    Casualties,
    Event,
    Extraction,
    ItemError,
    Mention,
    Place,
    Quote,
    TimeExpr,
    to_json,
)

log = logging.getLogger(__name__)

COUNT_KINDS = ("killed", "injured", "displaced", "captured")
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_WEEK_VALUE = re.compile(r"^(\d{4})-W(\d{2})$")


def date_range(value: str | None, precision: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day (inclusive) that `value` at `precision` covers; (None, None) when it does not parse.

    The range is the coarser of the value's own granularity and the precision: "2015-05-17" at week precision
    covers its ISO week (Monday to Sunday), at month precision May 2015; "2015-05" covers May whatever the precision
    (unless it says year). TimeML week values ("2015-W21") are read too.
    """
    if not value:
        return None, None
    try:
        week = _WEEK_VALUE.match(value)
        if week:
            monday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return monday, monday + dt.timedelta(days=6)
        match = _DATE_VALUE.match(value)
        if not match:
            return None, None
        year, month, day = int(match[1]), match[2], match[3]
        if precision == "year" or month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if precision == "month" or day is None:
            last = calendar.monthrange(year, int(month))[1]
            return dt.date(year, int(month), 1), dt.date(year, int(month), last)
        when = dt.date(year, int(month), int(day))
        if precision == "week":
            monday = when - dt.timedelta(days=when.weekday())
            return monday, monday + dt.timedelta(days=6)
        return when, when
    except ValueError:
        log.debug("date %r (%s) does not parse", value, precision)
        return None, None


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


def actor_ids(refs: Sequence[ActorRef]) -> list[str]:
    return [ref.id for ref in refs if ref.id]


def actor_names(refs: Sequence[ActorRef]) -> list[str]:
    return [ref.name or ref.text for ref in refs]


def casualty_columns(casualties: Casualties) -> dict[str, int | None]:
    columns: dict[str, int | None] = {}
    for kind in COUNT_KINDS:
        count = getattr(casualties, kind)
        for bound in ("low", "best", "high"):
            columns[f"{kind}_{bound}"] = getattr(count, bound) if count is not None else None
    return columns


def article_row(article: Article, *, n_events: int, n_quotes: int, n_errors: int, at: dt.datetime) -> dict[str, Any]:
    published_date = date_range(article.published, "day")[0] if article.published else None
    return {
        "id": article.id,
        "title": article.title,
        "published": article.published,
        "published_date": published_date,
        "dateline": article.dateline,
        "source": article.source,
        "url": article.url,
        "text": article.text,
        "origin": article.origin,
        "n_events": n_events,
        "n_quotes": n_quotes,
        "n_errors": n_errors,
        "ingested_at": at,
        "main_event_id": article.main_event_id,
    }


def event_row(event: Event, seq: int) -> dict[str, Any]:
    date, location = event.date, event.location
    date_start, date_end = date_range(date.value, date.precision) if date else (None, None)
    record = to_json(event)
    record["cluster_id"] = None  # the column is the truth: clusters change after the report is stored
    return {
        "id": event.id,
        "article_id": event.article_id,
        "seq": seq,
        "type": event.type,
        "mode": event.mode,
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "date_value": date.value if date else None,
        "date_precision": date.precision if date else None,
        "date_text": date.text if date else None,
        "date_start": date_start,
        "date_end": date_end,
        "lat": location.lat if location else None,
        "lon": location.lon if location else None,
        "country": location.country if location else None,
        "admin1": location.admin1 if location else None,
        "location_name": location.name if location else None,
        "location_text": location.text if location else None,
        "location_precision": location.precision if location else None,
        "geonameid": location.geonameid if location else None,
        **casualty_columns(event.casualties),
        "negated": event.factuality.negated,
        "hypothetical": event.factuality.hypothetical,
        "future": event.factuality.future,
        "historical": event.factuality.historical,
        "confidence": float(event.confidence),
        "cluster_id": event.cluster_id,
        "source_ids": actor_ids(event.source),
        "recipient_ids": actor_ids(event.recipient),
        "source_names": actor_names(event.source),
        "recipient_names": actor_names(event.recipient),
        "evidence_text": event.evidence.text,
        "evidence_start": event.evidence.start,
        "evidence_end": event.evidence.end,
        "record": _dumps(record),
    }


def quote_row(quote: Quote, seq: int) -> dict[str, Any]:
    speaker = quote.speaker
    return {
        "id": quote.id,
        "article_id": quote.article_id,
        "seq": seq,
        "text": quote.text,
        "kind": quote.kind,
        "start": quote.start,
        "end": quote.end,
        "cue": quote.cue,
        "speaker_text": speaker.text if speaker else None,
        "speaker_id": speaker.id if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "event_id": quote.event_id,
        "stance": quote.stance,
        "record": _dumps(to_json(quote)),
    }


def place_row(article_id: str, place: Place, seq: int) -> dict[str, Any]:
    columns = to_json(place)
    return {"article_id": article_id, "seq": seq, **columns, "record": _dumps(columns)}


def time_row(article_id: str, time: TimeExpr, seq: int) -> dict[str, Any]:
    columns = to_json(time)
    return {"article_id": article_id, "seq": seq, **columns, "record": _dumps(columns)}


def article_actor_row(article_id: str, actor: Actor, seq: int) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "seq": seq,
        "actor_id": actor.id,
        "name": actor.name,
        "country": actor.country,
        "sector": actor.sector,
    }


def mention_rows(article_id: str, actor: Actor, actor_seq: int) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article_id,
            "actor_id": actor.id,
            "actor_seq": actor_seq,
            "seq": seq,
            "text": mention.text,
            "start": mention.start,
            "end": mention.end,
        }
        for seq, mention in enumerate(actor.mentions)
    ]


def actor_row(actor: Actor) -> dict[str, Any]:
    """The canonical actor row this article contributes (merged with earlier rows by the store)."""
    return {
        "id": actor.id,
        "name": actor.name,
        "country": actor.country,
        "sector": actor.sector,
        "aliases": sorted({mention.text for mention in actor.mentions}),
        "n_mentions": len(actor.mentions),
        "n_articles": 1,
    }


def error_row(error: ItemError, *, stored_article: bool, at: dt.datetime) -> dict[str, Any]:
    return {
        "origin": error.origin,
        "stage": error.stage,
        "error_type": error.error_type,
        "message": error.message,
        "article_id": error.article_id,
        "stored_article": stored_article,
        "at": at,
    }


def merge_actor_rows(actor_rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One canonical row per actor id from the rows each article contributes (first name wins)."""
    merged: dict[str, dict[str, Any]] = {}
    for row in actor_rows:
        seen = merged.get(row["id"])
        if seen is None:
            merged[row["id"]] = dict(row)
            continue
        seen["aliases"] = sorted(set(seen["aliases"]) | set(row["aliases"]))
        seen["n_mentions"] += row["n_mentions"]
        seen["n_articles"] += row["n_articles"]
        seen["country"] = seen["country"] or row["country"]
        seen["sector"] = seen["sector"] or row["sector"]
    return list(merged.values())


def extraction_rows(extraction: Extraction, at: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """Every row one extraction adds, by table (actors: this article's contribution to the canonical rows)."""
    article_id = extraction.article.id
    tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
    tables["articles"].append(
        article_row(
            extraction.article,
            n_events=len(extraction.events),
            n_quotes=len(extraction.quotes),
            n_errors=len(extraction.errors),
            at=at,
        )
    )
    tables["events"] = [event_row(event, seq) for seq, event in enumerate(extraction.events)]
    tables["quotes"] = [quote_row(quote, seq) for seq, quote in enumerate(extraction.quotes)]
    tables["places"] = [place_row(article_id, place, seq) for seq, place in enumerate(extraction.places)]
    tables["times"] = [time_row(article_id, time, seq) for seq, time in enumerate(extraction.times)]
    for seq, actor in enumerate(extraction.actors):
        tables["article_actors"].append(article_actor_row(article_id, actor, seq))
        tables["actor_mentions"].extend(mention_rows(article_id, actor, seq))
    by_id: dict[str, list[Mention]] = defaultdict(list)
    first: dict[str, Actor] = {}
    for actor in extraction.actors:
        first.setdefault(actor.id, actor)
        by_id[actor.id].extend(actor.mentions)
    tables["actors"] = [
        actor_row(Actor(id=a.id, name=a.name, country=a.country, sector=a.sector, mentions=tuple(by_id[a.id])))
        for a in first.values()
    ]
    tables["item_errors"] = [error_row(error, stored_article=True, at=at) for error in extraction.errors]
    return tables
