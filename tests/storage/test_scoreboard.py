"""The SQLite scoreboard: what is kept, how it is queried, how it migrates."""
import sqlite3

import pytest

from game.storage.attempts import clean_player_name
from game.storage.scoreboard import MIGRATIONS, SQLiteScoreboard, open_scoreboard


def test_an_attempt_keeps_everything_a_reviewer_needs(store, make_attempt):
    board = open_scoreboard()
    attempt = make_attempt()
    board.record(attempt)
    got = board.get(attempt.id)
    assert (got.player, got.scenario, got.version, got.content_hash, got.mode) == \
        ("Ana", "late-refund", 3, attempt.content_hash, "coach")
    assert (got.started_at, got.finished_at, got.duration_s) == \
        ("2026-11-20T09:58:30+00:00", "2026-11-20T10:00:00+00:00", 90.0)
    assert got.choices == [1, 2, 2] and got.path == ["opening", "story", "fix", "kept"]
    assert got.levers["customers_first"] == {"points": 3, "ceiling": 4, "percent": 75}
    assert got.rules == {"dont_upset": 0, "dont_make_it_worse": 1, "shut_up_and_listen": 0}
    assert (got.score, got.grade, got.outcome) == (42, "Needs work", "retained")
    assert [s["node"] for s in got.steps] == ["opening", "story", "fix"]
    assert got.steps[0]["text"] == "I'm sorry. Please, tell me what happened."


def test_the_database_is_in_wal_mode_with_a_busy_timeout(saves):
    board = SQLiteScoreboard()
    assert board._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert board._conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert board._conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_leaderboard_is_each_players_best_and_history_is_in_time_order(store, make_attempt):
    board = open_scoreboard()
    board.record(make_attempt("Ana", (1, 2, 2), finished_at="2026-11-20T10:00:00+00:00"))  # 42
    board.record(make_attempt("Ana", (1, 1, 1), finished_at="2026-11-21T10:00:00+00:00"))
    board.record(make_attempt("Bo", (2, 1, 1), finished_at="2026-11-21T11:00:00+00:00"))
    board_rows = board.leaderboard("late-refund")
    assert [r["player"] for r in board_rows] == sorted({r["player"] for r in board_rows},
                                                        key=lambda p: -max(a.score for a in board.history(p)))
    ana = next(r for r in board_rows if r["player"] == "Ana")
    assert ana["attempts"] == 2 and ana["best"] == max(a.score for a in board.history("Ana"))
    assert [a.finished_at[:10] for a in board.history("Ana")] == ["2026-11-20", "2026-11-21"]
    assert board.history("Nobody") == []
    assert set(board.bests("Ana")) == {"late-refund"}


def test_a_version_1_database_is_migrated_on_open_and_keeps_its_attempts(saves):
    saves.mkdir(parents=True)
    conn = sqlite3.connect(saves / "scoreboard.sqlite3")
    conn.executescript(MIGRATIONS[0])
    conn.execute("INSERT INTO attempts (registration, player, scenario, version, content_hash, mode, started_at, "
                 "finished_at, duration_s, choices, path, levers, rules, breaches, score, grade, outcome) "
                 "VALUES ('11111111-1111-1111-1111-111111111111', 'Old', 'late-refund', 3, 'x', 'coach', "
                 "'2025-01-01T00:00:00+00:00', '2025-01-01T00:01:00+00:00', 60, '[1]', '[\"opening\"]', '{}', "
                 "'{}', 0, 10, 'Needs work', 'lost')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    board = SQLiteScoreboard()
    assert board._conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    [old] = board.attempts()
    assert (old.player, old.score, old.steps, old.status) == ("Old", 10, [], "finished")


def test_a_database_from_a_newer_game_is_refused_not_overwritten(saves):
    saves.mkdir(parents=True)
    conn = sqlite3.connect(saves / "scoreboard.sqlite3")
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.close()
    from game.storage.files import StorageError
    with pytest.raises(StorageError, match="newer version"):
        SQLiteScoreboard()
    assert (saves / "scoreboard.sqlite3").exists()


@pytest.mark.parametrize("name, message", [
    ("", "empty"), ("   ", "empty"), ("x" * 41, "at most 40"), ("tab\there", "printable"),
    ("line\nbreak", "printable"), (None, "text")])
def test_bad_player_names_are_refused_with_the_reason(name, message):
    with pytest.raises(ValueError, match=message):
        clean_player_name(name)


def test_player_names_are_trimmed_and_may_use_any_script():
    assert clean_player_name("  Łucja Ñúñez 李  ") == "Łucja Ñúñez 李"
    assert clean_player_name("x" * 40) == "x" * 40


def test_the_leaderboard_is_per_person_two_sams_are_two_and_one_learner_is_one(store, make_attempt):
    from dataclasses import replace
    board = open_scoreboard()
    sam_a = replace(make_attempt("Sam", (1, 2, 2)), learner="sam.a@example.org")
    sam_b = replace(make_attempt("Sam", (1, 1, 1)), learner="sam.b@example.org")
    ana_first = replace(make_attempt("Ana", (1, 2, 2), finished_at="2026-11-20T10:00:00+00:00"),
                        learner="ana@example.org")
    ana_again = replace(make_attempt("Ana L.", (1, 2, 2), finished_at="2026-11-21T10:00:00+00:00"),
                        learner="ana@example.org")  # the same person, another display name
    for attempt in (sam_a, sam_b, ana_first, ana_again):
        board.record(attempt)
    rows = board.leaderboard("late-refund")
    assert sorted((r["player"], r["learner"], r["attempts"]) for r in rows) == \
        [("Ana", "ana@example.org", 2), ("Sam", "sam.a@example.org", 1), ("Sam", "sam.b@example.org", 1)]
    ana = next(r for r in rows if r["learner"] == "ana@example.org")
    assert ana["id"] == ana_first.id  # a tie keeps the earlier attempt
    assert [r["best"] for r in rows] == sorted((r["best"] for r in rows), reverse=True)
    board.record(replace(make_attempt("Ana", (2, 1, 1)), learner="ana@example.org", status="abandoned"))
    assert {r["learner"]: r["attempts"] for r in board.leaderboard("late-refund")}["ana@example.org"] == 2


def test_a_version_6_scoreboard_keeps_its_replies_and_is_queued_ranked_and_counted_on_open(saves):
    saves.mkdir(parents=True)
    conn = sqlite3.connect(saves / "scoreboard.sqlite3")
    for number in range(6):
        conn.executescript(MIGRATIONS[number])
    steps = '[{"node": "opening", "choice": 1, "text": "Hello.", "levers": {}, "breaks": []}]'
    for n, (player, score) in enumerate((("Ana", 42), ("Ana", 80), ("Bo", 55))):
        conn.execute("INSERT INTO attempts (registration, player, scenario, version, content_hash, mode, started_at, "
                     "finished_at, duration_s, choices, path, levers, rules, breaches, score, grade, outcome, steps) "
                     f"VALUES ('00000000-0000-4000-8000-00000000000{n}', ?, 'late-refund', 3, 'x', 'coach', "
                     f"'2025-01-0{n + 1}T00:00:00+00:00', '2025-01-0{n + 1}T00:01:00+00:00', 60, '[1]', '[\"opening\"]', "
                     "'{}', '{}', 0, ?, 'Needs work', 'lost', ?)", (player, score, steps))
    conn.execute("PRAGMA user_version = 6")
    conn.commit()
    conn.close()
    board = SQLiteScoreboard()
    assert board._conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert [a.steps[0]["text"] for a in board.attempts()] == ["Hello."] * 3
    assert board.history("Ana")[0].steps == []  # lists leave the replies out
    assert [(r["player"], r["best"], r["attempts"]) for r in board.leaderboard("late-refund")] == \
        [("Ana", 80, 2), ("Bo", 55, 1)]
    assert board.outbox_status()["waiting"] == 3  # kept before there was an LRS: queued, not forgotten
    board.close()


def test_history_is_what_lists_show_and_get_has_the_whole_attempt(store, make_attempt):
    board = open_scoreboard()
    attempt = make_attempt("Ana")
    board.record(attempt)
    [listed] = board.history("Ana")
    assert listed.summary and (listed.id, listed.score, listed.grade, listed.outcome) == \
        (attempt.id, attempt.score, attempt.grade, attempt.outcome)
    assert listed.choices == attempt.choices and listed.levers == attempt.levers and listed.rules == attempt.rules
    whole = board.get(listed.id)
    assert not whole.summary
    assert (whole.registration, whole.path, whole.steps, whole.started_at) == \
        (attempt.registration, attempt.path, attempt.steps, attempt.started_at)
