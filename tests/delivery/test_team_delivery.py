"""Delivery a team can trust, with several machines on one scoreboard: each
attempt's statements are fixed when it is recorded (a misconfigured machine
cannot relabel a colleague's), each machine backs off from the LRS on its
own clock (the backlog goes within a minute of the LRS answering again),
and an LRS that stores duplicates and answers slowly still gets each
statement once. Runs on the SQLite and the PostgreSQL scoreboard."""
import json
import time
from collections import defaultdict
from functools import partial

import pytest

from game.delivery.client import post_statements
from game.delivery.config import LRSConfig, label_board, sending_origin
from game.delivery.sender import AWAY_MAX_S, AwayClock, deliver
from game.delivery.xapi import StatementBuilder
from game.storage.scoreboard import open_scoreboard
from tests.delivery.careless_lrs import CarelessLRS
from tests.delivery.test_delivery import record

HOME, BASE = "https://lms.example.org", "https://example.org/fl"


@pytest.fixture
def careless():
    server = CarelessLRS().start()
    yield server
    server.kill()


def team_config(lrs, **changes) -> LRSConfig:
    values = {"endpoint": lrs.endpoint, "user": lrs.user, "secret": lrs.secret, "home_page": HOME,
              "activity_base": BASE, **changes}
    return LRSConfig(**values)


def machine(monkeypatch, name: str, config: LRSConfig):
    """One computer: its own connection to the scoreboard, its own settings and sender id."""
    monkeypatch.setenv("FIVE_LEVERS_SENDER_ID", name)
    return label_board(open_scoreboard(), config)


def test_a_misconfigured_machine_sends_colleagues_attempts_as_they_were_recorded(store, careless, monkeypatch):
    good = machine(monkeypatch, "desk-a", team_config(careless))
    made = record(good, 3)
    wrong = team_config(careless, home_page="https://five-levers.invalid/players",
                        activity_base="https://five-levers.invalid/xapi")
    lax = machine(monkeypatch, "desk-c", wrong)
    own = record(lax, 1, name="Cy")
    report = deliver(lax, wrong)  # a machine sending everything, with the wrong settings
    assert report.sent == 4
    expected = StatementBuilder(HOME, BASE).statements(made)
    by_id = {s["id"]: s for s in careless.stored}
    assert len(careless.stored) == len(by_id) == 4 * 6
    for statement in expected:  # same ids, same actor, same activities as desk-a's settings make
        assert by_id[statement["id"]]["actor"] == statement["actor"]
        assert by_id[statement["id"]]["object"]["id"].startswith(BASE)
    ana = next(s for s in careless.stored if s["context"]["registration"] == made[0].registration)
    assert ana["actor"]["account"] == {"homePage": HOME, "name": "ana0@x.org"}
    cy = next(s for s in careless.stored if s["context"]["registration"] == own[0].registration)
    assert cy["actor"]["account"]["homePage"] == "https://five-levers.invalid/players"  # its own, as recorded
    labels = good.delivery_labels([a.registration for a in made + own])
    assert {label["origin"] for label in labels.values()} == {"desk-a", "desk-c"}


def test_a_desktop_on_a_team_database_sends_only_its_own(store, careless, monkeypatch):
    config = team_config(careless)
    desk_a, desk_b = machine(monkeypatch, "desk-a", config), machine(monkeypatch, "desk-b", config)
    mine, theirs = record(desk_a, 2), record(desk_b, 3, name="Bo")
    assert deliver(desk_a, config, origin="desk-a").sent == 2
    assert {s["context"]["registration"] for s in careless.stored} == {a.registration for a in mine}
    assert deliver(desk_b, config, origin="desk-b").sent == 3
    assert len(careless.stored) == 5 * 6
    monkeypatch.setenv("FIVE_LEVERS_SENDER_ID", "desk-a")
    nothing = team_config(careless, sends="none")
    assert sending_origin(desk_a, nothing) is False
    assert sending_origin(desk_a, team_config(careless, sends="all")) is None
    own = sending_origin(desk_a, config)
    assert own == ("desk-a" if store == "postgresql" else None)  # on a machine's own file, own is all
    assert {a.registration for a in theirs} <= {s["context"]["registration"] for s in careless.stored}


def test_many_machines_failing_do_not_push_back_the_backlog(store, careless, monkeypatch):
    config = team_config(careless)
    machines = [machine(monkeypatch, f"desk-{n}", config) for n in range(3)]
    for n, board in enumerate(machines):
        record(board, 2, name=f"P{n}")
    careless.kill()  # the LRS is away for a while; every machine keeps trying
    clocks = [AwayClock() for _ in machines]
    for _ in range(6):
        for board, clock in zip(machines, clocks):
            report = deliver(board, config, due_only=False, away=clock)
            assert report.sent == 0 and "could not be reached" in report.problem
    now = time.time()
    status = machines[0].outbox_status()
    assert status["waiting"] == 6
    assert status["next_try"] <= now + 60  # 18 failures in all: the next try is still within a minute
    assert all(clock.until(config.endpoint) <= now + AWAY_MAX_S for clock in clocks)
    careless.start()
    for board, clock in zip(machines, clocks):  # each machine's next try, within the minute
        deliver(board, config, due_only=False, away=clock)
    assert machines[0].outbox_status()["waiting"] == 0
    assert len(careless.stored) == len(set(careless.ids())) == 6 * 6


def test_a_slow_lrs_that_keeps_duplicates_still_gets_each_statement_once(store, careless, monkeypatch):
    config = team_config(careless)
    desk_a, desk_b = machine(monkeypatch, "desk-a", config), machine(monkeypatch, "desk-b", config)
    record(desk_a, 3)
    careless.delay_s = 1.0  # stores at once, answers after the client has given up
    impatient = partial(post_statements, timeout=0.3)
    report = deliver(desk_a, config, post=impatient, due_only=False)
    assert report.sent == 0 and "did not answer in time" in report.problem
    assert len(careless.stored) == 18  # it did arrive
    careless.delay_s = 0.0
    # the batch is leased beyond the request: another machine, even told to send everything, leaves it
    assert deliver(desk_b, config, due_only=False).sent == 0
    posts = careless.posts
    desk_b.release([a.registration for a in desk_b.attempts()])  # as if the wait for the LRS had passed
    assert deliver(desk_b, config, due_only=False).sent == 3  # asked the LRS: all there, nothing re-sent
    assert careless.posts == posts
    assert len(careless.stored) == len(set(careless.ids())) == 18
    assert desk_a.outbox_status()["waiting"] == 0


def test_a_refused_secret_put_right_elsewhere_clears_the_message_and_sending_resumes(store, careless, monkeypatch):
    from game.delivery.sender import Sender
    board = machine(monkeypatch, "desk-a", team_config(careless))
    record(board, 1)
    settings = {"config": team_config(careless, secret="wrong")}
    sender = Sender(open_scoreboard, settings["config"], idle_s=0.05, reload=lambda: settings["config"]).start()
    try:
        deadline = time.time() + 10
        while not (sender.problem and "refused the credentials" in sender.problem) and time.time() < deadline:
            time.sleep(0.05)
        assert "refused the credentials" in sender.problem and careless.stored == []
        settings["config"] = team_config(careless)  # `lrs configure` on this computer, the window still running
        while board.outbox_status()["waiting"] and time.time() < deadline + 10:
            time.sleep(0.05)
        assert board.outbox_status()["waiting"] == 0 and len(careless.stored) == 6
        while sender.problem and time.time() < deadline + 10:
            time.sleep(0.05)
        assert sender.problem is None
    finally:
        sender.stop()


OUTAGE_S = 61.0  # the LRS is away for a real minute: no injected back-off, no shortened clock


@pytest.mark.parametrize("store", ["postgresql"], indirect=True)  # the team's setting; the minute runs once
def test_three_machines_one_misconfigured_lrs_killed_for_a_minute_each_statement_once_within_a_minute(
        store, careless, monkeypatch):
    """The issue's "done when", with real background senders on their
    ordinary settings (each its own sender id, connection and back-off):
    desk-c has no home page set and sends every machine's attempts; the LRS
    (one that stores duplicates) is killed for a real minute while the team
    plays on; when it is back, everything arrives within a minute, once,
    under the actor each attempt was recorded with."""
    from game.delivery.sender import Sender
    from game.delivery.xapi import DEFAULT_HOME_PAGE
    good = team_config(careless)
    no_home_page = LRSConfig(endpoint=careless.endpoint, user=careless.user, secret=careless.secret)
    desks = {"desk-a": (good, "desk-a"), "desk-b": (good, "desk-b"), "desk-c": (no_home_page, None)}
    boards = {name: machine(monkeypatch, name, config) for name, (config, _) in desks.items()}
    made = {name: record(board, 2, name=name[-1]) for name, board in boards.items()}
    senders = [Sender(open_scoreboard, config, origin=origin).start() for config, origin in desks.values()]
    try:
        deadline = time.time() + 30
        while (any(board.outbox_status()["waiting"] for board in boards.values()) or len(careless.stored) < 36) \
                and time.time() < deadline:
            time.sleep(0.2)
        assert len(careless.stored) == 6 * 6  # the first round arrived
        careless.kill()
        killed = time.time()
        for name, board in boards.items():  # the team plays on while the LRS is away
            monkeypatch.setenv("FIVE_LEVERS_SENDER_ID", name)
            made[name] += record(board, 2, name=name[-1].upper())
        for sender in senders:
            sender.wake()
        time.sleep(max(0.0, killed + OUTAGE_S - time.time()))
        assert any(s.problem and "could not be reached" in s.problem for s in senders), [s.problem for s in senders]
        assert len(careless.stored) == 36
        careless.start()
        back = time.time()
        assert back - killed >= 60
        while any(board.outbox_status()["waiting"] for board in boards.values()) and time.time() < back + 60:
            time.sleep(0.2)
        took = time.time() - back
    finally:
        for sender in senders:
            sender.stop()
    assert took < 60, f"the backlog took {took:.0f} s after the LRS returned"
    assert not any(board.outbox_status()["waiting"] for board in boards.values())
    assert len(careless.stored) == len(set(careless.ids())) == 12 * 6  # every statement, once
    by_registration = defaultdict(list)
    for statement in careless.stored:
        by_registration[statement["context"]["registration"]].append(statement)
    for name, attempts in made.items():
        home = DEFAULT_HOME_PAGE if name == "desk-c" else HOME
        for attempt in attempts:
            actors = {json.dumps(s["actor"]["account"], sort_keys=True) for s in by_registration[attempt.registration]}
            assert len(by_registration[attempt.registration]) == 6
            assert actors == {json.dumps({"homePage": home, "name": attempt.learner}, sort_keys=True)}
