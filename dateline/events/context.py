"""An event's date, place and human cost, from the other stages' helpers.

Date: `dateline.times.event_date` (the time expression of the trigger's own clause nearest it, else one just before
the sentence, else another verb's date in the sentence), else one of the event's other mentions', else the day a
"happening" clause just after it gives ("It happened just before 6 p.m. Friday"), else the first day the next
sentences name before any sentence that tells another event, or given to the hour after one (reason next_sentence),
else the publication date with text None; background told in the past perfect keeps only its own. Place:
`dateline.places.locate_event`, first on the trigger's own phrase ("attack on a convoy in Hilla"), then on the whole
sentence, then a town of the sentences around it; an event whose own
sentence names no place takes one its other mentions name (`with_mentions`). Every date and place says why
(EventDate.reason, Location.reason: records.DATE_REASONS, LOCATION_REASONS); places carry ACLED's geo_precision.
Casualties: the casualties stage's sentence reader over the sentence.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from dateline import nlp
from dateline import places as places_stage
from dateline import times as times_stage
from dateline.casualties import (
    CasualtyFigure,
    CasualtyTerms,
    belongs_to,
    find_casualty_figures,
    total_casualties,
)
from dateline.records import Article, Casualties, DatePrecision, EventDate, Location, Place, TimeExpr

log = logging.getLogger(__name__)

# How far from its sentence a town may still place an event that names none: about three sentences before, one
# after. Chosen by reading gun-violence reports, which name the town in the first or second sentence.
NEARBY_BEFORE_CHARS = 600
NEARBY_AFTER_CHARS = 250
# Verbs whose clause says when "it" happened ("It happened Friday", "took place" is read from its object).
HAPPENING_VERBS = frozenset({"happen", "occur", "unfold"})
# How far after an event's sentence such a clause may still date it: the next sentence or two of a lead.
HAPPENING_AFTER_CHARS = 400
# How far after an event's sentence the sentences that may date it through `_following_day` may start.
FOLLOWING_CHARS = 600
# How many days before the article such a day may fall: the news's own week ("on Sunday").
FOLLOWING_DAYS = 7
# A time expression's TimeML value given to the hour ("2021-03-07T19:00"; not "2021-03-07TNI", a night).
_CLOCK_TIME = re.compile(r"T\d\d")
# The words that count a span of time from another date, with the direction the event lies in from that date when
# the span hangs on them ("four days after [the event]": the event is four days before the clause "after" modifies).
OFFSET_WORDS = {"after": -1, "before": 1, "later": -1, "earlier": 1}
_SPAN_OF_DAYS = re.compile(r"P(\d{1,3})([DW])")
SPECIFICITY = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}  # a town over its district, province, country


def event_date(
    article: Article,
    times: Sequence[TimeExpr],
    sentence: Span,
    trigger: Token,
    others: Sequence[tuple[Span, Token]] = (),
    telling_others: frozenset[int] | None = None,
) -> EventDate | None:
    """The event's own time expression (dateline.times.anchoring rules 1-2), else one of its other mentions'
    (`others`: the sentences and triggers that tell the same occurrence again), else another verb's date of its
    sentence or the article's date ("Police on Wednesday named the gunman in an attack. The attack happened on
    Sunday night": Sunday).

    Background told in the past perfect on its own ("The militants had seized the town") keeps only a date of its
    own words or of another mention ("had captured the city in 2014"), or a year before the article's read near it;
    else it has none: never the article's date nor another event's (`_background`).

    A day or month written without its year that the times stage put after the article (it allows a past verb's
    date to run ahead: "said ... payable Nov. 10") is a year earlier when the event's own verb is in the past: what
    happened cannot be later than its report (`_not_after_the_news`)."""
    found = _event_date(article, times, sentence, trigger, others, telling_others)
    borrowed = found is not None and found.reason not in _OWN and not _before_the_story(found, article)
    if borrowed and _background(trigger):
        return None  # "Militants had seized the town": not the news, so not the news's date (nor its neighbour's)
    return _not_after_the_news(found, trigger, article)


# The dates a background event keeps: its own words' or another mention's ("had captured the city in 2014").
_OWN = frozenset({"own_expression", "mention"})


def _background(trigger: Token) -> bool:
    """Whether the trigger's clause is background told in the past perfect on its own ("The militants had captured
    the town", "..., and they had seized the bridge"): a main clause, or one joined to it, active, with "had" and no
    modal. Reported speech keeps its news ("Police said the gunman had fled": the tense is the reporting verb's),
    and so do clauses of time and relative clauses ("after the gunman had fled", "a man who had been shot"), and the
    passive, which in news tells the state the victims were found in ("The two men had been shot in the head")."""
    verb = nlp.verb_above(trigger)
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ROOT":
        return False
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    had = next((child for child in auxiliaries if child.lower_ in ("had", "'d") and child.tag_ != "MD"), None)
    if had is None or any(child.dep_ == "auxpass" or child.tag_ == "MD" for child in auxiliaries):
        return False
    # the first finite verb of its sentence: a "had" after another one is more likely a complement the parse made
    # the root ("called 911 to report a boy had shot himself")
    return not any(word.tag_ in _FINITE for word in verb.sent if word.i < had.i)


_FINITE = frozenset({"VBD", "VBP", "VBZ", "MD"})


def _before_the_story(found: EventDate, article: Article) -> bool:
    """Whether a date borrowed from around a background event lies in a year before the article's ("In 2014,
    militants captured Mosul. They had also seized Tikrit": 2014), so it may be the background's own."""
    published = times_stage.parse_published(article.published)
    return published is not None and found.text is not None and found.value[:4] < f"{published.year:04d}"


def _event_date(
    article: Article,
    times: Sequence[TimeExpr],
    sentence: Span,
    trigger: Token,
    others: Sequence[tuple[Span, Token]],
    telling_others: frozenset[int] | None,
) -> EventDate | None:
    found = _own_date(article, times, sentence, trigger)
    if found is None or found.reason != "own_expression":  # "withdrew on Sunday" keeps its own date
        offset = _offset_date(article, times, sentence, trigger)
        if offset is not None:
            return offset
    if found is None or times_stage.read_for_the_event(found):
        return found  # a date only borrowed (another verb's, the article's) gives way to another mention's own
    tellings = [*others, *_happening_clauses(sentence)]
    for other_sentence, other_trigger in tellings:
        # "Troops shelled a village. The shelling came a day after rebels ambushed a convoy on Monday": Tuesday
        other = _offset_date(article, times, other_sentence, other_trigger)
        other = other or _own_date(article, times, other_sentence, other_trigger)
        if other is not None and times_stage.read_for_the_event(other):
            return replace(other, reason="mention")
    if telling_others is not None and (found is None or found.reason in _BORROWED) and _told_as_news(trigger):
        own = {other_sentence.start for other_sentence, _ in others}
        following = _following_day(article, times, sentence, own, telling_others)
        # another verb's day ("was charged Tuesday") gives way only to an earlier one: the event came before it
        earlier = (
            found is None
            or found.reason == "reported_news"
            or (following is not None and following.value < found.value)
        )
        if following is not None and earlier:
            return following
    return found


# The dates an event only borrows, which a day of the next sentences may replace (`_following_day`).
_BORROWED = frozenset({"reported_news", "sentence_expression"})
# How many days after the article a past event's date may fall (time zones, a report written before midnight).
PAST_EVENT_GRACE_DAYS = 2
_WRITTEN_YEAR = re.compile(r"\d{4}|'\d\d\b")


def _not_after_the_news(found: EventDate | None, trigger: Token, article: Article) -> EventDate | None:
    """A day or month with no year written, put more than PAST_EVENT_GRACE_DAYS after the article, moved a year back
    when the event's verb is in the past ("killed on Jan. 3" in an article of Dec. 3, 2020 is 2020-01-03)."""
    published = times_stage.parse_published(article.published)
    if (
        found is None
        or found.text is None
        or published is None
        or found.precision not in ("day", "month")
        or _WRITTEN_YEAR.search(found.text)
        or not _in_the_past(trigger)
    ):
        return found
    year, rest = found.value.split("-", 1)
    try:
        first = date.fromisoformat(found.value if found.precision == "day" else f"{found.value}-01")
        earlier = f"{int(year) - 1:04d}-{rest}"
        if found.precision == "day":
            date.fromisoformat(earlier)  # 29 February
    except ValueError:
        return found
    return replace(found, value=earlier) if (first - published).days > PAST_EVENT_GRACE_DAYS else found


def _in_the_past(trigger: Token) -> bool:
    """Whether the verb carrying the trigger (a noun's head verb) is in the past: a past tense or participle with
    no modal ("killed", "was killed", "has been killed"; not "will be killed", "could have killed")."""
    verb = nlp.verb_above(trigger)
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(child.tag_ == "MD" or child.lower_ == "to" for child in auxiliaries):
        return False
    return verb.tag_ == "VBD" or any(child.tag_ == "VBD" or child.lemma_ == "have" for child in auxiliaries)


def _told_as_news(trigger: Token, *, conjuncts: bool = True) -> bool:
    """Whether the trigger's clause tells something that happened as news: not background in the past perfect ("had
    seized the town"), nor what may or will happen (a modal: "could strike", "will attack"). Read on the verb that
    carries the trigger (a noun's head verb), and on the verbs joined to it when `conjuncts` ("shot and had fled").
    """
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    for word in (verb, *(verb.conjuncts if conjuncts else ())):
        for child in word.children:
            if child.dep_ in ("aux", "auxpass") and (child.tag_ == "MD" or child.lower_ in ("had", "'d")):
                return False
    return True


def _governing_word(doc: Doc, expression: TimeExpr) -> Token:
    """The verb a time expression hangs on in the parse (its own head word when no verb is above it)."""
    span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
    return nlp.verb_above(span.root if span is not None else doc[0])


def _following_day(
    article: Article,
    times: Sequence[TimeExpr],
    sentence: Span,
    own: set[int],
    telling_others: frozenset[int],
) -> EventDate | None:
    """The first day the sentences just after the event's name (FOLLOWING_CHARS) give: a news lead says what
    happened, then when, in sentences with no event word of their own ("A girl was shot and killed, police said.
    The family was driving about 8:26 p.m. Sunday when ..."). A day after the article's is not the news's.
    Sentences of the event's own mentions are read through. Past a sentence that tells another event (wire copy goes
    on to other occurrences, whose days are theirs: docs/times.md), only a day given to the hour still counts
    ("Officers were called to the house around 7 p.m. Tuesday"): a report times its own incident to the minute,
    the call or the response, while another occurrence it recalls is dated by its day at most."""
    doc = sentence.doc
    day = times_stage.parse_published(article.published)
    published = day.isoformat() if day is not None else None
    earliest = (day - timedelta(days=FOLLOWING_DAYS)).isoformat() if day is not None else ""
    limit = sentence.end_char + FOLLOWING_CHARS
    following = doc[sentence.end].sent if sentence.end < len(doc) else None
    past_another = False  # a sentence telling another event came between
    while following is not None and following.start_char < limit:
        past_another = past_another or (following.start in telling_others and following.start not in own)
        for expression in times:
            if not (following.start_char <= expression.start < following.end_char):
                continue
            if past_another and not _CLOCK_TIME.search(expression.value):
                continue
            found = times_stage.event_date_of(expression)
            if (
                found is not None
                and found.precision == "day"
                and (published is None or earliest <= found.value <= published)
                and _told_as_news(_governing_word(doc, expression), conjuncts=False)
            ):
                return replace(found, reason="next_sentence")
        following = doc[following.end].sent if following.end < len(doc) else None
    return None


def _offset_date(article: Article, times: Sequence[TimeExpr], sentence: Span, trigger: Token) -> EventDate | None:
    """The day a span of time counts from another date: the event of a clause "four days after"/"a week before"
    hangs on is that long before/after the date of the clause it modifies ("The fall of Palmyra came four days after
    the militants overran Ramadi": the fall's date less four days), and the other way round, from the counted
    clause's own date ("shelled the town a day after the army withdrew on Monday": Tuesday); an event its own clause
    dates "two days later"
    ("earlier") is that long after (before) the date last written before it. Only whole days and weeks of a day's
    date are counted: the result has the anchor's precision, or a week's."""
    for expression in times:
        if not (sentence.start_char <= expression.start < sentence.end_char) or expression.type != "DURATION":
            continue
        step = _SPAN_OF_DAYS.fullmatch(expression.value)
        span = sentence.doc.char_span(expression.start, expression.end, alignment_mode="expand")
        if step is None or span is None or span.start <= trigger.i < span.end:
            continue
        days = int(step.group(1)) * (7 if step.group(2) == "W" else 1)
        clause, link = _counted_clause(span)
        if clause is not None and link is not None and trigger in clause.subtree:
            anchor = _own_date(article, times, sentence, clause.head)  # the date of the clause it modifies
            sign = OFFSET_WORDS[link.lower_]
        elif clause is not None and link is not None and _modified_by(clause, link) == nlp.verb_above(trigger):
            # the event's own clause is the one modified: "shelled the town a day after the army withdrew on Monday"
            anchor = _own_date(article, times, sentence, clause)
            if anchor is None or anchor.reason != "own_expression":
                continue  # the counted clause names no date of its own: the event's own, or the article's
            sign = -OFFSET_WORDS[link.lower_]
        elif (word := span[-1].lower_) in OFFSET_WORDS and dates_event(sentence, expression, trigger):
            since = sentence.start_char - times_stage.LOOKBACK_CHARS
            earlier = [
                e for e in times if since <= e.start and e.end <= expression.start and times_stage.event_date_of(e)
            ]
            anchor = times_stage.event_date_of(earlier[-1]) if earlier else None  # "on Dec. 27 ... two days later"
            sign = -OFFSET_WORDS[word]
        else:
            continue
        if anchor is None or (anchor.precision != "day" and anchor.reason != "reported_news"):
            return None  # a month or year less four days says nothing more
        day = date.fromisoformat(anchor.value) + timedelta(days=sign * days)
        precision: DatePrecision = "day" if step.group(2) == "D" and anchor.precision == "day" else "week"
        return EventDate(day.isoformat(), precision, expression.text, reason="own_expression")
    return None


def _modified_by(clause: Token, link: Token) -> Token:
    """The verb a counted clause modifies ("shelled" in "shelled the town a day after the army withdrew", also when
    "after" is a preposition: "a day after the withdrawal")."""
    return nlp.verb_above(link.head if link.dep_ == "prep" else clause.head)


def _counted_clause(span: Span) -> tuple[Token | None, Token | None]:
    """The clause a span of time counts ("four days after the militants overran Ramadi": overran) and its "after" or
    "before", as the parse gives them: the span on the word ("[four days] after"), or on the clause the word marks."""
    head = span.root.head
    if span.root.dep_ != "npadvmod" or head.i == span.root.i:
        return None, None
    if head.lower_ in OFFSET_WORDS and head.lower_ in ("after", "before"):
        if head.dep_ == "mark":
            return head.head, head
        clause = next((child for child in head.children if child.dep_ in ("pobj", "pcomp")), None)
        return clause, head
    link = next(
        (child for child in head.children if child.dep_ == "mark" and child.lower_ in ("after", "before")), None
    )
    return (head, link) if link is not None else (None, None)


def _happening_clauses(sentence: Span) -> list[tuple[Span, Token]]:
    """The clauses of the next sentences (HAPPENING_AFTER_CHARS) that say when something happened, with a pronoun or
    a noun as subject: "It happened just before 6 p.m. Friday", "The incident occurred about 2 a.m.", "This took
    place on Sunday". News leads say what happened and give the when in such a clause; the verb is then the
    occurrence's own word, so its date is the event's, as a mention's is."""
    doc = sentence.doc
    found: list[tuple[Span, Token]] = []
    for word in doc[sentence.end :]:
        if word.idx > sentence.end_char + HAPPENING_AFTER_CHARS:
            break
        happens = word.lemma_ in HAPPENING_VERBS or (
            word.lemma_ == "take" and any(child.lower_ == "place" for child in word.children)
        )
        if not happens or word.pos_ != "VERB":
            continue  # most words: their children are not walked (the same answer, about 60% less time)
        subject = next((child for child in word.children if child.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ in ("PRON", "NOUN"):
            found.append((word.sent, word))
    return found


def _own_date(article: Article, times: Sequence[TimeExpr], sentence: Span, trigger: Token) -> EventDate | None:
    start, end = sentence.start_char, sentence.end_char
    # Only expressions before the sentence, in it or in the window after it can date the event (rules of
    # dateline.times.anchoring): passing just those spares reading the rest of a long article for every event.
    near = [expression for expression in times if expression.start < end + times_stage.LOOKAHEAD_CHARS]
    foreign = frozenset(
        expression.start
        for expression in near
        if start <= expression.start < end and not dates_event(sentence, expression, trigger)
    )
    return times_stage.event_date(near, start, end, article, trigger=trigger.idx, foreign=foreign)


def dates_event(sentence: Span, expression: TimeExpr, trigger: Token) -> bool:
    """Whether a time expression of the sentence belongs to the event's own clause: from the word it hangs on, up
    the parse, the trigger (or a verb joined to it: "shot and killed Friday") comes before any other verb. A noun
    trigger that is its verb's subject takes the verb's ("the shooting happened Friday"); so does a verb trigger
    that completes another ("was found shot Friday"). "Police said Monday that ...", "was charged Tuesday in the
    shooting" and "remained in hospital on Saturday" are other verbs' dates."""
    span = sentence.doc.char_span(expression.start, expression.end, alignment_mode="expand")
    if span is None:
        return True
    own = {trigger.i, *(word.i for word in trigger.conjuncts)}
    if trigger.dep_ in ("nsubj", "nsubjpass", "xcomp", "oprd"):
        own.add(trigger.head.i)
    word = span.root
    while word.head.i != word.i:
        word = word.head
        if word.i in own:
            return True
        if word.pos_ in ("VERB", "AUX"):
            return span.start > trigger.i and _predicate_of_be(word, trigger)
    return True  # no verb above it (a headline fragment): nothing else claims it


def _predicate_of_be(verb: Token, trigger: Token) -> bool:
    """Whether the trigger is what a "be" predicates ("are believed to be behind the killing ... in January"): a
    date after the trigger that the parse hangs on the "be" is then the trigger's. Its subject ("a girl shot ... was
    in grave condition on Saturday") is not, nor is a date before the trigger ("was underway Wednesday into the
    killing")."""
    if verb.lemma_ != "be" or not (verb.left_edge.i <= trigger.i <= verb.right_edge.i):
        return False
    below = trigger
    while below.head.i != verb.i and below.head.i != below.i:
        below = below.head
    return below.head.i == verb.i and below.dep_ in ("prep", "attr")


def calendar_times(times: Sequence[TimeExpr]) -> list[TimeExpr]:
    """The expressions that can date an event (a calendar value) and the spans of days or weeks that can count from
    one ("four days after": `_offset_date`); `event_date` chooses only among the first."""
    return [
        expression
        for expression in times
        if times_stage.event_date_of(expression) is not None
        or (expression.type == "DURATION" and _SPAN_OF_DAYS.fullmatch(expression.value))
    ]


def _char_range(trigger: Token) -> tuple[int, int]:
    """Characters of the trigger's clause: its subtree, or its head's when the trigger is a noun under a verb."""
    top = trigger.head if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ == "VERB" else trigger
    right = top.right_edge
    return top.left_edge.idx, right.idx + len(right)


def _locative_place(
    places: Sequence[Place],
    sentence: Span,
    trigger: Token,
    locative_preps: frozenset[str],
    settlement_nouns: frozenset[str],
    directions: frozenset[str],
) -> Place | None:
    """The most specific geocoded place in a locative phrase of the trigger's clause: "in Hilla", or the town of "in
    the Ukraine town of Lysychansk", "on the outskirts of Gwoza" (the object of "of" after a settlement noun), over
    the country also named there; the first of equals. "north of Kirkuk" is no locative phrase: it says where from
    (the places stage's relative place)."""
    start, end = _char_range(trigger)
    found = []
    for place in places:
        if place.lat is None or not (start <= place.start and place.end <= end):
            continue
        span = sentence.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or span.root.dep_ != "pobj":
            continue
        head = span.root.head
        settlement = head.head.lemma_.lower()
        if head.lower_ in locative_preps or (head.lower_ == "of" and settlement in settlement_nouns - directions):
            found.append(place)
    return min(found, key=lambda p: SPECIFICITY.get(p.feature or "city", 0)) if found else None


def _town_named_before(
    places: Sequence[Place], trigger: Token, nouns: frozenset[str], unusable: frozenset[Place] | None
) -> Place | None:
    """The town a definite town noun of the trigger's clause stands for ("an attack on the town", "retake the city"):
    the last town the article named before it. A noun with a name of its own ("the city of Homs", "the Homs city
    council") or another determiner ("a town", "every city") stands for no town named before."""
    start, end = _char_range(trigger)
    doc = trigger.doc
    for word in doc[trigger.sent.start : trigger.sent.end]:
        if not (start <= word.idx < end) or word.lemma_.lower() not in nouns or word.pos_ != "NOUN":
            continue
        children = list(word.children)
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in children):
            continue
        if any(c.dep_ in ("compound", "prep", "poss", "appos") or c.pos_ == "PROPN" for c in children):
            continue
        if word.dep_ in ("compound", "nmod"):  # "the town council": not the town itself
            continue
        before = [
            p for p in places
            if p.end <= word.idx and p.lat is not None and p.feature in ("city", "district")
            and (not unusable or p not in unusable)
        ]  # fmt: skip
        return before[-1] if before else None
    return None


def _country_modifiers(places: Sequence[Place], sentence: Span) -> frozenset[Place]:
    """The countries of the sentence written as a common noun's modifier ("a U.S. troop withdrawal", "attacks on
    U.S. interests", "the Iraq war"): they say whose or which, not where."""
    found = []
    for place in places:
        if place.feature != "country" or not (sentence.start_char <= place.start < sentence.end_char):
            continue
        span = sentence.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("compound", "nmod", "amod") and span.root.head.pos_ == "NOUN":
            found.append(place)
    return frozenset(found)


def _town_it_locates(
    region: Place, places: Sequence[Place], sentence: Span, article: Article, knowledge: places_stage.PlaceKnowledge
) -> Place | None:
    """The town a locative region phrase describes: the phrase hangs on the town, or on a noun in apposition to it
    ("Ramadi, in Iraq's Anbar province", "Hawija, a town in Iraq's Kirkuk province"), and the town lies in the
    region. The region then says where the town is, not where the event happened."""
    doc = sentence.doc
    span = doc.char_span(region.start, region.end, alignment_mode="expand")
    if span is None:
        return None
    word = span.root.head  # the preposition
    for _ in range(2):  # its head, and the noun that one is in apposition to
        word = word.head
        owner = [place for place in places if place.start <= word.idx < place.end]
        if owner:
            return places_stage.town_within(article, region, owner, knowledge=knowledge)
        if word.dep_ != "appos":
            return None
    return None


def statement_location(places: Sequence[Place], trigger: Token, locative_preps: frozenset[str]) -> Location | None:
    """Where a statement was made: a geocoded place in a locative phrase of the statement's own word ("said in
    Baghdad", "made the accusation in Ankara") or of its setting ("at a news conference in Baghdad"), else none. The
    other places of its sentence are those of what it is about ("blamed the group for an attack in Kirkuk"), not of
    the statement."""
    owners = {trigger.i}
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.pos_ in ("VERB", "AUX"):
        owners.add(trigger.head.i)  # "made the accusation in Ankara"
    settings = [  # "at a news conference", "in a sermon": where the words were said
        child for owner in list(owners) for child in trigger.doc[owner].children if child.lower_ in locative_preps
    ]
    owners |= {word.i for preposition in settings for word in preposition.children if word.dep_ == "pobj"}
    for place in places:
        if place.lat is None:
            continue
        span = trigger.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        preposition = span.root.head
        if span.root.dep_ == "pobj" and preposition.lower_ in locative_preps and preposition.head.i in owners:
            return places_stage.to_location(place, text=place.text, reason="own_clause")
    return None


def event_places(article: Article, places: Sequence[Place], *, knowledge: places_stage.PlaceKnowledge) -> list[Place]:
    """The places that may locate an event of the article: those outside its dateline header ("ERBIL, Iraq (Tigris
    Wire) —" says where the story was filed; the dateline stands for it) and the capitals it names without their
    name ("north of the capital")."""
    header = places_stage.dateline_header(article)
    if header is not None:
        places = [place for place in places if not header[0] <= place.start < header[1]]
    return places_stage.with_capitals(article, places, knowledge=knowledge)


def event_location(
    article: Article,
    places: Sequence[Place],
    sentence: Span,
    trigger: Token,
    dateline: Place | None,
    *,
    knowledge: places_stage.PlaceKnowledge,
    locative_preps: frozenset[str],
    streets: frozenset[Place] | None = None,
    unusable: frozenset[Place] | None = None,
    sentence_locations: dict[int, Location | None] | None = None,
    placed: bool = False,
) -> Location | None:
    """1. the most specific place in a locative phrase of the trigger's clause; 2. the places stage's choice in that
    clause; 3. its choice in the sentence (which falls back to the dateline); 4. when that gives only a region or
    country or nothing, a town named just before or after the sentence. Street names ("the 300 block of Madrid") are not
    places here. A locative phrase is the object of one of `locative_preps` ("in", "near": the events lexicon's).

    `streets` and `unusable` (`places.unusable_places`) may be given when they were found once for the
    article's places; they only save time. With `streets` empty, `places` are taken as they are.
    `sentence_locations` keeps the answer of steps 3-4 by sentence start, for callers that locate several events
    with the same places, dateline and `unusable` (steps 3-4 read nothing else). `placed`: `places` are already
    `event_places`' (found once for the article; they only save time)."""
    if not placed:
        places = event_places(article, places, knowledge=knowledge)
    if streets is None:
        streets = frozenset(place for place in places if places_stage.is_street(article, place, knowledge=knowledge))
    if streets:  # the caller may have left them out already (and pass an empty set): Place hashes are not cheap
        places = [place for place in places if place not in streets]
    modifiers = _country_modifiers(places, sentence)
    if modifiers:  # "a U.S. troop withdrawal", "attacks on U.S. interests": whose, not where
        if unusable is None:
            unusable = places_stage.unusable_places(article, places, knowledge=knowledge)
        unusable = unusable | modifiers
        places = [place for place in places if place not in modifiers]
    cues = knowledge.cues
    locative = _locative_place(places, sentence, trigger, locative_preps, cues.settlement_nouns, cues.direction_words)
    start, end = _char_range(trigger)
    own = [p for p in places if start <= p.start and p.end <= end and p.lat is not None]
    if locative is not None:
        if locative.feature in ("admin2", "admin1", "country"):  # "Hawija, a town in Iraq's Kirkuk province"
            usable = [p for p in own if not unusable or p not in unusable]
            locative = _town_it_locates(locative, usable, sentence, article, knowledge) or locative
        locative = places_stage.town_part(locative, own) or locative  # "in the Shaab area of northern Baghdad"
        return places_stage.to_location(locative, text=locative.text, reason="own_clause")
    if not own:
        town = _town_named_before(places, trigger, cues.town_anaphor_nouns, unusable)
        if town is not None:  # "an attack on the town": the clause names the town by a noun, not by its name
            return places_stage.to_location(town, text=town.text, reason="own_clause")
    if own:
        found = places_stage.locate_event(
            article, own, start, end, knowledge=knowledge, dateline=dateline, unusable=unusable
        )
        if found is not None and found.text is not None:
            return found if found.reason == "relative" else replace(found, reason="own_clause")
    if sentence_locations is None:
        return _sentence_location(article, places, sentence, dateline, unusable, knowledge)
    if sentence.start not in sentence_locations:
        located = _sentence_location(article, places, sentence, dateline, unusable, knowledge)
        sentence_locations[sentence.start] = located
    return sentence_locations[sentence.start]


def _sentence_location(
    article: Article,
    places: Sequence[Place],
    sentence: Span,
    dateline: Place | None,
    unusable: frozenset[Place] | None,
    knowledge: places_stage.PlaceKnowledge,
) -> Location | None:
    """Steps 3-4 of `event_location`."""
    found = places_stage.locate_event(
        article,
        places,
        sentence.start_char,
        sentence.end_char,
        knowledge=knowledge,
        dateline=dateline,
        unusable=unusable,
    )
    if found is None or (found.text is None and found.precision in ("admin1", "country")):
        nearby = _nearby_town([p for p in places if not unusable or p not in unusable], sentence)
        if nearby is not None:
            return places_stage.to_location(nearby, text=None, reason="nearby_sentence")
    return found


def with_mentions(location: Location | None, others: Sequence[Location | None]) -> Location | None:
    """The event's place, else one its other mentions name in their own words (`others`, in text order) when its
    own sentence named none (a place implied by the dateline, the story or a nearby sentence)."""
    if location is not None and location.text is not None:
        return location
    named = next((other for other in others if other is not None and other.text is not None), None)
    return replace(named, reason="mention") if named is not None else location


def _nearby_town(places: Sequence[Place], sentence: Span) -> Place | None:
    """4. the last town named shortly before the sentence, else the first one shortly after (news names the town
    once and goes on describing what happened there)."""
    towns = [p for p in places if p.lat is not None and p.feature in ("city", "admin2")]
    before = [p for p in towns if sentence.start_char - NEARBY_BEFORE_CHARS <= p.start < sentence.start_char]
    if before:
        return before[-1]
    after = [p for p in towns if sentence.end_char <= p.start < sentence.end_char + NEARBY_AFTER_CHARS]
    return after[0] if after else None


def sentence_casualties(
    article: Article,
    sentence: Span,
    *,
    terms: CasualtyTerms,
    own: Sequence[Token] = (),
    others: Sequence[Token] = (),
    carrier: bool = True,
    figures: Sequence[CasualtyFigure] | None = None,
) -> Casualties:
    """The casualty figures of the sentence that belong to an event: with no triggers given, all of them; else those
    bound in the parse to the event's own triggers (`own`: "killed 500 in their assault"), and, for the event that
    carries the sentence's figures (`carrier`), those bound to no violent event's trigger (`others` are the other
    events' triggers). So no figure is counted twice, and "the strike killed 5, and a bombing wounded 9" splits.

    `figures` are the sentence's figures when the caller has them already (`find_casualty_figures(sentence,
    terms=terms)`): a sentence with several events is read once. Each figure keeps its own source."""
    return total_casualties(
        sentence_figures(article, sentence, terms=terms, own=own, others=others, carrier=carrier, figures=figures)
    )


def sentence_figures(
    article: Article,
    sentence: Span,
    *,
    terms: CasualtyTerms,
    own: Sequence[Token] = (),
    others: Sequence[Token] = (),
    carrier: bool = True,
    figures: Sequence[CasualtyFigure] | None = None,
) -> list[CasualtyFigure]:
    """The figures `sentence_casualties` counts for the event, one by one."""
    if figures is None:
        figures = find_casualty_figures(sentence, terms=terms)
    if not own and not others:
        return list(figures) if carrier else []
    bound = [f for f in figures if any(belongs_to(f, trigger) for trigger in own)]
    loose = [f for f in figures if not any(belongs_to(f, trigger) for trigger in (*own, *others))]
    return bound + loose if carrier else bound


def merge_casualties(first: Casualties, second: Casualties) -> Casualties:
    """Field by field, the first figure that is given; the figures of both, in text order."""
    return Casualties(
        killed=first.killed or second.killed,
        injured=first.injured or second.injured,
        displaced=first.displaced or second.displaced,
        captured=first.captured or second.captured,
        reported_by=first.reported_by or second.reported_by,
        figures=tuple(sorted((*first.figures, *second.figures), key=lambda figure: figure.start)),
    )
