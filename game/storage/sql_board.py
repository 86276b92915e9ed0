"""The scoreboard's queries, written once for every database.

`SQLBoard` holds everything the game and the commands ask of a scoreboard;
a backend (SQLite in scoreboard.py, PostgreSQL in pg_board.py) supplies the
connection: `_connection()`, `_placeholder`, `_errors` (its driver's
exception class) and `_reason(exc)` (a plain-words reason). Statements use
`?` for parameters; a backend whose driver wants `%s` gets them rewritten.

Every call holds a lock, so one board may be shared by the UI's storage
worker and the LRS sender; `transaction()` is the only way to write, so an
attempt and its place in the LRS outbox are committed together or not at all.
"""
from __future__ import annotations

import json
import threading
from contextlib import contextmanager

from game.storage.attempts import NUMBER_COLUMNS, Attempt, attempt_problem
from game.storage.files import BadAttempt, StorageError
from game.storage.history_reads import HistoryReads
from game.storage.cmi5_queue import Cmi5Queue
from game.storage.json_sql import JSONExport
from game.storage.portfolio_board import PortfolioRecords
from game.storage.certificate_summary import CertificateSummaryView, keep_certificate_summary
from game.storage.team_people_months import PeopleMonths, keep_people_months
from game.storage.team_scenario_weeks import ScenarioWeeks, keep_scenario_weeks
from game.storage.team_summary import keep_team_summary
from game.storage.team_views import TeamViews
from game.storage.save_rows import SaveRecords
from game.storage.views import BoardViews, keep_summaries

COLUMNS = ("registration", "player", "scenario", "version", "content_hash", "title", "mode", "seed",
           "started_at", "finished_at", "duration_s", "choices", "path", "levers", "rules", "breaches",
           "score", "grade", "outcome", "ending", "persona", "persona_style", "player_style", "status",
           "learner", "person", "active_s", "scripted", "mastery", "quarter")
FINISHED = "status = 'finished'"


class _StoredJSON:
    """A field kept as the stored JSON text until first read: a history of
    thousands of attempts is built without decoding what nobody looks at."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name]
        if isinstance(value, str):
            value = obj.__dict__[self.name] = json.loads(value)
        return value

    def __set__(self, obj, value):
        obj.__dict__[self.name] = value


HISTORY_COLUMNS = ("id", "player", "learner", "scenario", "title", "mode", "finished_at", "duration_s", "choices",
                   "levers", "rules", "score", "grade", "outcome", "persona", "persona_style", "player_style",
                   "status")
_SUMMARY_BLANKS = {"version": 0, "content_hash": "", "seed": 0, "started_at": "", "path": "[]", "registration": "",
                   "steps": "[]", "quarter": "{}"}


class StoredAttempt(Attempt):
    """An attempt read from the scoreboard (its JSON columns decoded on first use).
    `summary`: only what lists show was read (see SQLBoard.history)."""
    choices = _StoredJSON()
    path = _StoredJSON()
    levers = _StoredJSON()
    rules = _StoredJSON()
    steps = _StoredJSON()
    quarter = _StoredJSON()

    @property
    def summary(self) -> bool:
        return self.registration == ""


_summary_fields: dict = {}


def summaries(rows) -> list[Attempt]:
    """StoredAttempts (summaries) from rows of HISTORY_COLUMNS, built by
    filling each one's fields at once instead of through __init__ (which
    was most of a history's time: a player can have thousands). Every field
    is there: the row's, else the summary blanks, else the field's default."""
    if not _summary_fields:
        blank = dict.fromkeys(HISTORY_COLUMNS, "")
        _summary_fields.update(StoredAttempt(**{**blank, **_SUMMARY_BLANKS, "duration_s": 0.0, "score": 0}).__dict__)
    new, fields, columns, found = object.__new__, _summary_fields, HISTORY_COLUMNS, []
    for row in rows:
        attempt = new(StoredAttempt)
        values = fields.copy()
        values.update(zip(columns, row))
        attempt.__dict__ = values
        found.append(attempt)
    return found


def row_to_attempt(row, keys=None) -> Attempt:
    """An attempt from a row (a dict, or a sqlite3.Row with its `keys()`
    given once for the whole result: much faster than dict(row) each time)."""
    data = dict(zip(keys, row)) if keys is not None else dict(row)
    data.pop("breaches", None)
    data.pop("person", None)
    if "scripted" in data:
        data["scripted"] = bool(data["scripted"])
    return StoredAttempt(**data)


def rows_to_attempts(rows) -> list[Attempt]:
    if not rows:
        return []
    keys = None if isinstance(rows[0], dict) else rows[0].keys()
    return [row_to_attempt(row, keys) for row in rows]


class SQLBoard(HistoryReads, BoardViews, PeopleMonths, ScenarioWeeks, TeamViews, CertificateSummaryView,
               PortfolioRecords, Cmi5Queue, SaveRecords, JSONExport):
    _placeholder = "?"
    skipped: list[str]  # damaged rows passed over by iter_attempts, in words
    _errors: type[Exception] = Exception
    shared = False  # one machine's file (PostgresScoreboard: a team's database)
    outbox_labels: dict | None = None  # home page, activity base, origin: delivery.config.label_board
    _skip_locked = ""  # PostgreSQL: "FOR UPDATE SKIP LOCKED" so senders never claim the same rows
    _history_columns = ", ".join(HISTORY_COLUMNS)  # what history_reads.HistoryReads reads of each attempt
    _summaries = staticmethod(summaries)

    def __init__(self):
        self._lock = threading.RLock()
        self.notice: str | None = None
        self.skipped = []

    # -- what a backend provides -------------------------------------------------
    def _connection(self):
        raise NotImplementedError

    def _reason(self, exc: Exception) -> str:
        return str(exc)

    def _sql(self, sql: str) -> str:
        return sql if self._placeholder == "?" else sql.replace("?", self._placeholder)

    def close(self) -> None:
        raise NotImplementedError

    # -- reading and writing ---------------------------------------------------
    def _query(self, sql: str, params=(), plain: bool = False) -> list:
        """All the rows; `plain`: as tuples (faster where names are not needed)."""
        with self._lock:
            try:
                cursor = self._plain_cursor() if plain else self._connection()
                return cursor.execute(self._sql(sql), tuple(params)).fetchall()
            except self._errors as exc:
                raise StorageError(f"the scoreboard could not be read: {self._reason(exc)}") from exc

    def _plain_cursor(self):
        cursor = self._connection().cursor()
        cursor.row_factory = None
        return cursor

    def _stream(self, sql: str, params=(), size: int = 500, plain: bool = False):
        """Rows one at a time, read a batch at a time (flat memory for exports of any size);
        `plain`: as tuples, not named rows (faster where names are not needed)."""
        for batch in self._batches(sql, params, size, plain):
            yield from batch

    def _batches(self, sql: str, params=(), size: int = 500, plain: bool = False):
        """The rows of `_stream` as lists of up to `size` rows."""
        with self._lock:
            try:
                cursor = self._open_cursor(sql, params, plain)
                try:
                    while batch := cursor.fetchmany(size):
                        yield batch
                finally:
                    cursor.close()  # PostgreSQL's server-side cursor too, even when the reader stops early
            except self._errors as exc:
                raise StorageError(f"the scoreboard could not be read: {self._reason(exc)}") from exc

    def _open_cursor(self, sql: str, params, plain: bool = False):
        cursor = self._plain_cursor() if plain else self._connection().cursor()
        return cursor.execute(self._sql(sql), tuple(params))

    @contextmanager
    def transaction(self, what: str):
        """Run statements in one transaction: `with board.transaction("the attempt") as run: run(sql, params)`.
        A failure rolls everything back and raises StorageError naming `what`."""
        with self._lock:
            try:
                with self._begin() as run:
                    yield lambda sql, params=(): run(self._sql(sql), tuple(params))
            except self._errors as exc:
                raise StorageError(f"{what} could not be recorded: {self._reason(exc)}") from exc

    def _begin(self):
        raise NotImplementedError

    # -- attempts --------------------------------------------------------------
    def record(self, attempt: Attempt) -> int:
        """Keep an attempt, and queue it for the LRS in the same transaction.
        Recording the same attempt (registration) again changes nothing: a
        retry after a lost connection cannot count it twice."""
        problem = attempt_problem(attempt)
        if problem is not None:
            raise BadAttempt(f"the attempt was not recorded: its data does not fit ({problem})")
        columns = (*COLUMNS, *NUMBER_COLUMNS)
        placeholders = ", ".join("?" for _ in columns)
        with self.transaction("the attempt") as run:
            row = run(f"INSERT INTO attempts ({', '.join(columns)}) VALUES ({placeholders}) "
                      "ON CONFLICT (registration) DO NOTHING RETURNING id", (*attempt.row(), *attempt.numbers())).fetchone()
            if row is None:  # already recorded (a retry of a write that had in fact arrived)
                row = run("SELECT id FROM attempts WHERE registration = ?", (attempt.registration,)).fetchone()
                attempt.id = row["id"]
                return attempt.id
            run("INSERT INTO attempt_steps (attempt_id, steps) VALUES (?, ?)", (row["id"], attempt.steps_json()))
            labels = self.outbox_labels or {}
            run("INSERT INTO outbox (registration, queued_at, home_page, activity_base, origin) VALUES (?, ?, ?, ?, ?)",
                (attempt.registration, attempt.finished_at, labels.get("home_page", ""),
                 labels.get("activity_base", ""), labels.get("origin", "")))
            keep_summaries(run, attempt, row["id"])  # the views' small tables (views.py)
            keep_team_summary(run, attempt, row["id"])  # the team dashboard's (team_summary.py)
            keep_people_months(run, attempt, row["id"])  # and its people's whole months (team_people_months.py)
            # and its scenarios by week (team_scenario_weeks.py)
            keep_scenario_weeks(run, attempt, row["id"], self._week_sql, self._unindexed)
            keep_certificate_summary(run, attempt, row["id"])  # its certificates' (certificate_summary.py)
        attempt.id = row["id"]
        return attempt.id

    def _where(self, filters) -> tuple[str, list]:
        where, params = [], []
        for column, value in filters:
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        return (f"WHERE {' AND '.join(where)}" if where else ""), params

    def _selection(self, scenario=None, player=None, with_steps=True, persona=None, persona_style=None,
                   learner=None, since=None, unsent=False, columns=None):
        clause, params = self._where((("scenario", scenario), ("player", player), ("persona", persona),
                                      ("persona_style", persona_style), ("learner", learner)))
        extra = []
        if since:
            extra.append("finished_at >= ?")
            params.append(since)
        if unsent:
            extra.append("registration IN (SELECT registration FROM outbox WHERE state != 'sent')")
        if extra:
            clause = f"{clause} AND {' AND '.join(extra)}" if clause else f"WHERE {' AND '.join(extra)}"
        if columns is None:
            return f"SELECT {self._columns(with_steps)} {clause} ORDER BY finished_at, id", params
        return f"SELECT {columns} FROM attempts {clause} ORDER BY finished_at, id", params

    @staticmethod
    def _columns(with_steps: bool) -> str:
        """The columns of an attempt and the FROM that gives them (with its replies, or without)."""
        plain = f"attempts.id, {', '.join(COLUMNS)}"
        if not with_steps:
            return f"{plain} FROM attempts"
        return (f"{plain}, COALESCE(attempt_steps.steps, '[]') AS steps FROM attempts "
                "LEFT JOIN attempt_steps ON attempt_steps.attempt_id = attempts.id")

    def attempts(self, scenario=None, player=None, with_steps: bool = True, persona=None,
                 persona_style=None, learner=None) -> list[Attempt]:
        """Attempts oldest first; without `with_steps`, each reply's details
        are left out (lists and charts don't need them, and they are most of
        the data). `persona` (an id) and `persona_style` filter by the
        customer the trainee met."""
        sql, params = self._selection(scenario, player, with_steps, persona, persona_style, learner)
        return rows_to_attempts(self._query(sql, params))

    def iter_attempts(self, **selection):
        """Like `attempts`, one at a time (exports of a million attempts in
        flat memory); also takes `since` (ISO time) and `unsent`."""
        sql, params = self._selection(**selection)
        for row in self._stream(sql, params):
            attempt = row_to_attempt(row)
            problem = attempt_problem(attempt)
            if problem is None:
                yield attempt
            else:  # one damaged row is skipped and said, never the end of the export
                self.skipped.append(f"attempt {attempt.id} was skipped: its stored data is damaged ({problem})")

    def write_csv(self, handle, **selection) -> int:
        """The chosen attempts as the reviewer's CSV (export.CSV_FIELDS),
        streamed to a text `handle`; returns how many. The database computes
        every cell (csv_sql.py), so a million attempts take little more
        than the database's own CSV tool, in flat memory."""
        sql, params = self._selection(**selection, columns=self._csv_columns())
        with self._lock:
            try:
                return self._copy_csv(self._sql(sql), tuple(params), handle)
            except self._errors as exc:
                raise StorageError(f"the scoreboard could not be read: {self._reason(exc)}") from exc

    def _csv_columns(self) -> str:
        from game.storage.csv_sql import sqlite_line
        return sqlite_line()

    def _copy_csv(self, sql: str, params: tuple, handle) -> int:
        """SQLite builds each line (csv_sql.py); here they are only written."""
        from operator import itemgetter

        from game.storage.export import CSV_FIELDS
        cursor = self._plain_cursor().execute(sql, params)
        handle.write(",".join(CSV_FIELDS) + "\n")
        count, line = 0, itemgetter(0)
        while batch := cursor.fetchmany(5000):
            handle.writelines(map(line, batch))
            count += len(batch)
        return count

    def style_breakdown(self, player: str) -> list[dict]:
        """How a player does with each customer style: attempts, average and
        best score, and how many customers were retained (styles never met
        are left out; customers with no style are under '')."""
        rows = self._query(
            "SELECT persona_style AS style, COUNT(*) AS attempts, AVG(score) AS average, MAX(score) AS best, "
            "SUM(CASE WHEN outcome = 'retained' THEN 1 ELSE 0 END) AS retained FROM attempts "
            f"WHERE player = ? AND {FINISHED} GROUP BY persona_style ORDER BY AVG(score) DESC, persona_style",
            (player,))
        return [{"style": r["style"], "attempts": r["attempts"], "average": round(r["average"]), "best": r["best"],
                 "retained": r["retained"]} for r in rows]

    def save_style(self, player: str, style: str, counts: dict, answers: list, taken_at: str) -> None:
        """Keep a player's latest self-check (a retake replaces it)."""
        with self.transaction("your style") as run:
            run("INSERT INTO players (name, style, style_counts, style_answers, style_taken_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET style = excluded.style, "
                "style_counts = excluded.style_counts, style_answers = excluded.style_answers, "
                "style_taken_at = excluded.style_taken_at",
                (player, style, json.dumps(counts), json.dumps(list(answers)), taken_at))

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
        from game.core.scoring import grade_for
        return {r["scenario"]: (r["best"], grade_for(r["best"])) for r in rows}

    def get(self, attempt_id: int) -> Attempt | None:
        rows = self._query(f"SELECT {self._columns(True)} WHERE attempts.id = ?", (attempt_id,))
        return row_to_attempt(rows[0]) if rows else None

    def by_registration(self, registrations) -> list[Attempt]:
        registrations = list(registrations)
        if not registrations:
            return []
        marks = ", ".join("?" for _ in registrations)
        return rows_to_attempts(self._query(
            f"SELECT {self._columns(True)} WHERE registration IN ({marks}) ORDER BY finished_at, attempts.id",
            registrations))

    def count(self) -> int:
        return self._query("SELECT COUNT(*) AS n FROM attempts")[0]["n"]
