"""SQLite keeps each attempt's line of `scoreboard --format json` ready (`attempt_json`, kept_json.py): the
export must write the very bytes it wrote when its query built every line (kept here as `_json_kept =
False`), for every filter, awkward text and damaged rows, and each kept line must always equal the line
built from the row as it is now: after recording, after any write made around the game, after an upgrade."""
import io
import sqlite3

import pytest

from game.storage import scoreboard, sql_board
from game.storage.json_sql import sqlite_joined, sqlite_object
from game.storage.scoreboard import open_scoreboard
from tests.storage.before_quarter import record_as_before_quarter
from tests.storage.test_json_export import recorded

FILTERS = [{}, {"scenario": "late-refund"}, {"scenario": "renewal-call"}, {"player": "Łucja Żak"},
           {"persona": "grumpy"}, {"persona_style": "steady"}, {"learner": "q@example.org"},
           {"since": "2026-11-22T00:00:00+00:00"}, {"unsent": True}]


def written(board, kept: bool, **selection) -> tuple[str, list]:
    board._json_kept, board.skipped = kept, []
    out = io.StringIO()
    board.write_json(out, **selection)
    return out.getvalue(), list(board.skipped)


def same_bytes_as_built(board) -> None:
    for selection in FILTERS:
        kept, built = written(board, True, **selection), written(board, False, **selection)
        assert kept == built, selection
    board._json_kept = True


def kept_lines(conn) -> dict:
    """Each kept line put back together from its parts and its row (NULL: Python reads that attempt)."""
    joined = sqlite_joined("attempt_json.head", "attempt_json.tail")
    return dict(conn.execute(f"SELECT attempts.id, CASE WHEN head IS NOT NULL THEN {joined} END FROM attempt_json "
                             "JOIN attempts ON attempts.id = attempt_json.attempt_id "
                             "LEFT JOIN attempt_steps ON attempt_steps.attempt_id = attempts.id").fetchall())


def recount(conn, leave_out=()) -> dict:
    """Every attempt's line built from its row now (a row holding a BLOB is left out: none is kept for it)."""
    marks = ", ".join("?" for _ in leave_out)
    return dict(conn.execute(f"SELECT attempts.id, {sqlite_object()} FROM attempts LEFT JOIN attempt_steps "
                             f"ON attempt_steps.attempt_id = attempts.id WHERE attempts.id NOT IN ({marks})",
                             tuple(leave_out)).fetchall())


def test_every_attempt_recorded_has_its_line_kept_and_the_export_is_the_same_bytes(saves, make_attempt):
    board = open_scoreboard()
    attempts = recorded(board, make_attempt)
    board.mark_sent([attempts[0].registration], "2026-11-22T00:00:00+00:00")
    conn = board._connection()
    lines = kept_lines(conn)
    assert sorted(lines) == sorted(a.id for a in attempts) and lines == recount(conn)
    assert None in lines.values()  # levers not as the game writes them: left to Python, as before
    same_bytes_as_built(board)
    assert written(board, True)[1] == []


# writes made around the game (the `sqlite3` tool): each changes what the row's line is
AROUND = [
    "UPDATE attempts SET levers = '{not json' WHERE id = 3",
    "UPDATE attempts SET score = 101 WHERE id = 3",
    "UPDATE attempts SET score = 'ninety' WHERE id = 2",
    "UPDATE attempts SET seed = 1.5 WHERE id = 6",
    "UPDATE attempts SET title = 'Now \"quoted\" \\ and\ttabbed' WHERE id = 1",
    "UPDATE attempts SET persona = 'calm', persona_style = '' WHERE id = 1",
    "UPDATE attempts SET registration = '0123-456789ab-cdef-0123-456789abcdef' WHERE id = 2",
    "UPDATE attempts SET id = 99 WHERE id = 5",
    "UPDATE attempt_steps SET steps = '[1, 2]' WHERE attempt_id = 3",
    "UPDATE attempt_steps SET steps = '[{not json}]' WHERE attempt_id = 3",
    "DELETE FROM attempt_steps WHERE attempt_id = 7; UPDATE attempt_steps SET attempt_id = 7 WHERE attempt_id = 1",
    "DELETE FROM attempt_steps WHERE attempt_id = 4",
    "DELETE FROM attempts WHERE id = 8",
    "DELETE FROM attempt_steps WHERE attempt_id = 1; "
    "INSERT INTO attempt_steps (attempt_id, steps) VALUES (1, '[{\"text\": \"back again\"}]')",
    "INSERT INTO attempts (registration, player, scenario, version, content_hash, mode, started_at, finished_at, "
    "duration_s, choices, path, levers, rules, breaches, score, grade, outcome) SELECT "
    "'0123456789ab-cdef-0123-4567-89abcdef0123', 'Added', scenario, version, content_hash, mode, started_at, "
    "finished_at, duration_s, choices, path, levers, rules, breaches, score, grade, outcome FROM attempts WHERE id = 1",
]


@pytest.mark.parametrize("sql", AROUND)
def test_a_write_around_the_game_keeps_the_line_equal_to_the_row(saves, make_attempt, sql):
    board = open_scoreboard()
    recorded(board, make_attempt)
    board.close()
    conn = sqlite3.connect(saves / "scoreboard.sqlite3")
    conn.executescript(sql)
    assert kept_lines(conn) == recount(conn)
    conn.close()
    same_bytes_as_built(open_scoreboard())


def test_a_row_holding_a_blob_keeps_no_line_and_stops_the_export_where_it_did(saves, make_attempt):
    """SQLite keeps any type in any column: building a line could stop on a BLOB (json_quote refuses one),
    which would refuse the write; none is kept, and the export stops there as before, then reads the rest
    the old way."""
    board = open_scoreboard()
    attempts = recorded(board, make_attempt)
    conn = board._connection()
    conn.execute("UPDATE attempts SET player = X'414E41' WHERE id = ?", (attempts[3].id,))
    conn.execute("UPDATE attempt_steps SET steps = X'5B5D' WHERE attempt_id = ?", (attempts[5].id,))
    assert set(kept_lines(conn)) == {a.id for a in attempts} - {attempts[3].id, attempts[5].id}
    assert kept_lines(conn) == recount(conn, leave_out=(attempts[3].id, attempts[5].id))
    same_bytes_as_built(board)
    assert any("'player' is not text" in note for note in written(board, True)[1])


def test_a_failed_recording_keeps_no_line(saves, make_attempt, monkeypatch):
    board = open_scoreboard()
    board.record(make_attempt("Ana"))

    def broken(run, attempt, attempt_id):
        raise sqlite3.OperationalError("disk I/O error")
    monkeypatch.setattr(sql_board, "keep_certificate_summary", broken)
    with pytest.raises(Exception):
        board.record(make_attempt("Bo", finished_at="2026-11-21T10:00:00+00:00"))
    conn = board._connection()
    assert board.count() == 1 and len(kept_lines(conn)) == 1 and kept_lines(conn) == recount(conn)


def test_upgrading_a_scoreboard_with_attempts_fills_the_lines_as_a_recount(saves, make_attempt, monkeypatch):
    """A scoreboard of the schema before (SQLite 17) is upgraded on open: every line is what the query built,
    damaged and awkward rows too, and recording goes on keeping them."""
    full = scoreboard.MIGRATIONS
    step = next(i for i, s in enumerate(full) if not isinstance(s, str) and any("attempt_json" in x for x in s))
    monkeypatch.setattr(scoreboard, "MIGRATIONS", full[:step])
    as_today = record_as_before_quarter(monkeypatch)  # written as then: no `quarter`
    old = open_scoreboard()
    attempts = recorded(old, make_attempt)
    as_today()
    conn = old._connection()
    assert "attempt_json" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.execute("UPDATE attempts SET score = 'ninety' WHERE id = ?", (attempts[1].id,))
    conn.execute("UPDATE attempts SET player = X'414E41' WHERE id = ?", (attempts[3].id,))
    conn.execute("UPDATE attempt_steps SET steps = '[1, 2]' WHERE attempt_id = ?", (attempts[2].id,))
    old.close()
    monkeypatch.setattr(scoreboard, "MIGRATIONS", full)
    board = open_scoreboard()
    conn = board._connection()
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(full)
    assert kept_lines(conn) == recount(conn, leave_out=(attempts[3].id,))
    same_bytes_as_built(board)
    conn.execute("UPDATE attempts SET player = 'Ana' WHERE id = ?", (attempts[3].id,))
    board.record(make_attempt("Late", finished_at="2026-11-19T10:00:00+00:00"))  # an earlier finish
    assert kept_lines(conn) == recount(conn) and len(kept_lines(conn)) == len(attempts) + 1
    same_bytes_as_built(board)


def test_the_export_writes_the_kept_text_as_it_is(saves, make_attempt):
    """The read is stored text joined: no line is built again for an attempt that has its parts kept."""
    board = open_scoreboard()
    recorded(board, make_attempt)
    conn = board._connection()
    kept_id = conn.execute("SELECT attempt_id FROM attempt_json WHERE head IS NOT NULL").fetchone()[0]
    conn.execute("UPDATE attempt_json SET head = '{\"kept\":true,\"choices\":' WHERE attempt_id = ?", (kept_id,))
    text, _ = written(board, True)
    assert len([line for line in text.splitlines() if line.startswith('{"kept":true,"choices":[')]) == 1
