"""The team dashboard's scenarios over any range of weeks (issue 33, perfdash), kept in the attempt's transaction.

The scenarios view shows per scenario the attempts, score sum and passes (sums: they add up) and the number
of distinct people (which does not add up) over the weeks a date range picks, under no filter, one of
customer, style, mode, or a customer or style with a mode. Two small tables answer it exactly for any range
of whole ISO weeks, without a row per person:

- `team_scenario_weeks`: per (chosen, scenario, week) the attempts, score sum and passes;
- `team_scenario_people`: per (chosen, scenario, week, previous) how many people played the scenario
  (under `chosen`) in that week whose previous week of playing it was `previous` ('' for none before).

Distinct people over the weeks [since, until): each person counts once, at their first week in the range,
which is exactly their week in the range whose previous week is before `since` (or '' without `since`).
So people = SUM(people) over the rows with `since <= week < until` and `previous < since`: a range test on
a few hundred rows (14 scenarios x weeks x the few distinct previous weeks), not one row per person and week
(a customer's weeks per scenario alone would be ~1M rows at the benchmark's density).

Recording an attempt (week w, its person p) reads p's other counted attempts at that scenario (an index
read: ~140 at the benchmark's density), and for each `chosen` the attempt counts under: if p already played
it in w nothing changes but the sums; else p's week w arrives after p's previous week (prev, or ''), and p's
next week (next, if any) now comes after w instead of prev: +1 (w, prev), and -1 (next, prev), +1 (next, w).
Attempts recorded in any order keep the rows equal to a recount (tested). A week is the Thursday of the ISO
week, UTC (team_summary.thursday), the same whole-weeks rule as the other team tables.

SQLite's migration 18, PostgreSQL's schema 12: both tables, filled from the attempts kept so far.
"""
from __future__ import annotations

from game.storage.team_summary import (COUNTED, FILTER_COLUMNS, FILTER_PAIRS, PAIR_FAMILIES, SINGLE_FAMILIES, chosen_of,
                                       thursday)

WEEKS_TABLE = ("CREATE TABLE team_scenario_weeks (chosen TEXT NOT NULL, scenario TEXT NOT NULL, week TEXT NOT NULL, "
               "attempts INTEGER NOT NULL, score_sum INTEGER NOT NULL, passed INTEGER NOT NULL, "
               "PRIMARY KEY (chosen, scenario, week)){without_rowid};\n")
PEOPLE_TABLE = ("CREATE TABLE team_scenario_people (chosen TEXT NOT NULL, scenario TEXT NOT NULL, week TEXT NOT NULL, "
                "previous TEXT NOT NULL, people INTEGER NOT NULL, "
                "PRIMARY KEY (chosen, scenario, week, previous)){without_rowid};\n")

_SUMMED = ("attempts", "score_sum", "passed")
_WEEKS_UPSERT = ("INSERT INTO team_scenario_weeks (chosen, scenario, week, attempts, score_sum, passed) "
                 "VALUES {values} ON CONFLICT (chosen, scenario, week) DO UPDATE SET "
                 + ", ".join(f"{c} = team_scenario_weeks.{c} + excluded.{c}" for c in _SUMMED))
_PEOPLE_UPSERT = ("INSERT INTO team_scenario_people (chosen, scenario, week, previous, people) VALUES {values} "
                  "ON CONFLICT (chosen, scenario, week, previous) DO UPDATE SET "
                  "people = team_scenario_people.people + excluded.people")

def counted_under(attempt) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each `chosen` an attempt counts under (as team_summary.filters_of, in its order) with the columns and
    values another attempt must share to count under it too."""
    values = {column: getattr(attempt, column) for column, _ in FILTER_COLUMNS}
    groups = [[]] + [[column] for column, _ in FILTER_COLUMNS if values[column]]
    groups += [list(pair) for pair in FILTER_PAIRS if all(values[c] for c in pair)]
    return [(chosen_of({c: values[c] for c in group}), [(c, values[c]) for c in group]) for group in groups]


def keep_scenario_weeks(run, attempt, attempt_id: int, week_sql: str, unindexed: str = "") -> None:
    """Add a newly recorded attempt to both tables (`run`: a statement in its transaction; `week_sql`: the
    database's Thursday of finished_at's ISO week; `unindexed`: SQLite's '+', which keeps it reading the person's
    entries of the covering index attempts_team rather than visiting each of their rows at the scenario
    through attempts_board: 0.8 against 1.5 ms at 1M). Not counted (abandoned, scripted) or no date: nothing."""
    if attempt.status != "finished" or attempt.scripted:
        return
    try:
        week = thursday(attempt.finished_at)
    except ValueError:
        return
    under = counted_under(attempt)
    chosen = [c for c, _ in under]
    run(_WEEKS_UPSERT.format(values=", ".join("(?, ?, ?, ?, ?, ?)" for _ in chosen)),
        [v for c in chosen for v in (c, attempt.scenario, week, 1, attempt.score,
                                     int(attempt.score >= attempt.mastery))])
    columns, params = [], []
    for _, shared in under:  # per `chosen`: the latest week before, the first week after, whether this one was played
        test = " AND ".join(f"{column} = ?" for column, _ in shared) or "1 = 1"
        values = [value for _, value in shared]
        columns += [f"MAX(CASE WHEN wk < ? AND {test} THEN wk END)", f"MIN(CASE WHEN wk > ? AND {test} THEN wk END)",
                    f"MAX(CASE WHEN wk = ? AND {test} THEN 1 ELSE 0 END)"]
        params += [week, *values] * 3
    named = ", ".join(f"{c} AS c{n}" for n, c in enumerate(columns))
    found = run(f"SELECT {named} FROM (SELECT {week_sql} AS wk, persona, persona_style, mode "
                f"FROM attempts WHERE person = ? AND {unindexed}scenario = ? AND {COUNTED} AND id != ?) AS mine",
                [*params, attempt.person, attempt.scenario, attempt_id]).fetchone()
    found = [found[f"c{n}"] for n in range(len(columns))]
    changes, emptied = [], []
    for n, c in enumerate(chosen):
        before, after, played = found[3 * n: 3 * n + 3]
        if played:  # this person already counted in this week
            continue
        before = before or ""
        changes.append((c, attempt.scenario, week, before, 1))
        if after:  # their next week now follows this one
            changes += [(c, attempt.scenario, after, before, -1), (c, attempt.scenario, after, week, 1)]
            emptied.append((c, attempt.scenario, after, before))
    if changes:
        run(_PEOPLE_UPSERT.format(values=", ".join("(?, ?, ?, ?, ?)" for _ in changes)),
            [v for row in changes for v in row])
    for key in emptied:
        run("DELETE FROM team_scenario_people WHERE chosen = ? AND scenario = ? AND week = ? AND previous = ? "
            "AND people = 0", key)


def fill_sql(week_sql: str) -> str:
    """Both tables from the attempts kept so far, one family at a time, in the key's order: the sums grouped
    by week; each person's distinct weeks with the one before (LAG), counted by (week, previous)."""
    statements = []
    for chosen, only in SINGLE_FAMILIES + PAIR_FAMILIES:
        dated = f"{COUNTED} {only} AND {week_sql} IS NOT NULL"
        statements.append(
            "INSERT INTO team_scenario_weeks (chosen, scenario, week, attempts, score_sum, passed) "
            f"SELECT {chosen}, scenario, {week_sql}, COUNT(*), SUM(score), SUM(CASE WHEN score >= mastery THEN 1 ELSE 0 "
            f"END) FROM attempts WHERE {dated} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
        parts = "k_chosen, scenario, person" if only else "scenario, person"  # PostgreSQL: no constant partition
        statements.append(
            "INSERT INTO team_scenario_people (chosen, scenario, week, previous, people) "
            "SELECT k_chosen, scenario, wk, previous, COUNT(*) FROM (SELECT k_chosen, scenario, wk, "
            f"LAG(wk, 1, '') OVER (PARTITION BY {parts} ORDER BY wk) AS previous FROM (SELECT DISTINCT "
            f"{chosen} AS k_chosen, scenario, person, {week_sql} AS wk FROM attempts WHERE {dated}) AS d) AS t "
            "GROUP BY k_chosen, scenario, wk, previous ORDER BY k_chosen, scenario, wk, previous")
    return ";\n".join(statements) + ";\n"


def migration(week_sql: str, sqlite: bool) -> str:
    """SQLite's 18, PostgreSQL's 12: both tables, filled; team_months (16 / 10), which they replace, dropped."""
    rowid = " WITHOUT ROWID" if sqlite else ""
    return ("DROP TABLE team_months;\n" + WEEKS_TABLE.format(without_rowid=rowid)
            + PEOPLE_TABLE.format(without_rowid=rowid) + fill_sql(week_sql)
            + ("" if sqlite else "ANALYZE team_scenario_weeks;\nANALYZE team_scenario_people;\n"))


class ScenarioWeeks:
    """Mixed into SQLBoard (before TeamViews): team_scenarios over a date range from the two tables."""

    def _scenario_weeks(self, filters: dict, scenarios) -> list[tuple] | None:
        """(scenario, attempts, people, score sum, passed) by scenario id over the weeks [since, until), or
        None (another way: no dates, a person chosen, or filters not kept together)."""
        since, until = filters.get("since"), filters.get("until")
        chosen = chosen_of(filters)
        if not (since or until) or chosen is None or filters.get("player") or filters.get("learner"):
            return None
        picked = [filters["scenario"]] if filters.get("scenario") else list(scenarios)
        if not picked:
            return []
        where, params = f"WHERE chosen = ? AND scenario IN ({', '.join('?' for _ in picked)})", [chosen, *picked]
        for bound, value in ((">=", since), ("<", until)):
            if value:
                where += f" AND week {bound} ?"
                params.append(value)
        people = dict(self._query(  # each person once: at their first week in the range
            f"SELECT scenario, SUM(people) FROM team_scenario_people {where} AND previous {'<' if since else '='} ? "
            "GROUP BY scenario", [*params, since or ""], plain=True))
        return [(r[0], int(r[1]), int(people[r[0]]), int(r[2]), int(r[3])) for r in self._query(
            f"SELECT scenario, SUM(attempts), SUM(score_sum), SUM(passed) FROM team_scenario_weeks {where} "
            "GROUP BY scenario ORDER BY scenario", params, plain=True)]
