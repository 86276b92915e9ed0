"""The cmi5 outbox: statements an AU session must send to the LMS that
launched it, kept on the scoreboard until the LMS has them.

Unlike the LRS outbox (outbox.py: attempts, rebuilt into statements for the
company's LRS), a cmi5 statement is kept whole, with the endpoint and the
session's auth token it must be sent with: each launch has its own LMS
address and token. A row is `waiting` until the LMS has it (`sent`), or the
LMS refused it for good (`parked`, with the reason: a malformed statement,
or a session token that expired while the LMS was away, see docs/decisions.md).
The table is created on first use (`CREATE TABLE IF NOT EXISTS`), in SQLite
and PostgreSQL alike, so it needs no numbered migration.
"""
from __future__ import annotations

import json
import time

WAITING, SENT, PARKED = "waiting", "sent", "parked"

TABLE = """
    CREATE TABLE IF NOT EXISTS cmi5_outbox (
        statement_id TEXT PRIMARY KEY,
        session TEXT NOT NULL,
        seq INTEGER NOT NULL,
        registration TEXT NOT NULL,
        activity TEXT NOT NULL,
        verb TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        token TEXT NOT NULL,
        statement TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'waiting',
        tries INTEGER NOT NULL DEFAULT 0,
        next_try DOUBLE PRECISION NOT NULL DEFAULT 0,
        lease_until DOUBLE PRECISION NOT NULL DEFAULT 0,
        reason TEXT NOT NULL DEFAULT '',
        queued_at TEXT NOT NULL
    )"""


class Cmi5Queue:
    """Mixed into SQLBoard (which provides transaction and _query)."""

    _cmi5_ready = False

    def _cmi5_table(self) -> None:
        if not self._cmi5_ready:
            with self.transaction("the cmi5 outbox") as run:
                run(TABLE)
            self._cmi5_ready = True

    def queue_cmi5(self, session: str, endpoint: str, token: str, registration: str, activity: str,
                   statements: list[dict], at: str) -> None:
        """Keep these statements (in this order) for the LMS, in one transaction."""
        self._cmi5_table()
        with self.transaction("the cmi5 statements") as run:
            start = run("SELECT COALESCE(MAX(seq), 0) AS n FROM cmi5_outbox WHERE session = ?",
                        (session,)).fetchone()["n"]
            for number, statement in enumerate(statements, start + 1):
                run("INSERT INTO cmi5_outbox (statement_id, session, seq, registration, activity, verb, endpoint, "
                    "token, statement, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (statement["id"], session, number, registration, activity, statement["verb"]["id"], endpoint,
                     token, json.dumps(statement, ensure_ascii=False), at))

    def cmi5_verbs(self, registration: str, activity: str) -> set[str]:
        """The verbs already kept for this AU in this registration (any session)."""
        self._cmi5_table()
        rows = self._query("SELECT DISTINCT verb FROM cmi5_outbox WHERE registration = ? AND activity = ?",
                           (registration, activity))
        return {r["verb"] for r in rows}

    def due_cmi5(self, now: float | None = None, limit: int = 500, lease_s: float = 60.0) -> list[dict]:
        """Waiting statements due for sending, by session and in order, leased
        to the caller for `lease_s` (two senders, e.g. two server workers,
        never send the same rows at once). A statement never goes before an
        earlier one of its session that still waits (its back-off, or another
        sender's lease): an LMS checks cmi5's order as statements arrive."""
        self._cmi5_table()
        now = time.time() if now is None else now
        with self.transaction("the cmi5 outbox") as run:
            rows = run("UPDATE cmi5_outbox SET lease_until = ? WHERE statement_id IN (SELECT o.statement_id "
                       "FROM cmi5_outbox AS o WHERE o.state = 'waiting' AND o.next_try <= ? AND o.lease_until <= ? "
                       "AND NOT EXISTS (SELECT 1 FROM cmi5_outbox AS e WHERE e.session = o.session "
                       "AND e.state = 'waiting' AND e.seq < o.seq AND (e.next_try > ? OR e.lease_until > ?)) "
                       f"ORDER BY o.session, o.seq LIMIT ? {self._skip_locked}) "
                       "RETURNING statement_id, session, seq, endpoint, token, statement, tries",
                       (now + lease_s, now, now, now, now, limit)).fetchall()
        rows = sorted((dict(r) for r in rows), key=lambda r: (r["session"], r["seq"]))
        return [{**r, "statement": json.loads(r["statement"])} for r in rows]

    def mark_cmi5(self, ids, state: str, reason: str = "", next_try: float = 0.0) -> None:
        ids = list(ids)
        if not ids:
            return
        marks = ", ".join("?" for _ in ids)
        tries = "tries + 1" if state != SENT else "tries"
        with self.transaction("the cmi5 outbox") as run:
            run(f"UPDATE cmi5_outbox SET state = ?, reason = ?, next_try = ?, tries = {tries}, lease_until = 0 "
                f"WHERE statement_id IN ({marks})", (state, reason[:2000], next_try, *ids))

    def cmi5_status(self) -> dict:
        self._cmi5_table()
        counts = {WAITING: 0, SENT: 0, PARKED: 0}
        for row in self._query("SELECT state, COUNT(*) AS n FROM cmi5_outbox GROUP BY state"):
            counts[row["state"]] = row["n"]
        return counts
