"""The story stage: which of an article's events the article is about (`Article.main_event_id`).

Reads: the article (title, body, publication date), the Doc's sentences and lemmas, the events of the events and
quotes stages, the places of the places stage. Writes: the id of one of those events, or None.

A reader learns what a news report is about from its headline and lead: the occurrence they tell, with its toll,
its place and its day. The main event is the asserted event (not negated, hypothetical, future or background) that
shows the most of these signs, each counting one:

1. headline: the title names its trigger word ("Gunman kills two in ..." for a "killed" event);
2. lead: it is told in the body's first LEAD_SENTENCES sentences;
3. toll: it carries casualty figures (killed, injured, displaced or captured);
4. place: the text places it (its location comes from written words), or it lies at the story's place: the opening
   dateline ("MOSUL (AP) —") or the town or county whose police or sheriff the text names ("Salina police said");
5. day: the text dates it to a day in the RECENT_DAYS before publication (the news, not the background).

Of events with as many signs, a violent occurrence (ASSAULT, PROTEST) goes before an arrest or a charge (COERCE,
ACCUSE: told because of an occurrence; "Man arrested in Kassala shooting" tells both). An arrest or a charge that
shows more signs, but that the headline or lead tells because of a violent occurrence (a phrase of its verb names one:
"arrested in connection with the shooting", "charged with murder"), gives way to the violent occurrence with the most
signs: the reader's subject is the shooting, the arrest its sequel. Ties then go to the event the
events stage ranks first (`events.main_event`: ACLED sub-type specificity, confidence, first sentence), then to the
most confident and earliest. No main event when no asserted event shows any sign: an
analysis piece or a policy story reports no single occurrence up front.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Token

from dateline import casualties
from dateline import events as events_stage
from dateline import places as places_stage
from dateline.records import Article, Event, Place, TimeExpr
from dateline.story.occurrence import occurrence_casualties, same_occurrence

__all__ = ["LEAD_SENTENCES", "RECENT_DAYS", "TOLL_TYPES", "find_main_event", "same_occurrence", "signs"]

# The lead: the body's first sentences. Three rather than one, because a caption, a "related coverage" line or a
# byline left by the page often comes before the first sentence of the report.
LEAD_SENTENCES = 3
# How many days before publication a dated event is the news (a weekly paper reports last week's events).
RECENT_DAYS = 7
# A title word matches a trigger whose lemma it starts with ("shooting" for "shoot") when the lemma is this long.
MIN_STEM = 4
# The places a title can give the main event: a town, or a county ("4 shot at party in Rice County").
HEADLINE_FEATURES = frozenset({"city", "admin2"})
# The body's weakest places for a main event, which a town the title names replaces: the story's region or country,
# and a town of a neighbouring sentence.
HEADLINE_OVERRIDES = frozenset({"story_setting", "nearby_sentence"})
LOCATIVE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "on"})
_WORD = re.compile(r"[^\W\d_]+")
# The event types that carry casualty figures (as in the events stage): a main event of these types carries its
# occurrence's toll from the whole article (occurrence.py). An arrest (COERCE) or a charge (ACCUSE) told as the story
# ("Man charged in Oakdale deaths") is about a violent occurrence: the toll the reader asks for is that one's.
TOLL_TYPES = frozenset({"ASSAULT", "PROTEST", "COERCE", "ACCUSE"})
# The event types told because of another occurrence: an arrest, a charge. Of events with as many signs, the
# occurrence itself is the story ("Man arrested in Friday's shooting" with the shooting told as much as the arrest).
CONSEQUENCE_TYPES = frozenset({"COERCE", "ACCUSE"})
OCCURRENCE_TYPES = TOLL_TYPES - CONSEQUENCE_TYPES


def _asserted(event: Event) -> bool:
    facts = event.factuality
    return not (facts.negated or facts.hypothetical or facts.future or facts.historical)


def _trigger_tokens(doc: Doc, event: Event) -> list[Token]:
    if event.trigger is None:
        return []
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _in_headline(title_words: frozenset[str], doc: Doc, event: Event) -> bool:
    """The title names the event's trigger word: the same word, its lemma, or a word built on it ("shooting")."""
    for token in _trigger_tokens(doc, event):
        if token.is_stop or not token.is_alpha:
            continue
        lemma, word = token.lemma_.lower(), token.lower_
        if word in title_words or lemma in title_words:
            return True
        if len(lemma) >= MIN_STEM and any(title_word.startswith(lemma) for title_word in title_words):
            return True
    return False


def _sentence_number(sentence_starts: Sequence[int], start: int) -> int:
    return max(0, bisect.bisect_right(sentence_starts, start) - 1)


def _has_toll(event: Event) -> bool:
    toll = event.casualties
    return any(count is not None for count in (toll.killed, toll.injured, toll.displaced, toll.captured))


def _story_places(article: Article, places: Sequence[Place], knowledge: places_stage.PlaceKnowledge) -> list[Place]:
    """Where the story says it is: its dateline's place and the town or county whose police it names."""
    found = [
        places_stage.dateline_place(article, places),
        places_stage.jurisdiction_place(article, places, knowledge=knowledge),
    ]
    return [place for place in found if place is not None]


def _placed(event: Event, story_places: Sequence[Place]) -> bool:
    location = event.location
    if location is None:
        return False
    if location.text is not None:
        return True
    return any(
        (location.geonameid is not None and location.geonameid == place.geonameid) or location.name == place.name
        for place in story_places
    )


def _recent_day(event: Event, published: str | None) -> bool:
    """Dated by the text to a day in the RECENT_DAYS before publication (any written day when undated)."""
    when = event.date
    if when is None or when.text is None or when.precision != "day":
        return False
    if not published:
        return True
    try:
        days = (date.fromisoformat(published[:10]) - date.fromisoformat(when.value[:10])).days
    except ValueError:
        return False
    return 0 <= days <= RECENT_DAYS


def _names_occurrence(word: Token, lexicon: events_stage.EventLexicon) -> bool:
    """The word names a violent occurrence: the lexicon knows it (or its lemma) as a noun trigger of one ("the
    shooting", "a stabbing", "murder"; "the shooting death" too, where the parser reads "shooting" as a verb)."""
    return any(
        rule.type in OCCURRENCE_TYPES and "NOUN" in rule.pos
        for form in {word.lower_, word.lemma_.lower()}
        for rule in lexicon.rules_by_head.get(form, ())
    )


def _told_because_of_occurrence(doc: Doc, consequence: Event, lexicon: events_stage.EventLexicon) -> bool:
    """An arrest or a charge told because of a violent occurrence: a prepositional phrase of its trigger, or of a verb
    conjoined with it, names one ("arrested in connection with the shooting", "charged in the stabbing",
    "arrested and charged with murder")."""
    if consequence.type not in CONSEQUENCE_TYPES:
        return False
    for token in _trigger_tokens(doc, consequence):
        for verb in (token, *token.conjuncts):
            for phrase in (child for child in verb.children if child.dep_ == "prep"):
                if any(_names_occurrence(word, lexicon) for word in phrase.subtree):
                    return True
    return False


def signs(
    article: Article,
    doc: Doc,
    events: Sequence[Event],
    places: Sequence[Place],
    *,
    place_knowledge: places_stage.PlaceKnowledge,
) -> dict[str, dict[str, bool]]:
    """Per asserted event id, which of the reader's signs it shows (module docstring): for the choice and to read it."""
    title_words = frozenset(word.lower() for word in _WORD.findall(article.title or ""))
    sentence_starts = [sentence.start_char for sentence in doc.sents]
    story_places = _story_places(article, places, place_knowledge)
    return {
        event.id: {
            "headline": _in_headline(title_words, doc, event),
            "lead": _sentence_number(sentence_starts, event.evidence.start) < LEAD_SENTENCES,
            "toll": _has_toll(event),
            "place": _placed(event, story_places),
            "day": _recent_day(event, article.published),
        }
        for event in events
        if _asserted(event)
    }


def find_main_event(
    article: Article,
    doc: Doc,
    *,
    events: Sequence[Event],
    places: Sequence[Place],
    lexicon: events_stage.EventLexicon,
    place_knowledge: places_stage.PlaceKnowledge,
    times: Sequence[TimeExpr] = (),
    casualty_terms: casualties.CasualtyTerms | None = None,
    headline: Doc | None = None,
    casualty_figures: casualties.SentenceFigures | None = None,
) -> Event | None:
    """The event the article is about, or None when it reports no single occurrence (module docstring); with
    `casualty_terms`, carrying the casualties of every statement of its occurrence (occurrence.py), the parsed
    `headline` among them. `casualty_figures` are the sentences' figures as the events stage read them (read
    here for the sentences it did not)."""
    main = _choose(article, doc, events, places, lexicon, place_knowledge)
    if main is not None and headline is not None:
        main = _placed_by_headline(article, main, places, headline, place_knowledge)
    if main is None or casualty_terms is None or main.type not in TOLL_TYPES:
        return main
    title = (article.title or "").strip()
    title_end = len(title) if headline is None and title and article.text.startswith(title) else 0
    figures = casualty_figures or casualties.SentenceFigures(doc, casualty_terms)
    toll = occurrence_casualties(
        doc, main=main, events=events, times=times, figures=figures, headline=headline, title_end=title_end
    )
    if not toll.figures:
        return main
    return replace(main, casualties=toll)


def _headline_town(
    article: Article, places: Sequence[Place], headline: Doc, knowledge: places_stage.PlaceKnowledge
) -> Place | None:
    """The town or county the title names, as the body resolves that name when it writes it too (the body's context
    tells Madison, Tennessee from Madison, Wisconsin), else as the title alone resolves it when it lies in a country
    the body's places name (or the body names none). A town after a locative preposition ("shooting in Gary") before
    one that names where a person is from ("Pittsburgh man")."""
    title = Article(id=article.id, text=headline.text)
    found = [
        p
        for p in places_stage.find_places(title, headline, knowledge=knowledge)
        if p.lat is not None and p.feature in HEADLINE_FEATURES
    ]
    if not found:
        return None
    by_name: dict[str, Place] = {}
    for place in places:
        if place.lat is not None and place.feature in HEADLINE_FEATURES:
            by_name.setdefault(places_stage.normalize(place.text), place)
    countries = {place.country for place in places if place.country}

    def after_preposition(place: Place) -> bool:
        span = headline.char_span(place.start, place.end, alignment_mode="expand")
        return span is not None and span.root.head.lower_ in LOCATIVE_PREPOSITIONS and span.root.dep_ == "pobj"

    for place in sorted(found, key=lambda p: (not after_preposition(p), p.start)):
        body = by_name.get(places_stage.normalize(place.text))
        if body is not None:
            return body
        if not countries or place.country in countries:
            return place
    return None


def _placed_by_headline(
    article: Article,
    main: Event,
    places: Sequence[Place],
    headline: Doc,
    knowledge: places_stage.PlaceKnowledge,
) -> Event:
    """The main event placed at the title's town when the body gives it no place, only the story's region or country
    as its setting (a town inside it), or only a town of a neighbouring sentence (HEADLINE_OVERRIDES): a local report
    names its town in the headline ("Teen shot at Madison apartment")."""
    location = main.location
    if location is not None and location.reason not in HEADLINE_OVERRIDES:
        return main
    town = _headline_town(article, places, headline, knowledge)
    if town is None:
        return main
    setting = location if location is not None and location.reason == "story_setting" else None
    if setting is not None and (
        setting.country != town.country or (setting.admin1 is not None and setting.admin1 != town.admin1)
    ):
        return main  # the body's setting holds elsewhere: the title names another place
    return replace(main, location=places_stage.to_location(town, text=None, reason="headline"))


def _choose(
    article: Article,
    doc: Doc,
    events: Sequence[Event],
    places: Sequence[Place],
    lexicon: events_stage.EventLexicon,
    place_knowledge: places_stage.PlaceKnowledge,
) -> Event | None:
    shown = signs(article, doc, events, places, place_knowledge=place_knowledge)
    counts = {event_id: sum(found.values()) for event_id, found in shown.items()}
    best = max(counts.values(), default=0)
    if best == 0:
        return None
    leaders = [event for event in events if counts.get(event.id) == best]
    if any(event.type in OCCURRENCE_TYPES for event in leaders):  # the occurrence before its consequences
        leaders = [event for event in leaders if event.type not in CONSEQUENCE_TYPES]
    elif any(
        (shown[leader.id]["headline"] or shown[leader.id]["lead"]) and _told_because_of_occurrence(doc, leader, lexicon)
        for leader in leaders
    ):  # an arrest the headline or lead tells "in connection with" a shooting: the shooting is the story
        causes = [event for event in events if event.type in OCCURRENCE_TYPES and counts.get(event.id, 0) > 0]
        if causes:
            most = max(counts[event.id] for event in causes)
            leaders = [event for event in causes if counts[event.id] == most]
    ranked = events_stage.main_event(leaders, lexicon)
    if ranked is not None:
        return ranked
    order = {event.id: number for number, event in enumerate(events)}
    return max(leaders, key=lambda event: (event.confidence, -order[event.id]))
