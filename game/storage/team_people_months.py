"""The team dashboard's people over whole months (issue 33, sixth session), kept in the attempt's transaction.

team_people_months: per (chosen, month, person), over every scenario, what team_summary keeps per week
(attempts, score sum, passes, each lever's percent sum and count, who they were at their latest attempt),
where the month is that of the week's Thursday (as team_months: a month is its whole ISO weeks, as the
dates filter picks them). A date range over every scenario made of whole months (a month, a quarter)
reads these rows (500 people a month at the benchmark's density, not 2,200 week rows); the sums add up,
and who each person was is the row of their latest finish. A range with part of a month at either end
reads the week rows as before (reading months and weeks together was measured slower).

Part of SQLite's migration 17 / PostgreSQL's schema 11 (with certificate_summary): the table, filled from
the attempts kept so far.
"""
from __future__ import annotations

from game.core.model import LEVERS
from game.storage.team_summary import (COUNTED, PAIR_FAMILIES, SINGLE_FAMILIES, chosen_of, filters_of, thursday)
from game.storage.team_views import month_span

_LEVER_COLUMNS = [f"{lever}_{k}" for lever in LEVERS for k in ("sum", "n")]
_SUMMED = ("attempts", "score_sum", "passed", *_LEVER_COLUMNS)
_LAST = ("last_played", "last_id", "player", "learner")
KEY = ("chosen", "month", "person")
_ALL = (*KEY, *_SUMMED, *_LAST)

TABLE = ("CREATE TABLE team_people_months (chosen TEXT NOT NULL, month TEXT NOT NULL, person TEXT NOT NULL, "
         "attempts INTEGER NOT NULL, score_sum INTEGER NOT NULL, passed INTEGER NOT NULL, "
         + "".join(f"{c} INTEGER NOT NULL, " for c in _LEVER_COLUMNS)
         + "last_played TEXT NOT NULL, last_id BIGINT NOT NULL, player TEXT NOT NULL, learner TEXT NOT NULL, "
         "PRIMARY KEY (chosen, month, person)){without_rowid};\n")

_UPSERT = (f"INSERT INTO team_people_months ({', '.join(_ALL)}) VALUES {{values}} "
           "ON CONFLICT (chosen, month, person) DO UPDATE SET "
           + ", ".join(f"{c} = team_people_months.{c} + excluded.{c}" for c in _SUMMED) + ", "
           + ", ".join(f"{c} = CASE WHEN excluded.last_played >= team_people_months.last_played THEN excluded.{c} "
                       f"ELSE team_people_months.{c} END" for c in _LAST))
_ROW = "(" + ", ".join("?" for _ in _ALL) + ")"


def keep_people_months(run, attempt, attempt_id: int) -> None:
    """Add a newly recorded attempt to its month's rows, one per `chosen` it counts under (`run`: a
    statement in the attempt's transaction). Not counted (abandoned, scripted) or no date: nothing."""
    if attempt.status != "finished" or attempt.scripted:
        return
    try:
        month = thursday(attempt.finished_at)[:7]
    except ValueError:
        return
    figures = [1, attempt.score, int(attempt.score >= attempt.mastery)]
    for lever in LEVERS:
        percent = attempt.levers.get(lever, {}).get("percent")
        figures += [0, 0] if percent is None else [percent, 1]
    last = [attempt.finished_at, attempt_id, attempt.player, attempt.learner]
    chosen = filters_of(attempt)
    run(_UPSERT.format(values=", ".join(_ROW for _ in chosen)),
        [v for c in chosen for v in (c, month, attempt.person, *figures, *last)])


def fill_sql(week_sql: str) -> str:
    """The rows from the attempts kept so far: one INSERT ... SELECT ... GROUP BY per family (the latest
    attempt of each row by a window, latest finish then latest id)."""
    levers = ", ".join(f"{lever}_percent" for lever in LEVERS)
    sums = ", ".join(f"SUM(COALESCE({lever}_percent, 0)), COUNT({lever}_percent)" for lever in LEVERS)
    month = f"substr({week_sql}, 1, 7)"
    statements = []
    for chosen, only in SINGLE_FAMILIES + PAIR_FAMILIES:
        parts = f"{chosen}, {month}, person" if only else f"{month}, person"
        statements.append(
            f"INSERT INTO team_people_months ({', '.join(_ALL)}) SELECT k_chosen, k_month, person, COUNT(*), "
            f"SUM(score), SUM(CASE WHEN score >= mastery THEN 1 ELSE 0 END), {sums}, MAX(finished_at), "
            "MAX(CASE WHEN latest = 1 THEN id END), MAX(CASE WHEN latest = 1 THEN player END), "
            "MAX(CASE WHEN latest = 1 THEN learner END) "
            f"FROM (SELECT {chosen} AS k_chosen, {month} AS k_month, person, score, mastery, {levers}, finished_at, "
            f"id, player, learner, ROW_NUMBER() OVER (PARTITION BY {parts} ORDER BY finished_at DESC, id DESC) "
            f"AS latest FROM attempts WHERE {COUNTED} {only} AND {week_sql} IS NOT NULL) AS t "
            "GROUP BY k_chosen, k_month, person ORDER BY k_chosen, k_month, person")
    return ";\n".join(statements) + ";\n"


def migration(week_sql: str, sqlite: bool) -> str:
    return (TABLE.format(without_rowid=" WITHOUT ROWID" if sqlite else "") + fill_sql(week_sql)
            + ("" if sqlite else "ANALYZE team_people_months;\n"))


class PeopleMonths:
    """Mixed into SQLBoard (before TeamViews): team_people_rows over a date range that holds whole months."""

    def _people_months(self, filters: dict) -> list[tuple] | None:
        """team_people_rows' rows from whole months' rows, or None (another way: a scenario or a person
        chosen, a filter not kept, no whole month, or part of a month at either end)."""
        chosen = chosen_of(filters)
        span = month_span(filters.get("since"), filters.get("until"))
        if (span is None or chosen is None or filters.get("scenario") or filters.get("player")
                or filters.get("learner")):
            return None
        first, end, edges = span
        if edges:  # a partial month at either end: the week rows alone are faster (measured: 12 against 18 ms on
            return None  # SQLite, 11 against 97 ms on PostgreSQL for 15 May-15 July, where a union of both was read)
        months, params = "FROM team_people_months WHERE chosen = ?", [chosen]
        for bound, value in ((">=", first), ("<", end)):
            if value:
                months += f" AND month {bound} ?"
                params.append(value)
        pieces = [(months, params)] + [("FROM team_summary WHERE chosen = ? AND scenario = '' AND week >= ? "
                                        "AND week < ?", [chosen, low, high]) for low, high in edges]
        union = " UNION ALL ".join(f"SELECT person, {', '.join((*_SUMMED, *_LAST))} {f}" for f, _ in pieces)
        every = [v for _, p in pieces for v in p]
        return [(*row[:6], *(int(v) for v in row[6:])) for row in self._query(  # who each was: in the same pass
            f"SELECT person, SUM(attempts), SUM(score_sum), MAX(last_played), {self._at_latest.format('player')}, "
            f"{self._at_latest.format('learner')}, {', '.join(f'SUM({c})' for c in _LEVER_COLUMNS)} "
            f"FROM ({union}) AS u GROUP BY person", every, plain=True)]
