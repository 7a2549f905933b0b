"""Read queries for the REST API and the web UI: filtering, sorting, paging and aggregation happen in DuckDB.

Every function takes a DuckDB connection (a read-only cursor of `Store.connection`, one per request) and returns
plain JSON-ready data. HTML pages and their JSON twins call the same function here.
"""

from dateline.store.queries.aggregates import MAP_GRID_DEGREES, MAP_MAX_POINTS, map_points, network, timeline
from dateline.store.queries.filters import (
    ACTOR_SORTS,
    CONFLICT_TYPES,
    EVENT_SORTS,
    FACTUALITY_FLAGS,
    FACTUALITY_VALUES,
    FLAG_VALUES,
    INTERVALS,
    REVIEW_VALUES,
    EventFilters,
    Page,
    QueryError,
    country_alpha2,
    parse_date,
)
from dateline.store.queries.lists import (
    SearchResult,
    cluster_selection,
    cluster_states,
    get_actor,
    get_article,
    get_cluster,
    get_event,
    list_actors,
    list_clusters,
    list_errors,
    list_events,
    list_quotes,
    search,
)

__all__ = [
    "ACTOR_SORTS",
    "CONFLICT_TYPES",
    "EVENT_SORTS",
    "FACTUALITY_FLAGS",
    "FACTUALITY_VALUES",
    "FLAG_VALUES",
    "INTERVALS",
    "MAP_GRID_DEGREES",
    "MAP_MAX_POINTS",
    "REVIEW_VALUES",
    "EventFilters",
    "Page",
    "QueryError",
    "SearchResult",
    "cluster_selection",
    "cluster_states",
    "country_alpha2",
    "get_actor",
    "get_article",
    "get_cluster",
    "get_event",
    "list_actors",
    "list_clusters",
    "list_errors",
    "list_events",
    "list_quotes",
    "map_points",
    "network",
    "parse_date",
    "search",
    "timeline",
]
