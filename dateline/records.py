"""Every record dateline reads or writes, top to bottom.

The JSON shape of these records is fixed by docs/contract.md; `to_json` turns any of them into exactly that shape.
Sequences are tuples so that records stay immutable and hashable; build them with `dataclasses.replace`.
All offsets are Python string indices into `Article.text`, end exclusive.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

DatePrecision = Literal["day", "week", "month", "year"]
LocationPrecision = Literal["place", "admin2", "admin1", "country"]
QuoteKind = Literal["direct", "indirect", "mixed"]
Stance = Literal["assert", "deny", "accuse", "claim_responsibility"]


# --- Input, before cleaning -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it: text or HTML plus whatever metadata the input carried.

    `origin` says where it came from ("path", "path:line" or "<stdin>:line") so errors can name it; `notes` what the
    reader ignored in it (a field of the wrong type), reported as errors of the article.
    """

    origin: str
    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemError:
    """What went wrong with one input item; stored, exported and counted, never dropped silently."""

    origin: str
    stage: str
    error_type: str
    message: str
    article_id: str | None = None


# --- The article and its spans ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date "YYYY-MM-DD"
    dateline: str | None = None  # place of the opening dateline, e.g. "MOSUL"
    source: str | None = None
    url: str | None = None
    main_event_id: str | None = None  # the event the article is about (set by the story stage), None when none is
    origin: str | None = None  # file or file:line it was read from (not part of the contract)


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TimeExpr:
    text: str
    start: int
    end: int
    value: str  # TimeML-style: "2015-05-17", "2015-W21", "2015-05", "2015", "PRESENT_REF", "P3D", ...
    type: str = "DATE"  # TimeML TIMEX3 type: DATE, TIME, DURATION, SET


@dataclass(frozen=True, slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166 alpha-2
    admin1: str | None = None
    geonameid: int | None = None
    feature: str | None = None  # country, admin1, admin2, city, ...


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    country: str | None = None  # ISO 3166 alpha-3 or IGO/NGO/IMG/...
    sector: str | None = None  # PLOVER sector code: GOV, MIL, REB, PRM, CVL, ...
    mentions: tuple[Mention, ...] = ()


# How the text ties a party to an event: "claimed" (it claimed responsibility), "alleged" (another party blamed or
# accused it); None when the text states it.
Attribution = Literal["claimed", "alleged"]


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as it takes part in one event or quote: the words used, and who they resolve to."""

    text: str
    id: str | None = None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    patron: str | None = None  # ISO alpha-3 of a country that backs it (docs/actors.md)
    attribution: Attribution | None = None


# --- Events -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AcledType:
    event_type: str
    sub_event_type: str


# Why an event has its date (EventDate.reason).
DATE_REASONS: tuple[str, ...] = (
    "own_expression",  # a time expression of the event's own clause
    "nearby_expression",  # one just before, in the same paragraph (news dates an incident once and goes on)
    "sentence_expression",  # the date of another verb of its sentence ("police said Monday")
    "mention",  # another mention of the same occurrence gives it
    "next_sentence",  # a day of the sentences just after that tell no other event (the lead gives the when next)
    "reported_news",  # no words date it; it is the news the article reports, so the article's date bounds it
)
# Why an event has its place (Location.reason).
LOCATION_REASONS: tuple[str, ...] = (
    "own_clause",  # a place of the event's own clause ("shelled Mariupol", "a strike in Hilla")
    "own_sentence",  # a place elsewhere in its sentence
    "relative",  # a direction from a place ("north of Baghdad", "20 km from Goma")
    "mention",  # another mention of the same occurrence names it
    "nearby_sentence",  # a town named just before or after the sentence
    "dateline",  # the wire dateline, for a story told from the place it happened
    "story_setting",  # the one place the story is about
    "headline",  # the town or county the title names, for a main event the body does not place
)


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    precision: DatePrecision
    text: str | None = None  # the words it came from; None when it fell back to the publication date
    reason: str | None = None  # why this date: DATE_REASONS


@dataclass(frozen=True, slots=True)
class Location:
    text: str | None
    name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None = None
    geonameid: int | None = None
    precision: LocationPrecision = "place"
    # ACLED's geo_precision: 1 the town itself, 2 near a town or a small region, 3 province or larger
    geo_precision: int | None = None
    reason: str | None = None  # why this place: LOCATION_REASONS


@dataclass(frozen=True, slots=True)
class Count:
    """How many, as low / best / high (docs/casualties.md says how hedges and ranges become these)."""

    low: int
    best: int
    high: int
    reported_by: ActorRef | None = None  # who gave this figure, where the text names one


CasualtyCategory = Literal["killed", "injured", "displaced", "captured", "combined"]


@dataclass(frozen=True, slots=True)
class StatedFigure:
    """One casualty figure as the article states it ("up to 500 people", "the death toll rose to 12").

    `category` "combined" is killed and injured together ("killed and wounded more than a dozen", "13 casualties").
    `counted` is False for a figure the event's totals leave out: one a later figure updated ("the toll rose to
    12"), one told again, one inside another ("including five children")."""

    category: CasualtyCategory
    low: int
    best: int
    high: int
    text: str
    start: int
    end: int
    hedge: str | None = None  # at_least, more_than, up_to, fewer_than, about, nearly, range, vague; None: exact
    reported_by: ActorRef | None = None
    update: bool = False  # told as a change of a toll ("rose to 12", "climbed to 12")
    counted: bool = True
    in_title: bool = False  # stated in the headline: start and end are offsets into Article.title


@dataclass(frozen=True, slots=True)
class Casualties:
    killed: Count | None = None
    injured: Count | None = None
    displaced: Count | None = None
    captured: Count | None = None
    reported_by: ActorRef | None = None  # the source of the leading figure (killed, else injured, ...): see Count
    figures: tuple[StatedFigure, ...] = ()  # every figure the event's mentions state, in text order


@dataclass(frozen=True, slots=True)
class Factuality:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class EventMention:
    """One telling of an event in the article: its sentence (or clause) and the words that signal it there."""

    text: str
    start: int
    end: int
    trigger: Mention


# Values of Event.flags: what an analyst must know before counting the record as one attributed occurrence.
EVENT_FLAGS: tuple[str, ...] = (
    "aggregate",  # one record for many occurrences told together ("five attacks a week", "4,100 airstrikes")
    "no_source",  # no acting party could be found in the text (ACLED codes no event without one)
)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    article_id: str
    type: str  # one of PLOVER_TYPES
    evidence: Evidence
    mode: str | None = None
    acled: AcledType | None = None
    source: tuple[ActorRef, ...] = ()
    recipient: tuple[ActorRef, ...] = ()
    date: EventDate | None = None
    location: Location | None = None
    casualties: Casualties = field(default_factory=Casualties)
    factuality: Factuality = field(default_factory=Factuality)
    confidence: float = 0.5
    cluster_id: str | None = None
    trigger: Mention | None = None  # the word(s) that signalled the event's main mention
    mentions: tuple[EventMention, ...] = ()  # every telling of this occurrence in the article, the main one first
    flags: tuple[str, ...] = ()  # EVENT_FLAGS that apply


# --- Quotes -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Speaker:
    text: str
    start: int
    end: int
    id: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    article_id: str
    text: str
    kind: QuoteKind
    start: int
    end: int
    cue: str | None = None
    speaker: Speaker | None = None
    event_id: str | None = None
    stance: Stance | None = None


# --- One article's extraction -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything dateline found in one article: the object `dateline extract` prints per line."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeExpr, ...] = ()
    actors: tuple[Actor, ...] = ()
    errors: tuple[ItemError, ...] = ()


# Fields kept internal: they are useful inside the pipeline but are not part of the contract's JSON.
_INTERNAL_FIELDS: dict[type, frozenset[str]] = {
    Article: frozenset({"origin"}),
}


_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})
# The contract's field names of each record class, found once (dataclasses.fields is slow, and storing a batch
# turns tens of thousands of records into JSON).
_JSON_FIELDS: dict[type, tuple[str, ...]] = {}


def to_json(record: Any) -> Any:
    """Turn a record (or a tuple/list/dict of records) into plain JSON-ready data in the contract's shape."""
    kind = type(record)
    if kind in _PLAIN_TYPES:
        return record
    names = _JSON_FIELDS.get(kind)
    if names is not None:
        return {name: to_json(getattr(record, name)) for name in names}
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        hidden = _INTERNAL_FIELDS.get(kind, frozenset())
        _JSON_FIELDS[kind] = tuple(f.name for f in dataclasses.fields(record) if f.name not in hidden)
        return to_json(record)
    if isinstance(record, (list, tuple)):
        return [to_json(item) for item in record]
    if isinstance(record, dict):
        return {key: to_json(value) for key, value in record.items()}
    return record


def _pickle_as_field_tuple(record_class: type) -> None:
    """Pickle a frozen, slotted record as the tuple of its field values.

    Records travel between worker processes by pickle; the state functions `dataclass(slots=True)` adds call
    `fields()` and `object.__setattr__` per field in Python, which made pickling cost about 2.5 ms of CPU per
    article, a few percent of the whole pipeline. These read and write the slots directly."""
    names = tuple(f.name for f in dataclasses.fields(record_class))
    read_fields = operator.attrgetter(*names)
    slot_writers = tuple(getattr(record_class, name).__set__ for name in names)

    def getstate(record: Any) -> tuple[Any, ...]:
        state = read_fields(record)
        return (state,) if len(names) == 1 else state

    def setstate(record: Any, state: Sequence[Any]) -> None:
        for write, value in zip(slot_writers, state, strict=True):
            write(record, value)

    for name, method in {"__getstate__": getstate, "__setstate__": setstate}.items():
        setattr(record_class, name, method)


for _record_class in [value for value in list(globals().values()) if dataclasses.is_dataclass(value)]:
    if isinstance(_record_class, type) and _record_class.__module__ == __name__:
        _pickle_as_field_tuple(_record_class)
