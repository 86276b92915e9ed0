"""A bad LRS address is refused where it is entered (command line,
Settings, environment) and never kills the sender; a sender that meets an
unexpected error says so and tries again (issue 27)."""
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.delivery.config import LRSConfig, endpoint_problem
from game.delivery.sender import Sender
from game.storage.scoreboard import open_scoreboard
from tests.storage.conftest import make_attempt  # noqa: F401  (a fixture)

ROOT = Path(__file__).resolve().parents[2]
BAD = ["http://127.0.0.1:abc/", "http://lrs example/", "http://lrs.example/\r\nX-Evil: 1", "http://[::1",
       "ftp://lrs.example/", "http://:8080/", "http://127.0.0.1:99999/"]


@pytest.mark.parametrize("endpoint", BAD)
def test_each_bad_endpoint_gets_a_reason(endpoint):
    assert endpoint_problem(endpoint)
    assert LRSConfig(endpoint=endpoint).problems()


def test_good_endpoints_pass():
    for endpoint in ("https://lrs.example.org/xAPI/", "http://127.0.0.1:8100/xAPI/", "http://[::1]:8100/xAPI"):
        assert endpoint_problem(endpoint) is None


def lrs_cli(saves, *args, env=None, stdin="s\n"):
    proc = subprocess.run([sys.executable, "main.py", "lrs", *args], cwd=ROOT, input=stdin, capture_output=True,
                          text=True, timeout=60, env={**os.environ, "FIVE_LEVERS_SAVES": str(saves), **(env or {})})
    assert proc.returncode != 70 and "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.mark.parametrize("endpoint", ["http://[::1", "http://127.0.0.1:abc/"])
def test_configure_refuses_and_the_environment_is_said_not_fatal(saves, endpoint):
    proc = lrs_cli(saves, "configure", "--endpoint", endpoint, "--user", "k", "--secret-stdin")
    assert proc.returncode == 2 and "not a web address" in proc.stderr
    assert not (saves / "lrs.json").exists()
    status = lrs_cli(saves, "status", env={"FIVE_LEVERS_LRS_ENDPOINT": endpoint})
    assert status.returncode == 0 and "Cannot send: the LRS endpoint" in status.stdout
    send = lrs_cli(saves, "send", env={"FIVE_LEVERS_LRS_ENDPOINT": endpoint, "FIVE_LEVERS_LRS_USER": "k",
                                       "FIVE_LEVERS_LRS_SECRET": "s"})
    assert send.returncode not in (0, 70) and "not a web address" in send.stderr


def test_the_background_sender_survives_an_unexpected_error_and_says_so(saves, make_attempt):
    board = open_scoreboard()
    board.record(make_attempt("Ana"))
    calls = []

    def post(config, statements):
        calls.append(len(statements))
        raise RuntimeError("a library bug")
    sender = Sender(open_scoreboard, LRSConfig(endpoint="http://127.0.0.1:9/xAPI/", user="k", secret="s"),
                    idle_s=0.05, post=post).start()
    try:
        deadline = time.time() + 20
        while time.time() < deadline and len(calls) < 2:
            time.sleep(0.05)
        assert len(calls) >= 2, "the sender tried once and died"
        assert sender.problem and "unexpected error (RuntimeError: a library bug)" in sender.problem
        assert sender._thread.is_alive()
    finally:
        sender.stop()
    assert board.outbox_status()["waiting"] == 1  # nothing lost
