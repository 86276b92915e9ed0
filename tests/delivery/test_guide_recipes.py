"""The reviewer's guide's team recipes are the ones the tests use: the
database reached through a service file (no password in FIVE_LEVERS_DB),
and Ralph run with the file-backend fix the delivery tests run it with."""
import re
from pathlib import Path

from game.storage.scoreboard import open_scoreboard

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "reviewer-guide.md").read_text(encoding="utf-8")


def test_the_database_is_reached_through_a_service_file(pg_cluster, saves, tmp_path, monkeypatch):
    address = pg_cluster.new_database()
    port, database = re.search(r":(\d+)/(\w+)$", address).groups()
    service = tmp_path / "pg_service.conf"
    service.write_text(f"[five-levers]\nhost=127.0.0.1\nport={port}\ndbname={database}\nuser=five\n",
                       encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(service))
    assert "export FIVE_LEVERS_DB=postgresql:///?service=five-levers" in GUIDE
    monkeypatch.setenv("FIVE_LEVERS_DB", "postgresql:///?service=five-levers")
    board = open_scoreboard()
    try:
        assert board.shared and board.count() == 0  # connected, and the tables made
    finally:
        board.close()


def test_the_guide_runs_ralph_as_the_delivery_tests_do():
    app = (ROOT / "tests" / "delivery" / "ralph_app.py").read_text(encoding="utf-8")
    for line in ("from ralph.backends.data.base import BaseOperationType",
                 "from ralph.backends.data.fs import FSDataBackend",
                 "FSDataBackend.default_operation_type = BaseOperationType.APPEND"):
        assert line in app and line in GUIDE
    requirement = re.search(r"ralph-malph\[backend-fs,lrs\]==[\d.]+", (ROOT / "requirements-dev.txt").read_text())
    assert requirement and requirement.group(0) in GUIDE
    server = (ROOT / "tests" / "delivery" / "ralph_server.py").read_text(encoding="utf-8")
    for setting in ("RALPH_AUTH_FILE", "RALPH_RUNSERVER_BACKEND", "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"):
        assert setting in server and setting in GUIDE
