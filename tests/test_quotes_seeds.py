"""The quotes stage on the real seed articles (read from ../shared at test time; skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.jobs import extract_text
from dateline.records import Extraction, Quote

# (spellings of the speaker's surname, one word of what that person said): each must come out as a quote with that
# speaker (the speaker's words or the actor's name; the KB may spell a name in another transliteration).
SPEAKERS = [
    (("carter",), "outnumbered"),
    (("zamili",), "aerial"),
    (("kenney",), "triply"),
    (("khazali",), "audacity"),
    (("lister",), "viciously"),
    (("blinken",), "redouble"),
    (("abadi",), "Armament"),
    (("fabius",), "Stabilization"),
    (("steinmeier",), "illusion"),
    (("jibouri", "jabouri"), "mistake"),
]


@pytest.fixture(scope="module")
def seed_extractions(seeds_dir: Path) -> list[Extraction]:
    return [extract_text(path.read_text(encoding="utf-8")) for path in sorted(seeds_dir.glob("*.txt"))]


def _speaker_words(quote: Quote) -> str:
    if quote.speaker is None:
        return ""
    return f"{quote.speaker.text} {quote.speaker.name or ''}".casefold()


@pytest.mark.parametrize(("surnames", "word"), SPEAKERS)
def test_quotes_seeds_speaker_of_quote(
    seed_extractions: list[Extraction], surnames: tuple[str, ...], word: str
) -> None:
    quotes = [quote for extraction in seed_extractions for quote in extraction.quotes if word in quote.text]
    assert quotes, f"no quote containing {word!r}"
    for quote in quotes:
        assert any(surname in _speaker_words(quote) for surname in surnames), quote.speaker


def test_quotes_seeds_carter_is_one_actor_across_articles(seed_extractions: list[Extraction]) -> None:
    carter = [
        (extraction.article.id, quote.speaker.id)
        for extraction in seed_extractions
        for quote in extraction.quotes
        if quote.speaker is not None and "carter" in _speaker_words(quote)
    ]
    assert len({article for article, _ in carter}) == 2
    ids = {actor_id for _, actor_id in carter}
    assert len(ids) == 1 and None not in ids


def test_quotes_seeds_no_stage_errors(seed_extractions: list[Extraction]) -> None:
    assert [error for extraction in seed_extractions for error in extraction.errors if error.stage == "quotes"] == []


@pytest.mark.parametrize(
    ("word", "accused"),
    [
        ("American", "usa"),  # the defence committee's blame: a lack of the Americans' support
        ("coalition", "us-led-coalition"),  # al-Abadi: a failure of the coalition's intelligence
    ],
)
def test_quotes_seeds_shortfall_blame_is_an_accuse_event(
    seed_extractions: list[Extraction], word: str, accused: str
) -> None:
    accusations = [
        event
        for extraction in seed_extractions
        for event in extraction.events
        if event.type == "ACCUSE" and "-c" in event.id and word in event.evidence.text
    ]
    assert any(accused in [ref.id for ref in event.recipient] for event in accusations), accusations
