"""Shortcuts taken for speed give what the plain computation gives: the token table's rows and subtrees, the memo
of word classes, lazily read event phrases, the actor index lookup, the dates read near a sentence, and the
casualty reader's word tests, the sentence locations kept for an article."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dateline.casualties import find_casualty_figures, load_casualty_terms
from dateline.events import context, syntax
from dateline.events.acled import EventWords, LazyEventWords, refine
from dateline.events.lexicon import EventLexicon, WordClass, load_event_lexicon
from dateline.events.roles import ActorIndex, _sentence_starts_up_to
from dateline.events.words import TokenTable, Words, subtree_words, token_row
from dateline.places import find_places, unusable_places
from dateline.records import Actor, Article, Location, Mention, TimeExpr
from dateline.times import event_date

Parse = Callable[..., tuple[Article, Doc]]

TEXTS = [
    "Gunmen opened fire on a bus near Kirkuk, killing four passengers. The Iraqi army said it set-up checkpoints.",
    "Rebels , who had shelled the town  for weeks, withdrew on Monday after talks between the two sides.",
    "Ｐｏｌｉｃｅ found a man dead in Kabul\u200b on Tuesday — no one else was hurt.",
    "\n\nA murder-suicide left two DEAD.",
    "",
]


@pytest.fixture(scope="module")
def lexicon() -> EventLexicon:
    return load_event_lexicon()


@pytest.mark.parametrize("text", TEXTS)
def test_table_rows_and_subtrees_equal_the_tokens(parse: Parse, text: str) -> None:
    _article, doc = parse(text)
    table = TokenTable.of(doc)
    assert table.rows == tuple(token_row(token) for token in doc)
    for token in doc:
        assert sorted(table.subtree(token)) == [word.i for word in token.subtree]


def test_table_without_children_reads_token_subtrees(parse: Parse) -> None:
    _article, doc = parse("Troops shelled the old town.")
    bare = TokenTable(TokenTable.of(doc).rows)
    for token in doc:
        assert sorted(bare.subtree(token)) == [word.i for word in token.subtree]
        assert subtree_words([token], table=bare) == subtree_words([token])


def test_words_remember_each_class_not_each_name(parse: Parse) -> None:
    _article, doc = parse("A drone struck the convoy.")
    words = Words.of(doc)
    drones = WordClass("weapon", frozenset({"drone"}), (), frozenset())
    knives = WordClass("weapon", frozenset({"knife"}), (), frozenset())
    assert (words.has(drones), words.has(knives), words.has(drones)) == (True, False, True)


@pytest.mark.parametrize(
    ("sentence", "kind", "acled"),
    [
        ("Jets struck rebel positions with air strikes.", "ASSAULT", "Attack"),
        ("Gunmen opened fire on soldiers at a checkpoint.", "ASSAULT", "Attack"),
        ("Police fired tear gas at protesters.", "PROTEST", "Peaceful protest"),
        ("Militants stormed a village.", "ASSAULT", None),
    ],
)
def test_lazy_event_words_refine_like_eager_ones(
    parse: Parse, lexicon: EventLexicon, sentence: str, kind: str, acled: str | None
) -> None:
    _article, doc = parse(sentence)
    trigger = next(token for token in doc if token.pos_ == "VERB")
    table = TokenTable.of(doc)
    sentence_words = table.words(range(len(doc)), keep_table=True)
    object_words = subtree_words(syntax.object_heads(trigger, lexicon.arguments), table=table)
    subject_words = subtree_words(syntax.subject_heads(trigger, lexicon.arguments), table=table)
    lemmas = frozenset({trigger.lemma_.lower()})
    eager = EventWords(sentence_words, object_words, subject_words, lemmas)
    reads: list[str] = []

    def read(part: str, words: Words) -> Callable[[], Words]:
        def phrase_words() -> Words:
            reads.append(part)
            return words

        return phrase_words

    lazy = LazyEventWords(sentence_words, read("object", object_words), read("subject", subject_words), lemmas)
    assert refine(kind, None, acled, lazy, lexicon) == refine(kind, None, acled, eager, lexicon)
    other = lazy.with_sentence(Words.of(doc))
    assert refine(kind, None, acled, other, lexicon) == refine(kind, None, acled, eager, lexicon)
    assert sorted(reads) == sorted(set(reads))  # each phrase read at most once


MENTION_SPANS = [(0, 4), (5, 9), (5, 20), (10, 10), (12, 18), (20, 20), (20, 25), (30, 35), (35, 35)]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, 100, MENTION_SPANS),
        (5, 20, [(5, 9), (5, 20), (10, 10), (12, 18), (20, 20)]),
        (10, 10, [(10, 10)]),
        (10, 11, [(10, 10)]),
        (20, 20, [(20, 20)]),
        (21, 40, [(30, 35), (35, 35)]),
        (0, 0, []),
        (35, 35, [(35, 35)]),
    ],
)
def test_actor_index_inside_finds_what_a_scan_finds(start: int, end: int, expected: list[tuple[int, int]]) -> None:
    mentions = tuple(Mention("x", first, last) for first, last in MENTION_SPANS)
    index = ActorIndex.of([Actor(id="a", name="A", mentions=mentions)])
    found = index.inside(start, end)
    assert [(first, last) for first, last, _actor in found] == expected
    assert found == [item for item in index.mentions if start <= item[0] and item[1] <= end]


TIMES_TEXT = "On Monday troops arrived. Shelling went on.\n\nOn 3 May 2021 a bomb went off. Three died in 2019."


def test_event_date_near_the_sentence_equals_all_times(parse: Parse) -> None:
    article, doc = parse(TIMES_TEXT, "2021-05-10")
    expressions = [
        TimeExpr("Monday", 3, 9, "2021-05-10"),
        TimeExpr("for a week", 0, 0, "P1W", "DURATION"),
        TimeExpr("3 May 2021", 48, 58, "2021-05-03"),
        TimeExpr("2019", 90, 94, "2019"),
    ]
    dated = context.calendar_times(expressions)
    # the spans of days or weeks stay: they count from a date ("four days after": context._offset_date)
    assert [expression.value for expression in dated] == ["2021-05-10", "P1W", "2021-05-03", "2019"]
    for sentence in doc.sents:
        for token in sentence:
            start, end = sentence.start_char, sentence.end_char
            foreign = frozenset(
                expression.start
                for expression in expressions
                if start <= expression.start < end and not context.dates_event(sentence, expression, token)
            )
            whole = event_date(expressions, start, end, article, trigger=token.idx, foreign=foreign)
            assert context.event_date(article, dated, sentence, token) == whole


@pytest.mark.parametrize("text", TEXTS)
def test_casualty_figures_same_with_text_given(parse: Parse, text: str) -> None:
    article, doc = parse(text)
    for sentence in doc.sents:
        given = article.text[sentence.start_char : sentence.end_char]
        terms = load_casualty_terms()
        assert find_casualty_figures(sentence, terms=terms, text=given) == find_casualty_figures(sentence, terms=terms)


@pytest.mark.parametrize("text", [*TEXTS, "They attacked. It burned! Then he left.\n\nShe said they would return."])
def test_sentence_starts_read_from_the_array_equal_doc_sents(parse: Parse, text: str) -> None:
    _article, doc = parse(text)
    for token in doc:
        expected = [sentence.start for sentence in doc.sents if sentence.start <= token.sent.start]
        assert _sentence_starts_up_to(doc, token.i) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a checkpoint. Two soldiers died near Ramadi, and a bomb exploded in Baghdad.",
        "MOSUL, Iraq — An airstrike hit the city. Officials said it killed five.",
        "",
    ],
)
def test_sentence_locations_kept_give_what_each_event_finds(parse: Parse, resources: object, text: str) -> None:
    article, doc = parse(text)
    known = resources.places  # type: ignore[attr-defined]
    places = find_places(article, doc, knowledge=known)
    unusable = unusable_places(article, places, knowledge=known)
    kept: dict[int, Location | None] = {}
    preps = resources.events.arguments.locative_preps  # type: ignore[attr-defined]
    for sentence in doc.sents:
        for token in sentence:
            shared = context.event_location(
                article,
                places,
                sentence,
                token,
                None,
                knowledge=known,
                locative_preps=preps,
                unusable=unusable,
                sentence_locations=kept,
            )
            assert shared == context.event_location(
                article, places, sentence, token, None, knowledge=known, locative_preps=preps
            )
