"""The team dashboard's people over whole months (game/storage/team_people_months.py) on SQLite and
PostgreSQL: recording keeps the rows equal to a recount of the attempts (in any order), upgrading a
scoreboard that has attempts fills them as that recount, and a date range of whole months reads them (one
with part of a month at either end, the week rows) and shows what the attempts say."""
import random
from collections import defaultdict

from game.app import team_view
from game.core.model import LEVERS
from game.storage import (certificate_summary, pg_board, scoreboard, sql_board, team_people_months, team_scenario_weeks,
                          team_summary)
from game.storage.scoreboard import open_scoreboard
from tests.storage.test_team_views import in_memory, varied
from tests.storage.before_quarter import record_as_before_quarter


def recount(attempts) -> list[tuple]:
    rows: dict[tuple, list] = defaultdict(lambda: [0, 0, 0] + [0] * (2 * len(LEVERS)) + [None, None, None, None])
    for a in attempts:
        if a.status != "finished" or a.scripted:
            continue
        for chosen in team_summary.filters_of(a):
            row = rows[(chosen, team_summary.thursday(a.finished_at)[:7], a.person)]
            row[0] += 1
            row[1] += a.score
            row[2] += a.score >= a.mastery
            for n, lever in enumerate(LEVERS):
                percent = a.levers.get(lever, {}).get("percent")
                if percent is not None:
                    row[3 + 2 * n] += percent
                    row[4 + 2 * n] += 1
            if row[-4] is None or (a.finished_at, a.id) > (row[-4], row[-3]):
                row[-4:] = [a.finished_at, a.id, a.player, a.learner]
    return [(*key, *values) for key, values in sorted(rows.items())]


def people(attempts, filters) -> list[tuple]:
    """team_people's figures counted in Python over the attempts the filters choose."""
    found: dict[str, list] = {}
    for a in sorted(in_memory(attempts, filters), key=lambda a: (a.finished_at, a.id)):
        if a.status != "finished" or a.scripted:
            continue
        row = found.setdefault(a.person, [0, 0, None, None, None, {lever: (0, 0) for lever in LEVERS}])
        row[0] += 1
        row[1] += a.score
        row[2:5] = [a.finished_at, a.player, a.learner]
        for lever in LEVERS:
            percent = a.levers.get(lever, {}).get("percent")
            if percent is not None:
                total, n = row[5][lever]
                row[5][lever] = (total + percent, n + 1)
    return sorted((person, *row[:5], tuple(sorted(row[5].items()))) for person, row in found.items())


def kept(board) -> list[tuple]:
    return [tuple(r) for r in board._query("SELECT * FROM team_people_months ORDER BY chosen, month, person",
                                           plain=True)]


def test_recording_in_any_order_keeps_the_months_equal_to_a_recount(store):
    board = open_scoreboard()
    attempts = varied(80)
    random.Random(2).shuffle(attempts)
    for a in attempts:
        board.record(a)
    board.record(attempts[4])  # a retry counts once
    assert kept(board) == recount(attempts) and len({r[1] for r in kept(board)}) >= 3
    board.close()


def test_upgrading_a_scoreboard_with_attempts_fills_the_months_as_a_recount(store, monkeypatch):
    module, name = (scoreboard, "MIGRATIONS") if store == "sqlite" else (pg_board, "SCHEMA")
    full = getattr(module, name)
    step = next(i for i, s in enumerate(full) if "CREATE TABLE team_people_months" in s)
    monkeypatch.setattr(module, name, full[:step])
    as_today = record_as_before_quarter(monkeypatch)  # written as then: no `quarter`
    monkeypatch.setattr(sql_board, "keep_people_months", lambda run, attempt, attempt_id: None)
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", lambda *args: None)  # came later (18 / 12)
    monkeypatch.setattr(sql_board, "keep_certificate_summary", lambda run, attempt, attempt_id: None)
    old = open_scoreboard()
    attempts = varied(70)
    for a in attempts[:-5]:
        old.record(a)
    old.close()
    monkeypatch.setattr(module, name, full)
    as_today()
    monkeypatch.setattr(sql_board, "keep_people_months", team_people_months.keep_people_months)
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", team_scenario_weeks.keep_scenario_weeks)
    monkeypatch.setattr(sql_board, "keep_certificate_summary", certificate_summary.keep_certificate_summary)
    board = open_scoreboard()
    assert kept(board) == recount(attempts[:-5])
    for a in attempts[-5:]:
        board.record(a)
    assert kept(board) == recount(attempts)
    board.close()


def test_a_range_of_whole_months_reads_the_months_rows_and_shows_what_the_attempts_say(store):
    board = open_scoreboard()
    attempts = varied(80)
    for a in attempts:
        board.record(a)
    sent = []
    real = type(board)._query

    def spy(self, sql, params=(), plain=False):
        sent.append(sql)
        return real(self, sql, params, plain)
    type(board)._query = spy
    try:
        for filters, months in (({"since": "2025-12-01", "until": "2026-11-01"}, True),
                                ({"since": "2025-12-20", "until": "2026-11-15"}, False),  # part months: weeks
                                ({"persona": "brisk", "since": "2026-01-01", "until": "2026-12-01"}, True),
                                ({"mode": "coach", "until": "2026-02-01"}, True)):
            sent.clear()
            got = board.team_people(**filters)
            assert any("team_people_months" in sql for sql in sent) == months, filters
            assert not any("FROM attempts" in sql for sql in sent), filters
            assert people(attempts, filters) == sorted(
                (p["person"], p["attempts"], p["score_sum"], p["last_played"], p["player"], p["learner"],
                 tuple(sorted((k, tuple(v)) for k, v in p["levers"].items()))) for p in got), filters
    finally:
        type(board)._query = real
    assert team_view.dashboard(board, since="2025-12-01", until="2026-11-01")["levers"]["people"]
    board.close()
