"""Delivers the cmi5 outbox (game.storage.cmi5_queue) to the LMSs that
launched the sessions: each session's statements in order, to its endpoint,
with its auth token (`Authorization: Basic <auth-token>`, cmi5 §8.2).

The LMS's answers, as for the LRS outbox (sender.py):
- 200 or 204: stored; 409: already there (the same statement id).
- 400, 413 or 422: that statement is malformed for this LMS: sent one at a
  time, the one refused is parked with the reason, the rest go on.
- 401 or 403: the session's token is no longer accepted. cmi5 tokens last
  a session only (§8.2.1) and an AU may fetch one once, so there is no way
  to get a new one: the session's statements are parked, with that reason,
  for a person to see (`Cmi5Queue.cmi5_status` counts them).
- no answer, 429, 5xx: the LMS is away or busy: the session waits, with
  back-off (doubling from 5 s, at most CMI5_BACKOFF_MAX_S: a session's token
  may not outlive a long wait), and nothing is lost.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field

from game.delivery.cmi5 import _request
from game.delivery.client import _reason
from game.delivery.sender import backoff
from game.storage.cmi5_queue import PARKED, SENT, WAITING
from game.storage.files import StorageError
from game.delivery.background import BackgroundLoop

CMI5_BACKOFF_MAX_S = 30.0  # a cmi5 token lasts about a session: try an LMS that is away at least this often
TOKEN_GONE = ("the LMS no longer accepts this session's token ({reason}); cmi5 tokens last one session and "
              "cannot be fetched again, so these statements are kept here, parked")


@dataclass
class Cmi5Delivery:
    sent: int = 0
    parked: int = 0
    waiting: int = 0
    reasons: list[str] = field(default_factory=list)


def post_cmi5(endpoint: str, token: str, statements: list[dict]) -> tuple[int, str]:
    status, body = _request(f"{endpoint}statements", "POST", token,
                            json.dumps(statements, ensure_ascii=False).encode("utf-8"))
    if status in (200, 204):
        return status, ""
    if status == 0:
        return 0, f"the LMS could not be reached: {body.decode('utf-8', 'replace')}"
    return status, _reason(status, body.decode("utf-8", "replace"))


def deliver_cmi5(board, post=post_cmi5, now: float | None = None) -> Cmi5Delivery:
    """Send every due statement once; what cannot go now waits (or is parked)."""
    report = Cmi5Delivery()
    now = time.time() if now is None else now
    sessions: dict[str, list[dict]] = {}
    for row in board.due_cmi5(now):
        sessions.setdefault(row["session"], []).append(row)
    for rows in sessions.values():
        _session(board, rows, post, now, report)
    return report


def _session(board, rows: list[dict], post, now: float, report: Cmi5Delivery) -> None:
    endpoint, token = rows[0]["endpoint"], rows[0]["token"]
    status, reason = post(endpoint, token, [r["statement"] for r in rows])
    ids = [r["statement_id"] for r in rows]
    if status in (200, 204) or (status == 409 and len(rows) == 1):
        board.mark_cmi5(ids, SENT)
        report.sent += len(ids)
    elif status in (401, 403):
        board.mark_cmi5(ids, PARKED, TOKEN_GONE.format(reason=reason))
        report.parked += len(ids)
        report.reasons.append(TOKEN_GONE.format(reason=reason))
    elif status in (400, 409, 413, 422) and len(rows) > 1:
        for row in rows:  # one at a time, in order, so the one at fault is found
            _session(board, [row], post, now, report)
    elif status in (400, 413, 422):
        board.mark_cmi5(ids, PARKED, reason)
        report.parked += 1
        report.reasons.append(reason)
    else:
        tries = max(r["tries"] for r in rows)
        board.mark_cmi5(ids, WAITING, reason, now + min(backoff(tries), CMI5_BACKOFF_MAX_S))
        report.waiting += len(ids)
        report.reasons.append(reason)


class Cmi5Sender(BackgroundLoop):
    """Delivers the cmi5 outbox in the background, as `Sender` does the LRS
    outbox: `wake()` after queueing (a launch, a reply, the end), `stop()` at
    exit; `problem` says why statements wait or were parked."""

    def __init__(self, open_board, idle_s: float = 10.0, post=post_cmi5):
        self._open_board, self.idle_s, self._post = open_board, idle_s, post
        self.problem: str | None = None
        self._start_loop_state("five-levers-cmi5-sender")

    def _run(self) -> None:
        board = None
        while not self._stop.is_set():
            try:
                if board is None:
                    board = self._open_board()
                report = deliver_cmi5(board, post=self._post)
                self.problem = report.reasons[-1] if report.reasons else None
            except StorageError as exc:
                self.problem = str(exc)
            except Exception as exc:  # noqa: BLE001 - never die silently: say so and try again later
                self.problem = f"sending stopped on an unexpected error ({type(exc).__name__}: {str(exc)[:120]})"
            self._wake.wait(self.idle_s)
            self._wake.clear()
        if board is not None:
            try:
                board.close()
            except StorageError:
                pass
