import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from game.core import loader  # noqa: E402

MINIMAL = """\
format: 1
id: mini
title: Mini
summary: A tiny scenario.
customer:
  name: Sam
start: a
nodes:
  a:
    text: Hello.
    choices:
      - text: Hi.
        goto: done
endings:
  done:
    outcome: retained
    text: Bye.
"""


@pytest.fixture
def write_scenario(tmp_path):
    """Write scenario text to a file in a temporary folder; return its path."""
    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path
    return write


@pytest.fixture
def load():
    def load_text(text: str):
        return loader.load_text(text, "test.yaml")
    return load_text


@pytest.fixture
def saves(tmp_path, monkeypatch):
    """A fresh saves folder (FIVE_LEVERS_SAVES) for this test, with no team
    database or LRS from the environment of whoever runs the tests."""
    folder = tmp_path / "saves"
    monkeypatch.setenv("FIVE_LEVERS_SAVES", str(folder))
    for name in ("FIVE_LEVERS_DB", "FIVE_LEVERS_LRS_ENDPOINT", "FIVE_LEVERS_LRS_USER", "FIVE_LEVERS_LRS_SECRET",
                 "FIVE_LEVERS_LEARNER", "FIVE_LEVERS_XAPI_HOME_PAGE", "FIVE_LEVERS_XAPI_BASE", "FIVE_LEVERS_LRS_SENDS",
                 "FIVE_LEVERS_SENDER_ID"):
        monkeypatch.delenv(name, raising=False)
    return folder


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL server on loopback for the whole session (tests/pg_cluster.py)."""
    from tests.pg_cluster import start_or_skip
    cluster = start_or_skip()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, saves, monkeypatch):
    """Each storage test runs twice: on the SQLite file, and on a fresh
    PostgreSQL database (FIVE_LEVERS_DB). Returns the backend's name;
    `open_scoreboard()` then opens that store."""
    if request.param != "postgresql":
        yield request.param
        return
    from game.storage.pg_board import PostgresScoreboard
    address = request.getfixturevalue("pg_cluster").new_database()
    monkeypatch.setenv("FIVE_LEVERS_DB", address)
    opened = []
    real_init = PostgresScoreboard.__init__

    def tracked(self, *args, **kwargs):
        opened.append(self)
        real_init(self, *args, **kwargs)
    monkeypatch.setattr(PostgresScoreboard, "__init__", tracked)
    yield request.param
    for board in opened:  # tests need not close what they open; a server connection must be
        board.close()


@pytest.fixture
def lrs(tmp_path):
    """A real LRS (Ralph) on loopback for this test (tests/delivery/ralph_server.py)."""
    from tests.delivery.ralph_server import RalphLRS
    server = RalphLRS(tmp_path / "lrs").start()
    yield server
    server.kill()
