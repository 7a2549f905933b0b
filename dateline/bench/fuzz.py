"""Seeding the API fuzz (schemathesis) with ids that exist, so that single-item routes (`/api/events/{event_id}`,
`/api/clusters/{cluster_id}`, ...) answer with the item and not only with 404.

`path_parameter_hook(stored_ids(db))` is a schemathesis `flatmap_path_parameters` hook: for a route with an id
parameter it draws, half of the time, an id of the database instead of a generated string (the other half still
tries odd strings). scripts/check_api.py loads it into `schemathesis run` through scripts/fuzz_hooks.py;
tests/test_api_security.py registers it on its schema.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from dateline.store import Store

# Path parameter → the public table whose ids it takes (dateline.store.TABLES).
ID_PARAMETERS = {"event_id": "events", "cluster_id": "clusters", "actor_id": "actors", "article_id": "articles"}
# Ids per table to draw from: enough to reach varied items, few enough to read at once.
MAX_IDS = 200


def stored_ids(db: str | Path) -> dict[str, list[str]]:
    """Up to MAX_IDS ids of each table an id parameter names, by parameter name."""
    found: dict[str, list[str]] = {}
    with Store(db, read_only=True) as store:
        for parameter, table in ID_PARAMETERS.items():
            ids: list[str] = []
            for row in store.iter_rows(table):
                ids.append(str(row["id"]))
                if len(ids) >= MAX_IDS:
                    break
            found[parameter] = ids
    return found


def path_parameter_hook(ids: Mapping[str, list[str]]) -> Callable[[Any, dict[str, Any]], st.SearchStrategy[Any]]:
    """A `flatmap_path_parameters` hook: the generated parameters, or the same with stored ids put in."""

    def flatmap_path_parameters(context: Any, parameters: dict[str, Any] | None) -> st.SearchStrategy[Any]:
        # None: a route without path parameters (as schemathesis calls the hook on every operation)
        known = {name: ids[name] for name in parameters or {} if ids.get(name)}
        if not known:
            return st.just(parameters)
        real = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in known.items()})
        return st.one_of(st.just(parameters), real.map(lambda chosen: {**(parameters or {}), **chosen}))

    return flatmap_path_parameters
