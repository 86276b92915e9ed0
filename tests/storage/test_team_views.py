"""The team dashboard's figures are counted by the database (filters in the
WHERE, grouping in SQL), on SQLite and PostgreSQL: they are the figures the
in-memory functions give over the same attempts, for every filter a lead
can choose (scenario, customer, customer style, mode, dates), and the
database sends back one row per person, week or scenario, never the attempts."""
import random
from dataclasses import replace

import pytest

from game.app import team_view
from game.storage.scoreboard import open_scoreboard
from game.storage.team_summary import thursday
from game.storage.team_views import month_span
from tests.storage.test_views import some_attempts


def varied(count=60):
    """Attempts across weeks (a year's end among them: ISO week 1 of the next year), both modes, scripted
    runs, a person whose name changed, two attempts of one person at the same moment, times not in UTC."""
    rng = random.Random(11)
    days = ["2025-12-28", "2025-12-29", "2026-01-01", "2026-01-04", "2026-11-10", "2026-11-16", "2026-11-22"]
    found = []
    for n, a in enumerate(some_attempts(count, seed=3)):
        day = rng.choice(days)
        zone = "+00:00" if n % 3 else "+05:00"
        a = replace(a, finished_at=f"{day}T{rng.choice(('02', '09', '23'))}:{n % 60:02d}:00{zone}",
                    mode="assessment" if n % 4 == 0 else "coach", scripted=n % 9 == 5)
        found.append(a)
    found[1] = replace(found[1], finished_at=found[0].finished_at, player=found[0].player, learner=found[0].learner)
    if found[0].learner:
        found[2] = replace(found[2], player="Renamed", learner=found[0].learner)
    return found


# read from the summary table (no filter or one customer/style/mode filter, with or without a scenario, all
# time; or with dates, whole weeks, unless a scenario and such a filter are both chosen)
SUMMARY_FILTERS = [{}, {"scenario": "late-refund"}, {"scenario": "two-faces"}, {"persona": "brisk"},
                   {"persona_style": "direct"}, {"mode": "assessment"}, {"mode": "coach", "scenario": "two-faces"},
                   {"since": "2026-01-01"}, {"until": "2026-01-01"}, {"since": "2025-12-29", "until": "2026-11-16"},
                   {"scenario": "nothing-here"}, {"scenario": "two-faces", "since": "2026-01-02"},
                   {"persona": "hurt", "until": "2026-11-20"}, {"mode": "coach", "since": "2026-11-12"},
                   {"since": "2026-01-02", "until": "2026-01-01"},
                   {"since": "2025-01-01", "until": "2027-01-01"},  # every week played: read as all time
                   {"scenario": "two-faces", "persona": "brisk", "since": "2025-12-01"},
                   # a customer or a style with a mode: one pair, kept like one filter
                   {"persona": "brisk", "mode": "coach"}, {"persona_style": "direct", "mode": "assessment"},
                   {"persona": "hurt", "mode": "coach", "scenario": "late-refund"},
                   {"persona": "brisk", "mode": "coach", "since": "2026-11-01"},
                   # whole months (the months of the weeks' Thursdays), part of a month at either end
                   {"since": "2026-01-01", "until": "2026-02-01"}, {"since": "2025-12-01", "until": "2026-11-01"},
                   {"since": "2025-12-20", "until": "2026-11-15"}, {"until": "2026-01-01"}, {"since": "2026-11-01"},
                   {"since": "2025-12-26", "until": "2026-01-31"},  # no whole month: the weeks' rows
                   {"persona": "brisk", "since": "2026-11-01", "until": "2026-12-01"},
                   {"persona_style": "direct", "until": "2026-11-01"}, {"mode": "coach", "since": "2026-01-01"},
                   {"scenario": "two-faces", "mode": "assessment", "since": "2025-12-01", "until": "2026-12-01"},
                   {"persona": "brisk", "mode": "coach", "since": "2025-12-01", "until": "2026-01-01"}]
# some views (or all) counted from the attempts' index: a customer and a style, or a date range with a
# scenario and a filter (its people and weeks views); a filter over part of a month is kept (team_scenario_weeks)
FALLBACK_FILTERS = [{"persona_style": "direct", "persona": "hurt"},
                    {"scenario": "two-faces", "persona": "brisk", "since": "2025-12-29"},
                    {"scenario": "late-refund", "mode": "assessment", "until": "2026-11-16"},
                    {"persona": "brisk", "since": "2025-12-29", "until": "2026-11-01"},
                    {"persona": "brisk", "persona_style": "direct", "mode": "coach"}]
FILTERS = SUMMARY_FILTERS + FALLBACK_FILTERS


def test_a_date_range_is_split_into_its_whole_months_and_the_days_at_either_end():
    assert month_span("2026-06-01", "2026-07-01") == ("2026-06", "2026-07", [])
    assert month_span("2026-05-20", "2026-08-10") == ("2026-06", "2026-08", [("2026-05-20", "2026-06-01"),
                                                                            ("2026-08-01", "2026-08-10")])
    assert month_span("2025-12-02", None) == ("2026-01", None, [("2025-12-02", "2026-01-01")])
    assert month_span(None, "2026-03-01") == (None, "2026-03", [])
    assert month_span("2026-06-02", "2026-07-01") is None  # no whole month
    assert month_span("2026-07-01", "2026-06-01") is None and month_span(None, None) is None


def in_memory(attempts, filters):
    """The attempts the filters choose, in memory: dates pick whole ISO weeks (UTC), a week
    counting when its Thursday is on or after `since` and before `until`."""
    def keep(a):
        return all(not filters.get(k) or getattr(a, k) == filters[k]
                   for k in ("scenario", "persona", "persona_style", "mode")) and \
            (not filters.get("since") or thursday(a.finished_at) >= filters["since"]) and \
            (not filters.get("until") or thursday(a.finished_at) < filters["until"])
    return [a for a in attempts if keep(a)]


@pytest.fixture
def filled(store):
    board = open_scoreboard()
    attempts = varied()
    for a in attempts:
        board.record(a)
    board.roster_add("ana@example.org", "Ana Lima", "North")
    board.roster_add("dee@example.org", "Dee Diaz", "South")
    yield board, attempts
    board.close()


def test_every_view_counts_what_the_attempts_say_under_every_filter(filled):
    board, attempts = filled
    roster = board.roster()
    assert any(a.scripted for a in attempts) and any(a.status == "abandoned" for a in attempts)
    seen_weeks = set()
    for filters in FILTERS:
        chosen = in_memory(attempts, filters)
        people = team_view.levers_by_person(chosen, roster)
        for row in people["people"]:  # the latest attempt names the person; same moment: the later recorded
            mine = [a for a in team_view.counted(chosen) if a.person == row["person"]]
            last = max(mine, key=lambda a: (a.finished_at, a.id))
            row["name"] = {p["learner"]: p["name"] for p in roster}.get(last.learner) or last.player
            row["learner"] = last.learner or None
        people["people"].sort(key=lambda r: (r["name"].lower(), r["person"]))
        assert team_view.levers_from_board(board, roster, **filters) == people, filters
        weeks = team_view.weeks_from_board(board, **filters)
        assert weeks == team_view.weeks(chosen), filters
        seen_weeks |= {w["week"] for w in weeks["weeks"]}
        titles = board.scenarios()
        expected = team_view.scenarios(chosen)
        for row in expected["scenarios"]:
            row["title"] = titles[row["scenario"]]
        assert team_view.scenarios_from_board(board, **filters) == expected, filters
        for since in ("2026-01-01", "2026-11-20", "2027-01-01"):
            undated = {k: v for k, v in filters.items() if k not in ("since", "until")}
            assert team_view.absent_from_board(board, roster, since, **undated) == \
                team_view.absent(in_memory(attempts, undated), roster, since)
    assert {"2025-W52", "2026-W01", "2026-W47"} <= seen_weeks  # 2025-12-29 is in 2026's first ISO week


def test_the_dashboard_reads_figures_not_attempts(filled, monkeypatch):
    board, attempts = filled
    sent = []
    real = type(board)._query

    def spy(self, sql, params=(), plain=False):
        rows = real(self, sql, params, plain)
        sent.append((sql, len(rows)))
        return rows
    monkeypatch.setattr(type(board), "_query", spy)
    monkeypatch.setattr(type(board), "attempts", lambda *a, **k: pytest.fail("the dashboard read every attempt"))
    data = team_view.dashboard(board, scenario="late-refund", since="2025-01-01", absent_since="2026-11-20")
    assert data["counted"] == len(team_view.counted(in_memory(attempts, {"scenario": "late-refund"})))
    people = len(data["levers"]["people"])
    assert max(n for _, n in sent) <= max(people, len(board.scenarios()), 10)  # a row per figure, not per attempt


def test_one_filter_reads_only_the_summary_rows(filled, monkeypatch, store):
    """No filter or one of scenario, customer, style, mode (over whole weeks: no filter or a scenario):
    the dashboard reads the summary table's rows of that filter (on SQLite by its key, never a scan),
    not the attempts."""
    board, _ = filled
    sent = []
    real = type(board)._query

    def spy(self, sql, params=(), plain=False):
        sent.append((sql, params))
        return real(self, sql, params, plain)
    monkeypatch.setattr(type(board), "_query", spy)
    for filters in ({}, {"scenario": "late-refund"}, {"persona": "brisk"}, {"style": "direct"},
                    {"mode": "coach"}, {"since": "2026-01-01"},
                    {"scenario": "two-faces", "since": "2025-12-29", "until": "2026-11-20"},
                    {"persona": "brisk", "mode": "coach"}, {"style": "direct", "mode": "coach"},
                    {"since": "2026-01-01", "until": "2026-02-01"}, {"since": "2025-12-20", "until": "2026-11-15"},
                    {"persona": "brisk", "since": "2026-11-01", "until": "2026-12-01"},
                    {"persona": "brisk", "mode": "coach", "since": "2025-12-01", "until": "2026-01-01"}):
        sent.clear()
        team_view.dashboard(board, absent_since="2026-11-20", **filters)
        assert not [sql for sql, _ in sent if "FROM attempts" in sql], filters
        tables = ("team_summary", "team_people_months", "team_scenario_weeks", "team_scenario_people")
        counted = [(sql, p) for sql, p in sent if any(table in sql for table in tables)]
        if filters.get("since") or filters.get("until"):  # the scenarios: per scenario and week, never per person
            assert any("FROM team_scenario_weeks" in sql for sql, _ in counted), filters
            assert any("FROM team_scenario_people" in sql for sql, _ in counted), filters
        assert len(counted) >= 4, filters  # people, weeks, scenarios, absent
        if store == "sqlite":
            for sql, params in counted:
                plan = " ".join(row[-1] for row in real(board, f"EXPLAIN QUERY PLAN {sql}", params, True))
                for table in tables:
                    if f"FROM {table}" in sql:
                        assert f"SEARCH {table} USING PRIMARY KEY" in plan and f"SCAN {table}" not in plan, plan


def test_combined_filters_count_from_the_dashboards_index_without_visiting_a_row(filled, monkeypatch):
    """What the summary tables do not keep (two of customer, style, mode; a date range with a scenario
    and one of them: its people and weeks) is counted on SQLite from the
    index holding the columns the views read (attempts_team), never the attempts table itself; the names are read from the rows of each
    person's last moment only."""
    board, _ = filled
    if board.shared:
        pytest.skip("PostgreSQL plans by its statistics (an index-only scan needs a vacuumed table)")
    sent = []
    real = type(board)._query

    def spy(self, sql, params=(), plain=False):
        if "FROM attempts" in sql:
            sent.append((sql, params))
        return real(self, sql, params, plain)
    monkeypatch.setattr(type(board), "_query", spy)
    team_view.dashboard(board, absent_since="2026-11-20", persona="brisk", style="direct")
    assert len(sent) == 5  # every view: people (and who they were), weeks, scenarios, absent
    data = team_view.dashboard(board, absent_since="2026-11-20", scenario="two-faces", persona="brisk",
                               since="2025-12-29")
    # absent (all time) is kept, and the scenarios by week (team_scenario_weeks.py); the dated people and weeks not
    assert data["levers"]["people"] and len(sent) == 5 + 3
    team_view.dashboard(board, absent_since="2026-11-20", persona="brisk", since="2026-01-02")
    assert len(sent) == 5 + 3  # one customer's weeks are kept, and its scenarios by week (a part of a month too)
    for sql, params in sent:
        plan = " ".join(row[-1] for row in real(board, f"EXPLAIN QUERY PLAN {sql}", params, True))
        if "finished_at IN" in sql:  # who each person was at their last attempt: those moments only
            assert plan.startswith("SEARCH attempts USING INDEX attempts_by_finish (finished_at=?)"), (sql, plan)
        else:
            assert "SCAN attempts USING COVERING INDEX attempts_team" in plan, (sql, plan)


def test_the_certificates_section_reads_the_rules_columns_and_says_what_every_attempt_says(filled, monkeypatch):
    """The dashboard's certificates (a course set) on both databases: the same people, blocks, dates and
    what is left as the view over every whole attempt, for any `until`, without reading whole attempts."""
    from game.app.team_certificates import certificates
    from game.core.course.load import check_bytes
    board, attempts = filled
    grades = {a.grade for a in attempts if a.status == "finished" and not a.scripted}
    course = check_bytes(b"""\
format: 1
id: t
title: Test path
blocks:
  one:
    title: One
    scenarios: [late-refund]
    certificate: {grade: Developing, mode: any, attempts: any}
  two:
    title: Two
    requires: [one]
    scenarios: [two-faces, late-refund]
    certificate: {grade: Strong, mode: coach, attempts: 3, personas: 1}
""", "t.yaml", {"late-refund", "two-faces"}, set()).course
    roster, titles = board.roster(), board.scenarios()
    whole = board.attempts(with_steps=False)
    monkeypatch.setattr(type(board), "attempts", lambda *a, **k: pytest.fail("the certificates read every attempt"))
    states = set()
    for until in (None, "2026-01-01", "2026-11-20"):
        expected = certificates(course, whole, [], roster, titles, until=until)
        got = team_view.dashboard(board, until=until, course=course)["certificates"]
        assert got == expected, until
        states |= {b["state"] for p in got["people"] for b in p["blocks"]}
    assert {"certified", "next"} <= states and len(grades) > 1  # the rule decided both ways
