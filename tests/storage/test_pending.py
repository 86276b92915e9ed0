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
