"""Messages a lead can act on: `lrs configure` asks the LRS and says what it
found, `lrs send` tells "held by another machine" (exit 6) from "failing"
(exit 5) and never reports success over a wrong secret, and `lrs status` and
the window's title line say why attempts wait and when the next try is."""
import json
import os
import subprocess
import sys
import time

import pytest

from game.app.delivery_status import next_try_words, waiting_line
from game.storage.scoreboard import open_scoreboard
from tests.delivery.careless_lrs import CarelessLRS
from tests.pg_cluster import free_port
from tests.shells.cli.test_cli import LATE, ROOT


@pytest.fixture
def careless():
    server = CarelessLRS().start()
    yield server
    server.kill()


def lrs_cli(saves, *args, stdin=""):
    env = {"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(saves), "SDL_VIDEODRIVER": "dummy",
           "SDL_AUDIODRIVER": "dummy"}
    proc = subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=60, env=env)
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def test_configure_asks_the_lrs_and_says_what_it_found(saves, careless):
    right = lrs_cli(saves, "lrs", "configure", "--endpoint", careless.endpoint, "--user", "team", "--secret-stdin",
                    stdin="right-secret\n")
    assert right.returncode == 0 and "accepted the user and secret" in right.stdout, right.stdout + right.stderr
    wrong = lrs_cli(saves, "lrs", "configure", "--endpoint", careless.endpoint, "--user", "team", "--secret-stdin",
                    stdin="not-it-9917\n")
    assert wrong.returncode == 2 and "refused the user and secret" in wrong.stderr
    assert "not-it-9917" not in wrong.stdout + wrong.stderr  # the secret itself never shown
    away = lrs_cli(saves, "lrs", "configure", "--endpoint", f"http://127.0.0.1:{free_port()}/xAPI/", "--user",
                   "team", "--secret-stdin", stdin="right-secret\n")
    assert away.returncode == 5 and "could not be reached" in away.stdout and "Saved anyway" in away.stdout


def test_a_wrong_secret_with_nothing_to_send_is_not_success(saves, careless):
    lrs_cli(saves, "lrs", "configure", "--endpoint", careless.endpoint, "--user", "team", "--secret-stdin",
            "--no-check", stdin="wrong\n")
    proc = lrs_cli(saves, "lrs", "send")
    assert proc.returncode == 2 and "refused the user and secret" in proc.stderr
    assert "Sent 0" not in proc.stdout


def test_attempts_held_by_another_machine_exit_6_not_5(saves, careless, monkeypatch):
    lrs_cli(saves, "lrs", "configure", "--endpoint", careless.endpoint, "--user", "team", "--secret-stdin",
            stdin="right-secret\n")
    lrs_cli(saves, "play", LATE, "--choices", "1,2,2", "--player", "Ana")
    board = open_scoreboard()  # another sender, sending it right now
    assert len(board.claim(10, lease_s=300)) == 1
    proc = lrs_cli(saves, "lrs", "send")
    assert proc.returncode == 6 and "another machine holds them" in proc.stdout, proc.stdout
    board.release(board.claim(10, due_only=False) or [a.registration for a in board.attempts()])
    board.close()
    sent = lrs_cli(saves, "lrs", "send")
    assert sent.returncode == 0 and "Sent 1 attempt" in sent.stdout
    assert len(careless.stored) == 6


def test_status_says_why_attempts_wait_and_when_the_next_try_is(saves):
    lrs_cli(saves, "lrs", "configure", "--endpoint", f"http://127.0.0.1:{free_port()}/xAPI/", "--no-check")
    lrs_cli(saves, "play", LATE, "--choices", "1,2,2", "--player", "Ana")
    send = lrs_cli(saves, "lrs", "send")
    assert send.returncode == 5 and "could not be reached" in send.stdout
    status = lrs_cli(saves, "lrs", "status")
    assert "Why they wait: the LRS could not be reached" in status.stdout
    assert "When: Next try at" in status.stdout, status.stdout
    data = json.loads(lrs_cli(saves, "lrs", "status", "--json").stdout)
    assert data["next_try"] > time.time() and data["lrs"]["sends"] == "own"


def test_the_title_line_says_why_and_when():
    now = 1_000_000.0
    assert waiting_line(0, "x", now + 30, now) == ""
    line = waiting_line(3, "the LRS could not be reached: refused", now + 35, now)
    assert line.startswith("3 attempts waiting to send: the LRS could not be reached: refused; next try at ")
    assert line.endswith("(in 35 s)")
    assert waiting_line(1, None, None, now) == "1 attempt waiting to send: not sent yet"
    assert next_try_words(now + 600, now).endswith("(in 10 min)") and next_try_words(now, now) == "next try now"
