"""The scoreboard in PostgreSQL, for a team sharing one database.

`FIVE_LEVERS_DB=postgresql://user:password@host/database` (any libpq address)
puts attempts, self-checks, quarters and the LRS outbox there, behind the
same queries as SQLite (sql_board.py). Migrations run in one transaction
under an advisory lock, so twenty copies of the game starting at once
migrate the schema once and all start. A dropped connection (the network
pulled) is reopened on the next call; what could not be written is a
StorageError, never a crash, and the attempt stays in the game to try again.
The password is never shown: messages name the address without it.
"""
from __future__ import annotations

import codecs
import json
import re
import time
from contextlib import contextmanager

from game.storage.files import StorageError, Unreachable
from game.storage.outbox import OutboxRecords
from game.storage.team import TeamRecords
from game.storage.pg_migrations import SCHEMA
from game.storage.sql_board import SQLBoard
from game.storage.export import attempt_record
from game.storage.team_views import POSTGRES_WEEK

try:
    import psycopg
    from psycopg.rows import dict_row, tuple_row
except ImportError:  # pragma: no cover - psycopg is in requirements.txt
    psycopg = None

_LOCK_KEY = 5_1_7_3_2  # pg_advisory_xact_lock key: "five levers schema"
CONNECT_TIMEOUT_S = 5
RECONNECT_AFTER_S = 15  # after a failed connection, calls fail at once for this long


def redact(address: str) -> str:
    """The address without its password: postgresql://ana:***@host/db."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", address)


def _bytes_writer(handle):
    """write(data, final=False): UTF-8 bytes into a text handle; straight into
    its buffer when it is UTF-8 already (a file of a million rows is not
    decoded only to be encoded again), else decoded (a character cut between
    two pieces is kept whole)."""
    buffer = getattr(handle, "buffer", None)
    if buffer is not None and codecs.lookup(getattr(handle, "encoding", None) or "ascii").name == "utf-8":
        handle.flush()
        return lambda data, final=False: buffer.write(data)
    decode = codecs.getincrementaldecoder("utf-8")().decode
    return lambda data, final=False: handle.write(decode(data, final))


_COPY_ESCAPES = {b"\\": b"\\", b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"v": b"\v"}


def _copied_text(data: bytes) -> bytes:
    """COPY's text format as the text itself: its escapes (a backslash doubled; \\n, \\t, ... for control
    characters) undone; most blocks have none and are returned as they came."""
    if b"\\" not in data:
        return data
    return re.sub(rb"\\(.)", lambda m: _COPY_ESCAPES.get(m.group(1), m.group(1)), data, flags=re.DOTALL)


class _JSONBlocks:
    """COPY's lines of the reviewer's JSON written as a list's items, a block at a time."""

    def __init__(self, board):
        self.board, self.count, self.last, self.side = board, 0, b"", None

    def write(self, chunks: list, write) -> None:
        if not chunks:
            return
        lines = _copied_text(b"".join(chunks)).split(b"\n")
        lines.pop()  # after the last line feed
        if any(line[:1] == b"!" for line in lines):
            lines = [made for line in lines if (made := self._line(line)) is not None]
        if lines:
            write((b"[\n" if self.count == 0 else b",\n") + b",\n".join(lines))
            self.count += len(lines)
            self.last = lines[-1]

    def _line(self, line: bytes) -> bytes | None:
        if line[:1] != b"!":
            return line
        made = self.board._json_the_old_way(self._side().get(int(line[1:])), int(line[1:]))
        return made.encode("utf-8") if made is not None else None

    def _side(self):
        """A second connection to read an attempt while the first copies."""
        if self.side is None:
            self.side = PostgresScoreboard(self.board.address)
        return self.side

    def last_key(self):
        """(finished_at, id) of the last attempt written, or None."""
        if not self.last:
            return None
        data = json.loads(self.last)
        return data["finished_at"], data["id"]

    def close(self) -> None:
        if self.side is not None:
            self.side.close()
            self.side = None


class PostgresScoreboard(OutboxRecords, TeamRecords, SQLBoard):
    _placeholder = "%s"
    _skip_locked = "FOR UPDATE SKIP LOCKED"
    shared = True  # a team's database: many machines record and send
    # the Thursday of finished_at's ISO week in UTC (team_views.py): its year and number are the week's
    _line_format = "format"  # the `scoreboard` table's lines (views.table_line_sql)
    _json_postgres = True  # the reviewer's JSON (json_sql.py)
    _unindexed = ""  # PostgreSQL has no unary plus on text; its planner weighs the index by its statistics
    _week_sql = POSTGRES_WEEK
    _at_latest = "(array_agg({} ORDER BY last_played DESC, last_id DESC))[1]"  # no bare columns: the latest's value

    def __init__(self, address: str, connect: bool = True):
        """`connect=False`: connect on first use (the game starts while the database is away)."""
        super().__init__()
        if psycopg is None:  # pragma: no cover
            raise StorageError("PostgreSQL needs the psycopg package (pip install -r requirements.txt)")
        self._errors = psycopg.Error
        self.address = address
        self.where = f"the team scoreboard ({redact(address)})"
        self._conn = None
        self._down_until, self._down_why = 0.0, ""
        if connect:
            self._connection()

    def _connect(self):
        try:
            conn = psycopg.connect(self.address, autocommit=True, row_factory=dict_row,
                                   connect_timeout=CONNECT_TIMEOUT_S, application_name="five-levers")
        except psycopg.Error as exc:
            raise Unreachable(f"{self.where} cannot be reached: {self._reason(exc)}") from exc
        try:
            self._migrate(conn)
            # plan every statement for its own parameters: psycopg prepares a statement run 5 times, and
            # PostgreSQL's generic plan for a filter's rows was 2-4x slower for another filter's (a scenario's
            # 2,000 summary rows planned as the team's); planning costs a fraction of a millisecond
            conn.execute("SET plan_cache_mode = force_custom_plan")
        except BaseException:
            conn.close()
            raise
        return conn

    def _migrate(self, conn) -> None:
        try:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))  # one client migrates at a time
                conn.execute("CREATE TABLE IF NOT EXISTS five_levers_schema (version INTEGER NOT NULL)")
                row = conn.execute("SELECT version FROM five_levers_schema").fetchone()
                version = row["version"] if row else 0
                if row is None:
                    conn.execute("INSERT INTO five_levers_schema VALUES (0)")
                if version > len(SCHEMA):
                    raise StorageError(f"{self.where} was made by a newer version of Five Levers")
                for number in range(version, len(SCHEMA)):
                    for statement in SCHEMA[number].split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute("UPDATE five_levers_schema SET version = %s", (number + 1,))
        except psycopg.Error as exc:
            raise StorageError(f"{self.where} could not be prepared: {self._reason(exc)}") from exc

    def _connection(self):
        if self._conn is None or self._conn.closed or self._conn.broken:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            if time.monotonic() < self._down_until:  # just failed: say so at once, don't wait again
                raise Unreachable(self._down_why)
            try:
                self._conn = self._connect()
            except Unreachable as exc:
                self._down_until, self._down_why = time.monotonic() + RECONNECT_AFTER_S, str(exc)
                raise
        return self._conn

    def _reason(self, exc: Exception) -> str:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "certificate verify failed" in text or "does not match host name" in text:
            text += (" (sslmode=verify-full: the server's certificate must come from the authority that "
                     "sslrootcert names and be for the host name used; see the reviewer's guide, TLS)")
        return redact(text)

    def _plain_cursor(self):
        return self._connection().cursor(row_factory=tuple_row)

    def _open_cursor(self, sql: str, params, plain: bool = False):
        # a server-side cursor: a million rows arrive in batches, not all at once
        cursor = self._connection().cursor(name="five_levers_export", row_factory=tuple_row if plain else dict_row)
        cursor.itersize = 500
        return cursor.execute(self._sql(sql), tuple(params))

    def _batches(self, sql: str, params=(), size: int = 500, plain: bool = False):
        with self._lock:
            conn = self._connection()
            try:
                with conn.transaction():  # a named cursor lives in a transaction
                    yield from super()._batches(sql, params, size, plain)
            except psycopg.Error as exc:
                raise StorageError(f"the scoreboard could not be read: {self._reason(exc)}") from exc

    def _csv_columns(self) -> str:
        from game.storage.csv_sql import postgres_cells
        return postgres_cells()

    def _copy_csv(self, sql: str, params: tuple, handle) -> int:
        """PostgreSQL writes the CSV itself (COPY ... TO STDOUT), streamed in chunks."""
        write = _bytes_writer(handle)
        with self._connection().cursor() as cursor:
            with cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER)", params) as copy:
                chunks: list = []  # COPY sends a row at a time: written a few thousand at once
                for chunk in copy:
                    chunks.append(chunk)
                    if len(chunks) == 5000:
                        write(b"".join(chunks))
                        chunks.clear()
                write(b"".join(chunks), final=True)
            return max(0, cursor.rowcount)

    def write_table(self, handle, widths: list[int], **selection) -> int:
        """The `scoreboard` table: PostgreSQL builds each line (views.table_line_sql) and copies them out
        (COPY ... TO STDOUT, text: a line per row, a backslash in a name doubled, undone here)."""
        from game.storage.export import table_head
        from game.storage.views import table_line_sql
        handle.write(table_head(widths))
        sql, params = self._selection(**selection, columns=table_line_sql(widths, "format", newline=False))
        sql = self._sql(sql) if params else sql.replace("%%", "%")  # COPY without parameters reads no marks
        write = _bytes_writer(handle)
        with self._lock:
            try:
                with self._connection().cursor() as cursor:
                    with cursor.copy(f"COPY ({sql}) TO STDOUT", tuple(params) or None) as copy:
                        chunks: list = []
                        for chunk in copy:
                            chunks.append(chunk)
                            if len(chunks) == 5000:
                                write(_copied_text(b"".join(chunks)))
                                chunks.clear()
                        write(_copied_text(b"".join(chunks)), final=True)
                    return max(0, cursor.rowcount)
            except psycopg.Error as exc:
                raise StorageError(f"the scoreboard could not be read: {self._reason(exc)}") from exc

    def write_json(self, handle, **selection) -> int:
        """The reviewer's JSON (json_sql.JSONExport.write_json): PostgreSQL builds each line and copies them
        out (COPY ... TO STDOUT: no row objects, no decoding); a `!id` line is an attempt Python reads, on a
        second connection (the first is busy copying). A stored value the database stops on (replies that
        are not JSON): the rest is written the old way, from the last attempt written."""
        from game.storage.json_sql import ListWriter, bad_data, json_lines_sql
        sql, params = self._selection(**selection, columns="{columns}")
        sql = json_lines_sql(sql, True, copied=True)
        sql = self._sql(sql) if params else sql.replace("%%", "%")  # COPY without parameters reads no marks
        write, out, chunks, size = _bytes_writer(handle), _JSONBlocks(self), [], 0
        with self._lock:
            try:
                with self._connection().cursor() as cursor:
                    with cursor.copy(f"COPY ({sql}) TO STDOUT", tuple(params) or None) as copy:
                        for chunk in copy:  # a line at a time: written about 2 MB at once (flat memory)
                            chunks.append(chunk)
                            size += len(chunk)
                            if size > 2_000_000:
                                out.write(chunks, write)
                                chunks.clear()
                                size = 0
                out.write(chunks, write)
            except psycopg.Error as exc:
                if not bad_data(exc):
                    raise StorageError(f"the scoreboard could not be read: {self._reason(exc)}") from exc
                out.write(chunks, write)  # the rows that came before the one it stopped on
                rest, last = ListWriter(handle), out.last_key()
                rest.count = out.count
                write(b"", final=True)
                for attempt in self.iter_attempts(**selection):
                    if last is None or (attempt.finished_at, attempt.id) > last:
                        rest.extend([json.dumps(attempt_record(attempt), ensure_ascii=False)])
                out.close()
                return rest.close()
            finally:
                out.close()
        write(b"\n]\n" if out.count else b"[]\n", final=True)
        return out.count

    @contextmanager
    def _begin(self):
        conn = self._connection()
        with conn.transaction():
            yield conn.execute

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
