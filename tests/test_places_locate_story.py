"""story_sense: a town's name read in the region (else the country) the rest of the story lies in."""

from __future__ import annotations

import pytest

from dateline.places.gazetteer import Gazetteer, normalize
from dateline.places.locate import story_sense
from dateline.records import Place

ROWS = [
    (1, "Caledonia", 42.80, -87.92, "US", "Wisconsin", "US.WI", "city", 24000),
    (2, "Caledonia", 42.97, -77.85, "US", "New York", "US.NY", "city", 2200),
    (3, "Rochester", 43.15, -77.61, "US", "New York", "US.NY", "city", 210000),
    (4, "Naples", 40.85, 14.27, "IT", "Campania", "IT.04", "city", 900000),
    (5, "Naples", 26.14, -81.79, "US", "Florida", "US.FL", "city", 21000),
    (6, "Fort Myers", 26.62, -81.84, "US", "Florida", "US.FL", "city", 77000),
]
GAZETTEER = Gazetteer(
    rows=list(ROWS),
    names={normalize("Caledonia"): (0, 1), normalize("Rochester"): (2,), normalize("Naples"): (3, 4)},
)


def _mention(row: int, text: str, start: int) -> Place:
    geonameid, name, lat, lon, country, admin1, _code, feature, _population = ROWS[row]
    return Place(text, start, start + len(text), name, lat, lon, country, admin1, geonameid, feature)


@pytest.mark.parametrize(
    ("chosen", "others", "expected_id"),
    [
        (_mention(0, "Caledonia", 0), [_mention(2, "Rochester", 20), _mention(2, "Rochester", 40)], 2),
        (_mention(0, "Caledonia", 0), [_mention(2, "Rochester", 20)], 1),  # one mention is no majority
        (_mention(1, "Caledonia", 0), [_mention(2, "Rochester", 20), _mention(2, "Rochester", 40)], 2),
        (_mention(3, "Naples", 0), [_mention(5, "Fort Myers", 20), _mention(5, "Fort Myers", 40)], 5),
        (_mention(3, "Naples", 0), [_mention(3, "Naples", 20), _mention(3, "Naples", 40)], 4),  # its own name
        (_mention(2, "Rochester", 0), [], 3),
    ],
)
def test_places_locate_story_sense(chosen: Place, others: list[Place], expected_id: int) -> None:
    assert story_sense(chosen, [chosen, *others], GAZETTEER).geonameid == expected_id
