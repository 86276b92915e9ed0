"""A scoreboard is set aside only when SQLite says it is damaged: a read-only
folder or a file standing where the folder should be is a message, and the
healthy file stays where it is, attempts and all."""
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from game.storage.files import StorageError
from game.storage.scoreboard import SQLiteScoreboard, is_corrupt

ROOT = Path(__file__).resolve().parents[2]
LATE = ROOT / "tests" / "plans" / "scenarios" / "late-refund.yaml"

pytestmark = pytest.mark.skipif(os.geteuid() == 0 and sys.platform != "linux", reason="needs permissions")


def play(saves, *extra):
    env = {**os.environ, "FIVE_LEVERS_SAVES": str(saves)}
    return subprocess.run([sys.executable, "main.py", "play", str(LATE), "--choices", "1,1,1", "--player", "Ana",
                           *extra], cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)


def test_a_damaged_file_is_corrupt_by_sqlites_own_verdict(tmp_path):
    bad = tmp_path / "scoreboard.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(sqlite3.DatabaseError) as caught:
        sqlite3.connect(bad).execute("PRAGMA user_version").fetchone()
    assert is_corrupt(caught.value)
    board = SQLiteScoreboard(bad)
    assert board.notice and "moved aside" in board.notice
    board.close()


def test_an_unreachable_folder_is_a_message_and_nothing_is_moved(tmp_path):
    blocker = tmp_path / "saves"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StorageError, match="cannot be opened"):
        SQLiteScoreboard(blocker / "scoreboard.sqlite3")
    assert blocker.read_text() == "a file where the folder should be"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saves"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores read-only permissions")
def test_a_read_only_folder_keeps_the_scoreboard(tmp_path):
    saves = tmp_path / "saves"
    saves.mkdir()
    assert play(saves).returncode == 0
    os.chmod(saves, 0o500)
    try:
        proc = play(saves)
        assert proc.returncode == 4 and "not recorded" in proc.stderr
        assert not [p for p in saves.iterdir() if "corrupt" in p.name]
    finally:
        os.chmod(saves, 0o700)
    board = SQLiteScoreboard(saves / "scoreboard.sqlite3")
    assert len(board.attempts()) == 1
    board.close()


def test_play_says_with_its_exit_code_when_the_attempt_was_not_recorded(tmp_path):
    blocker = tmp_path / "saves"
    blocker.write_text("not a folder")
    proc = play(tmp_path / "ok")
    assert proc.returncode == 0 and "Recorded attempt" in proc.stderr
    env_saves = blocker / "inner"
    proc = play(env_saves)
    assert proc.returncode == 4 and "cannot be used" in proc.stderr and "Traceback" not in proc.stderr
