"""Tests for dateline.quotes.gender and gendered pronoun speakers: he/she skip people of the other gender."""

from __future__ import annotations

from pathlib import Path

import pytest
from quotes_helpers import Parse, run_quotes

from dateline.knowledge import KnowledgeError
from dateline.quotes.gender import load_gender_words, name_gender, person_gender, pronoun_gender, surname_genders
from dateline.records import Quote


def _quotes(parse: Parse, resources: object, text: str) -> list[Quote]:
    return run_quotes(parse, resources, text)[0]


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("Hillary Clinton", "female"),
        ("Bernie Sanders", "male"),
        ("Mr. Smith", "male"),
        ("Mrs Jones", "female"),
        ("a company spokeswoman", "female"),
        ("the committee chairman", "male"),
        ("Clinton", None),  # a bare surname says nothing by itself
        ("Jordan Peters", None),  # an ambiguous given name
        ("the Pentagon", None),
        ("", None),
        ("Élodie 42", None),
    ],
)
def test_quotes_gender_of_a_name(text: str, gender: str | None) -> None:
    assert name_gender(text, load_gender_words()) == gender


def test_quotes_gender_bare_surname_takes_the_full_name_of_the_document() -> None:
    table = load_gender_words()
    surnames = surname_genders(["Hillary Clinton", "Bernie Sanders", "Anna Kerr", "Tom Kerr"], table)
    assert surnames == {"clinton": "female", "sanders": "male"}  # two Kerrs of both genders: unknown
    assert person_gender("Clinton", surnames, table) == "female"
    assert person_gender("Kerr", surnames, table) is None
    assert surname_genders(["Mrs. Holt", "Hillary"], table) == {"holt": "female"}  # a title counts, a lone name not


@pytest.mark.parametrize(("pronoun", "gender"), [("he", "male"), ("Her", "female"), ("they", None), ("it", None)])
def test_quotes_gender_of_a_pronoun(pronoun: str, gender: str | None) -> None:
    assert pronoun_gender(pronoun, load_gender_words()) == gender


def test_quotes_gender_shipped_file_loads() -> None:
    table = load_gender_words()
    assert table.honorifics["mrs"] == "female"
    assert table.given_names["john"] == "male"
    assert len(table.given_names) > 500
    assert (table.pronouns["himself"], table.pronouns["hers"]) == ("male", "female")


def test_quotes_gender_bad_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("# comment\nword\tkind\tgender\nanna\tgiven_name\tfemale\nbob\tnickname\tmale\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"bad\.tsv:4: expected a lower-case word"):
        load_gender_words(path)


def test_quotes_gender_refuses_a_word_listed_twice(tmp_path: Path) -> None:
    path = tmp_path / "twice.tsv"
    path.write_text("word\tkind\tgender\nhe\tpronoun\tmale\nhe\tpronoun\tfemale\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"twice\.tsv:3: 'he' is listed twice as pronoun"):
        load_gender_words(path)


@pytest.mark.parametrize(
    ("text", "speaker_name"),
    [
        (
            "Hillary Clinton met Bernie Sanders on Monday. “We agree on a lot,” she said.",
            "Hillary Clinton",
        ),
        (
            "Hillary Clinton met Bernie Sanders on Monday. “We agree on a lot,” he said.",
            "Bernie Sanders",
        ),
        (
            "Mary Holt said the plan was late. Tom Reed disagreed. “It was on time,” she told reporters.",
            "Mary Holt",
        ),
        ("Mrs. Holt met Mr. Reed on Monday. Reed left early. “We talked for an hour,” she said.", "Holt"),
    ],
)
def test_quotes_gender_pronoun_speaker_skips_the_other_gender(
    parse: Parse, resources: object, text: str, speaker_name: str
) -> None:
    quotes = _quotes(parse, resources, text)
    direct = [quote for quote in quotes if "“" in quote.text]
    assert len(direct) == 1
    assert direct[0].speaker is not None
    assert direct[0].speaker.name == speaker_name


def test_quotes_gender_pronouns_of_a_one_person_sentence_give_the_surname_a_gender(
    parse: Parse, resources: object
) -> None:
    text = "Anita Patel opened the talks. Later, Morrison left early to catch his flight."
    text += "\n\n“We made progress,” she said."
    quotes = _quotes(parse, resources, text)
    assert len(quotes) == 1 and quotes[0].speaker is not None
    assert quotes[0].speaker.text == "she" and quotes[0].speaker.name == "Anita Patel"
