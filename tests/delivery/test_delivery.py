"""Delivery to a real LRS (Ralph, on loopback): every recorded attempt
arrives once, whatever happens on the way: offline, wrong credentials, a
malformed statement, a batch too large, Retry-After, the LRS killed
mid-batch. Runs on the SQLite and the PostgreSQL scoreboard."""
import threading
import time
from dataclasses import replace

import pytest

from game.core import loader
from game.core.engine import play
from game.delivery.client import Reply, post_statements
from game.delivery.config import LRSConfig
from game.delivery.sender import ConfigurationProblem, Sender, deliver
from game.storage.attempts import Attempt
from game.storage.scoreboard import open_scoreboard
from game.delivery.xapi import StatementBuilder
from tests.delivery.ralph_server import SECRET, USER
from tests.pg_cluster import free_port
from tests.shells.cli.test_cli import LATE


def config_for(lrs, secret=SECRET) -> LRSConfig:
    return LRSConfig(endpoint=lrs.endpoint, user=USER, secret=secret, home_page="https://lms.example.org",
                     activity_base="https://example.org/fl")


def record(board, count, name="Ana", **changes) -> list[Attempt]:
    scenario = loader.load_file(LATE)
    made = []
    for n in range(count):
        run = play(scenario, [1, 2, 2])
        attempt = Attempt.from_playthrough(run, f"{name}{n}", "coach", "2026-11-20T10:00:00.250+00:00",
                                           finished_at="2026-11-20T10:01:30.500+00:00", learner=f"{name}{n}@x.org")
        attempt = replace(attempt, **changes)
        board.record(attempt)
        made.append(attempt)
    return made


def ids_in(lrs) -> list[str]:
    return [s["id"] for s in lrs.statements()]


def test_recorded_attempts_reach_the_lrs_once_and_leave_the_outbox(store, lrs):
    board = open_scoreboard()
    made = record(board, 3) + record(board, 1, name="Bo", status="abandoned")
    assert board.outbox_status()["waiting"] == 4
    report = deliver(board, config_for(lrs))
    assert (report.sent, report.parked, report.retrying) == (4, 0, 0)
    stored = ids_in(lrs)
    assert len(stored) == len(set(stored)) == 3 * 6 + 5  # finished: 6 statements; abandoned (3 replies): 5
    status = board.outbox_status()
    assert (status["waiting"], status["sent"], status["parked"]) == (0, 4, 0)
    assert deliver(board, config_for(lrs)).sent == 0  # nothing left to send
    registrations = {s["context"]["registration"] for s in lrs.statements()}
    assert registrations == {a.registration for a in made}


def test_sending_again_is_harmless_the_lrs_keeps_one_of_each(store, lrs):
    board = open_scoreboard()
    record(board, 2)
    deliver(board, config_for(lrs))
    with board.transaction("test") as run:  # as if another copy of the game had not heard
        run("UPDATE outbox SET state = 'waiting'")
    report = deliver(board, config_for(lrs))
    assert report.sent == 2 and report.parked == 0
    assert len(ids_in(lrs)) == 12


def test_offline_nothing_is_lost_and_it_is_sent_when_the_lrs_returns(store, lrs):
    board = open_scoreboard()
    record(board, 3)
    offline = replace(config_for(lrs), endpoint=f"http://127.0.0.1:{free_port()}/xAPI/")
    before = time.time()
    report = deliver(board, offline)
    assert (report.sent, report.retrying) == (0, 3) and "could not be reached" in report.problem
    status = board.outbox_status()
    assert status["waiting"] == 3 and status["next_try"] > before + 3 and "could not be reached" in status["last_problem"]
    assert deliver(board, config_for(lrs)).sent == 0  # backing off: not due yet
    assert deliver(board, config_for(lrs), due_only=False).sent == 3  # `lrs send` does not wait
    assert len(ids_in(lrs)) == 18


def test_wrong_credentials_stop_with_a_configuration_message_and_keep_everything(store, lrs):
    board = open_scoreboard()
    record(board, 2)
    with pytest.raises(ConfigurationProblem, match="refused the credentials") as caught:
        deliver(board, config_for(lrs, secret="wrong"))
    assert "wrong" not in str(caught.value)  # the secret is never shown
    status = board.outbox_status()
    assert status["waiting"] == 2 and status["sent"] == 0
    assert deliver(board, config_for(lrs)).sent == 2  # released, not leased away


def test_a_malformed_attempt_is_parked_with_the_lrs_reason_and_the_rest_go_on(store, lrs):
    board = open_scoreboard()
    good = record(board, 3)
    [bad] = record(board, 1, name="Odd")
    odd_ids = {s["id"] for s in StatementBuilder("https://lms.example.org", "https://example.org/fl").for_attempt(bad)}

    def stricter_lrs(config, statements):  # refuses the odd attempt's statements, as a stricter LRS might
        if odd_ids & {s["id"] for s in statements}:
            return Reply(400, "HTTP 400: result.response is not one of the choices")
        return post_statements(config, statements)
    report = deliver(board, config_for(lrs), post=stricter_lrs)
    assert (report.sent, report.parked) == (3, 1), report
    status = board.outbox_status()
    [parked] = status["parked_attempts"]
    assert parked["registration"] == bad.registration and parked["reason"] == "HTTP 400: result.response is not one of the choices"
    assert {s["context"]["registration"] for s in lrs.statements()} == {a.registration for a in good}
    assert board.requeue_parked() == 1  # once put right, it goes again
    assert deliver(board, config_for(lrs)).sent == 1 and board.outbox_status()["parked"] == 0


def test_a_server_error_caused_by_one_attempt_holds_up_only_that_attempt(store, lrs):
    board = open_scoreboard()
    [poisoned] = record(board, 1, name="Poison")  # first in the outbox: the split meets it first
    good = record(board, 20)
    poison_ids = {s["id"] for s in StatementBuilder("https://lms.example.org", "https://example.org/fl")
                  .for_attempt(poisoned)}
    posts = []

    def lrs_choking_on_one(config, statements):  # a real LRS with a bug one statement sets off
        posts.append(len(statements))
        if poison_ids & {s["id"] for s in statements}:
            return Reply(500, "HTTP 500: internal error")
        return post_statements(config, statements)
    start = time.time()
    report = deliver(board, config_for(lrs), post=lrs_choking_on_one)
    assert (report.sent, report.retrying, report.parked) == (20, 1, 0), report
    assert {s["context"]["registration"] for s in lrs.statements()} == {a.registration for a in good}
    status = board.outbox_status()
    assert status["waiting"] == 1 and status["next_try"] >= start + 4  # only it backs off
    assert len(posts) <= 12  # halves of whole attempts, not one request per statement
    report = deliver(board, config_for(lrs), post=post_statements, due_only=False)  # the LRS was mended
    assert report.sent == 1 and board.outbox_status()["waiting"] == 0


def test_an_lrs_failing_every_request_is_not_hammered_and_nothing_is_lost(store, lrs):
    board = open_scoreboard()
    record(board, 20)
    posts = []

    def broken(config, statements):
        posts.append(len(statements))
        return Reply(500, "HTTP 500: internal error")
    report = deliver(board, config_for(lrs), post=broken)
    assert report.sent == 0 and report.retrying == 20 and report.problem == "HTTP 500: internal error"
    assert len(posts) <= 8  # down to two attempts failing alike, then everything waits
    assert deliver(board, config_for(lrs), due_only=False).sent == 20 and len(lrs.statements()) == 120


def test_a_batch_too_large_is_split_until_it_fits(store, lrs):
    board = open_scoreboard()
    record(board, 5)
    sizes = []

    def small_proxy(config, statements):  # a proxy in front of the LRS that takes at most 4 statements
        sizes.append(len(statements))
        return Reply(413, "HTTP 413: too large") if len(statements) > 4 else post_statements(config, statements)
    report = deliver(board, config_for(lrs), post=small_proxy)
    assert report.sent == 5 and report.parked == 0 and sizes[0] == 30 and max(sizes[1:]) <= 30
    assert len(set(ids_in(lrs))) == 30


def test_retry_after_is_respected(store, lrs):
    board = open_scoreboard()
    record(board, 1)
    busy = lambda config, statements: Reply(503, "HTTP 503: busy", retry_after=600)  # noqa: E731
    start = time.time()
    report = deliver(board, config_for(lrs), post=busy)
    assert report.retrying == 1
    assert board.outbox_status()["next_try"] >= start + 600


def test_an_lrs_killed_mid_batch_still_ends_with_every_statement_once(store, lrs):
    board = open_scoreboard()
    record(board, 40)  # 240 statements: three batches
    calls = []

    def kill_during_second_batch(config, statements):
        calls.append(len(statements))
        if len(calls) == 2:
            threading.Timer(0.01, lrs.kill).start()  # dies while the batch is on its way
        return post_statements(config, statements, timeout=5)
    report = deliver(board, config_for(lrs), post=kill_during_second_batch)
    assert report.retrying > 0 and 0 < report.sent < 40  # the first batch arrived and is not sent again
    lrs.start()  # back, with what it had stored
    # what was not on its way goes at once; a batch on its way when the LRS died (if the kill caught one
    # mid-request) stays leased and unconfirmed until the LRS has had time to finish storing it
    second = deliver(board, config_for(lrs), due_only=False)
    unconfirmed = [r for r, label in board.delivery_labels([a.registration for a in board.attempts()]).items()
                   if label["unconfirmed"]]
    assert report.sent + second.sent + len(unconfirmed) == 40
    board.release(unconfirmed)  # as if VERIFY_AFTER_S had passed: the LRS is asked before anything is re-sent
    assert deliver(board, config_for(lrs), due_only=False).sent == len(unconfirmed)
    stored = ids_in(lrs)
    assert len(stored) == len(set(stored)) == 240
    assert board.outbox_status()["waiting"] == 0


def test_the_background_sender_delivers_without_being_asked(store, lrs):
    board = open_scoreboard()
    sender = Sender(open_scoreboard, config_for(lrs), idle_s=0.05).start()
    try:
        record(board, 2)
        sender.wake()
        deadline = time.time() + 30
        while time.time() < deadline and board.outbox_status()["sent"] < 2:
            time.sleep(0.05)
    finally:
        sender.stop()
    assert board.outbox_status()["sent"] == 2 and len(ids_in(lrs)) == 12
    assert sender.waiting == 0 and sender.problem is None


def test_two_senders_on_one_scoreboard_do_not_send_twice(store, lrs):
    board = open_scoreboard()
    record(board, 30)
    sent = []

    def one_sender():
        other = open_scoreboard()
        sent.append(deliver(other, config_for(lrs)).sent)
        other.close()
    threads = [threading.Thread(target=one_sender) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sum(sent) == 30
    assert len(ids_in(lrs)) == 180
