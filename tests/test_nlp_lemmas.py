"""The remembered lemmatizer: the same lemmas as spaCy's own lemmatizer component, on varied and hostile text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from spacy.tokens import Doc

from dateline import nlp
from dateline.bench.corpus import build_corpus
from dateline.nlp import lemmas

HOSTILE = [
    "",
    " ",
    "\n\n\t  \n",
    "...!!! ??? ---",
    "MILITANTS SEIZED THREE VILLAGES, OFFICIALS SAID.",
    "militants seized three villages, officials said.",
    "Ain't nobody leavin' 'til they've gone, y'all.",
    "Türkiye’s drones hit Qamishli — “three dead” … \U0001f4a5 \u200b ok.",
    "The mice ran; the geese flew; the children were being better than the best ones.",
    "Schools reopened;schools re-opened;SCHOOLS REOPENED;schools'",
    "Twelve 12 12th twelfth 1,200 1.2m 12:30 12/03/2024",
    "Ｆｕｌｌ ｗｉｄｔｈ ｆｉｇｈｔｅｒｓ ｆｌｅｄ ａｔ ｄａｗｎ.",
    "He said she says they'd said we're saying it's been said.",
    "a" * 300,
    "Gunmen\u00a0killed\u00a0two.\r\nPolice were investigating.",
]


def _sentences(count: int) -> list[str]:
    """Short pieces of the deterministic benchmark corpus: varied news sentences that the tests do not hand-pick."""
    pieces: list[str] = []
    for document in build_corpus(12):
        pieces.extend(piece.strip() for piece in re.split(r"(?<=[.!?])\s+", document.text or "") if piece.strip())
    return pieces[:count]


def _lemmas(doc: Doc) -> list[tuple[str, str]]:
    return [(token.text, token.lemma_) for token in doc]


def test_nlp_lemmas_same_as_spacy_on_many_sentences(resources: Any) -> None:
    texts = _sentences(300) + HOSTILE
    assert len(texts) > 250
    remembered = list(nlp.parse_texts(resources.nlp, texts, batch_size=16))
    stock = list(resources.nlp.pipe(texts, batch_size=16))
    assert [_lemmas(doc) for doc in remembered] == [_lemmas(doc) for doc in stock]


@pytest.mark.parametrize(
    ("words", "pos", "morphs", "expected"),
    [
        (["mice", "ran"], ["NOUN", "VERB"], ["Number=Plur", "Tense=Past|VerbForm=Fin"], ["mouse", "run"]),
        (["Forces", "fled"], ["NOUN", "VERB"], ["Number=Plur", "Tense=Past|VerbForm=Fin"], ["force", "flee"]),
        (["Mosul", "Mosul"], ["PROPN", "PROPN"], ["Number=Sing", "Number=Sing"], ["Mosul", "Mosul"]),
        (["better", "  "], ["ADJ", "SPACE"], ["Degree=Cmp", ""], ["well", "  "]),
    ],
)
def test_nlp_lemmas_word_pos_and_morphology(
    resources: Any, words: list[str], pos: list[str], morphs: list[str], expected: list[str]
) -> None:
    lemmatizer = resources.nlp.get_pipe("lemmatizer")
    remembered = lemmas.lemmatize(
        Doc(resources.nlp.vocab, words=words, pos=pos, morphs=morphs), lemmas.memory_for(lemmatizer)
    )
    stock = lemmatizer(Doc(resources.nlp.vocab, words=words, pos=pos, morphs=morphs))
    assert [token.lemma_ for token in remembered] == [token.lemma_ for token in stock] == expected


def test_nlp_lemmas_keep_a_lemma_already_set(resources: Any) -> None:
    lemmatizer = resources.nlp.get_pipe("lemmatizer")
    doc = Doc(resources.nlp.vocab, words=["fled", "towns"], pos=["VERB", "NOUN"], lemmas=["flee-set", ""])
    lemmas.lemmatize(doc, lemmas.memory_for(lemmatizer))
    assert [token.lemma_ for token in doc] == ["flee-set", "town"]


def test_nlp_lemmas_refuse_other_components(resources: Any) -> None:
    assert not lemmas.supports(resources.nlp.get_pipe("parser"))
    with pytest.raises(ValueError):
        lemmas.memory_for(resources.nlp.get_pipe("parser"))
