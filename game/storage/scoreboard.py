"""The scoreboard: every finished attempt, in SQLite by default.

`open_scoreboard()` gives the scoreboard the game and the commands use:
PostgreSQL when `FIVE_LEVERS_DB` is a postgresql:// address (pg_board.py),
else the SQLite file in the saves folder. The queries are shared (sql_board.py).
The SQLite file runs in WAL mode with a busy timeout, so several processes
can record at once; its schema is versioned (`PRAGMA user_version`) and
migrated on open; a file SQLite calls damaged is moved aside and a fresh one
started (anything else, a full disk or a read-only folder, is a message).
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from game.storage.files import StorageError, ensure_reserve, saves_dir, set_aside
from game.storage.outbox import OutboxRecords
from game.storage.team import TeamRecords
from game.storage.sql_board import SQLBoard
from game.storage.sql_migrations import MIGRATIONS

DB_FILE = "scoreboard.sqlite3"
DB_ENV = "FIVE_LEVERS_DB"


# SQLite's own verdicts that a file is not a usable database (primary result codes)
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
_PLAIN_REASONS = {
    "SQLITE_READONLY": "the folder or the file is read-only",
    "SQLITE_FULL": "the disk is full",
    "SQLITE_CANTOPEN": "the file cannot be opened there (is the folder missing, or a file?)",
    "SQLITE_BUSY": "another program is holding it",
    "SQLITE_LOCKED": "another program is holding it",
    "SQLITE_IOERR": "the disk reported an error",
    "SQLITE_PERM": "permission was refused",
}


def is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    """True only when SQLite itself says the file is damaged or not a database."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)


def plain_reason(exc: sqlite3.DatabaseError) -> str:
    name = (getattr(exc, "sqlite_errorname", "") or "").split("_")
    primary = "_".join(name[:2]) if len(name) >= 2 else ""
    reason = _PLAIN_REASONS.get(primary)
    return f"{reason} ({exc})" if reason else str(exc)


class SQLiteScoreboard(OutboxRecords, TeamRecords, SQLBoard):
    _errors = sqlite3.DatabaseError
    where = "this computer's scoreboard"

    def __init__(self, path: Path | str | None = None):
        super().__init__()
        self.path = Path(path) if path else saves_dir() / DB_FILE
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            if not is_corrupt(exc):
                # a read-only folder, a full disk, a locked or unreachable file: the
                # scoreboard is fine, it just cannot be used now; nothing is moved
                raise StorageError(f"the scoreboard ({self.path}) cannot be opened: {plain_reason(exc)}") from exc
            aside = set_aside(self.path)
            if aside is None:
                raise StorageError(f"the scoreboard ({self.path}) is damaged and cannot be moved aside (the "
                                   "folder cannot be written); fix the folder's permissions or set "
                                   "FIVE_LEVERS_SAVES to a folder you can write") from exc
            for suffix in ("-wal", "-shm"):
                extra = Path(f"{self.path}{suffix}")
                try:
                    if extra.exists():
                        extra.replace(Path(f"{aside}{suffix}"))
                except OSError:
                    pass
            self.notice = f"the scoreboard file was damaged and has been moved aside to {aside.name}; a new one was started"
            self._conn = self._open()
        ensure_reserve()

    def _open(self) -> sqlite3.Connection:
        # one connection shared by the UI's storage worker and the LRS sender, under SQLBoard's lock
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")  # a recorded attempt survives a crash or power cut
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise StorageError("the scoreboard was made by a newer version of Five Levers")
            for number in range(version, len(MIGRATIONS)):
                conn.execute("BEGIN IMMEDIATE")
                try:
                    current = conn.execute("PRAGMA user_version").fetchone()[0]
                    if current == number:  # another process may have migrated meanwhile
                        steps = MIGRATIONS[number]  # a script, or a tuple of statements (triggers)
                        for statement in (steps.split(";") if isinstance(steps, str) else steps):
                            if statement.strip():
                                conn.execute(statement)
                        conn.execute(f"PRAGMA user_version = {number + 1}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            conn.execute("SELECT count(*) FROM attempts").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    def _connection(self):
        return self._conn

    def _reason(self, exc: Exception) -> str:
        return plain_reason(exc)

    @contextmanager
    def _begin(self):
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn.execute
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def lookup_style(scoreboard, player: str | None) -> str:
    """The player's style from their latest self-check; '' when none (or the
    scoreboard cannot say: the game goes on without it)."""
    if scoreboard is None or not player:
        return ""
    try:
        found = scoreboard.player_style(player)
    except (StorageError, AttributeError):
        return ""
    return found["style"] if found else ""


def open_scoreboard(path=None, connect: bool = True) -> SQLBoard:
    """The scoreboard: PostgreSQL when FIVE_LEVERS_DB is a postgresql:// address, else SQLite.
    `connect=False`: a team database is connected to on first use (the game
    starts while it is away); Unreachable (a StorageError) says it is away now."""
    address = os.environ.get(DB_ENV, "").strip()
    if address and path is None:
        if not address.startswith(("postgresql://", "postgres://")):
            raise StorageError(f"{DB_ENV} must be a postgresql://user@host/database address (or unset for "
                               f"this computer's SQLite file), not {address.split(':', 1)[0]!r}")
        from game.storage.pg_board import PostgresScoreboard
        return PostgresScoreboard(address, connect=connect)
    return SQLiteScoreboard(path)
