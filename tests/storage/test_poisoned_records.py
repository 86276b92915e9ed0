"""Stored data is checked when it is read back: a kept attempt or a
scoreboard row that does not fit is set aside or skipped, with a message,
and never blocks the records behind it (issue 27)."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.storage import pending
from game.storage.attempts import attempt_problem
from game.storage.files import BadAttempt
from game.storage.scoreboard import open_scoreboard
from tests.shells.cli.test_cli import LATE

ROOT = Path(__file__).resolve().parents[2]


def kept_files(saves):
    return sorted((saves / "pending").glob("*.json"))


@pytest.mark.parametrize("poison", [{"score": "ninety"}, {"choices": "1,2"}, {"registration": ""},
                                    {"levers": [1, 2]}, {"seed": 2 ** 70}, {"scripted": "yes"}])
def test_a_kept_attempt_that_does_not_fit_is_set_aside_and_the_others_are_added(store, saves, make_attempt, poison):
    good_before, bad, good_after = make_attempt("Ana"), make_attempt("Bo"), make_attempt("Cy")
    for attempt in (good_before, bad, good_after):
        pending.keep(attempt)
    path = saves / "pending" / f"{bad.registration}.json"
    data = json.loads(path.read_text())
    data.update(poison)
    path.write_text(json.dumps(data))
    problems = []
    board = open_scoreboard()
    assert pending.retry(board, problems) == 2
    assert sorted(a.player for a in board.attempts()) == ["Ana", "Cy"]
    assert len(problems) == 1 and "could not be used" in problems[0] and "moved aside" in problems[0]
    assert kept_files(saves) == [] and list((saves / "pending").glob("*.corrupt-*"))


def test_the_scoreboard_refuses_to_write_an_attempt_of_the_wrong_types(store, make_attempt):
    attempt = make_attempt("Ana")
    attempt.score = "100"
    assert attempt_problem(attempt) == "'score' is not a whole number"
    with pytest.raises(BadAttempt):
        open_scoreboard().record(attempt)
    assert open_scoreboard().count() == 0


def test_a_damaged_scoreboard_row_is_skipped_by_the_json_export_and_parked_by_the_sender(saves, make_attempt):
    board = open_scoreboard()
    for name in ("Ana", "Bo", "Cy"):
        board.record(make_attempt(name))
    board.close()
    import sqlite3
    conn = sqlite3.connect(saves / "scoreboard.sqlite3")
    conn.execute("UPDATE attempts SET levers = '{not json' WHERE player = 'Bo'")
    conn.commit()
    conn.close()
    proc = subprocess.run([sys.executable, "main.py", "scoreboard", "--format", "json"], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "FIVE_LEVERS_SAVES": str(saves)},
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert sorted(a["player"] for a in json.loads(proc.stdout)) == ["Ana", "Cy"]
    assert "was skipped: its stored data is damaged" in proc.stderr
    from game.delivery.config import LRSConfig
    from game.delivery.sender import deliver
    sent = []

    def post(config, statements):
        sent.extend(statements)
        from game.delivery.client import Reply
        return Reply(200)
    report = deliver(open_scoreboard(), LRSConfig(endpoint="http://127.0.0.1:9/xAPI/", user="k", secret="s"),
                     post=post, due_only=False)
    assert report.sent == 2 and report.parked == 1 and "damaged" in report.reasons[0]


def test_a_damaged_file_that_cannot_be_moved_aside_is_ignored_with_a_message(saves, monkeypatch):
    from game.storage import files
    saves.mkdir(parents=True, exist_ok=True)
    (saves / "settings.json").write_text("{damaged")
    monkeypatch.setattr(files.os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "Permission denied")))
    data, problem = files.read_json(saves / "settings.json")
    assert data is None and "could not be moved aside" in problem and "ignored" in problem
