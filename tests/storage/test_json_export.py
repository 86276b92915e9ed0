"""`scoreboard --format json` has the database build each attempt's object
(json_sql.py): the parsed document must be exactly what the Python
implementation before it wrote (kept here as `before`), on SQLite and on
PostgreSQL, for every filter, awkward text, attempts with and without each
optional field, abandoned and scripted ones, and damaged rows."""
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.core import loader
from game.core.engine import Playthrough
from game.storage.attempts import Attempt
from game.storage.export import attempt_record
from game.storage.scoreboard import open_scoreboard
from tests.storage.conftest import LATE

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["Ana", 'Bo "the boss"', "Łucja Żak", "back\\slash", "Émile 😀", "O'Neil", "Zoë"]


def before(board, **selection) -> str:
    """The JSON as `scoreboard --format json` wrote it before the database built it (objects, then
    attempt_record, then json.dumps with indent=2)."""
    out = io.StringIO()
    count = 0
    for attempt in board.iter_attempts(**selection):
        out.write("[\n" if count == 0 else ",\n")
        out.write(json.dumps(attempt_record(attempt), indent=2, ensure_ascii=False))
        count += 1
    out.write("[]\n" if count == 0 else "\n]\n")
    return out.getvalue()


def now(board, **selection) -> str:
    out = io.StringIO()
    board.write_json(out, **selection)
    return out.getvalue()


def recorded(board, make_attempt) -> list:
    attempts = []
    for n, name in enumerate(NAMES):
        a = make_attempt(name, choices=[(1, 2, 2), (1, 1, 1), (2, 1, 1)][n % 3],
                         finished_at=f"2026-11-{20 + n % 3}T10:{n:02d}:00+00:00", mode=["coach", "assessment"][n % 2])
        a.title = ['Refunds, "late" ones', "Tab\there, line\nbreak, bell \x07, back\\slash", "Plain ☕"][n % 3]
        a.persona = ["", "grumpy", "calm"][n % 3]
        a.persona_style = ["", "direct", "steady"][n % 3]
        a.player_style = ["", "", "expressive"][n % 3]
        a.learner = 'o"neil\\x@example.org' if n == 1 else ""
        a.active_s = [None, 12.345, 0.0][n % 3]
        a.duration_s = [89.5, 1234.567891, 3.0, 1e-7, 0.1 + 0.2, 1e20, 7.25][n]  # 0.1 + 0.2 has 17 digits
        a.scripted = n % 2 == 1
        a.mastery = [75, 60, 100][n % 3]
        if n == 2:  # a reply with awkward text, stored as the game stores replies
            a.steps[0]["text"] = 'Say "hi" \\ 😀\nthen\ttab \x01'
        if n == 3:
            a.steps = []  # recorded before replies were stored
        if n == 4:  # levers and rules not as the game writes them: one lever and one rule missing
            del a.levers["connect"]
            del a.rules["dont_upset"]
        if n == 5:  # in another order, a lever with an extra key
            a.levers = {k: {**v, "note": "x"} for k, v in reversed(list(a.levers.items()))}
        if n == 6:
            a.scenario = "renewal-call"
        attempts.append(a)
    run = Playthrough(loader.load_file(LATE))
    run.choose(2)  # left after one reply: abandoned, no ending
    attempts.append(Attempt.from_playthrough(run, "Quitter", "assessment", started_at="2026-11-20T11:00:00+00:00",
                                             finished_at="2026-11-20T11:01:00+00:00", learner="q@example.org"))
    for a in attempts:
        board.record(a)
    return attempts


def check(board, **selection) -> list:
    new, old = now(board, **selection), before(board, **selection)
    assert json.loads(new) == json.loads(old)
    lines = new.splitlines()
    assert lines[0] in ("[", "[]") and (lines[-1] == "]" or new == "[]\n")
    assert all(line.startswith("{") and line.rstrip(",").endswith("}") for line in lines[1:-1])  # one a line
    return json.loads(new)


def test_the_database_writes_the_same_document_for_every_filter(store, make_attempt):
    board = open_scoreboard()
    attempts = recorded(board, make_attempt)
    board.mark_sent([attempts[0].registration, attempts[3].registration], "2026-11-22T00:00:00+00:00")
    every = check(board)
    assert len(every) == len(attempts)
    assert {r["player"] for r in every} == {*NAMES, "Quitter"}
    by = {r["player"]: r for r in every}
    quitter = by["Quitter"]
    assert quitter["status"] == "abandoned" and quitter["ending"] is None and quitter["passed"] is False
    assert quitter["learner"] == "q@example.org" and quitter["persona"] is None
    assert by[NAMES[4]]["levers"]["connect"] == {"points": 0, "ceiling": 0, "percent": None}
    assert by[NAMES[4]]["rules"]["dont_upset"] == 0 and by[NAMES[3]]["steps"] == []
    assert by[NAMES[2]]["steps"][0]["text"] == 'Say "hi" \\ 😀\nthen\ttab \x01'
    assert by[NAMES[1]]["scripted"] is True and by[NAMES[1]]["learner"] == 'o"neil\\x@example.org'
    assert by[NAMES[6]]["duration_s"] == 7.25 and by[NAMES[4]]["duration_s"] == 0.1 + 0.2
    assert len(check(board, scenario="late-refund")) == len(attempts) - 1
    assert [r["player"] for r in check(board, scenario="renewal-call")] == ["Zoë"]
    assert len(check(board, scenario="nope")) == 0
    assert [r["player"] for r in check(board, player="Łucja Żak")] == ["Łucja Żak"]
    assert {r["persona"] for r in check(board, persona="grumpy")} == {"grumpy"}
    assert {r["persona_style"] for r in check(board, persona_style="steady")} == {"steady"}
    assert {r["finished_at"][:10] for r in check(board, since="2026-11-22T00:00:00+00:00")} == {"2026-11-22"}
    unsent = check(board, unsent=True)
    assert len(unsent) == len(attempts) - 2 and attempts[0].registration not in {r["registration"] for r in unsent}
    assert board.skipped == []


def damage(board, store, sql: str, registration: str) -> None:
    with board.transaction("damage") as run:
        run(sql, (registration,))


@pytest.mark.parametrize("sql", [
    "UPDATE attempts SET levers = '{not json' WHERE registration = ?",
    "UPDATE attempts SET choices = '[1, \"2\"]' WHERE registration = ?",
    "UPDATE attempts SET path = '[\"a\", 2]' WHERE registration = ?",
    "UPDATE attempts SET rules = '{\"dont_upset\": -1}' WHERE registration = ?",
    "UPDATE attempts SET score = 101 WHERE registration = ?",
    "UPDATE attempt_steps SET steps = '[1, 2]' WHERE attempt_id = (SELECT id FROM attempts WHERE registration = ?)",
    "UPDATE attempt_steps SET steps = '[{not json}]' "
    "WHERE attempt_id = (SELECT id FROM attempts WHERE registration = ?)",
])
def test_a_damaged_row_is_skipped_with_a_note_and_the_others_are_written_as_before(store, make_attempt, sql):
    board = open_scoreboard()
    attempts = recorded(board, make_attempt)
    damage(board, store, sql, attempts[2].registration)
    written = check(board)
    assert len(written) == len(attempts) - 1 and attempts[2].registration not in {r["registration"] for r in written}
    notes = [n for n in board.skipped if "was skipped: its stored data is damaged" in n]
    assert len(notes) == 2  # one from the database's export, one from `before`
    assert notes[0] == notes[1]


def test_sqlite_rows_written_around_the_game_are_checked_too(saves, make_attempt):
    """SQLite keeps any type in any column: a score in words, a BLOB for a name."""
    board = open_scoreboard()
    attempts = recorded(board, make_attempt)
    conn = board._connection()
    conn.execute("UPDATE attempts SET score = 'ninety' WHERE registration = ?", (attempts[1].registration,))
    conn.execute("UPDATE attempts SET player = X'414E41' WHERE registration = ?", (attempts[3].registration,))
    conn.execute("UPDATE attempts SET seed = 1.5 WHERE registration = ?", (attempts[5].registration,))
    conn.commit()
    written = check(board)
    assert len(written) == len(attempts) - 3


def test_the_command_writes_one_attempt_a_line_and_says_what_it_skipped(saves, make_attempt):
    board = open_scoreboard()
    attempts = recorded(board, make_attempt)
    expected = json.loads(before(board))
    board.close()
    env = {**os.environ, "FIVE_LEVERS_SAVES": str(saves), "PYTHONIOENCODING": "utf-8"}
    listed = subprocess.run([sys.executable, "main.py", "scoreboard", "--format", "json"], cwd=ROOT, env=env,
                            capture_output=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    text = listed.stdout.decode("utf-8")
    assert json.loads(text) == expected and len(text.splitlines()) == len(attempts) + 2
    assert "Łucja Żak" in text and "😀" in text  # as they are, not \u escapes


@pytest.mark.parametrize("registration, kept", [("0123-456789ab-cdef-0123-456789abcdef", True),
                                                ("0123456789AB-CDEF-0123-4567-89abcdef0123", False)])
def test_a_registration_the_query_does_not_write_is_left_to_python_as_before(store, make_attempt, registration, kept):
    """The query writes only a registration of 32 lower-case hex digits with its dashes in place (one GLOB);
    any other is left to Python, which does what it did before: dashes elsewhere are written as stored,
    capitals are a damaged row, skipped with a note."""
    board = open_scoreboard()
    attempts = recorded(board, make_attempt)
    damage(board, store, f"UPDATE attempts SET registration = '{registration}' WHERE registration = ?",
           attempts[1].registration)
    written = check(board)  # the same document as before, parsed
    assert (registration in {r["registration"] for r in written}) is kept
    assert len(written) == len(attempts) - (not kept)
    assert bool(board.skipped) is not kept
