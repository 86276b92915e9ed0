"""A real LRS for the tests: the Ralph LRS (from PyPI) on a loopback port,
storing statements in files in a temporary folder, with HTTP basic
authentication. It can be killed (mid-batch) and started again on the same
port and data, as a trainer's LRS might go down and come back."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import bcrypt

from tests.pg_cluster import free_port

ROOT = Path(__file__).resolve().parents[2]
USER, SECRET = "five-levers", "not-a-real-secret-4711"


class RalphLRS:
    def __init__(self, folder: Path):
        self.folder = folder
        self.data = folder / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        digest = bcrypt.hashpw(SECRET.encode(), bcrypt.gensalt(rounds=4)).decode()
        (folder / "auth.json").write_text(json.dumps([{
            "username": USER, "hash": digest, "scopes": ["all"],
            "agent": {"mbox": "mailto:five-levers@example.org"}}]))

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self) -> "RalphLRS":
        env = {**os.environ, "RALPH_AUTH_FILE": str(self.folder / "auth.json"), "RALPH_APP_DIR": str(self.folder),
               "RALPH_RUNSERVER_BACKEND": "fs", "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.data),
               "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "1000", "PYTHONPATH": str(ROOT)}
        with open(self.folder / "server.log", "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "tests.delivery.ralph_app:app", "--host", "127.0.0.1", "--port", str(self.port),
                 "--log-level", "warning"], cwd=self.folder, env=env, stdout=subprocess.DEVNULL, stderr=log)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the Ralph LRS did not start: " + (self.folder / "server.log").read_text()[-2000:])
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1).read()
                return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        raise RuntimeError("the Ralph LRS did not answer within 60 s")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def statements(self) -> list[dict]:
        """Every statement the LRS holds (following its `more` links)."""
        import base64
        token = base64.b64encode(f"{USER}:{SECRET}".encode()).decode()
        out, url = [], f"http://127.0.0.1:{self.port}/xAPI/statements?limit=1000"
        while url:
            request = urllib.request.Request(url, headers={"Authorization": f"Basic {token}",
                                                           "X-Experience-API-Version": "1.0.3"})
            page = json.loads(urllib.request.urlopen(request, timeout=10).read())
            out += page["statements"]
            more = page.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else None
        return out
