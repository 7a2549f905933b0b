"""A small hand-written database for the API and page tests: three short invented reports, five events.

Two reports (art-a, art-b) describe the same attack and are stored as one cluster; art-c reports a ceasefire
(cooperation) and a protest with no date or place. The first report tells its attack twice (mentions); the second
says who is said to be behind the rebels (patron, attribution); the protest is flagged as many protests told as one.
"""

from __future__ import annotations

from pathlib import Path

from dateline.records import (
    AcledType,
    Actor,
    ActorRef,
    Article,
    Casualties,
    Count,
    Event,
    EventDate,
    EventMention,
    Evidence,
    Extraction,
    ItemError,
    Location,
    Mention,
    Place,
    Quote,
    Speaker,
    TimeExpr,
)
from dateline.store import Store

REBELS = ActorRef("Rebels", "x-reb", "Rebels", None, "REB")
ARMY = ActorRef("an army base", "sdn-mil", "Military Forces of Sudan", "SDN", "MIL")
GOVERNMENT = ActorRef("the government", "sdn-gov", "Government of Sudan", "SDN", "GOV")
KASSALA = Location("Kassala", "Kassala", 15.451, 36.4, "SD", "Kassala", 372753, "place")
KHARTOUM = Location("Khartoum", "Khartoum", 15.552, 32.532, "SD", "Khartoum", 379252, "place")

TEXT_A = (
    "KASSALA, Sudan — Rebels attacked an army base near Kassala on Monday, killing 12 soldiers. The army said little."
    " The assault lasted an hour."
)
TEXT_B = (
    "Twelve soldiers died when rebels, said to be backed by Eritrea, stormed a base outside Kassala."
    ' "We pushed them back," an army officer said.'
)
TEXT_C = "The government and the rebels signed a ceasefire in Khartoum on Saturday. Residents protested <loudly>."


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def _sentence(text: str, first_words: str, last_char: str = ".") -> Evidence:
    start = text.index(first_words)
    end = text.index(last_char, start) + 1
    return Evidence(text[start:end], start, end)


def _mention(text: str, words: str) -> Mention:
    return Mention(words, *_span(text, words))


def _mentions(text: str, *told: tuple[str, str]) -> tuple[EventMention, ...]:
    """An event's mentions: (first words of the sentence, trigger words in it), the main one first."""
    found = []
    for first_words, trigger in told:
        sentence = _sentence(text, first_words)
        start = text.index(trigger, sentence.start)
        word = Mention(trigger, start, start + len(trigger))
        found.append(EventMention(sentence.text, sentence.start, sentence.end, word))
    return tuple(found)


def _extractions() -> list[Extraction]:
    twelve = Count(12, 12, 12)
    attack_a = Event(
        id="art-a-e1",
        article_id="art-a",
        type="ASSAULT",
        mode="firearms",
        acled=AcledType("Battles", "Armed clash"),
        evidence=_sentence(TEXT_A, "KASSALA"),
        source=(REBELS,),
        recipient=(ARMY,),
        date=EventDate("2021-03-01", "day", "Monday"),
        location=KASSALA,
        casualties=Casualties(killed=twelve),
        confidence=0.9,
        trigger=_mention(TEXT_A, "attacked"),
        mentions=_mentions(TEXT_A, ("KASSALA", "attacked"), ("The assault", "assault")),
    )
    attack_b = Event(
        id="art-b-e1",
        article_id="art-b",
        type="ASSAULT",
        mode="firearms",
        acled=AcledType("Battles", "Armed clash"),
        evidence=_sentence(TEXT_B, "Twelve"),
        source=(ActorRef("rebels", "x-reb", "Rebels", None, "REB", patron="ERI", attribution="alleged"),),
        recipient=(ActorRef("soldiers", "sdn-mil", "Military Forces of Sudan", "SDN", "MIL"),),
        date=EventDate("2021-03", "month", None),
        location=KASSALA,
        casualties=Casualties(killed=Count(10, 12, 14)),
        confidence=0.7,
        trigger=_mention(TEXT_B, "stormed"),
    )
    ceasefire = Event(
        id="art-c-e1",
        article_id="art-c",
        type="AGREE",
        mode="ceasefire",
        evidence=_sentence(TEXT_C, "The government"),
        source=(GOVERNMENT,),
        recipient=(ActorRef("the rebels", "x-reb", "Rebels", None, "REB"),),
        date=EventDate("2021-04-10", "day", "Saturday"),
        location=KHARTOUM,
        confidence=0.8,
        trigger=_mention(TEXT_C, "signed"),
        mentions=_mentions(TEXT_C, ("The government", "signed"), ("The government", "ceasefire")),
    )
    protest = Event(
        id="art-c-e2",
        article_id="art-c",
        type="PROTEST",
        evidence=_sentence(TEXT_C, "Residents"),
        source=(ActorRef("Residents"),),
        confidence=0.4,
        trigger=_mention(TEXT_C, "protested"),
        flags=("aggregate",),
    )
    quote_start, quote_end = _span(TEXT_B, '"We pushed them back,"')
    officer = _mention(TEXT_B, "an army officer")
    quote = Quote(
        id="art-b-q1",
        article_id="art-b",
        text=TEXT_B[quote_start:quote_end],
        kind="direct",
        start=quote_start,
        end=quote_end,
        cue="said",
        speaker=Speaker(officer.text, officer.start, officer.end, "sdn-mil", "Military Forces of Sudan"),
        event_id="art-b-e1",
        stance="assert",
    )
    return [
        Extraction(
            article=Article("art-a", TEXT_A, "Rebels attack base", "2021-03-02", "KASSALA", "Wire One", "u:a"),
            events=(attack_a,),
            places=(Place("Kassala", *_span(TEXT_A, "Kassala"), "Kassala", 15.451, 36.4, "SD"),),
            times=(TimeExpr("Monday", *_span(TEXT_A, "Monday"), "2021-03-01"),),
            actors=(
                Actor("x-reb", "Rebels", None, "REB", (_mention(TEXT_A, "Rebels"),)),
                Actor("sdn-mil", "Military Forces of Sudan", "SDN", "MIL", (_mention(TEXT_A, "army"),)),
            ),
        ),
        Extraction(
            article=Article("art-b", TEXT_B, "Soldiers killed", "2021-03-03", None, "Paper Two", "u:b"),
            events=(attack_b,),
            quotes=(quote,),
            actors=(
                Actor("x-reb", "Rebels", None, "REB", (_mention(TEXT_B, "rebels"),)),
                Actor("sdn-mil", "Military Forces of Sudan", "SDN", "MIL", (officer,)),
            ),
        ),
        Extraction(
            article=Article("art-c", TEXT_C, "Ceasefire signed", "2021-04-11", None, "Wire One", "u:c"),
            events=(ceasefire, protest),
            places=(Place("Khartoum", *_span(TEXT_C, "Khartoum"), "Khartoum", 15.552, 32.532, "SD"),),
            actors=(
                Actor("sdn-gov", "Government of Sudan", "SDN", "GOV", (_mention(TEXT_C, "The government"),)),
                Actor("x-reb", "Rebels", None, "REB", (_mention(TEXT_C, "the rebels"),)),
            ),
        ),
    ]


def build_database(path: Path) -> Path:
    """Write the three reports, their clusters and one failed item into a new database at `path`."""
    with Store(path) as store:
        store.write_batch(_extractions(), errors=[ItemError("broken.html", "read", "UnicodeError", "cannot decode")])
        store.write_clusters([["art-a-e1", "art-b-e1"], ["art-c-e1"], ["art-c-e2"]])
    return path
