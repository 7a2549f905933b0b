"""The exports carry the composed actors: ACLED actor1/actor2/inter1/inter2 and PLOVER's actor fields (issue 19)."""

from __future__ import annotations

from typing import Any

from dateline.export.acled import acled_row, load_acled_tables
from dateline.export.plover import plover_record
from dateline.jobs import extract_text
from dateline.records import to_json


def _event(text: str, kind: str = "ASSAULT") -> dict[str, Any]:
    found = extract_text(text, published="2021-03-10")
    [event] = [event for event in found.events if event.type == kind]
    record: dict[str, Any] = to_json(event)
    return record


def _acled(record: dict[str, Any]) -> dict[str, Any]:
    return acled_row(
        record, row_id="1", event_ids=[record["id"]], cluster_id=None, article_ids=[record["article_id"]],
        evidence=record["evidence"], outlets=[], timestamp=None, tables=load_acled_tables(),
    )  # fmt: skip


def test_export_actors_acled_names_and_inter_codes_of_composed_actors() -> None:
    row = _acled(_event("Sudanese soldiers shot dead two civilians in El Fasher."))
    assert (row["actor1"], row["inter1"]) == ("Military Forces of Sudan", 1)
    assert (row["actor2"], row["inter2"], row["interaction"]) == ("Civilians (Sudan)", 7, "17")
    assert row["civilian_targeting"] == "Civilian targeting"


def test_export_actors_acled_codes_a_country_at_war_as_its_military() -> None:
    row = _acled(_event("Russia shelled two villages in the Sumy region on Friday."))
    assert (row["actor1"], row["inter1"]) == ("Military Forces of Russia", 8)  # ACLED: state forces abroad are 8


def test_export_actors_acled_gunmen_are_an_unidentified_armed_group() -> None:
    row = _acled(_event("Gunmen killed four miners in northern Burkina Faso."))
    assert (row["actor1"], row["inter1"]) == ("Unidentified Armed Group (Burkina Faso)", 3)


def test_export_actors_plover_fields_carry_country_sector_patron_and_attribution() -> None:
    record = _event("Iranian-backed militias were blamed for the rocket attack on the airbase.")
    plover = plover_record(record, event_id=record["id"], story_ids=[record["article_id"]], event_text=None)
    assert (plover["source_actor_name"], plover["source_sector"]) == ("Militias backed by Iran", "PRM")
    assert (plover["source_patron"], plover["source_attribution"]) == ("IRN", "alleged")
