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
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from dateline import actors as actors_stage
from dateline.records import Actor, ActorRef, Article, Event, EventMention, Evidence, Mention, Quote

ACCUSE = "ACCUSE"
# Confidence of an ACCUSE event read off a reporting verb with both parties resolved to actors.
ACCUSATION_CONFIDENCE = 0.7


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
) -> Event:
    """The ACCUSE event of one accusation; ids f"{article.id}-c{n}" never collide with the events stage's."""
    trigger = Mention(cue.text, cue.idx, cue.idx + len(cue.text))
    return Event(
        id=f"{article.id}-c{number}",
        article_id=article.id,
        type=ACCUSE,
        evidence=sentence,
        source=(speaker,),
        recipient=(accused,),
        confidence=ACCUSATION_CONFIDENCE,
        trigger=trigger,
        mentions=(EventMention(sentence.text, sentence.start, sentence.end, trigger),),
    )


# Determiners that deny a party what the noun after them names: "showed no will to fight", "made little effort".
DENYING_DETERMINERS = frozenset({"no", "little"})


def failing_party(article: Article, doc: Doc, start: int, end: int, actors: Sequence[Actor]) -> ActorRef | None:
    """The known actor that words said between `start` and `end` say failed: the subject of a clause that denies it
    a will, a capacity or an effort ("The Iraqi forces just showed no will to fight": ACCUSE, issue 18). A pronoun
    subject or a subject that is no known actor accuses nobody ("we showed no mercy")."""
    try:
        span = doc.char_span(start, end, alignment_mode="expand") if start < end else None
    except ValueError:  # offsets inside one token can expand to an empty, inverted span
        span = None
    for token in span if span is not None else ():
        denied = token.dep_ == "dobj" and any(
            child.dep_ == "det" and child.lower_ in DENYING_DETERMINERS for child in token.children
        )
        if not denied:
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
