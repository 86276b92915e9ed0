"""Real processes against a real SQLite file: concurrent writers, a writer
killed mid-write, a damaged file. Nothing recorded is lost, nothing crashes."""
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from game.storage.scoreboard import SQLiteScoreboard, open_scoreboard

ROOT = Path(__file__).resolve().parents[2]


def spawn(saves, *args):
    env = {**os.environ, "FIVE_LEVERS_SAVES": str(saves), "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.storage.writer", *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_processes_recording_at_the_same_moment_lose_nothing(store, saves, tmp_path):
    open_scoreboard().close()  # create the scoreboard first, as the game would
    go = tmp_path / "go"
    writers = [spawn(saves, name, 150, go) for name in ("first", "second")]
    for w in writers:
        assert w.stdout.readline().strip() == "ready"
    go.touch()  # both start writing at once
    written = set()
    for w in writers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
        assert "Traceback" not in err
        written |= {line.split()[1] for line in out.splitlines()}
    board = open_scoreboard()
    assert len(written) == 300
    assert {a.registration for a in board.attempts()} == written
    assert len(board.history("first")) == len(board.history("second")) == 150


def test_a_process_killed_while_writing_leaves_every_committed_attempt(saves):
    SQLiteScoreboard().close()
    writer = spawn(saves, "victim", 100000)
    assert writer.stdout.readline().strip() == "ready"
    committed = []
    while len(committed) < 200:
        committed.append(writer.stdout.readline().split()[1])
    writer.send_signal(signal.SIGKILL)  # no chance to clean up, probably mid-transaction
    writer.communicate(timeout=30)
    conn = sqlite3.connect(saves / "scoreboard.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    board = SQLiteScoreboard()
    assert board.notice is None
    stored = {a.registration for a in board.attempts()}
    assert set(committed) <= stored
    newest = board.attempts()[-1]
    newest.id, newest.registration = None, "00000000-0000-4000-8000-000000000001"
    board.record(newest)
    assert board.count() == len(stored) + 1  # and it still takes new attempts
    board.close()


def test_a_damaged_file_is_moved_aside_and_a_fresh_scoreboard_started(saves):
    saves.mkdir(parents=True)
    damaged = b"this is not a database" * 200
    (saves / "scoreboard.sqlite3").write_bytes(damaged)
    env = {"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(saves)}
    proc = subprocess.run([sys.executable, "main.py", "scoreboard"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "moved aside" in proc.stderr and "No attempts recorded yet" in proc.stdout
    [aside] = [p for p in saves.iterdir() if ".corrupt-" in p.name]
    assert aside.read_bytes() == damaged  # kept for inspection, not deleted
    assert SQLiteScoreboard().count() == 0


def test_processes_creating_the_scoreboard_at_once_all_work(store, saves, tmp_path):
    saves.mkdir(parents=True)
    names = [f"client{n}" for n in range(8)]
    writers = [spawn(saves, name, 20) for name in names]  # no tables yet: all migrate at once
    for w in writers:
        out, err = w.communicate(timeout=120)
        assert w.returncode == 0, err
    board = open_scoreboard()
    assert board.count() == 160
    assert board.outbox_status()["waiting"] == 160  # each queued for the LRS with its attempt
    board.close()
