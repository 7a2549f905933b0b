"""What `dateline.open(path)` returns: a read-only view of a dateline database as pandas DataFrames or Arrow tables.

Queries go through dateline.store.queries (the same filters, sorting and SQL as the REST API); this module only
pages through them and shapes the records into tables. `dateline.open` imports it on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from dateline.store import Store
    from dateline.store.queries import Page

PAGE_SIZE = 5000  # records fetched per query while paging through a whole table
TABLE_NAMES = ("events", "clusters", "quotes", "actors")


class Database:
    """A dateline database opened read-only. Use as a context manager, or call close().

    Every table method takes the REST API's filters and returns a pandas DataFrame with one row per record and one
    column per field of the record (as in the REST API and docs/codebook.md); nested objects (location, evidence,
    ...) stay dicts, e.g. `frame["location"].str["lat"]`. `arrow(table, ...)` returns the same as an Arrow table.
    """

    def __init__(self, path: str | Path) -> None:
        from dateline.store import Store

        self.path = Path(path)
        if not self.path.exists():
            raise FileNotFoundError(f"no database at {self.path}: run `dateline ingest` first")
        self._store: Store = Store(self.path, read_only=True)
        self._store.open()

    def __enter__(self) -> Database:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Database({str(self.path)!r})"

    def close(self) -> None:
        self._store.close()

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return self._store.counts()

    def events(
        self,
        *,
        type: str | None = None,  # named as in the REST API
        mode: str | None = None,
        acled_event_type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        start: str | None = None,
        end: str | None = None,
        bbox: str | None = None,
        q: str | None = None,
        cluster: str | None = None,
        factuality: str | None = None,
        min_confidence: float | None = None,
        review: str | None = None,
        flags: str | None = None,
        sort: str = "date",
        limit: int | None = None,
    ) -> pandas.DataFrame:
        """Events (contract fields plus cluster_id) matching the filters, as in GET /api/events: by default what an
        analyst takes for real is every event but the rejected ones; `factuality="asserted"`, `flags="none"`,
        `min_confidence=0.6`, `review="confirmed,corrected"` narrow it as the API's what-is-real switches do."""
        return _frame(self._event_records("events", locals()))

    def clusters(
        self,
        *,
        type: str | None = None,  # named as in the REST API
        mode: str | None = None,
        acled_event_type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        start: str | None = None,
        end: str | None = None,
        bbox: str | None = None,
        q: str | None = None,
        factuality: str | None = None,
        min_confidence: float | None = None,
        review: str | None = None,
        flags: str | None = None,
        limit: int | None = None,
    ) -> pandas.DataFrame:
        """Cross-article clusters having an event that matches the filters, as in GET /api/clusters."""
        return _frame(self._event_records("clusters", locals()))

    def quotes(self, *, speaker: str | None = None, q: str | None = None, limit: int | None = None) -> pandas.DataFrame:
        """Quotes; `speaker` is an actor id or words of the speaker's name, `q` words of the quote."""
        return _frame(self._simple_records("quotes", {"speaker": speaker, "q": q}, limit))

    def actors(self, *, q: str | None = None, sort: str = "-mentions", limit: int | None = None) -> pandas.DataFrame:
        """Canonical actors; `q` matches the name, an alias or the id."""
        return _frame(self._simple_records("actors", {"q": q, "sort": sort}, limit))

    def arrow(self, table: str, **filters: Any) -> pyarrow.Table:
        """One of events, clusters, quotes, actors (with that method's filters) as an Arrow table."""
        import pyarrow

        if table not in TABLE_NAMES:
            raise ValueError(f"unknown table {table!r}; choose from {', '.join(TABLE_NAMES)}")
        frame: pandas.DataFrame = getattr(self, table)(**filters)
        return pyarrow.Table.from_pandas(frame, preserve_index=False)

    def _event_records(self, table: str, arguments: dict[str, Any]) -> list[dict[str, Any]]:
        from dateline.store import queries

        names = (
            "type",
            "mode",
            "acled_event_type",
            "actor",
            "country",
            "start",
            "end",
            "bbox",
            "q",
            "cluster",
            "factuality",
            "min_confidence",
            "review",
            "flags",
        )
        filters = queries.EventFilters(**{name: arguments.get(name) for name in names})
        con = self._store.connection.cursor()
        if table == "events":
            sort = arguments["sort"]
            return _all_pages(
                lambda lim, off: queries.list_events(con, filters, sort=sort, limit=lim, offset=off), arguments["limit"]
            )
        return _all_pages(
            lambda lim, off: queries.list_clusters(con, filters, limit=lim, offset=off), arguments["limit"]
        )

    def _simple_records(self, table: str, filters: dict[str, Any], limit: int | None) -> list[dict[str, Any]]:
        from dateline.store import queries

        con = self._store.connection.cursor()
        lister = queries.list_quotes if table == "quotes" else queries.list_actors
        return _all_pages(lambda lim, off: lister(con, **filters, limit=lim, offset=off), limit)


def _pages(fetch: Callable[[int, int], Page], limit: int | None) -> Iterator[list[dict[str, Any]]]:
    """Pages of up to PAGE_SIZE records until `limit` records or the end."""
    offset = 0
    while limit is None or offset < limit:
        size = PAGE_SIZE if limit is None else min(PAGE_SIZE, limit - offset)
        page = fetch(size, offset)
        yield page.items
        offset += len(page.items)
        if len(page.items) < size or offset >= page.total:
            return


def _all_pages(fetch: Callable[[int, int], Page], limit: int | None) -> list[dict[str, Any]]:
    if limit is not None and limit < 0:
        raise ValueError("limit must be 0 or more")
    return [record for page in _pages(fetch, limit) for record in page]


def _frame(records: list[dict[str, Any]]) -> pandas.DataFrame:
    """Records as a DataFrame: one column per top-level field; nested objects stay dicts, lists stay lists.

    Not flattened on purpose: json_normalize makes different columns depending on which values are null.
    """
    import pandas

    return pandas.DataFrame.from_records(records) if records else pandas.DataFrame()
