"""Tests for the event knowledge files and their loader (dateline/events/lexicon.py); no model needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.events.lexicon import CUES_PATH, LEXICON_PATH, TYPES_PATH, load_event_lexicon, split_entry
from dateline.knowledge import KnowledgeError
from dateline.records import PLOVER_TYPES


def test_events_lexicon_lists_the_25_acled_sub_event_types_with_their_6_event_types() -> None:
    lexicon = load_event_lexicon()
    assert len(lexicon.acled_types) == 25
    assert {t.event_type for t in lexicon.acled_types.values()} == {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
    assert lexicon.acled_types["Air/drone strike"].event_type == "Explosions/Remote violence"
    assert lexicon.acled_types["Non-state actor overtakes territory"].event_type == "Battles"


def test_events_lexicon_has_modes_for_every_plover_type() -> None:
    lexicon = load_event_lexicon()
    assert set(lexicon.modes) == set(PLOVER_TYPES)
    assert {"aerial", "drone", "suicide-bomb", "CBRN", "abduct"} <= lexicon.modes["ASSAULT"]
    assert {"seize", "arrest"} <= lexicon.modes["COERCE"]


def test_events_lexicon_every_trigger_uses_a_known_type_and_sub_type() -> None:
    lexicon = load_event_lexicon()
    rules = [rule for rules in lexicon.rules_by_head.values() for rule in rules]
    assert len(rules) > 300
    for rule in rules:
        assert rule.type in PLOVER_TYPES
        assert rule.acled is None or rule.acled in lexicon.acled_types
        assert rule.mode is None or rule.mode in lexicon.modes[rule.type]


@pytest.mark.parametrize(
    ("entry", "words"),
    [("car bomb", ("car", "bomb")), ("sit-in", ("sit", "in")), ("  Airstrike ", ("airstrike",)), ("", ())],
)
def test_events_lexicon_split_entry(entry: str, words: tuple[str, ...]) -> None:
    assert split_entry(entry) == words


def _copy_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    source = {"lexicon": LEXICON_PATH, "cues": CUES_PATH, "types": TYPES_PATH}[name]
    text = source.read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / source.name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("type: ASSAULT, acled: Attack, weight: 0.7}", "type: ASSAULT, acled: Atack, weight: 0.7}", "ACLED"),
        ("type: ASSAULT, acled: Attack, weight: 0.7}", "type: ASSALT, acled: Attack, weight: 0.7}", "PLOVER"),
        ("type: ASSAULT, acled: Attack, weight: 0.7}", "type: ASSAULT, acled: Attack, weight: 7}", "weight"),
        ("requires: {context: [air]}", "requires: {context: [aircraft]}", "word class"),
    ],
)
def test_events_lexicon_bad_trigger_raises_with_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    path = _copy_with(tmp_path, "lexicon", old, new)
    with pytest.raises(ValueError, match=rf"event_lexicon\.yaml:\d+: .*{message}"):
        load_event_lexicon.__wrapped__(path, CUES_PATH, TYPES_PATH)


def test_events_lexicon_refuses_an_empty_word_class(tmp_path: Path) -> None:
    path = _copy_with(tmp_path, "cues", "  grenade: [grenade, ", "  grenade: []\n  unused: [")
    with pytest.raises(ValueError, match="empty"):
        load_event_lexicon.__wrapped__(LEXICON_PATH, path, TYPES_PATH)


def test_events_lexicon_refuses_a_missing_acled_type(tmp_path: Path) -> None:
    path = _copy_with(tmp_path, "types", "  - {sub_event_type: Grenade, event_type: Explosions/Remote violence}\n", "")
    with pytest.raises(ValueError, match="25 ACLED"):
        load_event_lexicon.__wrapped__(LEXICON_PATH, CUES_PATH, path)


def test_events_lexicon_reads_the_argument_words() -> None:
    words = load_event_lexicon().arguments
    assert {"launch", "carry", "claim"} <= words.light_verbs and "on" in words.target_preps
    assert "killing" in words.patient_of_nouns and "newspaper" in words.media_nouns and "in" in words.locative_preps
    assert "he" in words.person_pronouns and "they" in words.group_pronouns and "their" in words.anaphoric_determiners
    assert "armed" in words.party_classes
    assert "launch" in load_event_lexicon().factuality.carrying_verbs  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  harm_verbs: [kill,", "  harm_verbs: ['', kill,", "`harm_verbs` must be a list of non-empty strings"),
        ("  party_classes: [armed,", "  party_classes: [armd,", "party_classes names unknown word class"),
        ('  target_preps: ["on",', "  target_preps: [on,", "`target_preps` must be a list of non-empty strings"),
        ("  carrying_verbs: [launch,", "  carrying_words: [launch,", "`carrying_verbs` must be a list"),
    ],
)
def test_events_lexicon_bad_argument_words_raise_with_file_and_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _copy_with(tmp_path, "cues", old, new)
    with pytest.raises(KnowledgeError, match=rf"event_cues\.yaml:\d+: {message}"):
        load_event_lexicon.__wrapped__(LEXICON_PATH, path, TYPES_PATH)
