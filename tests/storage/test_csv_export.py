"""`export --csv` has the database compute each cell (csv_sql.py); the
cells must be exactly what the Python reference (`export.csv_cells`) makes
of the same attempts, on SQLite and on PostgreSQL, for every awkward value
a trainee or an author can type."""
import csv
import io

from game.core import loader
from game.core.engine import Playthrough
from game.storage import export
from game.storage.attempts import Attempt
from game.storage.scoreboard import open_scoreboard
from tests.storage.conftest import LATE

AWKWARD_NAMES = ["=cmd|' /C calc'!A0", "+41 79", "-2", "@SUM(A1)", "Ana, Lima", 'Bo "the boss"', "Łucja Żak",
                 "O'Neil", "  spaced  ", "a" * 40]


def recorded(board, make_attempt):
    attempts = []
    for n, name in enumerate(AWKWARD_NAMES):
        attempt = make_attempt(name.strip(), choices=[(1, 2, 2), (1, 1, 1), (2, 1, 1)][n % 3],
                               finished_at=f"2026-11-20T10:{n:02d}:00+00:00")
        attempt.duration_s = [0.0, 2.5, 3.5, 89.49, 90.5][n % 5]  # halves round up, in both places
        attempt.title = ['Refunds, "late" ones', "=TITLE()", "Plain"][n % 3]
        attempt.persona = ["", "-grumpy", "calm"][n % 3]
        attempt.persona_style = ["", "direct", ""][n % 3]
        attempt.learner = "ana@example.org" if n == 1 else ""
        attempts.append(attempt)
    run = Playthrough(loader.load_file(LATE))
    run.choose(2)  # left after one reply: no ending, a short path
    attempts.append(Attempt.from_playthrough(run, "Quitter", "assessment", started_at="2026-11-20T11:00:00+00:00",
                                             finished_at="2026-11-20T11:01:00+00:00"))
    for attempt in attempts:
        board.record(attempt)
    return attempts


def test_the_database_writes_exactly_the_cells_the_reference_makes(store, make_attempt):
    board = open_scoreboard()
    recorded(board, make_attempt)
    written = io.StringIO()
    assert board.write_csv(written) == len(AWKWARD_NAMES) + 1
    assert written.getvalue() == export.to_csv(board.attempts())
    rows = list(csv.DictReader(io.StringIO(written.getvalue())))
    assert rows[0]["player"] == "'=cmd|' /C calc'!A0" and rows[1]["player"] == "'+41 79"
    assert rows[1]["title"] == "'=TITLE()" and rows[1]["persona"] == "'-grumpy"
    assert [r["duration_s"] for r in rows[:5]] == ["0", "3", "4", "89", "91"]
    assert rows[0]["choices"] == "1 2 2" and rows[0]["path"].startswith("opening > ")
    quitter = rows[-1]
    assert quitter["ending"] == "" and quitter["outcome"] == "abandoned" and quitter["choices"] == "2"


def test_a_selection_exports_only_what_it_names_and_an_empty_one_is_the_header(store, make_attempt):
    board = open_scoreboard()
    attempts = recorded(board, make_attempt)
    written = io.StringIO()
    assert board.write_csv(written, player="Quitter") == 1
    assert written.getvalue() == export.to_csv([a for a in board.attempts() if a.player == "Quitter"])
    empty = io.StringIO()
    assert board.write_csv(empty, since="2030-01-01") == 0
    assert empty.getvalue() == ",".join(export.CSV_FIELDS) + "\n"
    assert len(attempts) == len(AWKWARD_NAMES) + 1


def test_the_commands_write_the_same_csv_to_a_file_and_to_the_terminal(store, make_attempt, saves, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path
    board = open_scoreboard()
    recorded(board, make_attempt)
    expected = export.to_csv(board.attempts())
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "FIVE_LEVERS_SAVES": str(saves), "PYTHONIOENCODING": "utf-8"}
    out = tmp_path / "attempts.csv"
    made = subprocess.run([sys.executable, "main.py", "export", "--csv", str(out)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    assert out.read_text(encoding="utf-8") == expected  # Łucja Żak and all, byte for byte
    listed = subprocess.run([sys.executable, "main.py", "scoreboard", "--format", "csv"], cwd=root, env=env,
                            capture_output=True, timeout=60)
    assert listed.returncode == 0 and listed.stdout.decode("utf-8") == expected
