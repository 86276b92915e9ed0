"""The LRS outbox: which attempts still have to reach the learning record store.

An attempt is queued in the same transaction that records it (SQLBoard.record),
so nothing recorded can miss the LRS and nothing is queued that was not
recorded. A row is `waiting` until the LRS has every statement of its
attempt (`sent`), or the LRS refused it as malformed (`parked`, with the
LRS's reason; `requeue_parked` tries again after a fix). A sender claims
rows with a lease that outlives its requests, so two copies of the game
sharing one database never send the same attempt at the same moment; a send
that timed out leaves its rows `unconfirmed` and leased a while longer, and
the next sender asks the LRS which statements arrived before sending the rest
(an LRS need not enforce unique statement ids). Each row keeps the statement
settings in force when it was recorded and the machine that recorded it
(`origin`), so a desktop client on a team database can send only its own.
"""
from __future__ import annotations

import time

WAITING, SENT, PARKED = "waiting", "sent", "parked"


class OutboxRecords:
    """Mixed into a SQLBoard."""

    def claim(self, limit: int = 50, lease_s: float = 120.0, now: float | None = None,
              due_only: bool = True, origin: str | None = None) -> list[str]:
        """Registrations of up to `limit` attempts due for sending (with
        due_only=False: every waiting one, back-off or not), leased to the
        caller for `lease_s` so no other sender takes them meanwhile.
        `origin`: only those this machine recorded (and those queued before
        origins were kept)."""
        now = time.time() if now is None else now
        due = "AND next_try <= ?" if due_only else "AND ? > 0"
        mine = "AND origin IN (?, '')" if origin else "AND ? = ''"
        with self.transaction("the LRS outbox") as run:
            rows = run("UPDATE outbox SET lease_until = ? WHERE id IN (SELECT id FROM outbox WHERE state = 'waiting' "
                       f"{due} AND lease_until <= ? {mine} ORDER BY id LIMIT ? {self._skip_locked}) "
                       "RETURNING id, registration", (now + lease_s, now, now, origin or "", limit)).fetchall()
        return [r["registration"] for r in sorted(rows, key=lambda r: r["id"])]

    def delivery_labels(self, registrations) -> dict[str, dict]:
        """registration -> {home_page, activity_base, origin, unconfirmed} as queued."""
        registrations = list(registrations)
        if not registrations:
            return {}
        marks = ", ".join("?" for _ in registrations)
        rows = self._query("SELECT registration, home_page, activity_base, origin, unconfirmed FROM outbox "
                           f"WHERE registration IN ({marks})", registrations)
        return {r["registration"]: {"home_page": r["home_page"], "activity_base": r["activity_base"],
                                    "origin": r["origin"], "unconfirmed": bool(r["unconfirmed"])} for r in rows}

    def extend_lease(self, registrations, until: float) -> None:
        """Keep these rows leased until `until` (a request is about to outlast the lease)."""
        self._mark(registrations, "lease_until = ?", (until,))

    def mark_unconfirmed(self, registrations, until: float, reason: str) -> None:
        """A send timed out: the LRS may yet store it. Nobody sends these again
        before `until`, and whoever does asks the LRS first."""
        self._mark(registrations, "unconfirmed = 1, tries = tries + 1, next_try = ?, lease_until = ?, reason = ?",
                   (until, until, reason[:2000]))

    def mark_sent(self, registrations, at: str) -> None:
        self._mark(registrations, "state = 'sent', sent_at = ?, reason = '', lease_until = 0, unconfirmed = 0", (at,))

    def mark_parked(self, registration: str, reason: str) -> None:
        self._mark([registration], "state = 'parked', reason = ?, tries = tries + 1, lease_until = 0",
                   (reason[:2000],))

    def mark_retry(self, registrations, next_try: float, reason: str, count: bool = True) -> None:
        """Not delivered this time (offline, the LRS busy or failing): try again
        at `next_try`. `count=False`: the LRS was away, not this attempt at
        fault (each sender backs off from the LRS on its own clock)."""
        self._mark(registrations, f"tries = tries + {1 if count else 0}, next_try = ?, reason = ?, lease_until = 0",
                   (next_try, reason[:2000]))

    def most_tries(self, registrations) -> int:
        """The most tries any of these attempts has had (how far back-off has gone)."""
        registrations = list(registrations)
        if not registrations:
            return 0
        marks = ", ".join("?" for _ in registrations)
        row = self._query(f"SELECT MAX(tries) AS n FROM outbox WHERE registration IN ({marks})", registrations)[0]
        return row["n"] or 0

    def release(self, registrations) -> None:
        """Give back a lease without counting a try (the sender was stopped)."""
        self._mark(registrations, "lease_until = 0", ())

    def _mark(self, registrations, assignments: str, values: tuple) -> None:
        registrations = list(registrations)
        if not registrations:
            return
        marks = ", ".join("?" for _ in registrations)
        with self.transaction("the LRS outbox") as run:
            run(f"UPDATE outbox SET {assignments} WHERE registration IN ({marks})", (*values, *registrations))

    def requeue_parked(self) -> int:
        """Parked attempts go back in the queue (after the statements or the LRS were put right)."""
        with self.transaction("the LRS outbox") as run:
            cur = run("UPDATE outbox SET state = 'waiting', next_try = 0, tries = 0 WHERE state = 'parked'")
            return cur.rowcount

    def outbox_status(self, origin: str | None = None) -> dict:
        """Counts by state, the oldest waiting attempt, the next try, and the
        parked attempts with reasons. `origin`: only the attempts that
        machine sends (its own, and those of unknown origin)."""
        mine, params = ("AND origin IN (?, '')", (origin,)) if origin else ("", ())
        counts = {WAITING: 0, SENT: 0, PARKED: 0}
        for row in self._query(f"SELECT state, COUNT(*) AS n FROM outbox WHERE 1 = 1 {mine} GROUP BY state", params):
            counts[row["state"]] = row["n"]
        due = self._query("SELECT MIN(queued_at) AS oldest, MIN(next_try) AS next_try, MAX(tries) AS tries "
                          f"FROM outbox WHERE state = 'waiting' {mine}", params)[0]
        last = self._query(f"SELECT reason FROM outbox WHERE state = 'waiting' AND reason != '' {mine} "
                           "ORDER BY next_try DESC LIMIT 1", params)
        parked = self._query(f"SELECT registration, reason, queued_at FROM outbox WHERE state = 'parked' {mine} "
                             "ORDER BY id LIMIT 20", params)
        return {"waiting": counts[WAITING], "sent": counts[SENT], "parked": counts[PARKED],
                "oldest_waiting": due["oldest"], "next_try": due["next_try"] or None,
                "most_tries": due["tries"] or 0, "last_problem": last[0]["reason"] if last else None,
                "parked_attempts": [dict(r) for r in parked]}

    def waiting_count(self) -> int:
        return self._query("SELECT COUNT(*) AS n FROM outbox WHERE state = 'waiting'")[0]["n"]
