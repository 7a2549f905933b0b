"""Records cross process boundaries by pickle: every field must come back, in every record class."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from dateline import records
from dateline.jobs import extract_text
from dateline.records import ActorRef, Count, Evidence, Extraction, ItemError

RECORD_CLASSES = [
    value
    for value in vars(records).values()
    if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == records.__name__
]


def test_every_record_class_pickles_as_a_tuple_of_its_fields() -> None:
    assert len(RECORD_CLASSES) >= 20
    for record_class in RECORD_CLASSES:
        assert record_class.__getstate__.__qualname__.startswith("_pickle_as_field_tuple"), record_class


@pytest.mark.parametrize(
    "record",
    [
        Count(3, 5, 7),
        Evidence("Two died.", 10, 19),
        ActorRef("the army", "x-army", "Army", "IRQ", "MIL"),
        ItemError("file.txt", "clean", "BadDocumentError", "empty text", None),
    ],
)
def test_small_records_round_trip(record: object) -> None:
    copy = pickle.loads(pickle.dumps(record))
    assert copy == record and copy is not record and type(copy) is type(record)


def test_a_whole_extraction_round_trips() -> None:
    text = (
        "BAGHDAD (Tigris Wire) — Gunmen killed four soldiers at a checkpoint near Ramadi on Monday, police said. "
        "“We will not leave,” the governor told reporters."
    )
    extraction = extract_text(text, published="2021-03-01")
    assert extraction.events and extraction.quotes
    for protocol in (2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        copy = pickle.loads(pickle.dumps(extraction, protocol=protocol))
        assert isinstance(copy, Extraction)
        assert copy == extraction
        assert records.to_json(copy) == records.to_json(extraction)


def test_a_record_with_a_wrong_state_is_refused() -> None:
    count = Count(1, 2, 3)
    with pytest.raises(ValueError):
        count.__setstate__((1, 2))  # type: ignore[attr-defined]
