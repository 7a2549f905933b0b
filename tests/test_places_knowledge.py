"""The places stage's knowledge: cues.yaml and event_places.yaml compiled, bad entries named with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.knowledge import KnowledgeError
from dateline.places import Gazetteer, load_place_knowledge
from dateline.places.knowledge import CUES_FILE, load_cues

CUES = CUES_FILE.read_text(encoding="utf-8")


def test_places_knowledge_cues_compile_the_name_words() -> None:
    cues = load_cues()
    assert cues.type_word_at_end.search("Anbar Province") and not cues.type_word_at_end.search("Provincetown")
    assert cues.person_title_before.search("said Gen. ") and not cues.person_title_before.search("said gen. ")
    assert {"north", "fort"} <= cues.no_place_alone and "texas" not in cues.no_place_alone


def test_places_knowledge_takes_a_gazetteer_built_by_hand() -> None:
    gazetteer = Gazetteer()
    knowledge = load_place_knowledge(gazetteer)
    assert knowledge.gazetteer is gazetteer
    assert "street" in knowledge.street_words and knowledge.police.after.search("Salina police said")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('name_heads:\n  - "fort"\n', 'name_heads:\n  - ""\n', "`name_heads` must be a list of non-empty strings"),
        ('person_titles_before:\n  - "Mr"\n', "person_titles_before:\n  - 7\n", "`person_titles_before` must be"),
        ("direction_words:\n", "direction_word:\n", "expected the keys"),
    ],
)
def test_places_knowledge_bad_cue_entry_names_file_and_line(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in CUES
    bad = tmp_path / "cues.yaml"
    bad.write_text(CUES.replace(old, new), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=rf"cues\.yaml:[1-9]\d*: .*{message}"):
        load_cues(bad)
