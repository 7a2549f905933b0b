"""The database as `dateline serve` holds it: one DuckDB instance for the server's life, read through cursors and
written by one writer thread (docs/storage.md, "Sharing one file").

DuckDB lets one process write a file and no other process open it meanwhile, not even read-only; inside one process,
cursors of one instance each see the last committed state while another cursor commits. So the server opens the
file once, read-write: each request reads through a cursor of its own, and every write (a review, a batch sent by
`dateline ingest`) runs on the one writer thread, in its own transaction, so writes never conflict and readers never
wait for them. SQL on this instance can reach no file but the database and a private scratch folder (DuckDB's
`enable_external_access = false`).
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import duckdb

from dateline.store import Store, StoreError

log = logging.getLogger(__name__)

T = TypeVar("T")
IN_MEMORY = ":memory:"


class ReadOnlyError(StoreError):
    """The database is served read-only (`serve --read-only`, or a file this user cannot write)."""


class ServedDatabase:
    """One open database: `reader()` for a request's cursor, `write(work)` to run `work(store)` on the writer thread."""

    def __init__(self, path: str, *, read_only: bool = False) -> None:
        if path != IN_MEMORY and not Path(path).exists():
            raise StoreError(f"no database at {path}: run `dateline ingest` first")
        self.path = path
        self.read_only = read_only
        self._cursor_lock = threading.Lock()
        self._write_store: Store | None = None
        self.open()

    def open(self) -> None:
        """Open the database (again, after `close`: an app may be started and stopped more than once, as test
        clients do); nothing when it is open."""
        if getattr(self, "_store", None) is not None:
            return
        self.scratch = Path(tempfile.mkdtemp(prefix="dateline-serve-"))
        store = Store(self.path, read_only=self.read_only, external_access=False, scratch=self.scratch)
        try:
            store.open()
        except BaseException:
            shutil.rmtree(self.scratch, ignore_errors=True)
            raise
        self._store: Store | None = store
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dateline-writer")

    @property
    def store(self) -> Store:
        if self._store is None:
            raise StoreError("the database is closed (the server is stopping)")
        return self._store

    @contextmanager
    def reader(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request: it sees the last committed state; closed afterwards."""
        with self._cursor_lock:
            cursor = self.store.connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    @contextmanager
    def reading_store(self) -> Iterator[Store]:
        """A Store over a cursor of its own, for readers that go through Store (exports); closed afterwards."""
        with self._cursor_lock:
            store = Store.sharing(self.store)
        try:
            yield store
        finally:
            store.close()

    def _run(self, work: Callable[[Store], T]) -> T:
        if self._write_store is None:
            with self._cursor_lock:
                self._write_store = Store.sharing(self.store)
        return work(self._write_store)

    def write_now(self, work: Callable[[Store], T]) -> T:
        """Run `work(store)` on the writer thread and wait for it (from a thread that is not the event loop)."""
        if self.read_only:
            raise ReadOnlyError("the database is served read-only: nothing can be written")
        return self._writer.submit(self._run, work).result()

    async def write(self, work: Callable[[Store], T]) -> T:
        """Run `work(store)` on the writer thread, after the writes queued before it, without blocking the loop."""
        if self.read_only:
            raise ReadOnlyError("the database is served read-only: nothing can be written")
        return await asyncio.wrap_future(self._writer.submit(self._run, work))

    def close(self) -> None:
        if self._store is None:
            return
        self._writer.shutdown(wait=True)
        if self._write_store is not None:
            self._write_store.close()
            self._write_store = None
        self._store.close()
        self._store = None
        shutil.rmtree(self.scratch, ignore_errors=True)


def open_served(path: str, *, read_only: bool = False) -> ServedDatabase:
    """The database for serving: read-write (the file's one writer), or read-only when asked or when the file cannot
    be written by this user (then reviews and ingests through the server are refused)."""
    if read_only or path == IN_MEMORY:
        return ServedDatabase(path, read_only=read_only)
    try:
        return ServedDatabase(path)
    except StoreError as error:
        if "read-only" not in str(error).lower() and "permission" not in str(error).lower():
            raise
        log.warning("%s cannot be written: serving it read-only", path)
        return ServedDatabase(path, read_only=True)
