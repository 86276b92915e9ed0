"""Two `main.py serve` processes behind one load balancer: a trainee's
conversation in progress is data in the shared database, not a file, so a
conversation started on one server resumes exactly on the other, and the
attempt lands on the scoreboard once. On PostgreSQL the two servers have
different saves folders (two machines); on SQLite they share the folder
(two processes of one machine)."""
from __future__ import annotations

import re
import sqlite3

import httpx
import pytest

from tests.shells.web.browser import Server

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
AT = re.compile(r'name="at" value="(\d+)"')
SECRET = "one-secret-for-every-server-behind-the-balancer-0123456789"


def _count(backend: str, where, sql: str) -> int:
    if backend == "postgresql":
        import psycopg
        with psycopg.connect(where) as db:
            return db.execute(sql).fetchone()[0]
    with sqlite3.connect(where / "scoreboard.sqlite3") as db:
        return db.execute(sql).fetchone()[0]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_conversation_started_on_one_server_resumes_exactly_on_the_other(tmp_path, request, backend):
    env = {"FIVE_LEVERS_SECRET": SECRET}
    if backend == "postgresql":
        address = request.getfixturevalue("pg_cluster").new_database()
        env["FIVE_LEVERS_DB"] = address
        folders, where = [tmp_path / "machine-a", tmp_path / "machine-b"], address
    else:
        folders, where = [tmp_path / "saves"] * 2, tmp_path / "saves"
    servers = []
    try:
        servers = [Server(folder, keep_db=True, env=env) for folder in folders]
        a, b = (s.url for s in servers)
        with httpx.Client(follow_redirects=True, timeout=30) as client:
            page = client.get(f"{a}/")
            page = client.post(f"{a}/signin", data={"csrf": CSRF.search(page.text).group(1), "name": "Two Machines"})
            token = CSRF.search(page.text).group(1)
            client.post(f"{a}/start", data={"csrf": token, "scenario": "tutorial"})  # its briefing
            client.post(f"{a}/begin", data={"csrf": token})  # Start the conversation: now it is saved
            page = client.get(f"{a}/play")
            for _ in range(2):
                page = client.post(f"{a}/reply", data={"csrf": token, "at": AT.search(page.text).group(1),
                                                         "number": "1"})
            left_on_a = client.get(f"{a}/play").text
            assert AT.search(left_on_a).group(1) == "2"
            assert "Resume the conversation" in client.get(f"{b}/scenarios").text
            resumed_on_b = client.get(f"{b}/play").text
            assert resumed_on_b == left_on_a  # exactly where it was: the same line, replies, order and step
            page = client.get(f"{b}/play")
            for turn in range(60):  # the rest, alternating between the servers as a balancer might
                at = AT.search(page.text)
                if at is None:
                    break
                page = client.post(f"{(b, a)[turn % 2]}/reply", data={"csrf": token, "at": at.group(1),
                                                                      "number": "1"})
            assert re.search(r"/attempts/\d+/ending$", str(page.url))
            assert "Resume the conversation" not in client.get(f"{a}/scenarios").text
    finally:
        for server in servers:
            server.stop()
    assert _count(backend, where, "SELECT COUNT(*) FROM attempts WHERE player = 'Two Machines'") == 1
    assert _count(backend, where, "SELECT COUNT(*) FROM saves_in_progress") == 0  # finished: nothing to resume
    for folder in folders:  # nothing of the conversation was kept in a machine's own folder
        assert not (folder / "sessions").exists()
