"""The reviewer's views (the scoreboard screen's scenario list, customer
filters and leaderboards) read small tables kept with each attempt, never
the whole attempts table: they say what a GROUP BY over every attempt
would say, on SQLite and PostgreSQL, also after upgrading a scoreboard that
already has attempts; their query plans read no attempt but the shown ones;
and the `scoreboard` table streams in flat memory."""
import os
import random
import resource
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from game.core import loader
from game.core.engine import Playthrough
from game.storage import (certificate_summary, export, pg_board, scoreboard, sql_board, team_people_months,
                          team_scenario_weeks, team_summary, views)
from game.storage.attempts import Attempt
from game.storage.scoreboard import open_scoreboard
from tests.fair.scenarios import PERSONAS
from tests.storage.old_summary import record_as_before_the_months
from tests.storage.before_quarter import record_as_before_quarter

ROOT = Path(__file__).resolve().parents[2]


def some_attempts(count=40, seed=5):
    """Finished and abandoned attempts on two scenarios (one with two customers), by
    players with and without learner ids, with ties, and a scenario whose title changed."""
    two_faces = loader.load_text(PERSONAS, "two-faces.yaml")
    from tests.shells.cli.test_cli import LATE
    late = loader.load_file(LATE)
    rng = random.Random(seed)
    found = []
    for n in range(count):
        scenario = rng.choice((two_faces, late))
        run = Playthrough(scenario, seed=n, persona=rng.choice(("brisk", "hurt")) if scenario is two_faces else None)
        while not run.finished:
            run.choose(rng.randint(1, len(run.shown_choices())))
        player = rng.choice(("Ana", "Bo", "Sam", "Sam"))
        learner = {"Sam": rng.choice(("sam.a@example.org", "sam.b@example.org")), "Ana": "ana@example.org"}.get(player, "")
        a = Attempt.from_playthrough(run, player, "coach", f"2026-11-01T10:{n:02d}:00+00:00",
                                     finished_at=f"2026-11-01T11:{n:02d}:00+00:00")
        a = replace(a, learner=learner, status="abandoned" if n % 7 == 3 else "finished",
                    title=a.title + (" (new)" if n > count // 2 and scenario is late else ""))
        found.append(a)
    return found


def expected_leaderboard(attempts, scenario, persona=None):
    """What the GROUP BY the views replace gives: each person's best, their
    number of finished attempts, a tie keeping the earlier attempt."""
    people = {}
    for a in attempts:
        if a.scenario != scenario or a.status != "finished" or (persona and a.persona != persona):
            continue
        best, count, first = people.get(a.person, (None, 0, None))
        if best is None or a.score > best:
            best, first = a.score, a
        people[a.person] = (best, count + 1, first)
    rows = [{"player": first.player, "learner": first.learner or None, "best": best, "attempts": count,
             "grade": first.grade, "outcome": first.outcome, "finished_at": first.finished_at, "id": first.id}
            for person, (best, count, first) in people.items()]
    return sorted(rows, key=lambda r: (-r["best"], r["player"], r["learner"] or ""))


def expected_views(attempts):
    titles = {}
    for a in attempts:
        titles[a.scenario] = max(titles.get(a.scenario, ""), a.title)
    personas = sorted({(a.scenario, a.persona, a.persona_style) for a in attempts if a.persona})
    return titles, personas


def check_views(board, attempts):
    titles, personas = expected_views(attempts)
    assert board.scenarios() == dict(sorted(titles.items()))
    assert board.personas() == sorted({(p, s) for _, p, s in personas})
    for scenario in titles:
        assert board.personas(scenario) == [(p, s) for sc, p, s in personas if sc == scenario]
        assert board.leaderboard(scenario) == expected_leaderboard(attempts, scenario)
        for persona in ("brisk", "hurt"):
            assert board.leaderboard(scenario, persona=persona) == expected_leaderboard(attempts, scenario, persona)


def test_the_views_say_what_a_group_by_over_every_attempt_says(store):
    board = open_scoreboard()
    attempts = some_attempts()
    for a in attempts:
        board.record(a)
    assert any(a.persona for a in attempts) and any(a.status == "abandoned" for a in attempts)
    assert len({a.title for a in attempts if a.scenario == "late-refund"}) == 2
    check_views(board, attempts)
    board.record(attempts[0])  # recording the same attempt again changes nothing
    check_views(board, attempts)
    assert board.leaderboard("late-refund", limit=2) == expected_leaderboard(attempts, "late-refund")[:2]


def test_upgrading_a_scoreboard_with_attempts_fills_the_views_tables(store, monkeypatch):
    """A scoreboard of the schema before the views' tables (SQLite 10, PostgreSQL 4)
    with attempts in it is upgraded on open, and the views show those attempts."""
    module, name = (scoreboard, "MIGRATIONS") if store == "sqlite" else (pg_board, "SCHEMA")
    full = getattr(module, name)
    before_views = next(i for i, step in enumerate(full) if "CREATE TABLE scenario_titles" in step)
    monkeypatch.setattr(module, name, full[:before_views])  # later steps (saves in progress) come after
    as_today = record_as_before_quarter(monkeypatch)  # written as then: no `quarter`

    def as_before(run, attempt, attempt_id):  # what recording did then: the bests only
        if attempt.status == "finished":
            run(views._BESTS, (attempt.scenario, attempt.person, attempt.score, attempt_id))
    monkeypatch.setattr(sql_board, "keep_summaries", as_before)
    monkeypatch.setattr(sql_board, "keep_team_summary", lambda run, attempt, attempt_id: None)  # came later
    monkeypatch.setattr(sql_board, "keep_certificate_summary", lambda run, attempt, attempt_id: None)
    monkeypatch.setattr(sql_board, "keep_people_months", lambda run, attempt, attempt_id: None)
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", lambda *args: None)  # came later (18 / 12)
    old = open_scoreboard()
    attempts = some_attempts(30, seed=9)
    for a in attempts:
        old.record(a)
    assert old._query("SELECT COUNT(*) AS n FROM bests")[0]["n"] > 0
    old.close()
    monkeypatch.setattr(module, name, full)
    as_today()
    monkeypatch.setattr(sql_board, "keep_summaries", views.keep_summaries)
    monkeypatch.setattr(sql_board, "keep_team_summary", team_summary.keep_team_summary)
    monkeypatch.setattr(sql_board, "keep_certificate_summary", certificate_summary.keep_certificate_summary)
    monkeypatch.setattr(sql_board, "keep_people_months", team_people_months.keep_people_months)
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", team_scenario_weeks.keep_scenario_weeks)
    check_views(open_scoreboard(), attempts)


def test_the_table_widths_are_kept_from_an_upgrade_on_and_say_what_measuring_every_attempt_says(store, monkeypatch):
    """A scoreboard from before the kept widths (SQLite 13, PostgreSQL 7) with attempts is upgraded on open;
    the table of every attempt, drawn from the kept widths, is the table Python makes from the attempts; and
    a wider attempt recorded later widens them."""
    import io
    from game.storage.shared_tables import TABLE_WIDTHS
    module, name = (scoreboard, "MIGRATIONS") if store == "sqlite" else (pg_board, "SCHEMA")
    full = getattr(module, name)
    keep_widths = views._keep_widths
    monkeypatch.setattr(module, name, full[:full.index(TABLE_WIDTHS)])
    as_today = record_as_before_quarter(monkeypatch)  # written as then: no `quarter`
    monkeypatch.setattr(views, "_keep_widths", lambda run, attempt: None)  # what recording did then
    today = record_as_before_the_months(monkeypatch)
    old = open_scoreboard()
    odd = ("Zoë", "Seán O'Brien", "Sam")
    for n, a in enumerate(some_attempts(12, seed=3)):
        old.record(replace(a, player=odd[n % 3], score=100 if n == 4 else a.score))
    old.close()
    today()
    monkeypatch.setattr(module, name, full)
    as_today()
    monkeypatch.setattr(views, "_keep_widths", keep_widths)
    board = open_scoreboard()

    def table() -> str:
        out, widths = io.StringIO(), board.table_widths()
        board.write_table(out, widths)
        return out.getvalue()
    measured = board.table_widths(since="2000-01-01")  # a selection: measured over the attempts
    assert board.table_widths() == measured
    assert table() == export.to_table(list(board.iter_attempts(with_steps=False))) + "\n"
    board.record(replace(some_attempts(1, seed=4)[0], player="Bartholomew Featherstonehaugh-Smythe",
                         registration="00000000-0000-4000-8000-0000000000ff", finished_at="2026-12-01T10:00:00+00:00"))
    assert board.table_widths()[2] == len("Bartholomew Featherstonehaugh-Smythe") != measured[2]
    assert board.table_widths() == board.table_widths(since="2000-01-01")
    assert table() == export.to_table(list(board.iter_attempts(with_steps=False))) + "\n"
    board.close()


def plan(board, backend: str, sql: str, params) -> str:
    if backend == "sqlite":
        return " ".join(row[-1] for row in board._query(f"EXPLAIN QUERY PLAN {sql}", params, plain=True))
    conn = board._connection()
    conn.execute("ANALYZE")
    conn.execute("SET enable_seqscan = off")  # a test table is tiny: ask for the plan a big one gets
    try:
        return " ".join(row[0] for row in board._plain_cursor().execute(f"EXPLAIN {board._sql(sql)}", params))
    finally:
        conn.execute("RESET enable_seqscan")


def test_no_view_reads_the_attempts_table_beyond_the_rows_it_shows(store, monkeypatch):
    board = open_scoreboard()
    for a in some_attempts(20):
        board.record(a)
    asked = []
    real = type(board)._query

    def spy(self, sql, params=(), plain=False):
        asked.append((sql, tuple(params)))
        return real(self, sql, params, plain)
    monkeypatch.setattr(type(board), "_query", spy)
    board.scenarios()
    board.personas()
    board.personas("two-faces")
    board.leaderboard("two-faces", persona="brisk")
    board.leaderboard("two-faces")
    monkeypatch.setattr(type(board), "_query", real)
    assert len(asked) == 5
    for sql, params in asked:
        shown = plan(board, store, sql, params)
        if store == "sqlite":
            assert "SCAN a" not in shown and "SCAN attempts" not in shown, (sql, shown)
            assert "attempts" not in sql or "SEARCH a USING INTEGER PRIMARY KEY" in shown, (sql, shown)
        else:
            assert "Seq Scan" not in shown, (sql, shown)
            assert "attempts" not in sql or "attempts_pkey" in shown, (sql, shown)


def test_the_scoreboard_table_is_the_same_as_a_table_of_the_attempts(store):
    """The lines the database builds are, byte for byte, the table Python makes from the attempts: names
    with accents (widths in characters), an apostrophe and a percent sign, a long name, every selection."""
    board = open_scoreboard()
    attempts = some_attempts(25)
    odd = ("Zoë Ångström", "Seán O'Brien", "100% Sam", "Bartholomew Featherstonehaugh-Smythe", "Back\\slash \\n")
    for n, a in enumerate(attempts):
        board.record(replace(a, player=odd[n % len(odd)]) if n % 3 == 0 else a)
    for selection in ({}, {"scenario": "two-faces"}, {"player": "Sam"}, {"player": "Zoë Ångström"}, {"player": odd[4]},
                      {"persona": "hurt"}, {"persona_style": "direct"}):
        listed = list(board.iter_attempts(with_steps=False, **selection))
        import io
        out, widths = io.StringIO(), board.table_widths(**selection)
        assert board.write_table(out, widths, **selection) == len(listed)
        assert out.getvalue() == export.to_table(listed) + "\n", selection
        out = io.StringIO()
        assert export.write_table(board.table_rows(**selection), widths, out) == len(listed)
        assert out.getvalue() == export.to_table(listed) + "\n", selection
    assert board.table_widths(player="Nobody") is None
    board.close()


def _fill(saves: Path, count: int) -> None:
    """`count` copies of one recorded attempt, written straight into the file."""
    if (saves / "scoreboard.sqlite3").exists():
        (saves / "scoreboard.sqlite3").unlink()
    board = open_scoreboard()
    board.record(some_attempts(1)[0])
    board.close()
    conn = sqlite3.connect(saves / "scoreboard.sqlite3")
    columns = [r[1] for r in conn.execute("PRAGMA table_info(attempts)") if r[1] not in ("id", "registration")]
    with conn:
        conn.execute(f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count - 1}) "
                     f"INSERT INTO attempts (registration, {', '.join(columns)}) "
                     f"SELECT 'copy-' || i, {', '.join(columns)} FROM attempts, n WHERE attempts.id = 1")
    conn.close()


def _peak_mb(saves: Path) -> float:
    proc = subprocess.Popen([sys.executable, "main.py", "scoreboard"], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env={**os.environ, "FIVE_LEVERS_SAVES": str(saves)})
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    assert proc.returncode == 0, proc.stderr.read()
    proc.stderr.close()
    return usage.ru_maxrss / 1024


@pytest.mark.skipif(not hasattr(resource, "getrusage"), reason="needs ru_maxrss")
def test_the_scoreboard_table_streams_in_flat_memory(saves):
    _fill(saves, 1_000)
    small = _peak_mb(saves)
    _fill(saves, 60_000)
    large = _peak_mb(saves)
    # holding the rows cost about 3 KB an attempt (about 180 MB more here); streamed, a few MB at most
    assert large - small < 15, (small, large)


def test_the_history_with_a_customer_style_filter_reads_only_that_style(store, monkeypatch):
    """The Scoreboard screen's history filtered by a customer style: the database filters (the
    rows read are the rows shown), and they are the player's attempts with that style, oldest first."""
    from game.app.scoreboard_reads import gather
    board = open_scoreboard()
    attempts = some_attempts()
    for a in attempts:
        board.record(a)
    style = next(a.persona_style for a in attempts if a.persona_style and a.player == "Sam")
    read = []
    real = type(board)._query

    def spy(self, sql, params=(), plain=False):
        rows = real(self, sql, params, plain)
        read.append(len(rows))
        return rows
    monkeypatch.setattr(type(board), "_query", spy)
    shown = gather(board, {"view": "history", "player": "Sam", "titles": {}, "index": 0, "filter": ("style", style)})
    expected = [a.id for a in attempts if a.player == "Sam" and a.persona_style == style]
    assert [a.id for a in shown["attempts"]] == expected and len(expected) < len([a for a in attempts if a.player == "Sam"])
    assert read[-1] == len(expected)
    board.close()


def test_a_history_page_and_its_trend_say_what_the_whole_history_says(store):
    """The screen's history reads the newest page as attempts and the chart as a few numbers per attempt:
    the same rows and the same chart as reading every attempt, for each filter."""
    from game.app.trend import trend_from_rows, trend_lines
    board = open_scoreboard()
    for a in some_attempts(40):
        board.record(a)
    for selection in ({}, {"scenario": "two-faces"}, {"scenario": "two-faces", "persona": "hurt"},
                      {"persona_style": "direct"}, {"scenario": "late-refund"}):
        whole = board.history("Sam", **selection)
        assert len(whole) >= 3, selection
        for limit in (1, 2, None, 1000):
            page = board.history_page("Sam", limit, **selection)
            expected = whole if limit is None else whole[-limit:]
            assert [vars(a) for a in page] == [vars(a) for a in expected], (selection, limit)
        one = "scenario" in selection
        rows = board.history_trend("Sam", levers=one, **selection)
        assert len(rows) == len(whole)
        assert trend_from_rows(rows, by_scenario=not one, titles={"late-refund": "Late"}) == \
            trend_lines(whole, by_scenario=not one, titles={"late-refund": "Late"}), selection
    board.close()


def test_the_browser_history_reads_one_learners_page_count_and_finished_attempts(store):
    """The browser's history page (perf57): one learner's newest attempts ("" for those made outside an
    LMS), how many they have, and their latest finished ones, each read by the query: the same as
    picking them out of the whole history."""
    board = open_scoreboard()
    for a in some_attempts(40):
        board.record(a)
    board.record(replace(some_attempts(1, seed=9)[0], player="Sam", learner=""))  # Sam outside an LMS too
    for learner in ("sam.a@example.org", "sam.b@example.org", "", "nobody@example.org"):
        whole = [a for a in board.history("Sam") if a.learner == learner]
        assert board.history_count("Sam", learner=learner) == len(whole)
        for limit in (1, 3, 50, None):
            page = board.history_page("Sam", limit, learner=learner)
            assert [a.id for a in page] == [a.id for a in (whole if limit is None else whole[-limit:])]
        finished = [a for a in whole if a.status != "abandoned"]
        assert [a.id for a in board.history_page("Sam", 20, learner=learner, finished=True)] == \
            [a.id for a in finished[-20:]]
        assert board.history_count("Sam", learner=learner, finished=True) == len(finished)
    assert board.history_count("Sam") == len(board.history("Sam")) > board.history_count("Sam", learner="")
    board.close()
