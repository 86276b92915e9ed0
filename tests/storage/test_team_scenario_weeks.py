"""The team dashboard's scenarios over any range of weeks (game/storage/team_scenario_weeks.py) on SQLite and
PostgreSQL: recording in any order keeps both tables equal to a recount of the attempts, upgrading a scoreboard
that has attempts fills them as that recount, and the scenarios view of a customer, style or mode over part
of a month (or any range) reads them, not the attempts, and says what the attempts say."""
import random
from collections import defaultdict
from dataclasses import replace

from game.app import team_view
from game.storage import pg_board, scoreboard, sql_board, team_scenario_weeks, team_summary
from game.storage.scoreboard import open_scoreboard
from tests.storage.test_team_views import in_memory, varied
from tests.storage.before_quarter import record_as_before_quarter


def spread(count=90):
    """varied()'s attempts spread over more weeks, with gaps: a person's weeks at a scenario are not all
    consecutive, so 'the week they played it before' takes many values."""
    rng = random.Random(5)
    days = ["2025-12-29", "2026-01-05", "2026-01-20", "2026-02-03", "2026-02-04", "2026-03-30", "2026-06-08",
            "2026-06-16", "2026-06-30", "2026-07-14", "2026-11-16"]
    return [replace(a, finished_at=f"{rng.choice(days)}{a.finished_at[10:]}") for a in varied(count)]


def recount(attempts) -> tuple[list, list]:
    """What both tables should hold, counted in Python: the sums per (chosen, scenario, week), and per
    (chosen, scenario, week) each person's week counted under the week they last played it before."""
    sums: dict[tuple, list] = defaultdict(lambda: [0, 0, 0])
    weeks: dict[tuple, set] = defaultdict(set)
    for a in attempts:
        if a.status != "finished" or a.scripted:
            continue
        week = team_summary.thursday(a.finished_at)
        for chosen in team_summary.filters_of(a):
            row = sums[(chosen, a.scenario, week)]
            row[0] += 1
            row[1] += a.score
            row[2] += a.score >= a.mastery
            weeks[(chosen, a.scenario, a.person)].add(week)
    people: dict[tuple, int] = defaultdict(int)
    for (chosen, scenario, _), played in weeks.items():
        ordered = sorted(played)
        for previous, week in zip(["", *ordered], ordered):
            people[(chosen, scenario, week, previous)] += 1
    return ([(*key, *values) for key, values in sorted(sums.items())],
            [(*key, n) for key, n in sorted(people.items())])


def kept(board) -> tuple[list, list]:
    return ([tuple(r) for r in board._query("SELECT * FROM team_scenario_weeks ORDER BY chosen, scenario, week",
                                            plain=True)],
            [tuple(r) for r in board._query("SELECT * FROM team_scenario_people ORDER BY chosen, scenario, week, "
                                            "previous", plain=True)])


def test_recording_in_any_order_keeps_both_tables_equal_to_a_recount(store):
    board = open_scoreboard()
    attempts = spread()
    random.Random(3).shuffle(attempts)  # late uploads: a week arrives before and after a person's others
    for n, a in enumerate(attempts):
        board.record(a)
        if n in (10, 45):
            assert kept(board) == recount(attempts[:n + 1])
    board.record(attempts[4])  # a retry counts once
    weeks, people = kept(board)
    assert (weeks, people) == recount(attempts)
    assert len({row[3] for row in people}) >= 5 and all(row[4] > 0 for row in people)  # gaps; no empty row kept
    board.close()


def test_upgrading_a_scoreboard_with_attempts_fills_both_tables_as_a_recount(store, monkeypatch):
    """A scoreboard of the schema before (SQLite 17, PostgreSQL 11) is upgraded on open: both tables equal a
    recount, team_months (whole months per scenario and person, which they replace) is dropped, and recording
    goes on from there (the new attempts recorded newest first)."""
    module, name = (scoreboard, "MIGRATIONS") if store == "sqlite" else (pg_board, "SCHEMA")
    full = getattr(module, name)
    step = next(i for i, s in enumerate(full) if "CREATE TABLE team_scenario_weeks" in s)
    assert step == (17 if store == "sqlite" else 11)  # SQLite's 18th, PostgreSQL's 12th
    monkeypatch.setattr(module, name, full[:step])
    as_today = record_as_before_quarter(monkeypatch)  # written as then: no `quarter`
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", lambda *args: None)
    old = open_scoreboard()
    attempts = spread(80)
    for a in attempts[:-6]:
        old.record(a)
    old.close()
    monkeypatch.setattr(module, name, full)
    as_today()
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", team_scenario_weeks.keep_scenario_weeks)
    board = open_scoreboard()
    assert kept(board) == recount(attempts[:-6])
    gone = ("SELECT COUNT(*) FROM sqlite_master WHERE name = 'team_months'" if store == "sqlite" else
            "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'team_months'")
    assert board._query(gone, plain=True)[0][0] == 0  # what they replace is no longer kept
    for a in reversed(attempts[-6:]):
        board.record(a)
    assert kept(board) == recount(attempts)
    board.close()


def test_a_filter_over_part_of_a_month_reads_the_weeks_rows_and_shows_what_the_attempts_say(store):
    board = open_scoreboard()
    attempts = spread(120)
    for a in attempts:
        board.record(a)
    sent = []
    real = type(board)._query

    def spy(self, sql, params=(), plain=False):
        sent.append(sql)
        return real(self, sql, params, plain)
    titles = board.scenarios()
    type(board)._query = spy
    try:
        for filters in ({"persona": "brisk", "since": "2026-06-08", "until": "2026-06-29"},
                        {"persona_style": "direct", "since": "2026-01-10", "until": "2026-06-20"},
                        {"mode": "coach", "since": "2026-01-05"}, {"mode": "assessment", "until": "2026-02-10"},
                        {"since": "2026-01-15", "until": "2026-07-15"}, {"since": "2026-04-01", "until": "2026-07-01"},
                        {"persona": "brisk", "mode": "coach", "since": "2026-01-06", "until": "2026-06-17"},
                        {"scenario": "two-faces", "persona": "hurt", "since": "2026-01-01", "until": "2026-07-01"},
                        {"since": "2026-12-01"}, {"since": "2026-02-01", "until": "2026-01-01"}):
            sent.clear()
            got = team_view.scenarios_from_board(board, **filters)
            assert not any("FROM attempts" in sql for sql in sent), filters
            expected = team_view.scenarios(in_memory(attempts, filters))
            for row in expected["scenarios"]:
                row["title"] = titles[row["scenario"]]
            assert got == expected, filters
    finally:
        type(board)._query = real
    board.close()
