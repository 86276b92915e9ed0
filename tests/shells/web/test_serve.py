"""`main.py serve` as a user starts it: it answers on the port it was given,
with two worker processes a trainee plays through to one recorded attempt,
and bad options are usage errors."""
from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

import httpx

from tests.shells.web.browser import ROOT, Server

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
AT = re.compile(r'name="at" value="(\d+)"')


def test_serve_with_two_workers_plays_a_scenario_through_to_one_attempt(tmp_path):
    server = Server(tmp_path / "saves", workers=2)
    try:
        with httpx.Client(base_url=server.url, follow_redirects=True, timeout=30) as client:
            assert client.get("/hello").text == "hello"
            page = client.get("/")
            page = client.post("/signin", data={"csrf": CSRF.search(page.text).group(1), "name": "Two Workers"})
            token = CSRF.search(page.text).group(1)
            client.post("/start", data={"csrf": token, "scenario": "tutorial"})
            client.post("/begin", data={"csrf": token})
            page = client.get("/play")
            for _ in range(60):
                at = AT.search(page.text)
                if at is None:
                    break
                page = client.post("/reply", data={"csrf": token, "at": at.group(1), "number": "1"})
            assert re.search(r"/attempts/\d+/ending$", str(page.url))
    finally:
        server.stop()
    with sqlite3.connect(tmp_path / "saves" / "scoreboard.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM attempts WHERE player = 'Two Workers'").fetchone()[0] == 1


def _main(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)


def test_serve_has_help_and_refuses_a_bad_port():
    shown = _main("serve", "--help")
    assert shown.returncode == 0 and "--port" in shown.stdout and "FIVE_LEVERS_DB" in shown.stdout
    bad = _main("serve", "--port", "70000")
    assert bad.returncode == 2 and "not a port number" in bad.stderr and "Traceback" not in bad.stderr
