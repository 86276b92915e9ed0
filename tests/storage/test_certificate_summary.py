"""What any course's certificate rule reads of each person's attempts (game/storage/certificate_summary.py),
on SQLite and PostgreSQL: recording keeps it equal to a recount of the attempts, in whatever order they
arrive (an attempt finished earlier than those already kept, as a late upload is, moves the later ones'
places); upgrading a scoreboard that has attempts fills it as that recount; and the team's certificates
rebuilt from it (game/app/certificate_history.py) are those over every whole attempt, for courses whose
rules count the first try, the first few, or all of them, in one mode or any, with temperaments and
campaigns, a person who changed their display name among them."""
import random
from collections import defaultdict
from dataclasses import replace

import pytest

from game.app.certificate_history import groups_of, history_from_summary
from game.app.team_certificates import certificates
from game.core.course.load import check_bytes
from game.core.course.model import GRADES
from game.storage import pg_board, scoreboard, sql_board, team_people_months, team_scenario_weeks
from game.storage.certificate_summary import COLUMNS, keep_certificate_summary, temperament_of
from game.storage.scoreboard import open_scoreboard
from tests.storage.test_views import some_attempts
from tests.storage.before_quarter import record_as_before_quarter

DAYS = ["2026-01-05", "2026-01-06", "2026-02-10", "2026-03-01"]


def many(count=160, seed=7):
    """Several attempts per person, scenario and mode (more than a rule's first few), every grade,
    abandoned and scripted ones, ties in time, a learner who changed their display name."""
    rng = random.Random(seed)
    found = []
    for n, a in enumerate(some_attempts(count, seed=seed)):
        a = replace(a, finished_at=f"{rng.choice(DAYS)}T{rng.choice(('08', '12'))}:{rng.randint(0, 5):02d}:00+00:00",
                    mode=rng.choice(("assessment", "coach", "coach")), grade=rng.choice(GRADES),
                    scripted=n % 13 == 6)
        if a.learner == "ana@example.org" and n % 5 == 0:
            a = replace(a, player="Ana Lima")
        found.append(a)
    return found


def recount(attempts) -> list[tuple]:
    """The rows the table should hold, in Python from the recorded attempts (with their ids)."""
    rows = {}
    sequences = defaultdict(list)
    for a in sorted((a for a in attempts if not a.scripted), key=lambda a: (a.finished_at, a.id)):
        columns = (a.finished_at, a.id, a.grade, a.status, a.persona, a.persona_style, a.mode, a.player, a.learner)
        rows.setdefault((a.person, "", "", "p", a.player), (0, *columns))
        rows[(a.person, "", "", "l", "")] = (0, *columns)
        for seq in (a.mode, "*"):
            sequence = sequences[(a.person, a.scenario, seq)]
            rank = len(sequence)
            sequence.append(a)
            rows[(a.person, a.scenario, seq, "n", "")] = (rank + 1, *columns)
            if a.status == "finished":
                rows.setdefault((a.person, a.scenario, seq, "g", a.grade), (rank, *columns))
                temper = temperament_of(a.scenario, a.persona, a.persona_style)
                if temper:
                    rows.setdefault((a.person, a.scenario, seq, "t", temper), (rank, *columns))
    return [(*key, *value) for key, value in sorted(rows.items())]


def kept(board) -> list[tuple]:
    return [tuple(r) for r in board.certificate_summary()]


def test_recording_in_any_order_keeps_the_rows_equal_to_a_recount(store):
    board = open_scoreboard()
    attempts = many()
    random.Random(3).shuffle(attempts)  # finishes arrive out of order, as uploads from a laptop do
    for a in attempts:
        board.record(a)
    board.record(attempts[5])  # a retry of the same attempt changes nothing
    assert sorted(a.finished_at for a in attempts) != [a.finished_at for a in attempts]
    assert kept(board) == recount(attempts)
    assert len(COLUMNS) == 9
    board.close()


def test_upgrading_a_scoreboard_with_attempts_fills_the_rows_as_a_recount(store, monkeypatch):
    """A scoreboard of the schema before (SQLite 16, PostgreSQL 10) is upgraded on open: the rows equal
    a recount, and recording goes on from there (an earlier finish among the new attempts)."""
    module, name = (scoreboard, "MIGRATIONS") if store == "sqlite" else (pg_board, "SCHEMA")
    full = getattr(module, name)
    step = next(i for i, s in enumerate(full) if "CREATE TABLE certificate_summary" in s)
    monkeypatch.setattr(module, name, full[:step])
    as_today = record_as_before_quarter(monkeypatch)  # written as then: no `quarter`
    monkeypatch.setattr(sql_board, "keep_certificate_summary", lambda run, attempt, attempt_id: None)
    monkeypatch.setattr(sql_board, "keep_people_months", lambda run, attempt, attempt_id: None)
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", lambda *args: None)  # came later (18 / 12)
    old = open_scoreboard()
    attempts = many(90)
    for a in attempts[:-6]:
        old.record(a)
    old.close()
    monkeypatch.setattr(module, name, full)
    as_today()
    monkeypatch.setattr(sql_board, "keep_certificate_summary", keep_certificate_summary)
    monkeypatch.setattr(sql_board, "keep_people_months", team_people_months.keep_people_months)
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", team_scenario_weeks.keep_scenario_weeks)
    board = open_scoreboard()
    assert kept(board) == recount(attempts[:-6])
    for a in attempts[-6:]:
        board.record(a)
    assert kept(board) == recount(attempts)
    board.close()


COURSE = """\
format: 1
id: t
title: Test path
blocks:
  first:
    title: First try
    scenarios: [late-refund]
    certificate: {{grade: {g1}, mode: assessment, attempts: 1}}
  few:
    title: First few
    requires: [first]
    scenarios: [two-faces, late-refund]
    certificate: {{grade: {g2}, mode: coach, attempts: 3, personas: {p2}}}
  any:
    title: Any mode
    scenarios: [two-faces]
    campaign: lunch-rush
    certificate: {{grade: {g3}, mode: any, attempts: {n3}, personas: 1, campaign_score: 50}}
"""


@pytest.mark.parametrize("rules", [dict(g1="Strong", g2="Strong", p2=1, g3="Legendary", n3="any"),
                                   dict(g1="Developing", g2="Legendary", p2=2, g3="Strong", n3=2),
                                   dict(g1="Needs work", g2="Developing", p2=0, g3="Developing", n3=5)])
def test_the_certificates_from_the_rows_are_those_over_every_attempt(store, rules):
    board = open_scoreboard()
    attempts = many()
    random.Random(5).shuffle(attempts)
    for a in attempts:
        board.record(a)
    course = check_bytes(COURSE.format(**rules).encode(), "t.yaml", {"late-refund", "two-faces"},
                         {"lunch-rush"}).course
    quarters = [{"player": player, "portfolio": "lunch-rush", "score": score, "finished_at": f"{day}T12:03:00+00:00"}
                for player, score, day in (("Ana Lima", 70, "2026-01-06"), ("Bo", 40, "2026-02-10"),
                                           ("Sam", 90, "2026-01-05"), ("Nobody", 80, "2026-01-05"))]
    whole = sorted(attempts, key=lambda a: (a.finished_at, a.id))
    expected = certificates(course, whole, quarters)
    groups = groups_of(course, board.certificate_modes())
    assert board.certificate_modes() == ["*", "assessment", "coach"]
    got = certificates(course, history_from_summary(board.certificate_summary(groups), course), quarters)
    assert got == expected
    with_other = board.certificate_summary(groups_of(course, board.certificate_modes(), with_other_modes=True))
    assert certificates(course, history_from_summary(with_other, course), quarters) == expected
    assert len(with_other) > len(board.certificate_summary(groups))
    assert certificates(course, history_from_summary(board.certificate_summary()), quarters) == expected  # any rule
    states = {b["state"] for p in got["people"] for b in p["blocks"]}
    assert "certified" in states and states - {"certified"}  # the rule decided both ways
    board.close()


def test_people_who_played_only_what_a_course_leaves_out_are_listed_as_over_every_attempt(store):
    """A course of one scenario: the rows read are that scenario's, yet everyone who played is listed,
    under the name of their latest attempt, whatever its scenario."""
    board = open_scoreboard()
    attempts = many(60)
    zed = next(a for a in attempts if a.scenario == "two-faces" and not a.scripted)
    attempts.append(replace(zed, player="Zed", learner="", registration="00000000-0000-4000-8000-00000000abcd"))
    for a in attempts:
        board.record(a)
    course = check_bytes(b"format: 1\nid: one\ntitle: One\nblocks:\n  only:\n    title: Only\n"
                         b"    scenarios: [late-refund]\n    certificate: {grade: Strong, mode: coach, attempts: 2}\n",
                         "one.yaml", {"late-refund"}, set()).course
    whole = sorted(attempts, key=lambda a: (a.finished_at, a.id))
    rows = board.certificate_summary(groups_of(course, board.certificate_modes()))
    assert {r[1] for r in rows} == {"", "late-refund"}
    got = certificates(course, history_from_summary(rows, course))
    assert got == certificates(course, whole)
    only_other = {a.person for a in attempts if not a.scripted} - {a.person for a in attempts
                                                                    if a.scenario == "late-refund" and not a.scripted}
    assert "name:Zed" in only_other and {p["person"] for p in got["people"]} >= only_other
    board.close()
