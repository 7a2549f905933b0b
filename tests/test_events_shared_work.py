"""Work done once per article or sentence (casualty figures, unusable places) gives what per-event work gave."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dateline.casualties import find_casualty_figures, load_casualty_terms
from dateline.events import context
from dateline.events.words import Words
from dateline.places import find_places, is_street, locate_event, unusable_places
from dateline.records import Article

Parse = Callable[..., tuple[Article, Doc]]

TEXTS = [
    "An airstrike killed five civilians and wounded nine in Mosul on Monday, according to local officials.",
    "Militants attacked a checkpoint near Ramadi, killing two soldiers. Baghdad said it would respond.",
    "A man was shot in the 1900 block of Dover on Sunday, police said. No one else was hurt.",
    "Nobody was injured.",
    "",
    "Ｐｏｌｉｃｅ said 3 people — including a child — died in Kabul\u200b.",
]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("carrier", [True, False])
def test_sentence_casualties_same_with_figures_given(parse: Parse, text: str, carrier: bool) -> None:
    article, doc = parse(text)
    terms = load_casualty_terms()
    for sentence in doc.sents:
        given = find_casualty_figures(sentence, terms=terms)
        assert context.sentence_casualties(
            article, sentence, terms=terms, carrier=carrier, figures=given
        ) == context.sentence_casualties(article, sentence, terms=terms, carrier=carrier)
        verbs = [token for token in sentence if token.pos_ == "VERB"]
        own, others = verbs[:1], verbs[1:]
        assert context.sentence_casualties(
            article, sentence, terms=terms, own=own, others=others, carrier=carrier, figures=given
        ) == context.sentence_casualties(article, sentence, terms=terms, own=own, others=others, carrier=carrier)


@pytest.mark.parametrize("text", TEXTS)
def test_locations_same_with_unusable_places_given(parse: Parse, resources: object, text: str) -> None:
    article, doc = parse(text)
    known = resources.places  # type: ignore[attr-defined]
    places = find_places(article, doc, knowledge=known)
    unusable = unusable_places(article, places, knowledge=known)
    streets = frozenset(place for place in places if is_street(article, place, knowledge=known))
    preps = resources.events.arguments.locative_preps  # type: ignore[attr-defined]
    for sentence in doc.sents:
        start, end = sentence.start_char, sentence.end_char
        assert locate_event(article, places, start, end, knowledge=known, unusable=unusable) == locate_event(
            article, places, start, end, knowledge=known
        )
        for token in sentence:
            assert context.event_location(
                article,
                places,
                sentence,
                token,
                None,
                knowledge=known,
                locative_preps=preps,
                streets=streets,
                unusable=unusable,
            ) == context.event_location(article, places, sentence, token, None, knowledge=known, locative_preps=preps)


CAPITAL_TEXTS = [
    "KIRKUK, Iraq (Wire Service) — Gunmen attacked a refinery north of the capital on Tuesday, killing four guards"
    " from Mosul.",
    "A car bomb went off in the Afghan capital, and troops shelled a village near Herat.",
]


@pytest.mark.parametrize("text", CAPITAL_TEXTS)
def test_locations_same_with_event_places_found_once(parse: Parse, resources: object, text: str) -> None:
    article, doc = parse(text)
    known = resources.places  # type: ignore[attr-defined]
    places = find_places(article, doc, knowledge=known)
    placed = context.event_places(article, places, knowledge=known)
    assert any(place.text.endswith("capital") for place in placed)  # the unnamed capital is among them
    preps = resources.events.arguments.locative_preps  # type: ignore[attr-defined]
    for sentence in doc.sents:
        for token in sentence:
            assert context.event_location(
                article, placed, sentence, token, None, knowledge=known, locative_preps=preps, placed=True
            ) == context.event_location(article, places, sentence, token, None, knowledge=known, locative_preps=preps)


def test_unusable_places_are_streets_and_metonymic_mentions(parse: Parse, resources: object) -> None:
    article, doc = parse("A man was shot on Dover Street in Kent. Washington said it was worried.")
    known = resources.places  # type: ignore[attr-defined]
    places = find_places(article, doc, knowledge=known)
    unusable = {place.text for place in unusable_places(article, places, knowledge=known)}
    assert "Washington" in unusable
    assert "Kent" not in unusable


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        ("Gunmen opened fire on the crowd.", ("open", "fire"), True),
        ("Gunmen opened fire on the crowd.", ("opened", "fire"), True),
        ("The fire opened a road.", ("open", "fire"), False),
        ("Fighters set-up a car bomb.", ("car", "bomb"), True),
        ("", ("car", "bomb"), False),
    ],
)
def test_words_phrases_match_texts_or_lemmas(parse: Parse, text: str, phrase: tuple[str, ...], found: bool) -> None:
    _article, doc = parse(text)
    words = Words.of(doc)
    assert "-" not in words.texts
    assert words.has_phrase(phrase) is found
