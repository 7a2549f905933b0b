"""The DuckDB store: the only place that speaks SQL.

Schema in schema.sql and reviews.sql (versioned by SCHEMA_VERSION). Writes go in one transaction per batch, so an
interrupted ingest never leaves half an article; articles already stored (same id) are skipped whole. Read-only mode
(`Store(path, read_only=True)`) is for export; many read-only processes may share a file, but not while one process
holds it for writing (`dateline serve` does, as the file's one writer: docs/storage.md, "Sharing one file").
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from dateline.records import Actor, Article, Event, Extraction, ItemError, Mention, Place, Quote, TimeExpr
from dateline.store import rows
from dateline.store.clusters import ClusterPlan, cluster_row, write_plan
from dateline.store.codec import from_json

log = logging.getLogger(__name__)

SCHEMA_VERSION = 3
SCHEMA_PATH = Path(__file__).with_name("schema.sql")
REVIEWS_PATH = Path(__file__).with_name("reviews.sql")
# Schema changes from version N to N+1, applied in order when an older database is opened for writing.
MIGRATIONS: dict[int, str] = {
    1: "ALTER TABLE articles ADD COLUMN main_event_id VARCHAR",
    2: REVIEWS_PATH.read_text(encoding="utf-8"),
}
# Tables `export` and the API read, by their public name: events as reviewed (event_view, see reviews.sql).
TABLES = {
    "events": "event_view",
    "quotes": "quotes",
    "articles": "articles",
    "actors": "actors",
    "clusters": "clusters",
    "errors": "item_errors",
}
_ORDER = {
    "events": "date_start NULLS LAST, article_id, seq",
    "event_view": "date_start NULLS LAST, article_id, seq",
    "quotes": "article_id, seq",
    "articles": "ingested_at, id",
    "actors": "id",
    "clusters": "date_start NULLS LAST, id",
    "item_errors": "id",
}
_CHUNK_ROWS = 2000
# Seconds a writer waits for another process's lock to go (see Store.open).
LOCK_WAIT_S = 3.0


class StoreError(Exception):
    """The database cannot be opened or used as asked (missing file, locked, wrong schema version)."""


class StoreLockedError(StoreError):
    """Another process holds the file (DuckDB lets one process write a file, and no other open it meanwhile)."""


class StoreWriteError(StoreError):
    """A batch could not be written; nothing of it was stored."""


@dataclass(frozen=True)
class WriteResult:
    """What a write stored; `new_event_rows` are the new events' rows as stored (resolution reads them)."""

    stored: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    new_event_ids: list[str] = field(default_factory=list)
    new_event_rows: list[dict[str, Any]] = field(default_factory=list, repr=False)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Store:
    """A dateline database. Use as a context manager: `with Store(path) as store: ...`."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, external_access: bool = True, scratch: Path | None = None
    ) -> None:
        """`external_access=False` (the server's) lets SQL reach no file but the database and the `scratch` folder."""
        self.path = str(path)
        self.read_only = read_only
        self.external_access = external_access
        self.scratch = scratch
        self._con: duckdb.DuckDBPyConnection | None = None
        self._depth = 0  # transactions open: the outermost one begins and commits, inner ones join it

    @classmethod
    def sharing(cls, other: Store) -> Store:
        """A Store over a new cursor of `other`'s open database: its own transactions, the same database instance
        (how the server's writer thread and request handlers share the one read-write connection)."""
        store = cls(other.path, read_only=other.read_only, external_access=other.external_access)
        store._con = other.connection.cursor()
        return store

    # --- Opening, schema and transactions -------------------------------------------------------------------

    def __enter__(self) -> Store:
        self.open()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def open(self) -> None:
        """Open the database; opened for writing, a lock held by another process is waited for up to LOCK_WAIT_S
        (the writer of an ingest killed a moment ago holds it until the kernel has ended it too)."""
        if self.read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path}: run `dateline ingest` first")
        deadline = time.monotonic() + (0 if self.read_only else LOCK_WAIT_S)
        while True:
            try:
                self._connect()
                break
            except StoreLockedError as error:
                # another process's lock may go; a clash of settings within this process will not
                if "lock" not in str(error.__cause__).lower() or time.monotonic() > deadline:
                    raise
            time.sleep(0.1)
        try:
            self._check_schema()
        except BaseException:
            self.close()
            raise

    def _connect(self) -> None:
        try:
            # DuckDB draws a progress bar on the terminal for long queries: library code must not print.
            self._con = duckdb.connect(self.path, read_only=self.read_only)
            self._con.execute("SET enable_progress_bar = false")
            if not self.external_access:
                self._close_external_access()
        except duckdb.Error as error:
            self.close()
            held = "lock" in str(error).lower() or "different configuration" in str(error).lower()
            if held:  # DuckDB's message names the other process: kept out of ours
                raise StoreLockedError(
                    f"{self.path} is in use by another process (an ingest writing to it, or a server)"
                ) from error
            raise StoreError(f"cannot open {self.path}: {error}") from error

    def _close_external_access(self) -> None:
        """Let SQL read and write no file but the database itself (and the scratch folder, for COPY)."""
        con = self.connection
        found = con.execute("SELECT current_setting('enable_external_access')").fetchall()
        if found and found[0][0] is False:  # another Store of this process opened the instance and closed it already
            return
        if self.scratch is not None:
            con.execute("SET allowed_directories = ?", [[str(self.scratch).rstrip("/") + "/"]])
        con.execute("SET enable_external_access = false")

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection (for the query modules of this package)."""
        if self._con is None:
            raise StoreError("the store is not open: use `with Store(path) as store:`")
        return self._con

    def schema_version(self) -> int | None:
        tables = {row[0] for row in self.connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        if "schema_version" not in tables:
            return None if not tables else 0
        version = self._scalar("SELECT max(version) FROM schema_version")
        return int(version) if version is not None else 0

    def _check_schema(self) -> None:
        version = self.schema_version()
        if version == SCHEMA_VERSION:
            return
        if version is None and not self.read_only:
            with self._transaction():
                self.connection.execute(SCHEMA_PATH.read_text(encoding="utf-8"))
                self.connection.execute(REVIEWS_PATH.read_text(encoding="utf-8"))
                self.connection.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION])
            return
        if version is None:
            raise StoreError(f"{self.path} is not a dateline database (no tables)")
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this dateline's {SCHEMA_VERSION}: "
                "upgrade dateline"
            )
        self._migrate(version)

    def _migrate(self, version: int) -> None:
        missing = [step for step in range(version, SCHEMA_VERSION) if step not in MIGRATIONS]
        if missing or self.read_only:
            why = "open it once for writing to migrate" if not missing else "no migration exists"
            raise StoreError(
                f"{self.path} has schema version {version}, older than {SCHEMA_VERSION} ({why}); "
                "re-ingest the articles into a new database"
            )
        with self._transaction():
            for step in range(version, SCHEMA_VERSION):
                log.info("migrating %s from schema version %d to %d", self.path, step, step + 1)
                self.connection.execute(MIGRATIONS[step])
            self.connection.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction; nested ones join the outermost (so a batch and the merge of its events commit together,
        and a failure anywhere rolls back all of it)."""
        con = self.connection
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            con.execute("ROLLBACK")
            raise
        self._depth = 0
        con.execute("COMMIT")

    _transaction = transaction

    def _insert(self, table: str, table_rows: Sequence[dict[str, Any]]) -> None:
        if not table_rows:
            return
        con = self.connection
        con.register("batch_rows", pa.Table.from_pylist(list(table_rows)))
        try:
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM batch_rows")
        finally:
            con.unregister("batch_rows")

    # --- Writing --------------------------------------------------------------------------------------------

    def _stored_ids(self, article_ids: Sequence[str]) -> set[str]:
        found = self.connection.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(article_ids)]
        ).fetchall()
        return {row[0] for row in found}

    def write_batch(
        self,
        extractions: Sequence[Extraction],
        *,
        errors: Sequence[ItemError] = (),
        plan: Callable[[list[dict[str, Any]]], ClusterPlan] | None = None,
    ) -> WriteResult:
        """Store a batch of extractions (and `errors` of items that have no article) in ONE transaction (the
        caller's, when it has one open).

        Articles already stored, or repeated within the batch, are skipped whole. With `plan` (cross-article
        resolution: the new events' rows -> a ClusterPlan) the new events are stored in their clusters and the
        clusters written in the same transaction, without writing the events twice. On any failure nothing of the
        batch is stored and StoreWriteError is raised.
        """
        at = _now()
        try:
            with self._transaction():
                stored_ids = self._stored_ids([extraction.article.id for extraction in extractions])
                fresh: list[Extraction] = []
                for extraction in extractions:
                    if extraction.article.id not in stored_ids:
                        stored_ids.add(extraction.article.id)
                        fresh.append(extraction)
                tables: dict[str, list[dict[str, Any]]] = defaultdict(list)
                for extraction in fresh:
                    for table, table_rows in rows.extraction_rows(extraction, at).items():
                        tables[table].extend(table_rows)
                event_rows = tables.get("events", [])
                actor_rows = rows.merge_actor_rows(tables.pop("actors", []))
                clusters = plan(event_rows) if plan is not None and event_rows else None
                if clusters is not None:
                    for row in event_rows:
                        row["cluster_id"] = clusters.cluster_of[row["id"]]
                for table, table_rows in tables.items():
                    self._insert(table, table_rows)
                self._upsert_actors(actor_rows)
                self._insert_new_errors(errors, at)
                if clusters is not None:
                    outlet_of = {row["id"]: row["source"] or row["id"] for row in tables["articles"]}
                    write_plan(
                        self.connection,
                        clusters,
                        event_rows,
                        {row["id"]: outlet_of[row["article_id"]] for row in event_rows},
                    )
        except (duckdb.Error, pa.ArrowException, TypeError, ValueError) as error:
            raise StoreWriteError(f"batch not stored: {type(error).__name__}: {error}") from error
        return WriteResult(
            stored=len(fresh),
            skipped=len(extractions) - len(fresh),
            events=sum(len(extraction.events) for extraction in fresh),
            quotes=sum(len(extraction.quotes) for extraction in fresh),
            new_event_ids=[event.id for extraction in fresh for event in extraction.events],
            new_event_rows=event_rows,
        )

    def _upsert_actors(self, actor_rows: Sequence[dict[str, Any]]) -> None:
        if not actor_rows:
            return
        con = self.connection
        con.register("actor_rows", pa.Table.from_pylist(list(actor_rows)))
        try:
            con.execute(
                """
                INSERT INTO actors BY NAME SELECT * FROM actor_rows
                ON CONFLICT (id) DO UPDATE SET
                    aliases = list_sort(list_distinct(list_concat(actors.aliases, excluded.aliases))),
                    n_mentions = actors.n_mentions + excluded.n_mentions,
                    n_articles = actors.n_articles + excluded.n_articles,
                    country = coalesce(actors.country, excluded.country),
                    sector = coalesce(actors.sector, excluded.sector)
                """
            )
        finally:
            con.unregister("actor_rows")

    def _insert_new_errors(self, errors: Sequence[ItemError], at: dt.datetime) -> int:
        """Store errors of items without a stored article, skipping ones already recorded (re-runs add nothing)."""
        if not errors:
            return 0
        con = self.connection
        before = self._count("item_errors")
        error_rows = [rows.error_row(error, stored_article=False, at=at) for error in errors]
        con.register("error_rows", pa.Table.from_pylist(error_rows))
        try:
            con.execute(
                """
                INSERT INTO item_errors BY NAME
                SELECT DISTINCT * FROM error_rows AS new WHERE NOT EXISTS (
                    SELECT 1 FROM item_errors AS old
                    WHERE old.origin = new.origin AND old.stage = new.stage AND old.error_type = new.error_type
                      AND old.message = new.message AND old.article_id IS NOT DISTINCT FROM new.article_id
                )
                """
            )
        finally:
            con.unregister("error_rows")
        return self._count("item_errors") - before

    def write_errors(self, errors: Sequence[ItemError]) -> int:
        """Store errors of items that have no stored article, in one transaction; returns how many were new."""
        try:
            with self._transaction():
                return self._insert_new_errors(errors, _now())
        except duckdb.Error as error:
            raise StoreWriteError(f"errors not stored: {error}") from error

    def unclustered_event_ids(self) -> list[str]:
        """Events stored without a cluster (e.g. an ingest killed between storing and resolving)."""
        found = self.connection.execute("SELECT id FROM events WHERE cluster_id IS NULL ORDER BY id").fetchall()
        return [row[0] for row in found]

    def assign_singleton_clusters(self, event_ids: Sequence[str]) -> int:
        """Make each given event that has no cluster yet its own cluster; returns how many clusters were made."""
        return self.write_clusters([[event_id] for event_id in event_ids])

    def write_clusters(self, groups: Sequence[Sequence[str]]) -> int:
        """Store one cluster per group of event ids (events that already have a cluster are left out)."""
        if not groups:
            return 0
        wanted = list({event_id for group in groups for event_id in group})
        with self._transaction():
            reports = {
                row["id"]: row
                for row in self._dicts(
                    """
                    SELECT e.*, coalesce(a.source, a.id) AS outlet FROM events e JOIN articles a ON a.id = e.article_id
                    WHERE e.cluster_id IS NULL AND e.id IN (SELECT unnest(?::VARCHAR[]))
                    """,
                    [wanted],
                )
            }
            cluster_rows: list[dict[str, Any]] = []
            assignments: list[dict[str, str]] = []
            for group in groups:
                members = [reports[event_id] for event_id in dict.fromkeys(group) if event_id in reports]
                if not members:
                    continue
                cluster_id = "c" + min(member["id"] for member in members)
                cluster_rows.append(cluster_row(cluster_id, members, [member["outlet"] for member in members]))
                assignments.extend({"id": member["id"], "cluster_id": cluster_id} for member in members)
            self._insert("clusters", cluster_rows)
            if assignments:
                self.connection.register("assignments", pa.Table.from_pylist(assignments))
                try:
                    self.connection.execute(
                        "UPDATE events SET cluster_id = a.cluster_id FROM assignments a WHERE events.id = a.id"
                    )
                finally:
                    self.connection.unregister("assignments")
        return len(cluster_rows)

    # --- Reading --------------------------------------------------------------------------------------------

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        # fetchall, not fetchone: DuckDB 2 refuses new work on a connection with an unfinished result.
        found = self.connection.execute(sql, list(params)).fetchall()
        return found[0][0] if found else None

    def _count(self, table: str) -> int:
        return int(self._scalar(f"SELECT count(*) FROM {table}") or 0)

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, events, quotes, places, times, actors, actor_mentions, clusters, errors."""
        names = ["articles", "events", "quotes", "places", "times", "actors", "actor_mentions", "clusters"]
        return {**{name: self._count(name) for name in names}, "errors": self._count("item_errors")}

    def _dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self.connection.execute(sql, list(params))
        columns = [column[0] for column in cursor.description or []]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    def fetch_dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Run a read query and return its rows as dicts (for the query modules of this package)."""
        return self._dicts(sql, params)

    def iter_rows(
        self, table: str, *, with_record: bool = False, where: tuple[str, list[Any]] = ("TRUE", [])
    ) -> Iterator[dict[str, Any]]:
        """Every row of a public table (see TABLES) as a dict of its flattened columns, in a stable order; `where`
        (SQL and parameters, from dateline.store.queries) keeps some rows only."""
        name = TABLES[table]
        cursor = self.connection.cursor()
        try:
            cursor.execute(
                f"SELECT {_columns(name, with_record)} FROM {name} WHERE {where[0]} ORDER BY {_ORDER[name]}", where[1]
            )
            columns = [column[0] for column in cursor.description or []]
            while chunk := cursor.fetchmany(_CHUNK_ROWS):
                for row in chunk:
                    yield dict(zip(columns, row, strict=True))
        finally:
            cursor.close()

    def columns(self, table: str) -> list[str]:
        """The flattened column names of a public table, in order."""
        name = TABLES[table]
        cursor = self.connection.execute(f"SELECT {_columns(name)} FROM {name} LIMIT 0")
        return [column[0] for column in cursor.description or []]

    def iter_records(self, table: str) -> Iterator[dict[str, Any]]:
        """Every row of a public table in its JSON shape: contract JSON for events, quotes and articles."""
        for row in self.iter_rows(table, with_record=True):
            yield record_of(TABLES[table], row)

    def frame(self, table: str) -> Any:
        """A public table's flattened columns as a pandas DataFrame (the Python API's `dateline.open`)."""
        name = TABLES[table]
        return self.connection.execute(f"SELECT {_columns(name)} FROM {name} ORDER BY {_ORDER[name]}").df()

    def count_rows(self, table: str) -> int:
        return self._count(TABLES[table])

    def copy_to_parquet(self, table: str, path: str | Path) -> int:
        """Write a public table's flattened columns to a Parquet file with DuckDB's COPY; returns the row count."""
        name = TABLES[table]
        target = str(path).replace("'", "''")
        self.connection.execute(
            f"COPY (SELECT {_columns(name)} FROM {name} ORDER BY {_ORDER[name]}) TO '{target}' (FORMAT parquet)"
        )
        return self._count(name)

    def copy_to_month_partitions(self, table: str, path: str | Path, undated: str) -> int:
        """Write events or clusters into a new folder of Hive-style Parquet partitions (month=YYYY-MM/, from
        date_start; month=`undated` for rows without a date) with DuckDB's COPY; returns the row count."""
        name = TABLES[table]
        columns = ", ".join(f'"{column}"' for column in self.columns(table) if column != "month")
        target = str(path).replace("'", "''")
        self.connection.execute(
            f"COPY (SELECT {columns}, coalesce(strftime(date_start, '%Y-%m'), '{undated}') AS month FROM {name} "
            f"ORDER BY {_ORDER[name]}) TO '{target}' (FORMAT parquet, PARTITION_BY (month))"
        )
        return self._count(name)

    def article_outlets(self) -> dict[str, dict[str, Any]]:
        """Per article id: source, url, title and ingestion time (for exports that cite the report)."""
        found = self._dicts("SELECT id, source, url, title, published, ingested_at FROM articles")
        return {row["id"]: row for row in found}

    def main_event_ids(self) -> set[str]:
        """The ids of the events that are their article's main event (`Article.main_event_id`), for the exports."""
        found = self._dicts("SELECT main_event_id FROM articles WHERE main_event_id IS NOT NULL")
        return {str(row["main_event_id"]) for row in found}

    def read_extraction(self, article_id: str) -> Extraction | None:
        """The stored extraction of one article, rebuilt as records (None if the article is not stored)."""
        found = self._dicts("SELECT * FROM articles WHERE id = ?", [article_id])
        if not found:
            return None
        row = found[0]
        article = Article(**{name: row[name] for name in _ARTICLE_FIELDS}, origin=row["origin"])

        def records(table: str) -> list[dict[str, Any]]:
            sql = f"SELECT * FROM {table} WHERE article_id = ? ORDER BY seq"
            return [record_of(table, item) for item in self._dicts(sql, [article_id])]

        actor_rows = self._dicts("SELECT * FROM article_actors WHERE article_id = ? ORDER BY seq", [article_id])
        mentions: dict[int, list[Mention]] = defaultdict(list)
        for mention in self._dicts(
            "SELECT * FROM actor_mentions WHERE article_id = ? ORDER BY actor_seq, seq", [article_id]
        ):
            mentions[mention["actor_seq"]].append(Mention(mention["text"], mention["start"], mention["end"]))
        error_rows = self._dicts(
            "SELECT * FROM item_errors WHERE article_id = ? AND stored_article ORDER BY id", [article_id]
        )
        return Extraction(
            article=article,
            events=tuple(from_json(Event, record) for record in records("events")),
            quotes=tuple(from_json(Quote, record) for record in records("quotes")),
            places=tuple(from_json(Place, record) for record in records("places")),
            times=tuple(from_json(TimeExpr, record) for record in records("times")),
            actors=tuple(
                Actor(a["actor_id"], a["name"], a["country"], a["sector"], tuple(mentions[a["seq"]]))
                for a in actor_rows
            ),
            errors=tuple(ItemError(*(e[name] for name in _ERROR_FIELDS)) for e in error_rows),
        )

    def article_ids(self) -> list[str]:
        return [row[0] for row in self.connection.execute("SELECT id FROM articles ORDER BY id").fetchall()]


_HAS_RECORD = frozenset({"events", "event_view", "quotes", "places", "times", "clusters"})
# Columns of the reviewed view that are not table columns: the view's row number and the review summary (JSON).
_VIEW_ONLY = {"event_view": ("row_id", "review")}


def _columns(name: str, with_record: bool = False) -> str:
    """The select list of a public table's flattened columns (with its `record` JSON when asked)."""
    hidden = [*(() if with_record or name not in _HAS_RECORD else ("record",)), *_VIEW_ONLY.get(name, ())]
    if with_record and name in _VIEW_ONLY:
        hidden.remove("review")
    return f"* EXCLUDE ({', '.join(hidden)})" if hidden else "*"


_ARTICLE_FIELDS = ("id", "text", "title", "published", "dateline", "source", "url", "main_event_id")
_ERROR_FIELDS = ("origin", "stage", "error_type", "message", "article_id")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def record_of(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """The JSON shape of a row: its stored record (events get their current cluster id) or its columns."""
    if "record" in row and row["record"] is not None:
        record: dict[str, Any] = json.loads(row["record"])
        if table in ("events", "event_view"):
            record["cluster_id"] = row["cluster_id"]
        if "review" in row:
            record["review"] = json.loads(row["review"]) if row["review"] else None
        return record
    if table == "articles":
        return {name: row[name] for name in _ARTICLE_FIELDS}
    if table == "item_errors":
        return {**{name: row[name] for name in _ERROR_FIELDS}, "at": _jsonable(row["at"])}
    return {name: _jsonable(value) for name, value in row.items()}


def open_store(path: str | Path, *, read_only: bool = True) -> Store:
    """Open a store outside a `with` block (the caller closes it)."""
    store = Store(path, read_only=read_only)
    store.open()
    return store


__all__ = [
    "SCHEMA_VERSION",
    "TABLES",
    "ClusterPlan",
    "Store",
    "StoreError",
    "StoreLockedError",
    "StoreWriteError",
    "WriteResult",
    "open_store",
    "record_of",
]
