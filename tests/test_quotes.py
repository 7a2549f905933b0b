"""Tests for dateline.quotes: quote marks, cues, speakers, stances and ACCUSE events on small hand-written texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from quotes_helpers import Parse, run_quotes

from dateline.knowledge import KnowledgeError
from dateline.quotes import load_quote_knowledge
from dateline.quotes.cues import CUES_PATH, load_quote_cues
from dateline.quotes.marks import find_marked_spans, strip_marks
from dateline.records import ActorRef, Event, Evidence, Quote


def _quotes(
    parse: Parse, resources: object, text: str, events: tuple[Event, ...] = ()
) -> tuple[list[Quote], list[Event]]:
    return run_quotes(parse, resources, text, events)


# --- quote marks (no parse needed) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("He said “we will stay” today.", ["“we will stay”"]),
        ('He said "we will stay" and "we will win".', ['"we will stay"', '"we will win"']),
        ("“First part.\n\n“Second part.”", ["“First part.\n\n“Second part.”"]),  # continued over paragraphs
        ("“Never closed\n\nNext paragraph.", ["“Never closed"]),
        ("No quotes here, only an apostrophe’s.", []),
        ("", []),
    ],
)
def test_quotes_marks_find_spans(text: str, spans: list[str]) -> None:
    assert [text[span.start : span.end] for span in find_marked_spans(text)] == spans


def test_quotes_marks_strip() -> None:
    assert strip_marks(" “Hold the line,” ") == "Hold the line,"


# --- the cue file ---------------------------------------------------------------------------------------------


def test_quotes_cues_load_the_shipped_file() -> None:
    cues = load_quote_cues()
    assert "say" in cues.speech and "deny" in cues.deny and "blame" in cues.accuse
    assert cues.stance("deny") == "deny" and cues.stance("say") == "assert" and cues.stance("believe") is None


def test_quotes_cues_read_the_small_word_lists() -> None:
    cues = load_quote_cues()
    assert "tell" in cues.addressee_verbs and "because" in cues.clause_break_words and "but" in cues.linking_words
    assert {"of", "on", "the"} <= cues.title_small_words and {"it", "there"} <= cues.non_speaker_pronouns


def test_quotes_cues_refuse_a_capitalised_small_word(tmp_path: Path) -> None:
    text = CUES_PATH.read_text(encoding="utf-8").replace("title_small_words: [a, an,", "title_small_words: [a, An,")
    path = tmp_path / "quote_cues.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"quote_cues\.yaml:\d+: title_small_words has entries that are not"):
        load_quote_cues.__wrapped__(path)


def test_quotes_knowledge_bundles_cues_and_gender_words() -> None:
    knowledge = load_quote_knowledge()
    assert knowledge.cues is load_quote_cues() and knowledge.gender.pronouns["she"] == "female"


def test_quotes_cues_bad_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cues.yaml"
    path.write_text("# header\nspeech: [say, Said]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cues.yaml:2"):
        load_quote_cues(path)


# --- direct quotes and speakers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("“The bridge is closed,” Governor Amina Yusuf said on Monday.", "“The bridge is closed,”", "Amina Yusuf"),
        ("“The bridge is closed,” said Governor Amina Yusuf.", "“The bridge is closed,”", "Amina Yusuf"),
        ("Amina Yusuf told Reuters: “The bridge is closed.”", "“The bridge is closed.”", "Amina Yusuf"),
        ("“We held the town,” Colonel Omar Saleh, the brigade commander, said.", "“We held the town,”", "Omar Saleh"),
        ("“The road is open,” said Lina Haddad, a local nurse.", "“The road is open,”", "Lina Haddad"),
        ("Lina Haddad, a local nurse, said: “The road is open.”", "“The road is open.”", "Lina Haddad"),
        ("Lina Haddad added: “The road is open again.”", "“The road is open again.”", "Lina Haddad"),
        ("Omar Saleh tweeted: “We will hold the line.”", "“We will hold the line.”", "Omar Saleh"),
    ],
)
def test_quotes_direct_quote_and_speaker(parse: Parse, resources: object, text: str, quote: str, speaker: str) -> None:
    quotes, _ = _quotes(parse, resources, text)
    assert len(quotes) == 1
    assert quotes[0].text == quote and quotes[0].kind == "direct"
    assert quotes[0].speaker is not None and speaker in quotes[0].speaker.text


def test_quotes_resumed_quote_is_one_quote(parse: Parse, resources: object) -> None:
    text = "“We will rebuild,” Mayor Lina Haddad said, “but we need help.”"
    quotes, _ = _quotes(parse, resources, text)
    assert [quote.text for quote in quotes] == [text]
    assert quotes[0].cue == "said" and quotes[0].speaker is not None and quotes[0].speaker.name == "Lina Haddad"


def test_quotes_paragraph_without_cue_continues_the_speaker(parse: Parse, resources: object) -> None:
    text = "Mayor Lina Haddad said the dam was safe.\n\n“Nobody has to leave their home.”"
    quotes, _ = _quotes(parse, resources, text)
    assert len(quotes) == 1
    assert quotes[0].text.endswith("“Nobody has to leave their home.”") and quotes[0].kind == "mixed"
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Lina Haddad"


def test_quotes_pronoun_speaker_takes_the_last_speaker(parse: Parse, resources: object) -> None:
    text = "Mayor Lina Haddad visited the camp on Sunday.\n\n“The water is running again,” she said."
    quotes, _ = _quotes(parse, resources, text)
    assert len(quotes) == 1 and quotes[0].speaker is not None
    assert quotes[0].speaker.text == "she" and quotes[0].speaker.name == "Lina Haddad"


def test_quotes_scare_quotes_are_not_quotes(parse: Parse, resources: object) -> None:
    quotes, _ = _quotes(parse, resources, "The convoy reached the “green zone” before dark.")
    assert quotes == []


# --- indirect and mixed speech --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "content", "cue", "speaker"),
    [
        ("Amina Yusuf said that the bridge was closed.", "that the bridge was closed", "said", "Amina Yusuf"),
        ("Amina Yusuf told reporters the bridge was closed.", "the bridge was closed", "told", "Amina Yusuf"),
        ("According to the ministry, the bridge was closed.", "the bridge was closed", "According to", "ministry"),
    ],
)
def test_quotes_indirect_speech(
    parse: Parse, resources: object, text: str, content: str, cue: str, speaker: str
) -> None:
    quotes, _ = _quotes(parse, resources, text)
    assert len(quotes) == 1
    assert quotes[0].text == content and quotes[0].kind == "indirect" and quotes[0].cue == cue
    assert quotes[0].speaker is not None and speaker in quotes[0].speaker.text


def test_quotes_mixed_quote_spans_the_clause(parse: Parse, resources: object) -> None:
    text = "Amina Yusuf said the town was “under heavy fire” all night."
    quotes, _ = _quotes(parse, resources, text)
    assert len(quotes) == 1
    assert quotes[0].kind == "mixed" and quotes[0].text == "the town was “under heavy fire” all night"


# --- stances and claim events ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("The Interior Ministry denied any role in the killings.", "deny"),
        ("The Islamic State claimed responsibility for the bombing.", "claim_responsibility"),
        ("Iran blamed the United States for the attack on the embassy.", "accuse"),
        ("Amina Yusuf said that the bridge was closed.", "assert"),
    ],
)
def test_quotes_stance(parse: Parse, resources: object, text: str, stance: str) -> None:
    quotes, _ = _quotes(parse, resources, text)
    assert [quote.stance for quote in quotes] == [stance]


def test_quotes_accusation_makes_an_accuse_event(parse: Parse, resources: object) -> None:
    quotes, claim_events = _quotes(parse, resources, "Iran blamed the United States for the attack on the embassy.")
    assert len(claim_events) == 1
    event = claim_events[0]
    assert event.type == "ACCUSE" and event.id == "test-c1"
    assert [ref.id for ref in event.source] == ["irn"] and [ref.id for ref in event.recipient] == ["usa"]
    assert quotes[0].event_id == event.id


def test_quotes_accusation_already_coded_is_not_repeated(parse: Parse, resources: object) -> None:
    text = "Iran blamed the United States for the attack on the embassy."
    existing = Event(
        id="test-e1",
        article_id="test",
        type="ACCUSE",
        evidence=Evidence(text, 0, len(text)),
        source=(ActorRef("Iran", "irn"),),
    )
    quotes, claim_events = _quotes(parse, resources, text, (existing,))
    assert claim_events == []
    assert quotes[0].event_id == "test-e1"


# --- hostile input --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n  ", "“", "”Unbalanced” marks ” everywhere “", "\u200b“Zero width\u200b,” he said.", "👍 “ok” 👍"],
)
def test_quotes_hostile_input_does_not_crash(parse: Parse, resources: object, text: str) -> None:
    quotes, claim_events = _quotes(parse, resources, text)
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(text) and quote.text == text[quote.start : quote.end]
    assert all(event.type == "ACCUSE" for event in claim_events)


def test_quotes_saying_chain_takes_the_subject_of_the_main_verb(parse: Parse, resources: object) -> None:
    text = "General Omar Saleh rejected the ceasefire on Friday, saying “the fighting will go on until we win.”"
    quotes, _ = _quotes(parse, resources, text)
    direct = [quote for quote in quotes if "fighting will go on" in quote.text]
    assert len(direct) == 1
    assert direct[0].speaker is not None and "Omar Saleh" in direct[0].speaker.text


def test_quotes_sentence_without_cue_takes_the_speaker_named_in_the_paragraph(parse: Parse, resources: object) -> None:
    text = "Mayor Lina Haddad said the dam held overnight. “Nobody has to leave their home today.”"
    quotes, _ = _quotes(parse, resources, text)
    direct = [quote for quote in quotes if "Nobody has to leave" in quote.text]
    assert len(direct) == 1
    assert direct[0].speaker is not None and "Lina Haddad" in direct[0].speaker.text
