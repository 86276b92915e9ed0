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
from game.storage.shared_tables import (IN_PROGRESS, OUTBOX_AND_BESTS, SQLITE_TYPES, SUMMARY_FILL, SUMMARY_TABLES,
                                       TABLE_WIDTHS, TEAM, TEAM_INDEX_SQLITE, number_columns_sql)
from game.storage.sql_board import SQLBoard
from game.storage.team_summary import migration as team_summary_migration
from game.storage.team_views import SQLITE_WEEK

DB_FILE = "scoreboard.sqlite3"
DB_ENV = "FIVE_LEVERS_DB"

MIGRATIONS = [
    # version 1
    """
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        registration TEXT NOT NULL UNIQUE,
        player TEXT NOT NULL,
        scenario TEXT NOT NULL,
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        mode TEXT NOT NULL,
        seed INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        duration_s REAL NOT NULL,
        choices TEXT NOT NULL,
        path TEXT NOT NULL,
        levers TEXT NOT NULL,
        rules TEXT NOT NULL,
        breaches INTEGER NOT NULL,
        score INTEGER NOT NULL,
        grade TEXT NOT NULL,
        outcome TEXT NOT NULL,
        ending TEXT
    );
    CREATE INDEX attempts_by_scenario ON attempts(scenario, player, score);
    CREATE INDEX attempts_by_player ON attempts(player, finished_at);
    """,
    # version 2: each reply's text and points, so exports and detail views
    # don't depend on the scenario file still being the same
    """
    ALTER TABLE attempts ADD COLUMN steps TEXT NOT NULL DEFAULT '[]';
    """,
    # version 3: the persona the customer was (empty: the scenario has none),
    # so replays and reviews meet the same customer
    """
    ALTER TABLE attempts ADD COLUMN persona TEXT NOT NULL DEFAULT '';
    """,
    # version 4: styles. Each attempt keeps the customer's style and the
    # trainee's own (from the self-check, at the time); each player's latest
    # self-check is kept in `players`.
    """
    ALTER TABLE attempts ADD COLUMN persona_style TEXT NOT NULL DEFAULT '';
    ALTER TABLE attempts ADD COLUMN player_style TEXT NOT NULL DEFAULT '';
    CREATE TABLE players (
        name TEXT PRIMARY KEY,
        style TEXT NOT NULL DEFAULT '',
        style_counts TEXT NOT NULL DEFAULT '{}',
        style_answers TEXT NOT NULL DEFAULT '[]',
        style_taken_at TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX attempts_by_persona ON attempts(scenario, persona);
    """,
    # version 5: abandoned assessment attempts are kept (status), never ranked
    """
    ALTER TABLE attempts ADD COLUMN status TEXT NOT NULL DEFAULT 'finished';
    """,
    # version 6: the portfolio campaign's quarters (see portfolio_board.py)
    """
    CREATE TABLE portfolio_attempts (
        id INTEGER PRIMARY KEY,
        registration TEXT NOT NULL UNIQUE,
        player TEXT NOT NULL,
        portfolio TEXT NOT NULL,
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        seed INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        score INTEGER NOT NULL,
        rank_percent INTEGER NOT NULL,
        profit_kept REAL NOT NULL,
        best_profit_kept REAL NOT NULL,
        record TEXT NOT NULL
    );
    CREATE INDEX portfolio_attempts_board ON portfolio_attempts(portfolio, player, score);
    """,
    # version 7: learner ids (a person is their learner id, else their display
    # name), time on task, scripted play, the mastery score, each person's
    # bests, the LRS outbox (every attempt already kept is queued once:
    # nothing recorded is left out of the LRS), and the replies in a table of
    # their own (most of an attempt's bytes: lists and history never read them)
    """
    ALTER TABLE attempts ADD COLUMN learner TEXT NOT NULL DEFAULT '';
    ALTER TABLE attempts ADD COLUMN person TEXT NOT NULL DEFAULT '';
    UPDATE attempts SET person = 'name:' || player;
    ALTER TABLE attempts ADD COLUMN active_s REAL;
    ALTER TABLE attempts ADD COLUMN scripted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE attempts ADD COLUMN mastery INTEGER NOT NULL DEFAULT 75;
    CREATE INDEX attempts_board ON attempts(scenario, status, person, score);
    CREATE INDEX attempts_by_finish ON attempts(finished_at);
    """ + OUTBOX_AND_BESTS.format(**SQLITE_TYPES) + """
    INSERT INTO attempt_steps (attempt_id, steps) SELECT id, steps FROM attempts;
    ALTER TABLE attempts DROP COLUMN steps;
    INSERT INTO bests (scenario, person, best, attempts, best_id)
        SELECT scenario, person, MAX(score), COUNT(*), 0 FROM attempts WHERE status = 'finished'
        GROUP BY scenario, person;
    UPDATE bests SET best_id = (SELECT id FROM attempts a WHERE a.scenario = bests.scenario
        AND a.person = bests.person AND a.status = 'finished' AND a.score = bests.best ORDER BY finished_at, id LIMIT 1);
    INSERT INTO outbox (registration, queued_at) SELECT registration, finished_at FROM attempts ORDER BY id;
    """,
    # version 8: a player's history read from one index holding every column
    # it shows (sql_board.HISTORY_COLUMNS): 2,000 attempts in a few
    # milliseconds, without a visit to each row. It replaces attempts_by_player.
    """
    CREATE INDEX attempts_history ON attempts(player, finished_at, id, learner, scenario, title, mode, duration_s,
        choices, levers, rules, score, grade, outcome, persona, persona_style, player_style, status);
    DROP INDEX attempts_by_player;
    """,
    # version 9: each lever's points, ceiling and percent and each rule's
    # breaches as plain numbers (attempts.NUMBER_COLUMNS), filled from the JSON
    # of the attempts already kept: exports and SQL reports read them as they are
    number_columns_sql(lambda kind, path: f"json_extract({kind}, '$.{'.'.join(path)}')"),
    # version 10: the team migration (shared_tables.TEAM): the outbox keeps each
    # attempt's statement settings and origin, the roster, the reviewers
    TEAM,
    # version 11: small tables the reviewer's views read instead of the
    # attempts (views.py): titles, customers met, bests against one customer
    SUMMARY_TABLES + SUMMARY_FILL,
    # version 12: conversations and quarters in progress, for servers (save_rows.py)
    IN_PROGRESS.format(**SQLITE_TYPES),
    # version 13: the team dashboard counts from one index holding what it reads
    # (shared_tables.TEAM_INDEX_SQLITE)
    TEAM_INDEX_SQLITE,
    # version 14: the team dashboard's summary table (team_summary.py), kept in each
    # attempt's transaction and filled here from the attempts kept so far
    team_summary_migration(SQLITE_WEEK, sqlite=True),
    # version 15: the `scoreboard` table's widths kept as attempts arrive (shared_tables.TABLE_WIDTHS)
    TABLE_WIDTHS,
]


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
                        for statement in MIGRATIONS[number].split(";"):
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
