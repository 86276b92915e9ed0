"""An attempt the scoreboard could not take waits on this computer and is
added later, once: recording is idempotent by registration."""
from game.storage import pending
from game.storage.scoreboard import open_scoreboard


def test_recording_the_same_attempt_twice_counts_it_once(store, make_attempt):
    board = open_scoreboard()
    attempt = make_attempt("Ana")
    first = board.record(attempt)
    again = board.record(attempt)  # a retry of a write that had in fact arrived
    assert first == again and board.count() == 1
    assert board.outbox_status()["waiting"] == 1
    assert [r["attempts"] for r in board.leaderboard("late-refund")] == [1]


def test_a_kept_attempt_is_added_when_the_scoreboard_takes_it_and_then_forgotten(store, saves, make_attempt):
    attempt = make_attempt("Ana")
    pending.keep(attempt)
    [(path, kept)] = pending.waiting()
    assert kept.registration == attempt.registration and kept.steps == attempt.steps
    board = open_scoreboard()
    assert pending.retry(board) == 1
    assert not path.exists() and pending.waiting() == []
    [stored] = board.attempts()
    assert (stored.registration, stored.score, stored.steps) == (attempt.registration, attempt.score, attempt.steps)


def test_a_failed_retry_keeps_the_attempt(saves, make_attempt):
    from game.storage.files import StorageError

    class Away:
        def record(self, attempt):
            raise StorageError("the team scoreboard cannot be reached")
    pending.keep(make_attempt("Ana"))
    try:
        pending.retry(Away())
    except StorageError:
        pass
    assert len(pending.waiting()) == 1


def test_a_scripted_play_while_the_team_database_is_away_is_kept_and_added_by_the_next(saves, pg_cluster, monkeypatch):
    import os
    import subprocess
    import sys
    from pathlib import Path

    from game.storage import pending
    from tests.pg_cluster import free_port
    from tests.shells.cli.test_cli import LATE
    root = Path(__file__).resolve().parents[2]

    def play(address, player):
        env = {**os.environ, "FIVE_LEVERS_SAVES": str(saves), "FIVE_LEVERS_DB": address}
        return subprocess.run([sys.executable, "main.py", "play", str(LATE), "--choices", "1,1,1", "--player", player],
                              cwd=root, capture_output=True, text=True, timeout=60, env=env)
    away = play(f"postgresql://five@127.0.0.1:{free_port()}/postgres", "Ana")
    assert away.returncode == 4 and "kept on this computer" in away.stderr and "Traceback" not in away.stderr
    assert len(pending.waiting()) == 1
    address = pg_cluster.new_database()  # the database is back
    back = play(address, "Bo")
    assert back.returncode == 0 and "1 attempt kept on this computer was added" in back.stderr
    monkeypatch.setenv("FIVE_LEVERS_DB", address)
    board = open_scoreboard()
    try:
        assert sorted(a.player for a in board.attempts()) == ["Ana", "Bo"]
    finally:
        board.close()
    assert pending.waiting() == []
