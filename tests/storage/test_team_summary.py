"""The team dashboard's summary table (game/storage/team_summary.py) on SQLite and PostgreSQL:
recording an attempt updates it in the attempt's own transaction (a failure leaves neither the
attempt nor its sums), it always equals a recount of the attempts, and upgrading a scoreboard that
already has attempts fills it with what recording them would have kept."""
from collections import defaultdict

import pytest

from game.core.model import LEVERS
from game.storage import (certificate_summary, pg_board, scoreboard, sql_board, team_people_months, team_scenario_weeks,
                          team_summary, views)
from game.storage.files import StorageError
from game.storage.scoreboard import open_scoreboard
from tests.storage.old_summary import record_as_before_the_months
from tests.storage.test_team_views import varied
from tests.storage.before_quarter import record_as_before_quarter

ORDER = "ORDER BY chosen, scenario, week, person"


def recount(attempts) -> list[tuple]:
    """The rows team_summary should hold, counted in Python from the attempts (team_months, which migration 16
    added, is dropped by 18 / PostgreSQL's 12: the scenarios' weeks replace it, test_team_scenario_weeks.py)."""
    return recount_summary(attempts)


def recount_summary(attempts) -> list[tuple]:
    """The rows the table should hold, counted in Python from the attempts (with their ids)."""
    rows: dict[tuple, list] = defaultdict(lambda: [0, 0, 0] + [0] * (2 * len(LEVERS)) + [None, None, None, None])
    for a in attempts:
        if a.status != "finished" or a.scripted:
            continue
        for chosen in team_summary.filters_of(a):
            for per_scenario, weekly in team_summary.grains(chosen == "all"):
                row = rows[(chosen, a.scenario if per_scenario else "", team_summary.thursday(a.finished_at)
                            if weekly else "", a.person)]
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


def kept_rows(board) -> list[tuple]:
    return [tuple(r) for r in board._query(f"SELECT * FROM team_summary {ORDER}", plain=True)]


def test_recording_keeps_the_summary_equal_to_a_recount(store):
    board = open_scoreboard()
    attempts = varied()
    for a in attempts:
        board.record(a)
    board.record(attempts[3])  # the same attempt again (a retry) counts once
    assert any(a.scripted for a in attempts) and any(a.status == "abandoned" for a in attempts)
    assert kept_rows(board) == recount(attempts)
    board.close()


@pytest.mark.parametrize("where", ["after the sums", "in the sums"])
def test_a_failure_in_the_attempts_transaction_keeps_neither_the_attempt_nor_its_sums(store, monkeypatch, where):
    board = open_scoreboard()
    attempts = [a for a in varied() if a.status == "finished" and not a.scripted]
    for a in attempts[:-1]:
        board.record(a)
    before, count = kept_rows(board), board.count()
    real = team_summary.keep_team_summary

    def failing(run, attempt, attempt_id):
        def run_then_fail(sql, params=()):
            if where == "in the sums":
                raise board._errors("the disk reported an error")
            return run(sql, params)
        real(run_then_fail, attempt, attempt_id)
        raise board._errors("the disk reported an error")  # after the sums were written, before the commit
    monkeypatch.setattr(sql_board, "keep_team_summary", failing)
    with pytest.raises(StorageError):
        board.record(attempts[-1])
    assert board.count() == count and kept_rows(board) == before
    monkeypatch.setattr(sql_board, "keep_team_summary", real)
    board.record(attempts[-1])  # tried again: recorded once, counted once
    assert board.count() == count + 1 and kept_rows(board) == recount(attempts)
    board.close()


def test_upgrading_a_scoreboard_with_attempts_fills_the_summary_as_a_recount(store, monkeypatch):
    """A scoreboard of the schema before the summary (SQLite 13, PostgreSQL 7) with attempts in it is
    upgraded on open: the table equals a recount, and recording goes on from there."""
    module, name = (scoreboard, "MIGRATIONS") if store == "sqlite" else (pg_board, "SCHEMA")
    full = getattr(module, name)
    step = next(i for i, s in enumerate(full) if "CREATE TABLE team_summary" in s)
    monkeypatch.setattr(module, name, full[:step])
    as_today = record_as_before_quarter(monkeypatch)  # written as then: no `quarter`
    monkeypatch.setattr(sql_board, "keep_team_summary", lambda run, attempt, attempt_id: None)
    monkeypatch.setattr(sql_board, "keep_certificate_summary", lambda run, attempt, attempt_id: None)
    monkeypatch.setattr(sql_board, "keep_people_months", lambda run, attempt, attempt_id: None)
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", lambda *args: None)  # came later (18 / 12)
    keep_widths = views._keep_widths
    monkeypatch.setattr(views, "_keep_widths", lambda run, attempt: None)  # a later migration's table
    old = open_scoreboard()
    attempts = varied()
    for a in attempts[:-5]:
        old.record(a)
    old.close()
    monkeypatch.setattr(module, name, full)
    as_today()
    monkeypatch.setattr(sql_board, "keep_team_summary", team_summary.keep_team_summary)
    monkeypatch.setattr(sql_board, "keep_certificate_summary", certificate_summary.keep_certificate_summary)
    monkeypatch.setattr(sql_board, "keep_people_months", team_people_months.keep_people_months)
    monkeypatch.setattr(sql_board, "keep_scenario_weeks", team_scenario_weeks.keep_scenario_weeks)
    monkeypatch.setattr(views, "_keep_widths", keep_widths)
    board = open_scoreboard()
    assert kept_rows(board) == recount(attempts[:-5])
    for a in attempts[-5:]:
        board.record(a)
    assert kept_rows(board) == recount(attempts)
    board.close()


def test_upgrading_from_the_single_filters_adds_the_pairs_and_the_months_as_a_recount(store, monkeypatch):
    """A scoreboard of the schema before the pairs and months (SQLite 15, PostgreSQL 9), whose
    team_summary holds the single filters' rows, is upgraded on open: both tables equal a recount
    (the pairs' rows added once, none doubled), and recording goes on from there."""
    module, name = (scoreboard, "MIGRATIONS") if store == "sqlite" else (pg_board, "SCHEMA")
    full = getattr(module, name)
    step = next(i for i, s in enumerate(full) if "CREATE TABLE team_months" in s)
    monkeypatch.setattr(module, name, full[:step])
    as_today = record_as_before_quarter(monkeypatch)  # written as then: no `quarter`
    today = record_as_before_the_months(monkeypatch)  # what recording kept before: no pairs, no months
    old = open_scoreboard()
    attempts = varied()
    for a in attempts[:-5]:
        old.record(a)
    assert not any("|" in row[0] for row in old._query("SELECT chosen FROM team_summary", plain=True))
    old.close()
    monkeypatch.setattr(module, name, full)
    as_today()
    today()
    board = open_scoreboard()
    assert kept_rows(board) == recount(attempts[:-5])
    assert any("|mode:" in row[0] for row in kept_rows(board))
    for a in attempts[-5:]:
        board.record(a)
    assert kept_rows(board) == recount(attempts)
    board.close()


def test_a_pair_of_filters_is_kept_for_a_customer_or_style_with_a_mode_only():
    assert team_summary.chosen_of({}) == "all"
    assert team_summary.chosen_of({"persona": "brisk", "mode": "coach"}) == "persona:brisk|mode:coach"
    assert team_summary.chosen_of({"persona_style": "direct", "mode": "coach"}) == "style:direct|mode:coach"
    assert team_summary.chosen_of({"persona": "brisk", "persona_style": "direct"}) is None
    assert team_summary.chosen_of({"persona": "brisk", "persona_style": "direct", "mode": "coach"}) is None


def test_the_week_is_the_iso_weeks_thursday_in_utc():
    assert team_summary.thursday("2026-11-16T00:30:00+00:00") == "2026-11-19"  # a Monday
    assert team_summary.thursday("2026-11-22T23:59:00+00:00") == "2026-11-19"  # its Sunday
    assert team_summary.thursday("2026-11-23T02:00:00+05:00") == "2026-11-19"  # Sunday 21:00 in UTC
    assert team_summary.thursday("2025-12-29T09:00:00") == "2026-01-01"  # naive: UTC; 2026's first week
