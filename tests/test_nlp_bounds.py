"""The bounds on what the parser is given (dateline/nlp/bounds.py): pathological runs of characters tokenized in
linear time, no sentence (so no tree) longer than MAX_SENTENCE_TOKENS, long texts parsed in segments; ordinary text
gets exactly spaCy's tokens and parse."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from dateline import nlp
from dateline.nlp import bounds

DEMO = Path(__file__).resolve().parent.parent / "dateline" / "demo" / "articles"
STORY = "Gunmen attacked a checkpoint near Kirkuk on Sunday, killing four police officers, officials said."


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


@pytest.mark.parametrize(
    "text",
    [
        "(" * 20_000 + "killed 5" + ")" * 20_000,
        "$" * 30_000,
        '"' * 20_000 + STORY,
        "\U0001f4a5" * 10_000,
        STORY + " " + "[" * 5_000 + "Mosul" + "]" * 5_000 + " " + STORY,
        "x" * 300_000,
    ],
    ids=["parentheses", "dollars", "quotes", "emoji", "brackets-inside", "one-long-word"],
)
def test_nlp_bounds_pathological_runs_are_tokenized_fast(resources: Any, text: str) -> None:
    started = time.monotonic()
    doc = resources.nlp.tokenizer(text)
    assert time.monotonic() - started < 5  # spaCy's own tokenizer: minutes to hours for the first four
    assert doc.text == text
    assert max(len(token) for token in doc) <= bounds.PIECE


def test_nlp_bounds_ordinary_text_gets_spacys_own_tokens(resources: Any) -> None:
    guarded = resources.nlp.tokenizer
    assert isinstance(guarded, bounds.GuardedTokenizer)
    texts = [path.read_text(encoding="utf-8") for path in sorted(DEMO.glob("*.txt"))]
    texts.append("A URL https://example.org/news/2024/03/04/some-long-slug?x=1 and ... -- and ?! stay whole.")
    for text in texts:
        assert [token.text for token in guarded(text)] == [token.text for token in guarded.tokenizer(text)]


def test_nlp_bounds_suspect_word_keeps_the_rest_to_spacy(resources: Any) -> None:
    text = f"{STORY} {'(' * 40}Mosul{')' * 40} {STORY}"
    doc = resources.nlp.tokenizer(text)
    assert doc.text == text
    words = [token.text for token in doc]
    assert words[:3] == ["Gunmen", "attacked", "a"] and words[-2:] == ["said", "."]
    assert "(" * 40 in words and "Mosul" in words


def test_nlp_bounds_no_sentence_longer_than_the_bound(resources: Any) -> None:
    text = "Mr. " * 3_000 + "Smith said."  # no sentence may start after "Mr.": one sentence of 3,000 tokens before
    (doc,) = nlp.parse_texts(resources.nlp, [text])
    assert max(len(sentence) for sentence in doc.sents) <= bounds.MAX_SENTENCE_TOKENS
    assert max(_depth(token) for token in doc) < bounds.MAX_SENTENCE_TOKENS


def test_nlp_bounds_ordinary_sentences_are_left_alone(resources: Any) -> None:
    text = (DEMO / "01_mosul_falls.txt").read_text(encoding="utf-8")
    starts = [token.i for token in resources.nlp(text) if token.is_sent_start]
    resources.nlp.remove_pipe(bounds.BOUND_COMPONENT)
    try:
        unbounded = [token.i for token in resources.nlp(text) if token.is_sent_start]
    finally:
        resources.nlp.add_pipe(bounds.BOUND_COMPONENT, before="parser")
    assert starts == unbounded


def test_nlp_bounds_segments_join_back_and_cut_at_paragraphs() -> None:
    text = "\n\n".join(f"Paragraph {n}. {STORY}" for n in range(300))
    parts = bounds.segments(text, limit=2_000)
    assert "".join(parts) == text
    assert all(len(part) <= 2_000 for part in parts)
    assert all(part.endswith("\n\n") for part in parts[:-1])
    assert bounds.segments("x" * 5_000, limit=2_000) == ["x" * 2_000, "x" * 2_000, "x" * 1_000]


def test_nlp_bounds_long_text_parsed_in_segments_is_one_doc(resources: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "SEGMENT_CHARS", 3_000)
    text = "\n\n".join(f"{STORY} Report number {n} came from Basra." for n in range(60))
    assert len(text) > 2 * bounds.SEGMENT_CHARS
    (doc,) = nlp.parse_texts(resources.nlp, [text])
    whole = resources.nlp(text)  # one piece: what the segments must reproduce on text cut at paragraph breaks
    assert doc.text == text and len(doc) == len(whole)
    assert [(entity.start, entity.end, entity.label_) for entity in doc.ents] == [
        (entity.start, entity.end, entity.label_) for entity in whole.ents
    ]
    assert [token.dep_ for token in doc] == [token.dep_ for token in whole]


def test_nlp_bounds_texts_around_a_long_one_keep_their_order(resources: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bounds, "SEGMENT_CHARS", 1_000)
    texts = ["Troops entered Mosul.", "\n\n".join([STORY] * 30), "Rebels shelled Idlib.", "Police raided Basra."]
    docs = list(nlp.parse_texts(resources.nlp, texts, batch_size=2))
    assert [doc.text for doc in docs] == texts
