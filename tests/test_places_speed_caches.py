"""The caches added for speed in the places stage give what the uncached code gives, and callers cannot spoil them."""

from __future__ import annotations

import pytest

from dateline.places.gazetteer import Gazetteer
from dateline.places.recognize import (
    _TRAILING_REGION_WORD,
    BROAD_FEATURES,
    MAX_CANDIDATES,
    _candidates,
    _names_a_broad_place,
)


@pytest.fixture(scope="module")
def gazetteer(resources) -> Gazetteer:  # type: ignore[no-untyped-def]
    return resources.gazetteer  # type: ignore[no-any-return]


def _uncached_candidates(gazetteer: Gazetteer, text: str) -> list[tuple[int, str]]:
    found = gazetteer.lookup(text) or gazetteer.lookup(_TRAILING_REGION_WORD.sub("", text))
    found.sort(key=lambda entry: -entry.population)
    return [(entry.index, entry.name) for entry in found[:MAX_CANDIDATES]]


@pytest.mark.parametrize("text", ["Springfield", "Mosul", "Anbar Province", "Georgia", "Qwzxvbnm", "", "Zürich"])
def test_places_cached_candidates_match_a_fresh_lookup(gazetteer: Gazetteer, text: str) -> None:
    first = _candidates(gazetteer, text)
    again = _candidates(gazetteer, text)
    assert [(e.index, e.name) for e in first] == _uncached_candidates(gazetteer, text)
    assert again == first


def test_places_changing_the_returned_candidates_leaves_the_cache_alone(gazetteer: Gazetteer) -> None:
    first = _candidates(gazetteer, "Springfield")
    assert len(first) > 1
    first.clear()
    assert len(_candidates(gazetteer, "Springfield")) > 1


@pytest.mark.parametrize(
    ("text", "broad"), [("Iraq", True), ("Ohio", True), ("Mosul", False), ("Qwzxvbnm", False), ("", False)]
)
def test_places_broad_place_test_matches_the_lookup(gazetteer: Gazetteer, text: str, broad: bool) -> None:
    assert _names_a_broad_place(gazetteer, text) is broad
    assert any(c.feature in BROAD_FEATURES for c in gazetteer.lookup(text)) is broad
