"""The team dashboard's small summary table, kept in each attempt's transaction.

One row per (chosen, scenario, week, person): what the dashboard shows of a
person's counted attempts (finished, not scripted) under one filter, summed:
attempts, score sum, passes, each lever's percent sum and count, and who they
were at their latest attempt (finish, id, display name, learner id).

- `chosen`: 'all', ONE filter: 'persona:<id>', 'style:<style>', 'mode:<mode>', or a pair
  (migration 16): 'persona:<id>|mode:<mode>', 'style:<style>|mode:<mode>';
- `scenario`: '' (every scenario) or a scenario id;
- `week`: '' (all time) or the Thursday of the ISO week, UTC, as YYYY-MM-DD
  (the day that names the week's year and month).

The grains kept (GRAINS): under no filter, every scenario combination and
weeks; under one customer, style or mode filter (or a pair): weeks over every
scenario, and all time per scenario. Each attempt upserts one row per grain
(at most 19) in one statement. Distinct people per week or scenario are the number
of rows. At the benchmark's density (500 people, 2,000 attempts each over
300 days, 14 scenarios) one filter's weeks are ~21,000 rows, its all-time
rows 500: the dashboard reads those, never the attempts. A view whose grain
is not kept (a customer and a style; the people and weeks over a date range with a scenario and a
customer) is counted from the attempts' covering index (team_views.py); the scenarios over any date range
read team_scenario_weeks.py's tables.

SQLite's migration 14, PostgreSQL's schema 8: the table and, from the
attempts kept so far, one INSERT ... SELECT ... GROUP BY per grain.

SQLite's migration 16, PostgreSQL's schema 10 (issue 33, fourth session):
- two filters a lead combines, customer and mode or style and mode, are one
  `chosen` too ('persona:<id>|mode:<mode>', 'style:<style>|mode:<mode>'),
  with a single filter's grains (customer and style together stay counted
  from the index: a customer has one style);
- a second table, `team_months`: per (chosen, scenario, month, person) the
  attempts, score sum and passes, where the month is that of the week's
  Thursday (a month is its whole ISO weeks, as the dates filter picks them).
  A date range over every scenario reads these rows for the months it
  holds whole (a month at the benchmark's density: 7,000 rows, not 27,000
  week rows), plus week rows for a partial month at either end.

SQLite's migration 18, PostgreSQL's schema 12 (perfdash) drop `team_months`: the scenarios view over any date
range reads team_scenario_weeks.py's tables instead (per scenario and week, no row per person).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from game.core.model import LEVERS

COUNTED = "status = 'finished' AND scripted = 0"
FILTER_COLUMNS = (("persona", "persona"), ("persona_style", "style"), ("mode", "mode"))  # column, prefix
FILTER_PAIRS = (("persona", "mode"), ("persona_style", "mode"))  # two filters kept as one `chosen`
_PREFIX = dict(FILTER_COLUMNS)

_LEVER_COLUMNS = [f"{lever}_{k}" for lever in LEVERS for k in ("sum", "n")]
_SUMMED = ("attempts", "score_sum", "passed", *_LEVER_COLUMNS)
_LAST = ("last_played", "last_id", "player", "learner")
KEY = ("chosen", "scenario", "week", "person")

TABLE = (
    "CREATE TABLE team_summary (chosen TEXT NOT NULL, scenario TEXT NOT NULL, week TEXT NOT NULL, "
    "person TEXT NOT NULL, attempts INTEGER NOT NULL, score_sum INTEGER NOT NULL, passed INTEGER NOT NULL, "
    + "".join(f"{c} INTEGER NOT NULL, " for c in _LEVER_COLUMNS)
    + "last_played TEXT NOT NULL, last_id BIGINT NOT NULL, player TEXT NOT NULL, learner TEXT NOT NULL, "
    "PRIMARY KEY (chosen, scenario, week, person)){without_rowid};\n")


def grains(chosen_all: bool) -> tuple[tuple[bool, bool], ...]:
    """(per scenario, per week) pairs kept for 'all' and for one filter."""
    if chosen_all:
        return ((False, True), (False, False), (True, True), (True, False))
    return ((False, True), (False, False), (True, False))


def kept(chosen: str, scenario: bool, weekly: bool) -> bool:
    """Whether rows of this grain are kept (else the view counts from the attempts)."""
    return (scenario, weekly) in grains(chosen == "all")


def thursday(finished_at: str) -> str:
    """The Thursday of finished_at's ISO week, UTC, as YYYY-MM-DD (a naive time is UTC)."""
    moment = datetime.fromisoformat(finished_at.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    day = moment.astimezone(timezone.utc).date()
    return (day + timedelta(days=3 - day.weekday())).isoformat()


def chosen_of(filters: dict) -> str | None:
    """The `chosen` key of the customer, style and mode filters in `filters` ('all' for none), or None
    when that combination is not kept."""
    picked = [column for column, _ in FILTER_COLUMNS if filters.get(column)]
    if len(picked) > 1 and tuple(picked) not in FILTER_PAIRS:
        return None
    return "|".join(f"{_PREFIX[column]}:{filters[column]}" for column in picked) or "all"


def filters_of(attempt) -> list[str]:
    """Every `chosen` an attempt counts under: 'all', each filter it matches, each pair kept."""
    values = {column: getattr(attempt, column) for column, _ in FILTER_COLUMNS}
    chosen = ["all"] + [f"{prefix}:{values[column]}" for column, prefix in FILTER_COLUMNS if values[column]]
    return chosen + [chosen_of({c: values[c] for c in pair}) for pair in FILTER_PAIRS if all(values[c] for c in pair)]


_UPSERT = (f"INSERT INTO team_summary ({', '.join((*KEY, *_SUMMED, *_LAST))}) VALUES {{values}} "
           "ON CONFLICT (chosen, scenario, week, person) DO UPDATE SET "
           + ", ".join(f"{c} = team_summary.{c} + excluded.{c}" for c in _SUMMED) + ", "
           + ", ".join(f"{c} = CASE WHEN excluded.last_played >= team_summary.last_played THEN excluded.{c} "
                       f"ELSE team_summary.{c} END" for c in _LAST))
_ROW = "(" + ", ".join("?" for _ in (*KEY, *_SUMMED, *_LAST)) + ")"


def keep_team_summary(run, attempt, attempt_id: int) -> None:
    """Add a newly recorded attempt to its summary rows (`run`: a statement in the attempt's
    transaction): one upsert of a row per grain kept. Attempts the dashboard does not count
    (abandoned, scripted) change nothing."""
    if attempt.status != "finished" or attempt.scripted:
        return
    try:
        week = thursday(attempt.finished_at)
    except ValueError:  # a finish that is not a date (recording checks; the migration's rows may not): all time
        week = None
    figures = [1, attempt.score, int(attempt.score >= attempt.mastery)]
    for lever in LEVERS:
        percent = attempt.levers.get(lever, {}).get("percent")
        figures += [0, 0] if percent is None else [percent, 1]
    last = [attempt.finished_at, attempt_id, attempt.player, attempt.learner]
    params, rows = [], 0
    for chosen in filters_of(attempt):
        for per_scenario, weekly in grains(chosen == "all"):
            if weekly and week is None:
                continue
            params += [chosen, attempt.scenario if per_scenario else "", week if weekly else "", attempt.person,
                       *figures, *last]
            rows += 1
    run(_UPSERT.format(values=", ".join(_ROW for _ in range(rows))), params)


# team_months (migration 16) is no longer kept nor read: SQLite's 18 / PostgreSQL's 12 drop it (the scenarios view
# over a date range reads team_scenario_weeks.py's tables, for any range of weeks)
MONTHS_TABLE = ("CREATE TABLE team_months (chosen TEXT NOT NULL, scenario TEXT NOT NULL, month TEXT NOT NULL, "
                "person TEXT NOT NULL, attempts INTEGER NOT NULL, score_sum INTEGER NOT NULL, passed INTEGER NOT NULL, "
                "PRIMARY KEY (chosen, scenario, month, person)){without_rowid};\n")


SINGLE_FAMILIES = [("'all'", "")] + [(f"'{prefix}:' || {column}", f"AND {column} != ''")
                                      for column, prefix in FILTER_COLUMNS]
PAIR_FAMILIES = [(" || '|' || ".join(f"'{_PREFIX[c]}:' || {c}" for c in pair),
                  " ".join(f"AND {c} != ''" for c in pair)) for pair in FILTER_PAIRS]


def fill_months_sql(week_sql: str) -> str:
    """team_months filled from the attempts kept so far: one INSERT ... SELECT ... GROUP BY per family."""
    return "".join(
        "INSERT INTO team_months (chosen, scenario, month, person, attempts, score_sum, passed) "
        f"SELECT {chosen}, scenario, substr({week_sql}, 1, 7), person, COUNT(*), SUM(score), "
        f"SUM(CASE WHEN score >= mastery THEN 1 ELSE 0 END) FROM attempts WHERE {COUNTED} {only} "
        f"AND {week_sql} IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;\n"
        for chosen, only in SINGLE_FAMILIES + PAIR_FAMILIES)


def fill_all_sql(week_sql: str) -> str:
    """The table filled from the attempts kept so far, every family (a benchmark's attempts written straight in)."""
    return fill_sql(week_sql, SINGLE_FAMILIES + PAIR_FAMILIES)


def fill_sql(week_sql: str, families=SINGLE_FAMILIES) -> str:
    """The table filled from the attempts kept so far: one INSERT ... SELECT ... GROUP BY per
    grain (the latest attempt of each row found by a window, latest finish then latest id), inserted
    in the key's order (PostgreSQL's table is then in that order: a month of one filter is a few
    hundred pages, not one page per row)."""
    statements = []
    levers = ", ".join(f"{lever}_percent" for lever in LEVERS)
    sums = ", ".join(f"SUM(COALESCE({lever}_percent, 0)), COUNT({lever}_percent)" for lever in LEVERS)
    for chosen, only in families:
        for per_scenario, weekly in grains(chosen == "'all'"):
            scenario = "scenario" if per_scenario else "''"
            week = week_sql if weekly else "''"
            dated = f" AND {week_sql} IS NOT NULL" if weekly else ""  # a finish no date reads: all time only
            # PostgreSQL refuses a constant in PARTITION BY: only what varies
            parts = ", ".join(p for p, varies in ((chosen, only), (scenario, per_scenario), (week, weekly)) if varies)
            parts = f"{parts}, person" if parts else "person"
            statements.append(
                f"INSERT INTO team_summary ({', '.join((*KEY, *_SUMMED, *_LAST))}) "
                f"SELECT k_chosen, k_scenario, k_week, person, COUNT(*), SUM(score), "
                f"SUM(CASE WHEN score >= mastery THEN 1 ELSE 0 END), {sums}, MAX(finished_at), "
                "MAX(CASE WHEN latest = 1 THEN id END), MAX(CASE WHEN latest = 1 THEN player END), "
                "MAX(CASE WHEN latest = 1 THEN learner END) "
                f"FROM (SELECT {chosen} AS k_chosen, {scenario} AS k_scenario, {week} AS k_week, person, score, "
                f"mastery, {levers}, finished_at, id, player, learner, ROW_NUMBER() OVER (PARTITION BY {parts} "
                "ORDER BY finished_at DESC, id DESC) AS latest "
                f"FROM attempts WHERE {COUNTED} {only}{dated}) AS t GROUP BY k_chosen, k_scenario, k_week, person "
                "ORDER BY k_chosen, k_scenario, k_week, person")  # in the key's order: a filter's rows lie together
    return ";\n".join(statements) + ";\n"


# PostgreSQL: without statistics on the key's filter and scenario together, the planner multiplied
# their frequencies ('all' ~40 % of rows, scenario '' ~50 %) and read the whole table for one filter's
# 23,500 week rows (57 ms, against 4-11 ms through the key)
POSTGRES_STATISTICS = ("CREATE STATISTICS team_summary_grains (mcv, dependencies) ON chosen, scenario "
                       "FROM team_summary;\nANALYZE team_summary;\n")


def migration(week_sql: str, sqlite: bool) -> str:
    """SQLite's 14, PostgreSQL's 8: the table, with a single filter's grains."""
    return (TABLE.format(without_rowid=" WITHOUT ROWID" if sqlite else "") + fill_sql(week_sql)
            + ("" if sqlite else POSTGRES_STATISTICS))


def months_migration(week_sql: str, sqlite: bool) -> str:
    """SQLite's 16, PostgreSQL's 10: the pairs' rows in team_summary, and team_months."""
    return (fill_sql(week_sql, PAIR_FAMILIES) + MONTHS_TABLE.format(without_rowid=" WITHOUT ROWID" if sqlite else "")
            + fill_months_sql(week_sql) + ("" if sqlite else "ANALYZE team_summary;\nANALYZE team_months;\n"))
