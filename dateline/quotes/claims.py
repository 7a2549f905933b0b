"""Claims: which event a quote is about, and the ACCUSE event an accusation makes.

Event rule (documented in docs/quotes.md): a quote is about
1. the first event whose trigger word lies inside the quote's text (what the speaker talks about), else
2. the first event whose evidence sentence contains the quote's cue word (the sentence that reports the statement,
   e.g. the ACCUSE event of "X blasted Y for ..."), else none.

An accusation ("X blamed Y for ...", "X accused Y of ...") with a known speaker actor and a known accused actor
gives an ACCUSE event (source the speaker, recipient the accused, evidence the cue's sentence), unless the events
stage already made an ACCUSE event whose evidence covers that sentence: that event is then the quote's event.
Said words that blame a shortfall on an actor ("said the problem was a lack of American support") are an accusation
too, with that actor as the accused.

Claims of responsibility tie to the attack they are about (`tie_claim`):
1. a claim whose words name the event ("it claimed the rocket attack") has it as its event; the events stage has
   already made the claimant the event's source, flagged "claimed" (events/syntax.py), and a claim whose speaker is
   a pronoun takes that source as its speaker ("it" = the Islamic State, resolved once, by the events stage);
2. a claim that names no event ("The Taliban claimed responsibility in a statement.") is about the latest violent
   event before it within CLAIM_WINDOW characters; that event takes the claimant as a source flagged "claimed" (an
   updated copy of the event, which the pipeline puts in the place of the events stage's one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from dateline import actors as actors_stage
from dateline import times as times_stage
from dateline.records import (
    Actor,
    ActorRef,
    Article,
    Attribution,
    Event,
    EventMention,
    Evidence,
    Mention,
    Quote,
    TimeExpr,
)

ACCUSE = "ACCUSE"
# Confidence of an ACCUSE event read off a reporting verb with both parties resolved to actors.
ACCUSATION_CONFIDENCE = 0.7
CLAIM = "claim_responsibility"
CLAIMED: Attribution = "claimed"
# Event types a claim of responsibility can be about, and how far back (characters) a claim naming no event looks
# for one: about three sentences of news prose.
CLAIMABLE_TYPES = frozenset({"ASSAULT", "COERCE"})
CLAIM_WINDOW = 600
# First words of a speaker that claims nothing: "no group", "none of the factions".
NOBODY = frozenset({"no", "none", "neither", "nobody"})


def _inside(position: int, start: int, end: int) -> bool:
    return start <= position < end


def event_about(quote: Quote, cue: Token | None, events: Sequence[Event]) -> str | None:
    """The id of the event the quote is about, by the rule in the module docstring."""
    for event in events:
        anchor = event.trigger.start if event.trigger is not None else None
        if anchor is not None and _inside(anchor, quote.start, quote.end):
            return event.id
    if cue is None:
        return None
    for event in events:
        if _inside(cue.idx, event.evidence.start, event.evidence.end):
            return event.id
    return None


def existing_accusation(sentence: Evidence, events: Sequence[Event]) -> Event | None:
    """An ACCUSE event of the events stage whose evidence covers the same sentence."""
    for event in events:
        if event.type == ACCUSE and event.evidence.start <= sentence.start and sentence.end <= event.evidence.end:
            return event
        if event.type == ACCUSE and (event.evidence.start, event.evidence.end) == (sentence.start, sentence.end):
            return event
        # one accusation told in several sentences is one event that lists each of them (issue 18)
        if event.type == ACCUSE and any(m.start <= sentence.start and sentence.end <= m.end for m in event.mentions):
            return event
    return None


def accusation_event(
    article: Article,
    number: int,
    sentence: Evidence,
    cue: Token,
    speaker: ActorRef,
    accused: ActorRef,
    times: Sequence[TimeExpr] = (),
) -> Event:
    """The ACCUSE event of one accusation; ids f"{article.id}-c{n}" never collide with the events stage's. It is
    dated as any event is (a date in its sentence, then just before it, then the publication date): an ACLED row
    needs a date."""
    trigger = Mention(cue.text, cue.idx, cue.idx + len(cue.text))
    date = times_stage.event_date(times, sentence.start, sentence.end, article, trigger=cue.idx)
    return Event(
        id=f"{article.id}-c{number}",
        article_id=article.id,
        type=ACCUSE,
        evidence=sentence,
        source=(speaker,),
        recipient=(accused,),
        date=date,
        confidence=ACCUSATION_CONFIDENCE,
        trigger=trigger,
        mentions=(EventMention(sentence.text, sentence.start, sentence.end, trigger),),
    )


# Determiners that deny a party what the noun after them names: "showed no will to fight", "made little effort".
DENYING_DETERMINERS = frozenset({"no", "little"})


def speakers_clause(token: Token, cue: Token | None) -> bool:
    """Whether `token` lies in what the cue's speaker said rather than in the reporter's own words around it: in the
    cue's sentence, the cue must govern it through its complement, not through a clause coordinated with the
    reporting one ("X announced a loan, but Washington made no pledge": the "but" clause is the reporter's)."""
    if cue is None or cue.sent != token.sent:
        return True
    path = token
    while path.head is not path:
        if path.head == cue:
            return path.dep_ not in ("conj", "cc")
        path = path.head
    return False


def failing_party(
    article: Article,
    doc: Doc,
    start: int,
    end: int,
    actors: Sequence[Actor],
    *,
    disposition_nouns: frozenset[str],
    cue: Token | None = None,
) -> ActorRef | None:
    """The known actor that words said between `start` and `end` say failed: the subject of a clause that denies it
    a will, a capacity or an effort (`disposition_nouns`: "The Iraqi forces just showed no will to fight": ACCUSE,
    issue 18). A denied pledge, gift or statement ("made no pledge of funds") blames nobody; nor does a pronoun
    subject or a subject that is no known actor ("we showed no mercy"); nor the reporter's own clause beside the
    reporting verb `cue` (`speakers_clause`)."""
    try:
        span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    except ValueError:  # offsets inside one token can expand to an empty, inverted span
        span = None
    for token in span if span is not None else ():
        denied = (
            token.dep_ == "dobj"
            and token.lemma_.lower() in disposition_nouns
            and any(child.dep_ == "det" and child.lower_ in DENYING_DETERMINERS for child in token.children)
        )
        if not denied or not speakers_clause(token, cue):
            continue
        for subject in token.head.children:
            if subject.dep_ != "nsubj" or subject.pos_ == "PRON":
                continue
            last = subject.right_edge
            ref = actors_stage.resolve_span(
                article, doc, subject.left_edge.idx, last.idx + len(last.text), list(actors)
            )
            if ref is not None and ref.id is not None:
                return ref
    return None


# Entity labels of the words that can name whose support was missing ("American", "Washington", "the coalition").
SHORTFALL_OWNER_LABELS = frozenset({"NORP", "GPE", "ORG"})


def shortfall_blame(
    article: Article,
    doc: Doc,
    start: int,
    end: int,
    actors: Sequence[Actor],
    shortfall_nouns: frozenset[str],
    actor_knowledge: actors_stage.ActorKnowledge,
) -> ActorRef | None:
    """The actor that words said between `start` and `end` blame for a shortfall: "the real problem was a lack of
    American support" blames the United States. Only a shortfall noun ("lack", "failure") with an "of"/"by" phrase
    naming a known actor counts, so a bare complaint ("a lack of equipment") blames nobody."""
    try:
        span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    except ValueError:  # offsets inside one token can expand to an empty, inverted span
        span = None
    for token in span if span is not None else ():
        if token.lemma_.lower() not in shortfall_nouns or token.pos_ != "NOUN":
            continue
        for preposition in token.children:
            if preposition.lower_ not in ("of", "by"):
                continue
            for word in preposition.subtree:
                if word.ent_type_ not in SHORTFALL_OWNER_LABELS:
                    continue
                ref = actors_stage.resolve_span(article, doc, word.idx, word.idx + len(word.text), list(actors))
                if ref is None or ref.id is None:  # "American support": a demonym is no actor mention
                    ref = actors_stage.demonym_country(word.text, actors, actor_knowledge)
                if ref is not None and ref.id is not None:
                    return ref
    return None


def _claimed_source(event: Event) -> ActorRef | None:
    return next((ref for ref in event.source if ref.attribution == CLAIMED), None)


def claimed_event(quote: Quote, events: Sequence[Event]) -> Event | None:
    """The event a claim of responsibility is about (rule 1, else 2 of the module docstring), or None."""
    if quote.event_id is not None:
        named = next((event for event in events if event.id == quote.event_id), None)
        if named is not None and named.type in CLAIMABLE_TYPES:
            return named
    before = [
        event
        for event in events
        if event.type in CLAIMABLE_TYPES
        and event.trigger is not None
        and event.trigger.start < quote.start
        and quote.start - event.trigger.start <= CLAIM_WINDOW
    ]
    return max(before, key=lambda event: event.trigger.start if event.trigger else 0) if before else None


def disowned(cue: Token, speaker_text: str | None) -> bool:
    """A claim nobody made: "no group has claimed responsibility", "the Taliban did not claim the attack"."""
    if any(child.dep_ == "neg" for child in cue.children):
        return True
    first = (speaker_text or "").split()[:1]
    return bool(first) and first[0].lower() in NOBODY


def tie_claim(quote: Quote, claimant: ActorRef | None, events: Sequence[Event]) -> tuple[Quote, Event | None]:
    """Tie a claim of responsibility to its event (module docstring): the quote with its event (and, for a pronoun
    speaker, the claimant the events stage resolved), and the event updated with `claimant` as a claimed source when
    it had none (else None). Pass `claimant` None for a claim nobody made (see `disowned`)."""
    if quote.stance != CLAIM:
        return quote, None
    event = claimed_event(quote, events)
    if event is None:
        return quote, None
    quote = replace(quote, event_id=event.id)
    known = _claimed_source(event)
    speaker = quote.speaker
    if known is not None:
        if speaker is not None and speaker.text == known.text:  # "it claimed ...": the events stage's reading
            quote = replace(quote, speaker=replace(speaker, id=known.id, name=known.name))
        return quote, None
    if claimant is None or any(ref.id == claimant.id and ref.text == claimant.text for ref in event.source):
        return quote, None
    return quote, replace(event, source=(replace(claimant, attribution=CLAIMED), *event.source))
