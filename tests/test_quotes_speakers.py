"""Tests for dateline.quotes.speakers and the token tables of dateline.quotes.clauses: the speed helpers must give
what the spaCy objects they stand in for give. Hand-written sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dateline.quotes.clauses import _cue_candidates
from dateline.quotes.cues import load_quote_cues
from dateline.quotes.speakers import _entities_within
from dateline.records import Article

Parse = Callable[..., tuple[Article, Doc]]

TEXTS = [
    "Jane Doe met officials in Baghdad on Monday. She said the Islamic State had lost Mosul.",
    "According to the Pentagon, U.S. forces struck near Raqqa. “We will not stop,” a spokesman told Reuters.",
    "",
    "Lt. Col. John Smith: the road to Kirkuk is closed.\n\nThe statement from Ankara denied it.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_quotes_entities_within_is_sentence_ents(parse: Parse, text: str) -> None:
    _, doc = parse(text)
    entities = list(doc.ents)
    starts = [entity.start for entity in entities]
    for sentence in doc.sents:
        assert _entities_within(entities, starts, sentence) == list(sentence.ents)


@pytest.mark.parametrize("text", TEXTS)
def test_quotes_cue_candidates_match_tokens(parse: Parse, text: str) -> None:
    _, doc = parse(text)
    cues = load_quote_cues()
    candidates, marks, _, with_subject = _cue_candidates(doc, cues)
    assert with_subject == {token.i for token in doc if any(child.dep_ == "nsubj" for child in token.children)}
    assert marks == [token.i for token in doc if token.text in '"“”«»„']
    listed = [
        token.i
        for token in doc
        if (token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in cues.verbs)
        or (token.pos_ == "NOUN" and token.lemma_.lower() in cues.nouns)
    ]
    assert set(listed) <= set(candidates)
    assert all(doc[index].pos_ != "AUX" or index in listed for index in candidates if doc[index].text != ":")
