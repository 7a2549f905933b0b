"""The caches added for speed in the places stage give what the uncached code gives, and callers cannot spoil them."""

from __future__ import annotations

import pytest

from dateline.places.gazetteer import Gazetteer
from dateline.places.knowledge import PlaceKnowledge
from dateline.places.recognize import (
    BROAD_FEATURES,
    MAX_CANDIDATES,
    _names_a_broad_place,
    candidates_for,
)


@pytest.fixture(scope="module")
def knowledge(resources) -> PlaceKnowledge:  # type: ignore[no-untyped-def]
    return resources.places  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def gazetteer(knowledge: PlaceKnowledge) -> Gazetteer:
    return knowledge.gazetteer


def _uncached_candidates(knowledge: PlaceKnowledge, text: str) -> list[tuple[int, str]]:
    gazetteer = knowledge.gazetteer
    found = gazetteer.lookup(text) or gazetteer.lookup(knowledge.cues.type_word_at_end.sub("", text))
    found.sort(key=lambda entry: -entry.population)
    return [(entry.index, entry.name) for entry in found[:MAX_CANDIDATES]]


@pytest.mark.parametrize("text", ["Springfield", "Mosul", "Anbar Province", "Georgia", "Qwzxvbnm", "", "Zürich"])
def test_places_cached_candidates_match_a_fresh_lookup(knowledge: PlaceKnowledge, text: str) -> None:
    first = candidates_for(knowledge, text)
    again = candidates_for(knowledge, text)
    assert [(e.index, e.name) for e in first] == _uncached_candidates(knowledge, text)
    assert again == first


def test_places_changing_the_returned_candidates_leaves_the_cache_alone(knowledge: PlaceKnowledge) -> None:
    first = candidates_for(knowledge, "Springfield")
    assert len(first) > 1
    first.clear()
    assert len(candidates_for(knowledge, "Springfield")) > 1


@pytest.mark.parametrize(
    ("text", "broad"), [("Iraq", True), ("Ohio", True), ("Mosul", False), ("Qwzxvbnm", False), ("", False)]
)
def test_places_broad_place_test_matches_the_lookup(gazetteer: Gazetteer, text: str, broad: bool) -> None:
    assert _names_a_broad_place(gazetteer, text) is broad
    assert any(c.feature in BROAD_FEATURES for c in gazetteer.lookup(text)) is broad
