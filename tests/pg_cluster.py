"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder,
a server on a free loopback port, torn down at the end of the session.

The binaries come from the distribution's packages (/usr/lib/postgresql/N/bin,
or FIVE_LEVERS_PG_BIN). PostgreSQL refuses to run as root; as root, the
server runs as the `postgres` user the package created. Without PostgreSQL
the PostgreSQL half of the storage tests is skipped, unless
FIVE_LEVERS_REQUIRE_PG=1 (CI sets it): then it is a failure.
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest


def pg_bin() -> Path | None:
    candidates = [os.environ.get("FIVE_LEVERS_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name),
                         reverse=True)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists():
            return Path(folder)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self):
        self.bin = pg_bin()
        if self.bin is None:
            raise RuntimeError("PostgreSQL's initdb was not found (install the postgresql package)")
        self.folder = Path(tempfile.mkdtemp(prefix="five-levers-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL will not run as root
            shutil.chown(self.folder, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self._names = itertools.count(1)
        self.options = ""  # more server settings (`-c name=value …`), e.g. TLS

    def _run(self, *args):
        subprocess.run([*self.as_user, *map(str, args)], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> "Cluster":
        self._run(self.bin / "initdb", "-D", self.data, "-A", "trust", "-U", "five", "-E", "UTF8", "--no-sync")
        self.resume()
        return self

    def pause(self) -> None:
        """Stop the server, keeping its data (the network pulled): `resume()` brings it back on the same port."""
        self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "immediate", "stop")

    def resume(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off "
                   f"-c max_connections=200 {self.options}")
        self._run(self.bin / "pg_ctl", "-D", self.data, "-o", options, "-l", self.folder / "log", "-w", "start")

    def stop(self) -> None:
        try:
            self._run(self.bin / "pg_ctl", "-D", self.data, "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            pass  # already stopped (a test paused it and failed before resuming)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def address(self, database: str = "postgres") -> str:
        return f"postgresql://five@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        import psycopg
        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.address(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.address(name)


def start_or_skip() -> Cluster:
    try:
        return Cluster().start()
    except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        if os.environ.get("FIVE_LEVERS_REQUIRE_PG") == "1":
            pytest.fail(f"PostgreSQL is required here but could not be started: {detail}")
        pytest.skip(f"PostgreSQL not available: {detail}")
