"""A team lead's views, against a hand count: a scoreboard filled with known
attempts over three weeks (a scripted run and a person with no learner id
among them) and a roster with someone who never played. `scoreboard --team`
(table, CSV and JSON) gives the figures worked out by hand below."""
import csv
import io
import json
import subprocess
import sys

import pytest

from game.core import loader
from game.core.engine import play
from game.storage.attempts import Attempt
from game.storage.scoreboard import open_scoreboard
from tests.shells.cli.test_cli import LATE, ROOT

#            who, learner,        choices,   finished (ISO week), score
PLAYED = [("Ana", "ana@x.org", [1, 2, 2], "2026-11-10", 42),   # W46
          ("Bo", "bo@x.org", [2, 1, 1], "2026-11-10", 49),     # W46
          ("Ana", "ana@x.org", [1, 1, 1], "2026-11-17", 100),  # W47, passes
          ("Cy", "cy@x.org", [2, 2, 2], "2026-11-17", 0),      # W47
          ("Bo", "bo@x.org", [1, 2, 1], "2026-11-24", 84),     # W48, passes
          ("Sam", "", [1, 1, 2], "2026-11-24", 58)]            # W48, no learner id
# A learning path over the same scenario: Strong in the first two coach attempts, then Legendary in any
COURSE = """format: 1
id: refunds
title: Refunds
blocks:
  refunds:
    title: Refunds done right
    scenarios: [late-refund]
    certificate: {grade: Strong, mode: coach, attempts: 2}
  mastery:
    title: Refund mastery
    requires: [refunds]
    scenarios: [late-refund]
    certificate: {grade: Legendary, mode: coach, attempts: any}
"""
ROSTER = "learner,name,team\nana@x.org,Ana Lima,North\nbo@x.org,Bo Berg,North\ncy@x.org,Cy Chan,South\n" \
         "dee@x.org,Dee Diaz,South\n"


@pytest.fixture
def team(saves, tmp_path):
    scenario = loader.load_file(LATE)
    board = open_scoreboard()
    for who, learner, choices, day, score in PLAYED:
        attempt = Attempt.from_playthrough(play(scenario, choices), who, "coach", f"{day}T09:00:00+00:00",
                                           finished_at=f"{day}T09:05:00+00:00", learner=learner)
        assert attempt.score == score
        board.record(attempt)
    # a script's run (not a person): never counted
    board.record(Attempt.from_playthrough(play(scenario, [1, 1, 1]), "Cy", "coach", "2026-11-25T09:00:00+00:00",
                                          finished_at="2026-11-25T09:01:00+00:00", learner="cy@x.org", scripted=True))
    board.close()
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")

    def run(*args):
        proc = subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                              timeout=60, env={"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(saves)})
        assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
        return proc
    proc = run("roster", "import", roster)
    assert proc.returncode == 0 and "4 added" in proc.stdout, proc.stdout + proc.stderr
    return run


def test_weeks_by_hand(team):
    weeks = json.loads(team("scoreboard", "--team", "weeks", "--format", "json").stdout)["weeks"]
    assert weeks == [
        {"week": "2026-W46", "attempts": 2, "people": 2, "mean_score": 45.5, "pass_rate": 0.0},   # 42, 49
        {"week": "2026-W47", "attempts": 2, "people": 2, "mean_score": 50.0, "pass_rate": 50.0},  # 100, 0
        {"week": "2026-W48", "attempts": 2, "people": 2, "mean_score": 71.0, "pass_rate": 50.0}]  # 84, 58


def test_scenario_pass_rate_and_mean_by_hand(team):
    rows = list(csv.DictReader(io.StringIO(team("scoreboard", "--team", "scenarios", "--format", "csv").stdout)))
    assert rows == [{"scenario": "late-refund", "title": "The Late Refund", "attempts": "6", "people": "4",
                     "mean_score": "55.5", "pass_rate": "33.3"}]  # 333 / 6; 2 of 6 pass (mastery 75)


def test_levers_by_person_by_hand(team):
    people = {p["person"]: p for p in json.loads(team("scoreboard", "--team", "levers", "--format", "json").stdout)
              ["people"]}
    assert set(people) == {"id:ana@x.org", "id:bo@x.org", "id:cy@x.org", "name:Sam"}
    ana = people["id:ana@x.org"]
    assert (ana["name"], ana["team"], ana["attempts"], ana["mean_score"]) == ("Ana Lima", "North", 2, 71.0)
    # 1,2,2 gives 75/100/33/0 %, 1,1,1 gives 100 % on each; positive emotions never in reach
    assert ana["levers"] == {"customers_first": 87.5, "connect": 100.0, "solve_problems": 66.5, "build_trust": 50.0,
                             "positive_emotions": None}
    assert people["id:cy@x.org"]["attempts"] == 1  # the scripted run is not counted
    table = team("scoreboard", "--team", "levers").stdout
    assert "Ana Lima" in table and "build_trust" in table


def test_who_has_not_played_since_a_date_includes_who_never_played(team):
    data = json.loads(team("scoreboard", "--team", "absent", "--since", "2026-11-23", "--format", "json").stdout)
    assert [(p["learner"], p["last_played"]) for p in data["people"]] == [
        ("ana@x.org", "2026-11-17T09:05:00+00:00"), ("cy@x.org", "2026-11-17T09:05:00+00:00"), ("dee@x.org", None)]
    refused = team("scoreboard", "--team", "absent")
    assert refused.returncode == 2 and "--since" in refused.stderr


def test_the_csv_tells_two_people_with_one_name_apart(team):
    rows = list(csv.DictReader(io.StringIO(team("scoreboard", "--format", "csv").stdout)))
    assert {r["learner"] for r in rows if r["player"] == "Ana"} == {"ana@x.org"}
    assert [(r["player"], r["status"], r["scripted"]) for r in rows][-1] == ("Cy", "finished", "1")
    assert {r["scripted"] for r in rows[:-1]} == {"0"}


def test_certificates_by_hand(team, tmp_path):
    course = tmp_path / "refunds.yaml"
    course.write_text(COURSE, encoding="utf-8")
    data = json.loads(team("scoreboard", "--team", "certificates", "--course", course, "--format", "json").stdout)
    # Ana 42 then 100: Strong (and Legendary) on her second try; Bo 49 then 84: Strong on his second, not
    # Legendary; Cy 0 (his scripted 100 does not count); Sam 58. Dee never played: not listed here.
    assert [(e["name"], e["block"], e["earned_at"]) for e in data["earned"]] == [
        ("Ana Lima", "refunds", "2026-11-17T09:05:00+00:00"), ("Ana Lima", "mastery", "2026-11-17T09:05:00+00:00"),
        ("Bo Berg", "refunds", "2026-11-24T09:05:00+00:00")]
    assert [(c["name"], c["block"], c["left"]) for c in data["close"]] == [
        ("Bo Berg", "mastery", ["The Late Refund: Legendary or better in coach mode"]),
        ("Cy Chan", "refunds", ["The Late Refund: Strong or better in coach mode (1 try left)"]),
        ("Sam", "refunds", ["The Late Refund: Strong or better in coach mode (1 try left)"])]
    rows = list(csv.DictReader(io.StringIO(
        team("scoreboard", "--team", "certificates", "--course", course, "--format", "csv").stdout)))
    assert [(r["name"], r["block"], r["state"], r["earned_at"][:10], r["left_count"]) for r in rows] == [
        ("Ana Lima", "refunds", "certified", "2026-11-17", "0"), ("Ana Lima", "mastery", "certified", "2026-11-17", "0"),
        ("Bo Berg", "refunds", "certified", "2026-11-24", "0"), ("Bo Berg", "mastery", "next", "", "1"),
        ("Cy Chan", "refunds", "next", "", "1"), ("Cy Chan", "mastery", "locked", "", "1"),
        ("Sam", "refunds", "next", "", "1"), ("Sam", "mastery", "locked", "", "1")]
    since = json.loads(team("scoreboard", "--team", "certificates", "--course", course, "--since", "2026-11-20",
                            "--format", "json").stdout)
    assert [(e["name"], e["block"]) for e in since["earned"]] == [("Bo Berg", "refunds")]
    table = team("scoreboard", "--team", "certificates", "--course", course).stdout
    assert "Ana Lima: Refund mastery, earned 2026-11-17" in table and "Cy Chan: Refunds done right, 1 left" in table
    missing = team("scoreboard", "--team", "certificates", "--course", "no-such-course")
    assert missing.returncode == 2 and "no course 'no-such-course'" in missing.stderr


def test_a_roster_line_that_is_not_a_person_is_named_and_the_rest_kept(team, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("learner,name\neve@x.org,Eve\nnot an id,Fay\n", encoding="utf-8")
    proc = team("roster", "import", bad)
    assert proc.returncode == 1 and "bad.csv:3:" in proc.stderr and "1 added" in proc.stdout
    assert "eve@x.org\tEve" in team("roster", "list").stdout


def test_a_reviewer_password_is_asked_twice_and_kept_hashed(saves):
    from game.app.reviewers import check_password

    def reviewer(stdin):
        return subprocess.run([sys.executable, "main.py", "reviewer", "add", "Lee", "--password-stdin"], cwd=ROOT,
                              input=stdin, capture_output=True, text=True, timeout=60,
                              env={"PATH": "/usr/bin:/bin", "FIVE_LEVERS_SAVES": str(saves)})
    assert reviewer("correct horse 1\ncorrect horse 2\n").returncode == 2
    short = reviewer("short\nshort\n")
    assert short.returncode == 2 and "at least 10" in short.stderr
    assert reviewer("correct horse 1\ncorrect horse 1\n").returncode == 0
    board = open_scoreboard()
    kept = board.reviewer_hash("Lee")
    board.close()
    assert "correct horse" not in kept and kept.startswith("scrypt$")
    assert check_password("correct horse 1", kept) and not check_password("correct horse 2", kept)
