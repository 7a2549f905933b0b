"""The compiled attribute ruler: the same POS, morphology and lemmas as spaCy's AttributeRuler, faster."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from dateline import nlp
from dateline.nlp import attributes

TEXTS = [
    "Gunmen killed four police officers at a checkpoint near Kirkuk on Tuesday, officials said.",
    "It is not clear who fired first. There is no word from the ministry, and it won't comment.",
    "We're gon na hold the line, y' all know that, a commander told me. Let 's go, he added.",
    "Ain't nothin' changed since the ceasefire, c'm on, said a resident who gave it to you.",
    "Those who fled say that the town, which was shelled, is now empty.\n\n  Aid arrived.",
    "",
    "   \n\t ",
    "Türkiye's drones hit Qamishli \u2014 \u201cthree dead\u201d \u2026 \U0001f4a5 \u200b ok.",
]


def _annotations(doc: Doc) -> list[tuple[str, str, str, str, str, str]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_nlp_attributes_same_as_spacy_ruler(resources: Any, text: str) -> None:
    stock = next(nlp.parse_texts(resources.nlp, [text], attribute_rules="spacy"))
    compiled = next(nlp.parse_texts(resources.nlp, [text], attribute_rules="compiled"))
    assert _annotations(compiled) == _annotations(stock)
    assert [(e.start, e.end, e.label_) for e in compiled.ents] == [(e.start, e.end, e.label_) for e in stock.ents]


def test_nlp_attributes_batch_keeps_order_and_count(resources: Any) -> None:
    docs = list(nlp.parse_texts(resources.nlp, TEXTS, batch_size=3))
    assert [doc.text for doc in docs] == TEXTS


def test_nlp_attributes_sets_pos_where_ruler_decides(resources: Any) -> None:
    doc = next(nlp.parse_texts(resources.nlp, ["The rebels did not retreat."]))
    by_text = {token.text: token for token in doc}
    assert (by_text["not"].pos_, by_text["not"].lemma_) == ("PART", "not")
    assert by_text["did"].pos_ == "AUX"


def test_nlp_attributes_unknown_mode_is_refused(resources: Any) -> None:
    with pytest.raises(ValueError, match="attribute_rules"):
        next(nlp.parse_texts(resources.nlp, ["Shelling resumed."], attribute_rules="fast"))


def _ruler(patterns: list[dict[str, Any]]) -> AttributeRuler:
    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add_patterns(patterns)
    return ruler


@pytest.mark.parametrize(
    ("spec", "features", "expected"),
    [
        ({"LOWER": "not"}, ("RB", "not", "neg", False), True),
        ({"LOWER": {"IN": ["is", "'s"]}, "TAG": "VBZ"}, ("VBZ", "'s", "aux", False), True),
        ({"LOWER": {"IN": ["is", "'s"]}, "TAG": "VBZ"}, ("VBD", "is", "aux", False), False),
        ({"DEP": {"NOT_IN": ["det", ""]}}, ("DT", "that", "", False), False),
        ({"DEP": {"NOT_IN": ["det", ""]}}, ("DT", "that", "nsubj", False), True),
        ({"LOWER": {"REGEX": "^n'?t$"}}, ("RB", "n't", "neg", False), True),
        ({"IS_SPACE": True}, ("_SP", "\n", "", True), True),
    ],
)
def test_nlp_attributes_token_tests(spec: dict[str, Any], features: attributes.Features, expected: bool) -> None:
    rules = attributes.compile_rules(_ruler([{"patterns": [[spec]], "attrs": {"POS": "X"}}]))
    assert (rules.rules_for(features) == (0,)) is expected


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "a", "OP": "?"}],
        [{"SHAPE": "dd"}],
        [{"LOWER": {"FUZZY": "shell"}}],
    ],
)
def test_nlp_attributes_unsupported_patterns_are_refused(pattern: list[dict[str, Any]]) -> None:
    with pytest.raises(attributes.UnsupportedPatternError):
        attributes.compile_rules(_ruler([{"patterns": [pattern], "attrs": {"POS": "X"}}]))


def test_nlp_attributes_later_rule_wins_and_sequences_target_their_token() -> None:
    ruler = _ruler(
        [
            {"patterns": [[{"LOWER": "gon"}]], "attrs": {"LEMMA": "first"}},
            {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
            {"patterns": [[{"LOWER": "gon"}]], "attrs": {"LEMMA": "go"}},
        ]
    )
    rules = attributes.compile_rules(ruler)
    doc = Doc(ruler.vocab, words=["gon", "na", "win"])
    attributes.apply_rules(doc, rules)
    assert [token.lemma_ for token in doc] == ["go", "to", ""]


def test_nlp_attributes_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attributes, "CACHE_LIMIT", 3)
    rules = attributes.compile_rules(_ruler([{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}}]))
    for word in ["a", "b", "c", "d", "e"]:
        assert rules.rules_for(("NN", word, "", False)) == (0,)
    assert len(rules._single_hits) <= 3


def test_nlp_attributes_filed_patterns_give_what_trying_all_gives() -> None:
    ruler = _ruler(
        [
            {"patterns": [[{"TAG": "VBZ"}], [{"LOWER": "'s", "TAG": "VBZ"}]], "attrs": {"POS": "AUX"}},
            {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"POS": "PART"}},
            {"patterns": [[{"DEP": {"IN": ["neg", "aux"]}, "TAG": {"NOT_IN": ["MD"]}}]], "attrs": {"POS": "X"}},
            {"patterns": [[{"LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"LEMMA": "be"}},
            {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
            {"patterns": [[{"DEP": {"NOT_IN": ["det"]}, "IS_SPACE": False}]], "attrs": {"POS": "Y"}},
        ]
    )
    filed = attributes.compile_rules(ruler)
    assert filed.filed  # the patterns that name a value are filed under it
    every = attributes.CompiledRules(attrs=filed.attrs, single=filed.single, sequences=filed.sequences)
    for features in [
        ("VBZ", "'s", "aux", False),
        ("VBZ", "is", "ROOT", False),
        ("RB", "n't", "neg", False),
        ("MD", "wo", "aux", False),
        ("_SP", "\n", "", True),
        ("DT", "the", "det", False),
    ]:
        assert filed.rules_for(features) == every.rules_for(features)
    assert filed.rules_for(("VBZ", "'s", "aux", False)) == (0, 0, 2, 3, 5)
