"""The note a running `dateline serve` leaves beside its database file, so that `dateline ingest` and `dateline
export` on the same file go through the server instead of failing on DuckDB's lock (docs/storage.md, "Sharing one
file").

`FILE.serving` (beside FILE) holds JSON {"port", "secret", "pid", "ipv6"}: where the server listens on loopback and the
secret its internal endpoints require, fresh for each run. It is created readable and writable by its owner only
(mode 0600) and removed when the server stops; a note that is not the current user's, or readable by others, is
ignored (anyone who can write beside the database must not be able to plant one that captures what is sent).
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

SUFFIX = ".serving"
SECRET_HEADER = "X-Dateline-Secret"


@dataclass(frozen=True)
class ServerNote:
    port: int
    secret: str
    pid: int
    ipv6: bool = False  # the server listens on ::1 only

    @property
    def url(self) -> str:
        return f"http://[::1]:{self.port}" if self.ipv6 else f"http://127.0.0.1:{self.port}"


def note_path(db: str | Path) -> Path:
    path = Path(db)
    return path.with_name(path.name + SUFFIX)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def write_note(db: str | Path, note: ServerNote) -> Path:
    """Write the note (replacing a stale one), readable by this user only."""
    path = note_path(db)
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump({"port": note.port, "secret": note.secret, "pid": note.pid, "ipv6": note.ipv6}, handle)
    os.replace(partial, path)
    return path


def remove_note(db: str | Path, note: ServerNote) -> None:
    """Remove the note if it is still this server's (another server may have replaced it)."""
    found = read_note(db)
    if found is not None and found.secret == note.secret:
        note_path(db).unlink(missing_ok=True)


def read_note(db: str | Path) -> ServerNote | None:
    """The note beside `db`, if there is one this user may trust (see the module docstring)."""
    path = note_path(db)
    try:
        status = path.stat()
    except OSError:
        return None
    if status.st_uid != os.getuid() or status.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("ignoring %s: it must belong to you and be readable by you only (chmod 600)", path)
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ServerNote(int(data["port"]), str(data["secret"]), int(data["pid"]), bool(data.get("ipv6", False)))
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("ignoring %s: not a dateline server note", path)
        return None
