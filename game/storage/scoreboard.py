"""The scoreboard: every finished attempt, in SQLite by default.

`Scoreboard` is the interface the game and the commands use; a server
database can implement it later without touching them. The SQLite file
runs in WAL mode with a busy timeout, so several processes can record at
once; its schema is versioned (`PRAGMA user_version`) and migrated on open;
a damaged file is moved aside and a fresh one started.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Protocol

from .attempts import Attempt
from .files import StorageError, saves_dir, set_aside
from .portfolio_board import PortfolioRecords

DB_FILE = "scoreboard.sqlite3"
COLUMNS = ("registration", "player", "scenario", "version", "content_hash", "title", "mode", "seed",
           "started_at", "finished_at", "duration_s", "choices", "path", "levers", "rules", "breaches",
           "score", "grade", "outcome", "ending", "steps", "persona", "persona_style", "player_style", "status")

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
]
FINISHED = "status = 'finished'"


class Scoreboard(Protocol):
    def record(self, attempt: Attempt) -> int: ...
    def attempts(self, scenario: str | None = None, player: str | None = None,
                 with_steps: bool = True, persona: str | None = None,
                 persona_style: str | None = None) -> list[Attempt]: ...
    def leaderboard(self, scenario: str, limit: int = 20, persona: str | None = None) -> list[dict]: ...
    def history(self, player: str, scenario: str | None = None) -> list[Attempt]: ...
    def bests(self, player: str) -> dict[str, tuple[int, str]]: ...
    def get(self, attempt_id: int) -> Attempt | None: ...
    def scenarios(self) -> dict[str, str]: ...
    def personas(self, scenario: str | None = None) -> list[tuple[str, str]]: ...
    def style_breakdown(self, player: str) -> list[dict]: ...
    def save_style(self, player: str, style: str, counts: dict, answers: list, taken_at: str) -> None: ...
    def player_style(self, player: str) -> dict | None: ...


def _attempt(row: sqlite3.Row) -> Attempt:
    data = dict(row)
    for key in ("choices", "path", "levers", "rules", "steps"):
        if key in data:
            data[key] = json.loads(data[key])
    data.pop("breaches", None)
    return Attempt(**data)


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


class SQLiteScoreboard(PortfolioRecords):
    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else saves_dir() / DB_FILE
        self.notice: str | None = None  # set when a damaged file was moved aside
        try:
            self._conn = self._open()
        except sqlite3.DatabaseError as exc:
            if not is_corrupt(exc):
                # a read-only folder, a full disk, a locked or unreachable file: the
                # scoreboard is fine, it just cannot be used now; nothing is moved
                raise StorageError(f"the scoreboard ({self.path}) cannot be opened: {plain_reason(exc)}") from exc
            aside = set_aside(self.path)
            for suffix in ("-wal", "-shm"):
                extra = Path(f"{self.path}{suffix}")
                if extra.exists():
                    extra.replace(Path(f"{aside}{suffix}"))
            self.notice = f"the scoreboard file was damaged and has been moved aside to {aside.name}; a new one was started"
            self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
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

    def close(self) -> None:
        self._conn.close()

    def _query(self, sql: str, params=()) -> list[sqlite3.Row]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"the scoreboard could not be read: {exc}") from exc

    def record(self, attempt: Attempt) -> int:
        placeholders = ", ".join("?" for _ in COLUMNS)
        try:
            with self._conn:  # FULL sync for this write: it must survive a crash
                self._conn.execute("PRAGMA synchronous = FULL")
                cur = self._conn.execute(f"INSERT INTO attempts ({', '.join(COLUMNS)}) VALUES ({placeholders})",
                                         attempt.row())
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"the attempt could not be recorded: {plain_reason(exc)}") from exc
        attempt.id = cur.lastrowid
        return attempt.id

    def attempts(self, scenario=None, player=None, with_steps: bool = True, persona=None,
                 persona_style=None) -> list[Attempt]:
        """Attempts oldest first; without `with_steps`, each reply's details
        are left out (lists and charts don't need them, and they are most of
        the data). `persona` (an id) and `persona_style` filter by the
        customer the trainee met."""
        where, params = [], []
        for column, value in (("scenario", scenario), ("player", player), ("persona", persona),
                              ("persona_style", persona_style)):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        columns = "*" if with_steps else f"id, {', '.join(c for c in COLUMNS if c != 'steps')}"
        return [_attempt(r) for r in self._query(f"SELECT {columns} FROM attempts {clause} ORDER BY finished_at, id",
                                                 params)]

    def leaderboard(self, scenario: str, limit: int = 20, persona: str | None = None) -> list[dict]:
        """Each player's best in a scenario (with `persona`: against that customer only)."""
        extra, params = ("AND persona = ?", (persona,)) if persona else ("", ())
        rows = self._query(
            f"SELECT player, MAX(score) AS best, COUNT(*) AS attempts FROM attempts WHERE scenario = ? AND {FINISHED} {extra} "
            "GROUP BY player ORDER BY best DESC, player LIMIT ?", (scenario, *params, limit))
        board = []
        for row in rows:
            best = self._query(f"SELECT * FROM attempts WHERE scenario = ? AND player = ? AND score = ? AND {FINISHED} {extra} "
                               "ORDER BY finished_at LIMIT 1", (scenario, row["player"], row["best"], *params))
            attempt = _attempt(best[0])
            board.append({"player": row["player"], "best": row["best"], "attempts": row["attempts"],
                          "grade": attempt.grade, "outcome": attempt.outcome, "finished_at": attempt.finished_at,
                          "id": attempt.id})
        return board

    def history(self, player: str, scenario: str | None = None, persona: str | None = None) -> list[Attempt]:
        """A player's attempts, oldest first, without each reply's details (see `get`)."""
        return self.attempts(scenario=scenario, player=player, with_steps=False, persona=persona)

    def personas(self, scenario: str | None = None) -> list[tuple[str, str]]:
        """(persona id, style) pairs met in attempts, of one scenario or all."""
        clause, params = ("AND scenario = ?", (scenario,)) if scenario else ("", ())
        rows = self._query(f"SELECT DISTINCT persona, persona_style FROM attempts WHERE persona != '' {clause} "
                           "ORDER BY persona", params)
        return [(r["persona"], r["persona_style"]) for r in rows]

    def style_breakdown(self, player: str) -> list[dict]:
        """How a player does with each customer style: attempts, average and
        best score, and how many customers were retained (styles never met
        are left out; customers with no style are under '')."""
        rows = self._query(
            "SELECT persona_style AS style, COUNT(*) AS attempts, AVG(score) AS average, MAX(score) AS best, "
            f"SUM(outcome = 'retained') AS retained FROM attempts WHERE player = ? AND {FINISHED} GROUP BY persona_style "
            "ORDER BY AVG(score) DESC, persona_style", (player,))
        return [{"style": r["style"], "attempts": r["attempts"], "average": round(r["average"]), "best": r["best"],
                 "retained": r["retained"]} for r in rows]

    def save_style(self, player: str, style: str, counts: dict, answers: list, taken_at: str) -> None:
        """Keep a player's latest self-check (a retake replaces it)."""
        try:
            with self._conn:
                self._conn.execute(
                    "INSERT INTO players (name, style, style_counts, style_answers, style_taken_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET style = excluded.style, "
                    "style_counts = excluded.style_counts, style_answers = excluded.style_answers, "
                    "style_taken_at = excluded.style_taken_at",
                    (player, style, json.dumps(counts), json.dumps(list(answers)), taken_at))
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"your style could not be saved: {plain_reason(exc)}") from exc

    def player_style(self, player: str) -> dict | None:
        """{'style', 'counts', 'answers', 'taken_at'} of a player's latest self-check, or None."""
        rows = self._query("SELECT * FROM players WHERE name = ? AND style != ''", (player,))
        if not rows:
            return None
        row = rows[0]
        try:
            counts, answers = json.loads(row["style_counts"]), json.loads(row["style_answers"])
        except ValueError:
            counts, answers = {}, []
        return {"style": row["style"], "counts": counts, "answers": answers, "taken_at": row["style_taken_at"]}

    def bests(self, player: str) -> dict[str, tuple[int, str]]:
        rows = self._query(f"SELECT scenario, MAX(score) AS best FROM attempts WHERE player = ? AND {FINISHED} "
                           "GROUP BY scenario", (player,))
        from ..scoring import grade_for
        return {r["scenario"]: (r["best"], grade_for(r["best"])) for r in rows}

    def get(self, attempt_id: int) -> Attempt | None:
        rows = self._query("SELECT * FROM attempts WHERE id = ?", (attempt_id,))
        return _attempt(rows[0]) if rows else None

    def scenarios(self) -> dict[str, str]:
        """Scenario id -> title, for every scenario with an attempt."""
        rows = self._query("SELECT scenario, MAX(title) AS title FROM attempts GROUP BY scenario ORDER BY scenario")
        return {r["scenario"]: r["title"] or r["scenario"] for r in rows}

    def count(self) -> int:
        return self._query("SELECT COUNT(*) FROM attempts")[0][0]


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


def open_scoreboard(path=None) -> SQLiteScoreboard:
    return SQLiteScoreboard(path)
