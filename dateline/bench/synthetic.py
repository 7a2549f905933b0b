"""Synthetic extractions for store tests and the store benchmark: deterministic, every field filled.

The articles are generated from short templates (never from real reports); offsets point into the generated text.
"""

from __future__ import annotations

import random
from dataclasses import replace

from dateline.records import (
    PLOVER_TYPES,
    AcledType,
    Actor,
    ActorRef,
    Article,
    Casualties,
    Count,
    DatePrecision,
    Event,
    EventDate,
    Evidence,
    Extraction,
    Factuality,
    ItemError,
    Location,
    Mention,
    Place,
    Quote,
    Speaker,
    TimeExpr,
)

_ACTORS = (
    ("Q1", "Northern Army", "XNA", "MIL"),
    ("Q2", "River Front", "XNA", "REB"),
    ("Q3", "Ministry of the Interior", "XSO", "GOV"),
    ("Q4", "Village elders", "XSO", "CVL"),
)
_PLACES = (
    ("Mosul", 36.335, 43.119, "IQ", "Nineveh", 99072),
    ("Aleppo", 36.202, 37.159, "SY", "Aleppo", 170063),
    ("Kabul", 34.528, 69.172, "AF", "Kabul", 1138958),
)
_ACLED = (
    AcledType("Battles", "Armed clash"),
    AcledType("Explosions/Remote violence", "Air/drone strike"),
    None,
)


def _find(text: str, words: str, start: int = 0) -> Mention:
    found = text.index(words, start)
    return Mention(words, found, found + len(words))


def synthetic_extraction(
    number: int, seed: int = 0, *, events_per_article: int = 2, month: str = "2021-03"
) -> Extraction:
    """Article `number` of a deterministic synthetic corpus, with events, quotes, places, times and actors, in
    `month` (YYYY-MM)."""
    rng = random.Random(seed * 1_000_003 + number)
    source = _ACTORS[rng.randrange(len(_ACTORS))]
    target = _ACTORS[rng.randrange(len(_ACTORS))]
    place = _PLACES[rng.randrange(len(_PLACES))]
    day = rng.randrange(1, 28)
    killed = rng.randrange(0, 40)
    sentences = [
        f"Fighters of the {source[1]} attacked the {target[1]} near {place[0]} on {month}-{day:02d}.",
        f"At least {killed} people were killed, officials said.",
        f'"We will not stop," a spokesman for the {source[1]} said.',
        f"Report number {number} ends here.",
    ]
    text = " ".join(sentences)
    article_id = f"syn{seed}-{number:07d}"
    article = Article(
        id=article_id,
        text=text,
        title=f"Clash near {place[0]} ({number})",
        published=f"{month}-{min(day + 1, 28):02d}",
        dateline=place[0].upper(),
        source=("Wire A", "Paper B", None)[number % 3],
        url=f"https://example.org/{number}",
        origin=f"synthetic:{number}",
    )
    source_mention = _find(text, source[1])
    target_mention = _find(text, target[1], source_mention.end)
    place_mention = _find(text, place[0])
    date_mention = _find(text, f"{month}-{day:02d}")
    actors = (
        Actor(source[0], source[1], source[2], source[3], (source_mention,)),
        Actor(target[0], target[1], target[2], target[3], (target_mention,)),
    )
    events = tuple(
        _event(article, index, rng, source, target, place, f"{month}-{day:02d}", killed, sentences)
        for index in range(events_per_article)
    )
    quote_start = text.index('"We')
    quote_text = '"We will not stop,"'
    speaker = _find(text, "a spokesman")
    quote = Quote(
        id=f"{article_id}-q0",
        article_id=article_id,
        text=quote_text,
        kind="direct",
        start=quote_start,
        end=quote_start + len(quote_text),
        cue="said",
        speaker=Speaker(speaker.text, speaker.start, speaker.end, source[0], source[1]),
        event_id=events[0].id if events else None,
        stance="assert",
    )
    return Extraction(
        article=article,
        events=events,
        quotes=(quote,),
        places=(
            Place(
                place_mention.text,
                place_mention.start,
                place_mention.end,
                place[0],
                place[1],
                place[2],
                place[3],
                place[4],
                place[5],
                "city",
            ),
        ),
        times=(TimeExpr(date_mention.text, date_mention.start, date_mention.end, date_mention.text),),
        actors=actors,
        errors=(ItemError(article.origin or article_id, "quotes", "ValueError", "synthetic note", article_id),)
        if number % 7 == 3
        else (),
    )


def _event(
    article: Article,
    index: int,
    rng: random.Random,
    source: tuple[str, str, str, str],
    target: tuple[str, str, str, str],
    place: tuple[str, float, float, str, str, int],
    day: str,
    killed: int,
    sentences: list[str],
) -> Event:
    precisions: tuple[DatePrecision, ...] = ("day", "week", "month", "year")
    precision = precisions[rng.randrange(4)]
    value = {"day": day, "week": day, "month": day[:7], "year": day[:4]}[precision]
    evidence_text = sentences[index % 2]
    evidence_start = article.text.index(evidence_text)
    event = Event(
        id=f"{article.id}-e{index}",
        article_id=article.id,
        type=PLOVER_TYPES[rng.randrange(len(PLOVER_TYPES))] if index else "ASSAULT",
        evidence=Evidence(evidence_text, evidence_start, evidence_start + len(evidence_text)),
        mode=("firearms", "aerial", None)[rng.randrange(3)],
        acled=_ACLED[rng.randrange(len(_ACLED))],
        source=(ActorRef(source[1], source[0], source[1], source[2], source[3]),),
        recipient=(ActorRef(target[1], target[0], target[1], target[2], target[3]), ActorRef("bystanders")),
        date=EventDate(value, precision, day) if index % 3 != 2 else None,
        location=Location(place[0], place[0], place[1], place[2], place[3], place[4], place[5], "place")
        if index % 4 != 3
        else None,
        casualties=Casualties(
            killed=Count(killed, killed, killed + 5),
            injured=Count(1, 2, 3) if index % 2 else None,
            reported_by=ActorRef("officials"),
        ),
        factuality=Factuality(negated=index % 5 == 4, historical=index % 6 == 5),
        confidence=round(0.4 + rng.random() / 2, 3),
        trigger=Mention("attacked", article.text.index("attacked"), article.text.index("attacked") + 8),
    )
    return replace(event, confidence=float(event.confidence))
