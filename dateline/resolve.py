"""Cross-article resolution: reports of the same real-world event merged into clusters.

Reads: stored events. Writes: cluster ids and cluster records. (Placeholder until the across-articles issue:
every event is its own cluster.)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dateline.store import Store


def resolve_new_events(store: Store, event_ids: Sequence[str]) -> None:
    """Attach newly stored events to clusters."""
    store.assign_singleton_clusters(event_ids)
