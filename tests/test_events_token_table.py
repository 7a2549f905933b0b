"""The per-Doc token table gives the same words as reading each token, for sentences, subtrees and refine rules."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from dateline.events.acled import EventWords, refine
from dateline.events.lexicon import EventLexicon, load_event_lexicon
from dateline.events.words import EMPTY, TokenTable, Words, subtree_words, token_row
from dateline.records import Article

Parse = Callable[..., tuple[Article, Doc]]

TEXTS = [
    "Gunmen opened fire on a bus near Kirkuk, killing four passengers. The Iraqi army said it set-up checkpoints.",
    "A car bomb exploded outside a market in Aleppo on Friday.\n\nRebels denied any role.",
    "Protesters  marched   peacefully through the capital — police watched.",
    "Ｐｏｌｉｃｅ arrested 3 men in Kabul\u200b on Tuesday.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_table_rows_equal_token_rows_read_twice(parse: Parse, text: str) -> None:
    """The rows come from the Doc's arrays and are remembered by word ids: the second Doc reads remembered rows."""
    _article, doc = parse(text)
    expected = tuple(token_row(token) for token in doc)
    assert TokenTable.of(doc).rows == expected
    assert TokenTable.of(doc).rows == expected


@pytest.mark.parametrize("text", TEXTS)
def test_table_sentence_words_equal_token_words(parse: Parse, text: str) -> None:
    _article, doc = parse(text)
    table = TokenTable.of(doc)
    for sentence in doc.sents:
        from_table = table.words(range(sentence.start, sentence.end), keep_table=True)
        assert from_table == Words.of(sentence)
        assert from_table.table is table
        assert Words.of(sentence, table=table) == from_table


@pytest.mark.parametrize("text", TEXTS)
def test_table_subtree_words_equal_token_words(parse: Parse, text: str) -> None:
    _article, doc = parse(text)
    table = TokenTable.of(doc)
    for token in doc:
        heads = [token, *token.children]
        assert subtree_words(heads, table=table) == subtree_words(heads)
    assert subtree_words([], table=table) == EMPTY


def test_table_leaves_out_spaces_and_hyphens(parse: Parse) -> None:
    _article, doc = parse("Fighters set-up a  car bomb.")
    words = TokenTable.of(doc).words(range(len(doc)))
    assert words.texts == ("fighters", "set", "up", "a", "car", "bomb", ".")
    assert words.table is None


@pytest.fixture(scope="module")
def lexicon() -> EventLexicon:
    return load_event_lexicon()


@pytest.mark.parametrize(
    ("sentence", "kind", "acled", "expected"),
    [
        ("A suicide bomber blew himself up at a checkpoint.", "ASSAULT", "Attack", ("Suicide bomb", "suicide-bomb")),
        ("Jets struck rebel positions with air strikes.", "ASSAULT", "Attack", ("Air/drone strike", "aerial")),
        ("Police fired tear gas at protesters.", "PROTEST", "Peaceful protest", ("Protest with intervention", "demo")),
        ("Gunmen opened fire on soldiers.", "ASSAULT", "Attack", ("Armed clash", "firearms")),
        ("", "ASSAULT", "Attack", ("Attack", None)),
    ],
)
def test_refine_reads_table_words_like_token_words(
    parse: Parse, lexicon: EventLexicon, sentence: str, kind: str, acled: str, expected: tuple[str, str | None]
) -> None:
    _article, doc = parse(sentence)
    table = TokenTable.of(doc)
    plain = EventWords(Words.of(doc), Words.of(doc), EMPTY, frozenset())
    tabled = EventWords(table.words(range(len(doc)), keep_table=True), table.words(range(len(doc))), EMPTY, frozenset())
    refined = refine(kind, None, acled, tabled, lexicon)
    assert (refined.acled, refined.mode) == expected
    assert refined == refine(kind, None, acled, plain, lexicon)


def test_month_name_in_a_date_matches_no_word_class(parse: Parse) -> None:
    """ "on March 4" names a month, not a protest march: its row keeps the date label and no words, in the table and
    read token by token; the protest noun "march" outside a date is still a word."""
    _article, doc = parse("Jets bombed rebel trenches near Hama on March 4, and a march in Homs went ahead.")
    table = TokenTable.of(doc)
    month = next(token for token in doc if token.text == "March")
    noun = next(token for token in doc if token.text == "march")
    assert month.ent_type_ == "DATE"
    assert token_row(month) == ("", "", "DATE") == table.rows[month.i]
    assert table.rows[noun.i] is not None and table.rows[noun.i][1] == "march"
    lexicon = load_event_lexicon()
    protester = lexicon.classes["protester"]
    assert not subtree_words([month], table=table).has(protester)
    assert subtree_words([noun], table=table).has(protester)
