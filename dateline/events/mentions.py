"""One record per occurrence: the mentions of one occurrence in an article become one event that lists them all.

News tells an occurrence several times ("Islamic State insurgents overran Ramadi" ... "the fall of Ramadi" ... "the
loss of the city"; "met in Paris" ... "the Paris conference" ... "before the meeting"; one statement "blasted ...
ridiculed"). The stage builds one event per telling; this module puts tellings of one occurrence together.

A telling joins an occurrence told before it when they are compatible (same PLOVER type, same mode for COERCE,
ACLED sub-types that do not contradict, the same factuality class (or a denial of an occurrence told as fact:
"security forces had not targeted protesters" after "security forces fired on the crowds"), one occurrence or many
alike, and no contradicting date, place or named party: a country does not contradict its own state's organs) and
one of these links them:
1. it refers back: a definite or possessive event noun ("the attack", "Saturday's attack", "the city's fall"), or
   a death toll told with no party of its own ("at least seven people were killed"), to the compatible occurrence
   the story tells most (the first of equals);
2. it shares a specific anchor: the same day written in the text, or the same town (nearby, NEARBY_SENTENCES, except
   for a town's fall), or a named party in the same role within PARTY_SENTENCES;
3. it is the same party's verbal act within VERBAL_WINDOW sentences (one statement told in several sentences);
4. it is a meeting with the same date or place (a conference is told as "met", "the conference", "the meeting");
4b. it shares its sentence with a telling of the occurrence, one of the two naming no party of its own ("photographs
   show the mass execution of soldiers, and the group claimed it had killed hundreds");
5. it is told in the headline: the headline sums up the story, so it joins the first compatible occurrence of the
   body (a headline telling nothing the body tells is an event of its own).
6. it is a bare re-telling nearby (NEARBY_SENTENCES) of an occurrence a known party did: no day or place written
   for it, its doer a word no knowledge describes ("Missiles hit two trucks" after "a Kumarian drone strike killed
   the general"), and no target the occurrence does not name. There such a doer contradicts no party, and like a
   back-reference it may name the violence plainly ("Attack" beside "Air/drone strike").
A telling marked `another` ("a second blast", "another attack") never joins one told before. A telling the grammar
marks `mention` (eventness.py: a verbal act without its performer, "the fight" with nothing of its own) joins an
occurrence or is dropped; it starts none.

The merged event: the main mention is the first telling that introduces the occurrence (not a back-reference, not the
headline); `evidence`, `trigger`, type and factuality are the main mention's; source, date, place, casualties and
the ACLED sub-type are the most specific any mention gives; recipient lists what every mention says was hit (the
main mention's first, a party named twice once: one names the bakery, another the people hurt); `mentions[]` lists
the main mention first, then the others in text order. Events are numbered again in the order of their main mentions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from dateline import times
from dateline.events.eventness import Reference
from dateline.events.factuality import date_span
from dateline.records import ActorRef, Casualties, Count, Event, EventDate, Location

# Sentences apart within which one party's verbal acts of one type are taken for one statement, and two tellings
# sharing a town (not a day written out) or a named party in one role are taken for one occurrence. Set by reading
# the seeds and the WikiEvents tune half (docs/events.md); a territory's fall is linked by its town at any distance.
VERBAL_WINDOW = 3
NEARBY_SENTENCES = 3
PARTY_SENTENCES = 3
VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "AGREE", "CONCEDE"})
# ACLED sub-types that say only "violence" or "a protest": they never contradict a more specific one.
PLAIN_SUB_TYPES = frozenset({"Attack", "Armed clash", "Peaceful protest"})
# ACLED event types whose sub-types grade one interaction (a protest met with force), not tell different weapons.
GRADED_EVENT_TYPES = frozenset({"Protests", "Riots"})
TERRITORY_SUB_TYPES = frozenset(
    {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}
)
# The sectors of a state's own organs: a country named as a party stands for them.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "SPY", "JUD"})
DATE_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
PLACE_PRECISION_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}


@dataclass(frozen=True)
class Telling:
    """One event as the stage built it from one telling, with what the grammar said about how it refers."""

    event: Event
    sentence: int  # the sentence's number in the article
    reference: Reference = "new"
    starts: bool = True  # False: it may only join an occurrence told elsewhere (eventness "mention")
    aggregate: bool = False
    definite: bool = False  # a definite or possessive noun ("the bombing in Hilla"), whether or not it refers back
    pronoun_source: bool = False  # its performer is a pronoun ("He also ridiculed ..."), resolved or not
    described_source: bool = False  # its performer is introduced unnamed ("a militia leader said ...")
    dateline_place: bool = False  # its place is the dateline's town, which says where the report was filed
    headline: bool = False
    ended: bool = False  # what another telling of its sentence ends ("ending a siege"): never that telling's occurrence


@dataclass
class _Occurrence:
    tellings: list[Telling] = field(default_factory=list)

    @property
    def first(self) -> Telling:
        return self.tellings[0]

    @property
    def told(self) -> int:
        """How many times the occurrence is told (its tellings and the continuations they carry)."""
        return sum(len(telling.event.mentions) for telling in self.tellings)

    @property
    def last_sentence(self) -> int:
        return max(telling.sentence for telling in self.tellings)


def _asserted(event: Event) -> tuple[bool, bool]:
    facts = event.factuality
    return facts.negated, facts.hypothetical or facts.future


def _factuality_fits(main: Event, event: Event) -> bool:
    """The same factuality class; or a denial of an occurrence told as fact ("security forces had not targeted
    protesters" after "security forces fired on the crowds"): the denial is told about that occurrence."""
    if _asserted(main) == _asserted(event):
        return True
    return _asserted(main) == (False, False) and _asserted(event) == (True, False)


def _sub_type(event: Event) -> str | None:
    return event.acled.sub_event_type if event.acled else None


def _types_agree(a: Event, b: Event, *, refers_back: bool) -> bool:
    """Same PLOVER type (and mode for COERCE); ACLED sub-types that do not contradict. A back-reference ("the
    attack") may name an air strike plainly; two descriptions must agree on ACLED's event type (a battle and the
    lynching after it are two occurrences)."""
    if a.type != b.type:
        return False
    if a.type == "COERCE" and a.mode != b.mode:
        return False
    first, second = _sub_type(a), _sub_type(b)
    if first is None or second is None or first == second:
        return True
    if a.type == "COERCE":
        return False  # "Government regains territory" is not the fall it answers
    plain = first in PLAIN_SUB_TYPES or second in PLAIN_SUB_TYPES
    same_kind = a.acled is not None and b.acled is not None and a.acled.event_type == b.acled.event_type
    graded = same_kind and a.acled is not None and a.acled.event_type in GRADED_EVENT_TYPES
    return (plain or same_kind) if refers_back else ((plain and same_kind) or graded)


def _dates_clash(a: EventDate | None, b: EventDate | None) -> bool:
    if a is None or b is None or not times.read_for_the_event(a) or not times.read_for_the_event(b):
        return False
    first, second = date_span(a), date_span(b)
    if first is None or second is None:
        return False
    return first[1] < second[0] or second[1] < first[0]


def _places_clash(a: Location | None, b: Location | None) -> bool:
    """Two places written in the text that cannot be one: different towns, or a town outside the other's province.
    A country says too little (it is often the story's setting) to keep two mentions apart."""
    if a is None or b is None or a.text is None or b.text is None or a.name == b.name:
        return False
    broad = {"admin1", "country"}
    if a.precision == "country" or b.precision == "country":
        return False
    return not (a.admin1 and a.admin1 == b.admin1 and (a.precision in broad or b.precision in broad))


def _ids(refs: Sequence[ActorRef]) -> set[str]:
    return {ref.id for ref in refs if ref.id}


def _is_country(ref: ActorRef) -> bool:
    """A country named as a party ("Iraq", "the U.S.", "Iraqi"): its id is its country code."""
    return ref.sector is None and ref.id is not None and ref.country is not None and ref.id == ref.country.lower()


def _stands_for(country: ActorRef, ref: ActorRef) -> bool:
    """A country stands for its own state's organs ("the Iraqi retreat" after "the Iraqi army fled")."""
    return ref.country == country.country and (ref.sector in STATE_SECTORS or _is_country(ref))


def _unknown(ref: ActorRef) -> bool:
    """A performer no knowledge describes: an id made from its words, with no country and no sector ("Missiles
    hit two trucks"): in a bare re-telling it says what did the deed rather than who."""
    return ref.id is not None and ref.id.startswith("x-") and ref.country is None and ref.sector is None


def _unnamed_doer(event: Event) -> bool:
    """No performer, or only performers no knowledge describes."""
    return all(_unknown(ref) for ref in event.source)


def _parties_clash(a: Event, b: Event) -> bool:
    first, second = _ids(a.source), _ids(b.source)
    if not (first and second) or first & second:
        return False
    pairs = [(x, y) for x in a.source for y in b.source if x.id and y.id]
    return not any((_is_country(x) and _stands_for(x, y)) or (_is_country(y) and _stands_for(y, x)) for x, y in pairs)


def _compatible(occurrence: _Occurrence, telling: Telling) -> bool:
    main, event = occurrence.first.event, telling.event
    refers_back = telling.reference == "anaphoric"
    # "the assault on Ramadi" after "militants overran Ramadi": the fighting for a town whose fall the story tells
    # a bare re-telling of what a known party did ("Missiles hit two trucks") may name the violence plainly
    # and its doer contradicts no party
    retold = _bare(telling) and not _unnamed_doer(occurrence.first.event)
    plain_type = refers_back or _names_taken_town(occurrence, telling) or retold
    if not _types_agree(main, event, refers_back=plain_type) or not _factuality_fits(main, event):
        return False
    if (
        not refers_back
        and occurrence.first.aggregate != telling.aggregate
        and not _restates_aggregate(occurrence, telling)
    ):
        return False
    if any(other.sentence == telling.sentence and other.ended != telling.ended for other in occurrence.tellings):
        return False  # "drove them out, ending a siege": the siege and the taking that ended it are two
    for other in occurrence.tellings:
        # a doer no knowledge describes, in a bare re-telling, contradicts no party ("Missiles hit")
        if _parties_clash(other.event, event) and not retold and not _speakers_agree(occurrence, other, telling):
            return False
        # A back-reference describes nothing of its own: the date and place it got are its sentence's.
        if not refers_back and _dates_clash(other.event.date, event.date):
            return False
        if not refers_back and _places_clash(_place(other), _place(telling)):
            return False
    return True


def _restates_aggregate(occurrence: _Occurrence, telling: Telling) -> bool:
    """A definite noun in the sentence that tells an aggregate ("hundreds of airstrikes around the town, the heaviest
    concentration of its strikes"): the many occurrences told again, not one of them."""
    return telling.definite and any(o.aggregate and o.sentence == telling.sentence for o in occurrence.tellings)


def _names_taken_town(occurrence: _Occurrence, telling: Telling) -> bool:
    """A definite description of violence in a town ("the assault on Ramadi") that the occurrence took."""
    town = _town(telling)
    if not telling.definite or town is None or telling.event.type != "ASSAULT":
        return False
    return any(_sub_type(other.event) in TERRITORY_SUB_TYPES and _town(other) == town for other in occurrence.tellings)


def _place(telling: Telling) -> Location | None:
    """The telling's place, unless it is only the dateline's (where the reporter filed from)."""
    return None if telling.dateline_place else telling.event.location


def _town(telling: Telling, *, unnamed: bool = False) -> str | None:
    """The town the telling names; with unnamed=True also the one its place was read from nearby ("took control of
    the town": the town of the sentences around it)."""
    location = _place(telling)
    if location is None or location.precision != "place" or (location.text is None and not unnamed):
        return None
    return str(location.geonameid or location.name)


def _day(event: Event) -> str | None:
    date = event.date
    return date.value if date is not None and date.text is not None and date.precision == "day" else None


def _shares_anchor(occurrence: _Occurrence, telling: Telling) -> bool:
    """The same day written in the text; or the same town: for the fall of a town at any distance, for a definite
    description ("the bombing in Hilla") nearby. Two indefinite tellings in one city are two occurrences."""
    territory = _sub_type(telling.event) in TERRITORY_SUB_TYPES
    town, day = _town(telling, unnamed=territory), _day(telling.event)
    for other in occurrence.tellings:
        if day is not None and _day(other.event) == day:
            return True
        # "the assault on Ramadi" after "militants seized Ramadi": a definite description of the fighting for a town
        # whose fall the story tells, at any distance
        taken = telling.definite and _sub_type(other.event) in TERRITORY_SUB_TYPES
        near = territory or taken or (telling.definite and abs(other.sentence - telling.sentence) <= NEARBY_SENTENCES)
        if town is not None and near and _town(other) == town:
            return True
    return False


def _shares_party(occurrence: _Occurrence, telling: Telling) -> bool:
    """A named party in the same role, in a sentence nearby ("IS overran Ramadi; the army lost control of the
    provincial capital": the same loser)."""
    event = telling.event
    for other in occurrence.tellings:
        if abs(other.sentence - telling.sentence) > PARTY_SENTENCES:
            continue
        if _ids(event.source) & _ids(other.event.source) or _ids(event.recipient) & _ids(other.event.recipient):
            return True
    return False


def _bare(telling: Telling) -> bool:
    """A telling that anchors nothing of its own: no day or place written for it and no performer the knowledge
    names ("Missiles hit two trucks"). Like a back-reference, it may name the kind of violence plainly."""
    event, place = telling.event, _place(telling)
    if not event.source or not _unnamed_doer(event) or (event.date is not None and event.date.text is not None):
        return False
    return place is None or place.text is None


def _retold_nearby(occurrence: _Occurrence, telling: Telling) -> bool:
    """A bare re-telling (_bare) nearby, with no target other than the occurrence's (it names none, or one the
    occurrence names): "A Kumarian drone strike killed the general ... Missiles hit two trucks carrying the men"."""
    event = telling.event
    if not _bare(telling):
        return False
    targets = _ids(event.recipient)
    for other in occurrence.tellings:
        if abs(other.sentence - telling.sentence) > NEARBY_SENTENCES or not other.event.source:
            continue
        if _unnamed_doer(other.event):
            continue
        if not targets or targets & _ids(other.event.recipient):
            return True
    return False


def _same_sentence(occurrence: _Occurrence, telling: Telling) -> bool:
    """Two tellings in one sentence, one of them with no party of its own ("photographs show the mass execution of
    soldiers, and the group claimed it had killed hundreds"): the sentence tells one occurrence twice."""
    for other in occurrence.tellings:
        if other.sentence == telling.sentence and not (other.event.source and telling.event.source):
            return True
    return _restates_aggregate(occurrence, telling) and telling.pronoun_source  # "its strikes": the same doer


def _party_keys(refs: Sequence[ActorRef]) -> set[str]:
    return {ref.id or ref.text.lower() for ref in refs}


def _same_speaker(occurrence: _Occurrence, telling: Telling) -> bool:
    """One party's verbal act told again nearby; "He also ridiculed ..." right after "X blasted ..." is X's."""
    event = telling.event
    if event.type not in VERBAL_TYPES:
        return False
    keys = _party_keys(event.source)
    for other in occurrence.tellings:
        distance = abs(other.sentence - telling.sentence)
        if keys and distance <= VERBAL_WINDOW and keys & _party_keys(other.event.source):
            return True
        if not keys and telling.pronoun_source and distance <= 1 and other.event.source:
            return True
        if _introduced_then_named(other, telling):
            return True
    return False


def _speakers_agree(occurrence: _Occurrence, other: Telling, telling: Telling) -> bool:
    """Two sources that differ but name one speaker: introduced by a description, then by name."""
    return _introduced_then_named(other, telling) or (other.described_source and _named_later(occurrence))


def _named_later(occurrence: _Occurrence) -> bool:
    """A statement whose speaker, introduced by a description, has been named since: the name is who speaks."""
    return occurrence.first.event.type in VERBAL_TYPES and any(not t.described_source for t in occurrence.tellings)


def _sectors(refs: Sequence[ActorRef]) -> set[str]:
    return {ref.sector for ref in refs if ref.sector}


def _introduced_then_named(first: Telling, second: Telling) -> bool:
    """ "A militia leader lashed out at the U.S. ... Qais al-Khazali blasted the Americans": a speaker introduced by
    a description and named in the next sentence, of the same kind (sector, where the name's is known), speaking
    against the same party."""
    if first.described_source == second.described_source or abs(first.sentence - second.sentence) > 1:
        return False
    if first.event.type != second.event.type or first.event.type not in VERBAL_TYPES:
        return False
    described, named = (first.event, second.event) if first.described_source else (second.event, first.event)
    kind_fits = not _sectors(named.source) or bool(_sectors(described.source) & _sectors(named.source))
    return kind_fits and bool(_ids(described.recipient) & _ids(named.recipient))


def _same_meeting(occurrence: _Occurrence, telling: Telling) -> bool:
    event = telling.event
    if event.type != "CONSULT":
        return False
    place = event.location.name if event.location is not None and event.location.text is not None else None
    day = event.date.value if event.date is not None and event.date.text is not None else None
    for other in occurrence.tellings:
        other_event = other.event
        if place is not None and other_event.location is not None and other_event.location.name == place:
            return True
        if day is not None and other_event.date is not None and other_event.date.value == day:
            return True
    return False


def _links(occurrence: _Occurrence, telling: Telling) -> bool:
    """Rules 2-4 of the module docstring (rule 1 is a choice of the latest compatible occurrence)."""
    return any(
        link(occurrence, telling)
        for link in (_shares_anchor, _shares_party, _same_speaker, _same_meeting, _same_sentence, _retold_nearby)
    )


def _place_for(occurrences: list[_Occurrence], telling: Telling) -> _Occurrence | None:
    if telling.reference == "another" and not telling.headline:
        return None
    compatible = [occurrence for occurrence in occurrences if _compatible(occurrence, telling)]
    if not compatible:
        return None
    if telling.headline:
        return compatible[0]
    if telling.reference == "anaphoric":  # the occurrence the story is about: the one told most, then the first
        if _sub_type(telling.event) not in TERRITORY_SUB_TYPES:
            # "the assault" refers to fighting told before rather than to the taking of a town that ended it
            fighting = [o for o in compatible if _sub_type(o.first.event) not in TERRITORY_SUB_TYPES]
            compatible = fighting or compatible
        return min(compatible, key=lambda occurrence: (-occurrence.told, occurrence.first.sentence))
    linked = [occurrence for occurrence in compatible if _links(occurrence, telling)]
    return max(linked, key=lambda occurrence: occurrence.last_sentence) if linked else None


def group_tellings(tellings: Sequence[Telling]) -> list[list[Telling]]:
    """The tellings of each occurrence (rules 1-5 of the module docstring), in text order within each."""
    occurrences: list[_Occurrence] = []
    body = [telling for telling in tellings if not telling.headline]
    headline = [telling for telling in tellings if telling.headline]
    for telling in [*body, *headline]:  # the headline joins what the body tells
        found = _place_for(occurrences, telling)
        if found is not None:
            found.tellings.append(telling)
        elif telling.starts:
            occurrences.append(_Occurrence([telling]))
    return [sorted(occurrence.tellings, key=lambda t: t.event.evidence.start) for occurrence in occurrences]


def _main(tellings: Sequence[Telling]) -> Telling:
    """The telling that introduces the occurrence: not a back-reference, not the headline, and an event of its own."""
    ranked = sorted(tellings, key=lambda t: (not t.starts, t.headline, t.reference == "anaphoric"))  # stable
    return ranked[0]


def _best[T](values: Sequence[T], rank: Callable[[T], tuple[int, ...]]) -> T | None:
    """The value with the lowest rank, the first of equals (the main mention comes first)."""
    return min(values, key=rank) if values else None


def _party_rank(refs: tuple[ActorRef, ...]) -> tuple[int, ...]:
    """Known actors before generic words; lists naming more known actors first."""
    return (-sum(1 for ref in refs if ref.id), -len(refs))


def _date_rank(date: EventDate) -> tuple[int, ...]:
    """Words before no words; a mention's own date before another verb's ("Police on Wednesday named the gunman in
    an attack. The attack happened on Sunday night": Sunday); then the most precise."""
    borrowed = 1 if date.reason == "sentence_expression" else 0
    return (0 if date.text is not None else 1, borrowed, DATE_PRECISION_RANK.get(date.precision, 9))


def _location_rank(location: Location) -> tuple[int, ...]:
    return (0 if location.text is not None else 1, PLACE_PRECISION_RANK.get(location.precision, 9))


def _count_rank(count: Count) -> tuple[int, ...]:
    return (count.high - count.low, -count.best)


def _casualties(events: Sequence[Event]) -> Casualties:
    """Each figure from the mention that gives it most precisely (narrowest range, then the highest figure)."""
    figures: dict[str, Count | None] = {}
    for name in ("killed", "injured", "displaced", "captured"):
        counts = [count for event in events if (count := getattr(event.casualties, name)) is not None]
        figures[name] = _best(counts, _count_rank)
    # the source of the leading figure (killed, else injured, ...), else the first source any mention names
    sources = [count.reported_by for count in figures.values() if count is not None]
    sources += [event.casualties.reported_by for event in events]
    reported = next((source for source in sources if source is not None), None)
    # every figure any mention states, once (casualties.StatedFigure), in text order
    stated = {(f.start, f.end, f.category, f.in_title): f for event in events for f in event.casualties.figures}
    ordered = tuple(sorted(stated.values(), key=lambda f: (not f.in_title, f.start)))
    return Casualties(reported_by=reported, figures=ordered, **figures)


def _every_recipient(lists: Sequence[tuple[ActorRef, ...]], source: tuple[ActorRef, ...]) -> list[ActorRef]:
    """What every mention says the occurrence hit, the main mention's first: one mention may name the building,
    another the people hurt (a generic id such as "civilians" is shared by different words: words tell refs apart)."""
    found: list[ActorRef] = []
    seen = {(ref.id, ref.text.casefold()) for ref in source}
    for refs in lists:
        for ref in refs:
            key = (ref.id, ref.text.casefold())
            if key not in seen:
                seen.add(key)
                found.append(ref)
    return found


def merge_occurrence(tellings: Sequence[Telling], acled_rank: Mapping[str, int]) -> Event:
    """One event for the tellings of one occurrence (the module docstring says which field comes from where)."""
    main = _main(tellings)
    ordered = [main, *(telling for telling in tellings if telling is not main)]
    events = [telling.event for telling in ordered]
    sources = [event.source for event in events if event.source]
    if main.event.type in VERBAL_TYPES:  # the speaker's name before "a militia leader"
        sources = [t.event.source for t in ordered if t.event.source and not t.described_source] or sources
    recipients = [event.recipient for event in events if event.recipient]
    source = _best(sources, _party_rank) or ()
    recipient = tuple(_every_recipient(recipients, source))
    dates = [event.date for event in events if event.date is not None]
    locations = [event.location for event in events if event.location is not None]
    typed = [event for event in events if event.acled]
    # A refined sub-type before a plain one; among refined ones ACLED's precedence (event_types.yaml order).
    acled = _best(typed, lambda e: (_sub_type(e) in PLAIN_SUB_TYPES, acled_rank.get(_sub_type(e) or "", 99)))
    flags = [flag for flag in main.event.flags if flag != "no_source"]
    if not source:
        flags.append("no_source")
    return replace(
        main.event,
        acled=acled.acled if acled is not None else None,
        mode=acled.mode if acled is not None and acled.mode else main.event.mode,
        source=source,
        recipient=recipient,
        date=_best(dates, _date_rank),
        location=_best(locations, _location_rank),
        casualties=_casualties(events),
        confidence=max(event.confidence for event in events),
        mentions=tuple(mention for event in events for mention in event.mentions),
        flags=tuple(flags),
    )


def merge_mentions(tellings: Sequence[Telling], article_id: str, acled_rank: Mapping[str, int]) -> list[Event]:
    """The article's events, one per occurrence, numbered f"{article_id}-e{n}" in the order of their main mentions."""
    merged = [merge_occurrence(group, acled_rank) for group in group_tellings(tellings)]
    merged.sort(key=lambda event: (event.evidence.start, event.trigger.start if event.trigger else 0))
    return [replace(event, id=f"{article_id}-e{number}") for number, event in enumerate(merged, 1)]
