"""One AU session launched from an LMS (cmi5): the use case the browser's
launch route calls. `AuSession.launch(query, scenario, board)` checks the
launch parameters, fetches the auth token once, reads LMS.LaunchData and
queues `initialized`; `reply(step)` queues an `answered` statement;
`finish(run)` queues completed and passed/failed (Normal mode) and
`terminated` (`judge(score)` the same for a campaign's quarter), records the attempt on the scoreboard under the LMS's learner
id, and gives the return URL; `leave()` ends a session the learner left
before the end (only `terminated`: the LMS marks it abandoned if it never
comes, cmi5 §9.3.6). Every statement goes through the cmi5 outbox, so
nothing is lost while the LMS is away; `deliver` sends what is due.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import os
from urllib.parse import urlsplit

from game.app.trainee_play import Trainee
from game.delivery.cmi5 import (Cmi5Statements, Launch, LaunchData, LaunchError, fetch_token, parse_launch,
                                read_launch_data)
from game.delivery.cmi5_sender import deliver_cmi5
from game.storage.attempts import Attempt, clean_learner_id, clean_player_name, now_iso

LMS_HOSTS_ENV = "FIVE_LEVERS_CMI5_LMS"  # comma-separated host names of the LMSs allowed to launch
NO_LMS_YET = ("this server has not been told which LMS may open its courses; ask the person who runs it to add "
              f"your LMS's host name to {LMS_HOSTS_ENV}")


def allowed_hosts() -> set[str]:
    return {h.strip().lower().strip("[]") for h in os.environ.get(LMS_HOSTS_ENV, "").split(",") if h.strip()}


def check_hosts(query) -> None:
    """Refuse (LaunchError) a launch whose token URL or endpoint is not on an
    LMS host named in FIVE_LEVERS_CMI5_LMS; with none named, every launch:
    a launch link names its own token URL, and the server must never POST to
    an address a stranger put in a query string (docs/decisions.md)."""
    hosts = allowed_hosts()
    if not hosts:
        raise LaunchError(NO_LMS_YET)
    for name in ("endpoint", "fetch"):
        host = (urlsplit(str(query.get(name) or "")).hostname or "").lower()
        if host not in hosts:
            raise LaunchError(f"this server does not accept launches from {host or 'that address'}; "
                              f"ask the person who runs it to add it to {LMS_HOSTS_ENV}")


@dataclass
class AuSession:
    launch: Launch
    data: LaunchData
    token: str
    statements: Cmi5Statements
    board: object
    scenario: object
    started_at: str
    ended: bool = False

    @classmethod
    def launch_from(cls, query, scenario, board, fetch=fetch_token, read=read_launch_data) -> "AuSession":
        """Raises LaunchError (plain words) when the launch cannot go on."""
        check_hosts(query)  # before anything is fetched
        launch = parse_launch(query)
        token = fetch(launch)  # once: the fetch URL is one-time
        data = read(launch, token)
        done = board.cmi5_verbs(launch.registration, launch.activity_id)
        session = cls(launch, data, token, Cmi5Statements(launch, data, time.time(), set(done)), board, scenario,
                      now_iso())
        session._queue([session.statements.initialized()])
        return session

    def to_dict(self) -> dict:
        """Plain data to keep between requests (a web server keeps no object
        between a trainee's clicks); `from_dict` makes the session again."""
        st = self.statements
        return {"launch": {"endpoint": self.launch.endpoint, "fetch": self.launch.fetch, "actor": self.launch.actor,
                           "registration": self.launch.registration, "activity_id": self.launch.activity_id},
                "data": {"launch_mode": self.data.launch_mode, "move_on": self.data.move_on,
                         "context_template": self.data.context_template, "session_id": self.data.session_id,
                         "mastery_score": self.data.mastery_score, "return_url": self.data.return_url},
                "token": self.token, "started": st.started, "done": sorted(st.done),
                "last": st.last.isoformat() if st.last else None, "started_at": self.started_at, "ended": self.ended}

    @classmethod
    def from_dict(cls, data: dict, scenario, board) -> "AuSession":
        from datetime import datetime
        launch, launch_data = Launch(**data["launch"]), LaunchData(**data["data"])
        statements = Cmi5Statements(launch, launch_data, data["started"], set(data["done"]),
                                    datetime.fromisoformat(data["last"]) if data["last"] else None)
        return cls(launch, launch_data, data["token"], statements, board, scenario, data["started_at"], data["ended"])

    @property
    def mode(self) -> str:
        """The game's mode: assessment when the LMS judges (Normal), else coach."""
        return "assessment" if self.data.judged else "coach"

    @property
    def learner(self) -> str:
        return str(self.launch.actor["account"]["name"])

    def _queue(self, statements: list[dict]) -> None:
        if statements:
            self.board.queue_cmi5(self.data.session_id, self.launch.endpoint, self.token, self.launch.registration,
                                  self.launch.activity_id, statements, now_iso())

    def reply(self, step, number: int) -> None:
        if not self.ended:
            self._queue([self.statements.answered(number, step.line, step.text, step.node)])

    def finish(self, run, record: bool = True) -> str | None:
        """The conversation ended: the judged statements, terminated, and the
        attempt recorded (`record=False` when the caller records it itself)."""
        if self.ended:
            return self.data.return_url
        self.judge(run.result().score, run.finished)
        if record:
            self.board.record(Attempt.from_playthrough(run, self.learner, self.mode, self.started_at,
                                                       learner=self.learner))
        return self.data.return_url

    def judge(self, score: int, finished: bool = True) -> str | None:
        """The AU's work ended with `score` (0..100): completed and passed/failed
        (Normal mode, against the LMS's masteryScore), then terminated."""
        if not self.ended:
            now = time.time()
            self._queue([*self.statements.ending(score, finished, now), self.statements.terminated(now)])
            self.ended = True
        return self.data.return_url

    def allowed(self, statements: list[dict]) -> None:
        """Queue cmi5 allowed statements (built by `self.statements`), unless the session has ended."""
        if not self.ended:
            self._queue(statements)

    def leave(self, run=None, record: bool = True) -> str | None:
        """The learner left before the end: terminated only (and, given the
        playthrough, the attempt recorded as abandoned: it counts as a try)."""
        if not self.ended:
            self._queue([self.statements.terminated(time.time())])
            self.ended = True
            if record and run is not None and run.steps:
                self.board.record(Attempt.from_playthrough(run, self.learner, self.mode, self.started_at,
                                                           learner=self.learner))
        return self.data.return_url


def deliver(board, **kwargs):
    """Send the cmi5 outbox's due statements (see game.delivery.cmi5_sender)."""
    return deliver_cmi5(board, **kwargs)


def trainee_for(au: AuSession) -> Trainee:
    """The LMS's learner as a trainee: their account name is their name and learner id."""
    name = au.learner.strip()
    try:
        player = clean_player_name(name)
    except ValueError:
        player = clean_player_name(name[:40].strip() or "Learner")
    try:
        learner = clean_learner_id(name)
    except ValueError:
        learner = ""
    return Trainee(player, learner, au.mode)
