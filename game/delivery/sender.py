"""The sender: delivers the outbox to the LRS, in batches, with back-off.

`deliver(board, config)` sends what is due once; `Sender` runs it on a
background thread (the game's frame loop never waits on the network).
The LRS's answers:
- 200 or 204: stored. 409: already there (the same statement id; sent before).
- 400 or 422: malformed. The batch is split until the one attempt at fault
  is found; it is parked with the LRS's reason; the others go on.
- 413: too large. The batch is split; a single statement still too large is parked.
- 401 or 403: the credentials are wrong. Nothing more is sent until the
  configuration is put right (`ConfigurationProblem`).
- 500, 502, 504 and other server errors: one attempt's statement may be
  what the LRS fails on, so the batch is split (as for 400) and the attempts
  it takes are sent; an attempt that fails alone is tried again later with
  its own back-off. When neither half of a split goes, the LRS itself is
  failing: everything left waits.
- 503, 429, a timeout or no network: the LRS is away or busy. Everything
  left is tried again later. The back-off is this sender's own, per LRS
  (`AwayClock`: doubling from 5 s, never past 45 s, never sooner than the
  LRS's Retry-After), so many machines failing together do not push each
  other's tries back, and the backlog goes within a minute of the LRS
  answering again.
- A timeout after the request went out: the LRS may still be storing the
  batch. Its attempts stay leased (`VERIFY_AFTER_S`) and `unconfirmed`; the
  next sender asks the LRS for each statement by id and sends only those it
  lacks, so an LRS that does not enforce unique ids still stores each once.
Each attempt's statements are built with the home page and activity base
recorded with it (the sender's own only for attempts queued before that
was kept), so a misconfigured machine cannot relabel a colleague's.
Nothing leaves the outbox until the LRS has it, so nothing is lost offline,
in a crash, or when the LRS dies mid-batch.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from game.storage.attempts import attempt_problem, now_iso
from game.storage.files import StorageError
from game.delivery.background import BackgroundLoop
from game.delivery.xapi import StatementBuilder
from game.delivery.client import TIMEOUT_S, post_statements, statement_stored

BATCH_STATEMENTS = 100
CLAIM_ATTEMPTS = 50
BACKOFF_FIRST_S, BACKOFF_MAX_S = 5.0, 15 * 60.0
AWAY_MAX_S = 45.0  # the longest this sender waits for an LRS that was away (jitter included: < 1 minute)
LEASE_S = 120.0
VERIFY_AFTER_S = 4 * TIMEOUT_S  # after a timeout, how long the LRS gets to finish storing before we ask
AWAY = (0, 429, 503)  # no answer, too many requests, unavailable: everything waits at once


class ConfigurationProblem(Exception):
    """The LRS refused our credentials or the settings are unusable: a person must fix it."""


@dataclass
class Delivery:
    sent: int = 0
    parked: int = 0
    retrying: int = 0
    problem: str | None = None
    reasons: list[str] = field(default_factory=list)


def backoff(tries: int, retry_after: float | None = None, rng=random) -> float:
    """Seconds before the next try after `tries` failures: doubling from 5 s to 15 min, with jitter."""
    delay = min(BACKOFF_MAX_S, BACKOFF_FIRST_S * 2 ** max(0, tries)) * rng.uniform(0.8, 1.2)
    return max(delay, retry_after or 0.0)


class AwayClock:
    """This sender's back-off from each LRS it found away (per endpoint, in
    memory): consecutive failures and when to try again."""

    def __init__(self, rng=random):
        self.rng = rng
        self._state: dict[str, tuple[int, float, str]] = {}

    def until(self, endpoint: str) -> float:
        return self._state.get(endpoint, (0, 0.0, ""))[1]

    def reason(self, endpoint: str) -> str:
        return self._state.get(endpoint, (0, 0.0, ""))[2]

    def failed(self, endpoint: str, now: float, retry_after: float | None = None, reason: str = "") -> float:
        """Count a failure; the time of the next try."""
        failures = self._state.get(endpoint, (0, 0.0, ""))[0]
        delay = min(AWAY_MAX_S / 1.2, BACKOFF_FIRST_S * 2 ** failures) * self.rng.uniform(0.8, 1.2)
        delay = max(delay, retry_after or 0.0)
        self._state[endpoint] = (failures + 1, now + delay, reason)
        return now + delay

    def answered(self, endpoint: str) -> None:
        self._state.pop(endpoint, None)


class _Batch:
    """Statements of several attempts, each statement tagged with its attempt's registration."""

    def __init__(self, config, post):
        self.config, self.post = config, post
        self.parked: dict[str, str] = {}
        self.failed: str | None = None  # why the rest must wait (network, server error)
        self.retry_after: float | None = None
        self.failures: dict[str, str] = {}  # attempts the LRS failed on alone: tried again later, alone
        self.uncertain: set[str] = set()  # attempts of a request that timed out: the LRS may have them
        self.stored: set[str] = set()  # attempts with statements the LRS took
        self.missed: set[str] = set()  # attempts with statements the LRS did not take (yet)

    def send(self, tagged: list[tuple[str, dict]]) -> bool:
        """Post these statements (splitting as the LRS's answer asks); False
        when some of them must wait for a later try."""
        tagged = [(reg, s) for reg, s in tagged if reg not in self.parked]
        if self.failed:
            self.missed.update(reg for reg, _ in tagged)
            return False
        if not tagged:
            return True
        reply = self.post(self.config, [s for _, s in tagged])
        if reply.status in (200, 204) or (reply.status == 409 and len(tagged) == 1):
            self.stored.update(reg for reg, _ in tagged)
            return True
        if reply.status in (401, 403):
            raise ConfigurationProblem(
                f"the LRS refused the credentials ({reply.reason}); check the user and secret "
                "(main.py lrs configure, or Settings)")
        if reply.status in (400, 409, 413, 422):
            if len(tagged) == 1:
                self.parked[tagged[0][0]] = reply.reason
                return True
            half = len(tagged) // 2
            return self.send(tagged[:half]) & self.send(tagged[half:])
        reason = reply.reason or f"HTTP {reply.status}"
        self.retry_after = max(self.retry_after or 0.0, reply.retry_after or 0.0) or None
        attempts = list(dict.fromkeys(reg for reg, _ in tagged))
        if reply.status in AWAY:
            self.failed = reason
            self.missed.update(reg for reg, _ in tagged)
            if reply.uncertain:
                self.uncertain.update(reg for reg, _ in tagged)
        elif len(attempts) == 1:
            self.failures[attempts[0]] = reason
            self.missed.add(attempts[0])
        else:  # a server error, perhaps caused by one attempt: halves of whole attempts, so the others go
            first = set(attempts[:len(attempts) // 2])
            first_went = self.send([t for t in tagged if t[0] in first])
            second_went = self.send([t for t in tagged if t[0] not in first])
            if not (first_went or second_went or self.failed):
                self.failed = reason  # neither half went: the LRS is failing, not one attempt
                self.missed.update(attempts)
        return False


def deliver(board, config, post=post_statements, due_only: bool = True, away: AwayClock | None = None,
            origin: str | None = None, lookup=statement_stored) -> Delivery:
    """Send what is due (or, with due_only=False, everything waiting) until
    nothing is left or the LRS cannot be reached. `away`: this sender's
    back-off per LRS (kept between calls by `Sender`); `origin`: send only
    attempts this machine recorded. Raises ConfigurationProblem."""
    problems = config.problems()
    if not config.configured or problems:
        raise ConfigurationProblem(problems[0] if problems else "no LRS is configured "
                                   "(main.py lrs configure, or Settings)")
    away = away or AwayClock()
    builders: dict[tuple[str, str], StatementBuilder] = {}
    report = Delivery()
    if due_only and away.until(config.endpoint) > time.time():  # still backing off from this LRS
        report.problem = away.reason(config.endpoint) or None
        return report
    while True:
        clock = time.time()
        registrations = board.claim(CLAIM_ATTEMPTS, lease_s=LEASE_S, now=clock, due_only=due_only, origin=origin)
        if not registrations:
            break
        batch = _Batch(config, _leased_post(board, registrations, clock + LEASE_S, post))
        try:
            labels = board.delivery_labels(registrations)
            attempts = []
            for attempt in board.by_registration(registrations):
                problem = attempt_problem(attempt)
                if problem is None:
                    attempts.append(attempt)
                else:  # parked with the reason: the rest are sent
                    batch.parked[attempt.registration] = f"the stored attempt is damaged ({problem})"
            _send_in_batches(batch, lambda a: _builder(builders, config, labels.get(a.registration)), attempts,
                             {r for r, label in labels.items() if label["unconfirmed"]}, lookup)
        except BaseException:
            board.release(registrations)
            raise
        delivered = [r for r in registrations if r in batch.stored and r not in batch.missed
                     and r not in batch.parked and r not in batch.failures]
        board.mark_sent(delivered, now_iso())
        for registration, reason in batch.parked.items():
            board.mark_parked(registration, reason)
            report.reasons.append(reason)
        report.sent += len(delivered)
        report.parked += len(batch.parked)
        if batch.failed:
            waiting = [r for r in registrations if r not in batch.parked and r not in delivered]
            unsure = [r for r in waiting if r in batch.uncertain]
            if unsure:
                board.mark_unconfirmed(unsure, clock + VERIFY_AFTER_S, batch.failed)
            board.mark_retry([r for r in waiting if r not in batch.uncertain],
                             away.failed(config.endpoint, clock, batch.retry_after, batch.failed), batch.failed,
                             count=False)
            report.retrying += len(waiting)
            report.problem = batch.failed
            break
        away.answered(config.endpoint)
        for registration, reason in batch.failures.items():  # each backs off on its own
            board.mark_retry([registration], clock + backoff(board.most_tries([registration]), batch.retry_after),
                             reason)
            report.retrying += 1
            report.problem = f"the LRS failed on an attempt ({reason}); it is tried again later"
        if batch.failures and not due_only:
            break  # sending everything now would claim the failed ones again at once
    return report


def _builder(builders: dict, config, label: dict | None) -> StatementBuilder:
    """The statements' settings recorded with the attempt, else (queued before they were kept) the sender's."""
    key = ((label or {}).get("home_page") or config.home_page, (label or {}).get("activity_base") or config.activity_base)
    if key not in builders:
        builders[key] = StatementBuilder(*key)
    return builders[key]


def _leased_post(board, registrations, lease_end: float, post):
    """`post`, first extending the lease when a request could outlast it."""
    lease = [lease_end]

    def leased(config, statements):
        if time.time() + 2 * TIMEOUT_S > lease[0]:
            lease[0] = time.time() + LEASE_S
            board.extend_lease(registrations, lease[0])
        return post(config, statements)
    return leased


def _send_in_batches(batch: _Batch, builder_for, attempts, unconfirmed=(), lookup=statement_stored) -> None:
    """Whole attempts per batch where they fit, up to BATCH_STATEMENTS
    statements. Of an unconfirmed attempt (a send that timed out), only the
    statements the LRS says it does not have."""
    pending: list[tuple[str, dict]] = []
    for attempt in attempts:
        statements = [(attempt.registration, s) for s in builder_for(attempt).for_attempt(attempt)]
        if attempt.registration in unconfirmed:
            missing = []
            for tagged in statements:
                stored = lookup(batch.config, tagged[1]["id"])
                if stored is None:  # the LRS cannot say now: wait, never risk a second copy
                    batch.failed = batch.failed or "the LRS could not say whether an earlier send arrived"
                    return
                if not stored:
                    missing.append(tagged)
            statements = missing
            if not statements:  # the LRS had them all: the send that timed out did arrive
                batch.stored.add(attempt.registration)
                continue
        if pending and len(pending) + len(statements) > BATCH_STATEMENTS:
            batch.send(pending)
            pending = []
        pending += statements
    batch.send(pending)


class Sender(BackgroundLoop):
    """Delivers in the background; `wake()` after recording, `stop()` at exit.
    `waiting` and `problem` are what the game shows ("3 attempts waiting to send: why")."""

    def __init__(self, open_board, config, idle_s: float = 30.0, post=post_statements, origin: str | None = None,
                 lookup=statement_stored, reload=None):
        """`reload`: reads the configuration again; given, a refused
        configuration is looked at again every `idle_s` and sending resumes
        (its message cleared) once it has been changed, e.g. by `lrs configure`."""
        self._open_board, self.config, self.idle_s, self._post = open_board, config, idle_s, post
        self._reload, self._refused = reload, False
        self.origin, self._lookup, self.away = origin, lookup, AwayClock()
        self.waiting: int | None = None
        self.problem: str | None = None
        self.next_try: float | None = None  # when this sender tries next (None: nothing planned)
        self._start_loop_state("five-levers-lrs-sender")

    def _run(self) -> None:
        board = None
        wait = self.idle_s
        while not self._stop.is_set():
            try:
                if board is None:
                    board = self._open_board()
                if self._refused:
                    fresh = self._reload()
                    if _same(fresh, self.config):
                        self._wake.wait(self.idle_s)
                        self._wake.clear()
                        continue
                    self.config, self._refused, self.problem = fresh, False, None
                if self.origin == "auto":  # whose attempts: the configuration and the board say
                    from game.delivery.config import sending_origin
                    self.origin = sending_origin(board, self.config)
                if self.origin is False:
                    self.problem = ("this computer leaves sending to the team's sender (sends: none); "
                                    "its attempts wait in the team's outbox")
                    self.waiting = board.waiting_count()
                    break
                report = deliver(board, self.config, post=self._post, away=self.away, origin=self.origin,
                                 lookup=self._lookup)
                self.problem = report.problem or (f"parked: {report.reasons[-1]}" if report.reasons else None)
                status = board.outbox_status(origin=self.origin or None)  # what this machine sends
                self.waiting = status["waiting"]
                wait = self.idle_s
                next_try = max(status["next_try"] or 0.0, self.away.until(self.config.endpoint)) or None
                self.next_try = next_try if self.waiting else None
                if next_try:  # a retry falls due before the idle wait is over: wake for it
                    wait = min(wait, max(0.5, next_try - time.time()))
            except ConfigurationProblem as exc:  # a person must fix it: stop until the settings change
                self.problem, self.next_try = f"{exc}; nothing is sent until it is put right", None
                try:
                    self.waiting = board.waiting_count() if board is not None else self.waiting
                except StorageError:
                    pass
                if self._reload is None:
                    break
                self._refused, wait = True, self.idle_s
            except StorageError as exc:
                self.problem, wait = str(exc), self.idle_s
            except Exception as exc:  # never die silently: say so (the game shows it) and try again later
                self.problem = (f"sending stopped on an unexpected error ({type(exc).__name__}: {str(exc)[:120]}); "
                                f"it is tried again in {int(self.idle_s)} s")
                wait = self.idle_s
                if board is not None:
                    try:
                        board.close()
                    except Exception:
                        pass
                    board = None
            self._wake.wait(wait)
            self._wake.clear()
        if board is not None:
            try:
                board.close()
            except StorageError:
                pass


def _same(one, other) -> bool:
    keys = ("endpoint", "user", "secret", "home_page", "activity_base", "sends")
    return all(getattr(one, k, None) == getattr(other, k, None) for k in keys)
