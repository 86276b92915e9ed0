"""The issue's "done when", as a trainer would try it: twenty copies of the
game (the real window, each with its own saves folder, as on twenty
computers) point at one PostgreSQL database and one LRS, play, the network
is pulled (database and LRS gone) while they play again, it is restored,
and every attempt is found once in the shared scoreboard and once in the LRS."""
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from tests.delivery.ralph_server import SECRET, USER
from tests.pg_cluster import start_or_skip

ROOT = Path(__file__).resolve().parents[2]
COPIES = 20
STATEMENTS_PER_ATTEMPT = 6  # initialized, three answered, completed, terminated


def wait_for(what, check, seconds: float):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.5)
    raise AssertionError(f"{what} did not happen within {seconds:.0f} s")


def stored_attempts(address: str) -> list[str]:
    try:
        with psycopg.connect(address, connect_timeout=2) as conn:
            return [r[0] for r in conn.execute("SELECT registration FROM attempts").fetchall()]
    except psycopg.Error:
        return []


@pytest.fixture
def cluster():
    started = start_or_skip()
    yield started
    started.stop()


def test_twenty_copies_lose_nothing_when_the_network_is_pulled_and_restored(cluster, lrs, tmp_path):
    address = cluster.new_database()
    copies = []
    for n in range(COPIES):
        env = {**os.environ, "FIVE_LEVERS_SAVES": str(tmp_path / f"computer{n}"), "FIVE_LEVERS_DB": address,
               "FIVE_LEVERS_LRS_ENDPOINT": lrs.endpoint, "FIVE_LEVERS_LRS_USER": USER,
               "FIVE_LEVERS_LRS_SECRET": SECRET, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
        with open(tmp_path / f"computer{n}.log", "w") as log:  # what the copy says on stderr, if anything
            copies.append(subprocess.Popen([sys.executable, "tests/delivery/team_copy.py", f"Trainee{n:02d}"], cwd=ROOT,
                                           env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log,
                                           text=True))
    try:
        def everyone_plays():
            for copy in copies:
                copy.stdin.write("play\n")
                copy.stdin.flush()
            for n, copy in enumerate(copies):
                assert copy.stdout.readline().strip() == "played", (tmp_path / f"computer{n}.log").read_text()

        everyone_plays()
        wait_for("the first round reaching the LRS",
                 lambda: len(lrs.statements()) == COPIES * STATEMENTS_PER_ATTEMPT, 90)
        cluster.pause()  # the network pulled: no database, no LRS
        lrs.kill()
        everyone_plays()  # attempts wait on each computer
        wait_for("every copy keeping its attempt on its computer", lambda: sum(
            len(list((tmp_path / f"computer{n}" / "pending").glob("*.json"))) for n in range(COPIES)) == COPIES, 60)
        cluster.resume()  # the network back
        lrs.start()
        registrations = wait_for("every attempt in the shared scoreboard",
                                 lambda: (found := stored_attempts(address)) and len(found) == 2 * COPIES and found,
                                 120)
        statements = wait_for("every attempt in the LRS", lambda: (
            found := lrs.statements()) and len(found) == 2 * COPIES * STATEMENTS_PER_ATTEMPT and found, 120)
    finally:
        for copy in copies:
            try:
                copy.stdin.close()
            except OSError:
                pass
        for copy in copies:
            copy.wait(60)
            copy.stdout.close()
    assert len(set(registrations)) == 2 * COPIES  # each attempt once
    assert len({s["id"] for s in statements}) == len(statements)  # each statement once
    assert {s["context"]["registration"] for s in statements} == set(registrations)
    assert {s["actor"]["account"]["name"] for s in statements} == {f"trainee{n:02d}@example.org" for n in range(COPIES)}
    assert all(copy.returncode == 0 for copy in copies)
    assert not any(list((tmp_path / f"computer{n}" / "pending").glob("*.json")) for n in range(COPIES))
