"""The team dashboard's figures, counted by the database: filters in the
WHERE, aggregation in GROUP BY, so what comes back is one row per person,
week or scenario, never the attempts (a million attempts used to be
fetched and turned into objects to be counted in memory).

Counted: finished attempts played by a person (game.app.team_view says
why). Means come back as exact sums and counts (integers): game.app.team_view
divides and rounds them as it always did. Mixed into SQLBoard (which
provides `_query` and `_week_sql`, the database's "Thursday of this
ISO week, UTC" of finished_at: the week's label follows from it).

Two ways to the same figures: where the grain a view needs is kept in the
small summary tables (team_summary.py: no filter, ONE of customer, style,
mode, or a customer or style with a mode, with or without a scenario, all
time or whole weeks; whole months per person over every scenario in
team_people_months; the scenarios over any range of weeks in
team_scenario_weeks.py's two tables), the view
reads those rows (a few hundred to a few tens of thousands, whatever the
number of attempts); otherwise (a customer and a style; the people and weeks
over a date range with a scenario and a customer) it counts from the attempts' covering index
(attempts_team). Dates always pick whole ISO weeks: `since` and `until` are
days, and a week counts when its Thursday is on or after `since` and before
`until` (the week's Thursday names its year and month, as ISO 8601 has it).
"""
from __future__ import annotations

import re
from collections import namedtuple

from game.core.model import LEVERS
from game.storage.team_summary import chosen_of, kept

SQLITE_WEEK = "date(finished_at, '-3 days', 'weekday 4')"
POSTGRES_WEEK = "(date_trunc('week', finished_at::timestamptz AT TIME ZONE 'UTC') + interval '3 days')::date::text"

COUNTED = "status = 'finished' AND scripted = 0"
PASSED = "SUM(CASE WHEN score >= mastery THEN 1 ELSE 0 END)"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def month_span(since: str | None, until: str | None) -> tuple | None:
    """The whole months in [since, until) (days, YYYY-MM-DD) as (first month or None, the month after
    the last or None, each partial end as a [from, to) range of days), or None when no month is whole.
    A month is whole when both its first day and the next month's are in the range's bounds."""
    if not (since or until) or any(d and not _DAY.fullmatch(d) for d in (since, until)):
        return None
    first = None if not since else since[:7] if since.endswith("-01") else _next_month(since[:7])
    end = until[:7] if until else None
    if first and end and first >= end:
        return None
    edges = []
    if since and since < f"{first}-01":
        edges.append((since, f"{first}-01"))
    if until and until > f"{end}-01":
        edges.append((f"{end}-01", until))
    return first, end, edges


def _next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def with_names(rows, moments, numbers=lambda values: values) -> list[tuple]:
    """Each person's row (person, attempts, score sum, last played, figures…) with who they were at their latest
    attempt put after its first four columns: `moments` are (person, finished, id, player, learner) rows, and
    the latest (finished, id) of each person names them; `numbers` turns the figures as the caller needs."""
    latest: dict[str, tuple] = {}
    for person, finished, ident, player, learner in moments:
        if person not in latest or (finished, ident) > latest[person][:2]:
            latest[person] = (finished, ident, player, learner)
    return [(*row[:4], *latest[row[0]][2:], *numbers(row[4:])) for row in rows]


# What the certificates view reads of an attempt: the course rule's columns and who played it (str, but `id`
# and `scripted`: int). collections' namedtuple, not typing's NamedTuple: reading the scoreboard starts
# without typing (issue 33).
CertificateRow = namedtuple("CertificateRow", ("scenario", "mode", "grade", "status", "persona", "persona_style",
                                               "finished_at", "id", "person", "player", "learner", "scripted"))


class TeamViews:
    """Mixed into SQLBoard."""

    _week_sql = SQLITE_WEEK  # PostgreSQL overrides
    # SQLite: a filtered column is written `+column`, which keeps SQLite from seeking another index on it
    # (attempts_board by scenario, attempts_by_finish by date) and then visiting each chosen row: scanning
    # the dashboard's own index is 3x faster at a million attempts (107 against 342 ms for one scenario)
    _unindexed = "+"
    # a column's value in the row of the group's latest finish (who a person was): in SQLite a bare column beside
    # the query's single MAX() aggregate takes that row's value (a person's rows are distinct weeks or months, so
    # their latest finishes differ); PostgreSQL overrides
    _at_latest = "{}"

    def _team_where(self, scenario=None, persona=None, persona_style=None, mode=None, player=None, learner=None,
                    since=None, until=None) -> tuple[str, list]:
        where, params, plus = [COUNTED], [], self._unindexed
        for column, value in (("scenario", scenario), ("persona", persona), ("persona_style", persona_style),
                              ("mode", mode), ("player", player), ("learner", learner)):
            if value:
                where.append(f"{plus}{column} = ?")
                params.append(value)
        if since:  # whole weeks: the week's Thursday in [since, until)
            where.append(f"{self._week_sql} >= ?")
            params.append(since)
        if until:
            where.append(f"{self._week_sql} < ?")
            params.append(until)
        return "WHERE " + " AND ".join(where), params

    def _all_weeks(self, filters: dict) -> dict:
        """`filters` without their dates when the range holds every week anyone played (the whole
        year is all time: a row per person, not one per person and week)."""
        since, until = filters.get("since"), filters.get("until")
        if not (since or until):
            return filters
        kept = ("SELECT {} FROM team_summary WHERE chosen = 'all' AND scenario = '' AND week > ''")
        first, last = self._query(f"SELECT ({kept.format('MIN(week)')}), ({kept.format('MAX(week)')})",
                                  plain=True)[0]
        if first is not None and (not since or since <= first) and (not until or until > last):
            return {k: v for k, v in filters.items() if k not in ("since", "until")}
        return filters

    @staticmethod
    def _kept_where(filters: dict, per_scenario: bool = False, weekly: bool = False, scenarios=()):
        """The WHERE on team_summary that gives a view's grain under `filters` (with its
        parameters), or None when that grain is not kept (the view counts from the attempts).
        `per_scenario`: one row per scenario (`scenarios`: every scenario id, when no scenario is
        chosen); `weekly`: week rows (always, with a date range), else all-time rows."""
        if filters.get("player") or filters.get("learner"):
            return None
        chosen = chosen_of(filters)
        if chosen is None:
            return None
        scenario, since, until = filters.get("scenario") or "", filters.get("since"), filters.get("until")
        weekly = weekly or bool(since or until)
        if not kept(chosen, per_scenario or bool(scenario), weekly):
            return None
        where, params = ["chosen = ?"], [chosen]
        if scenario or not per_scenario:
            where.append("scenario = ?")
            params.append(scenario)
        else:
            where.append(f"scenario IN ({', '.join('?' for _ in scenarios)})" if scenarios else "1 = 0")
            params += list(scenarios)
        if not weekly:
            where.append("week = ''")
        else:  # one lower bound only: given two, SQLite seeks by the first (`week > ''`: every week)
            where.append("week >= ?" if since else "week > ''")
            params += [since] if since else []
            if until:
                where.append("week < ?")
                params.append(until)
        return "WHERE " + " AND ".join(where), params

    def team_people(self, **filters) -> list[dict]:
        """Per person: attempts, score sum, last finish, and per lever the
        sum and count of its percents (a lever never in reach is not
        counted); with the display name and learner id of their latest
        attempt (of two at the same moment, the later recorded)."""
        return [{"person": r[0], "attempts": r[1], "score_sum": r[2], "last_played": r[3], "player": r[4],
                 "learner": r[5], "levers": dict(zip(LEVERS, zip(r[6::2], r[7::2])))}
                for r in self.team_people_rows(**filters)]

    def team_people_rows(self, **filters) -> list[tuple]:
        """`team_people` as tuples (the dashboard's 500 people are turned into rows once, not twice):
        (person, attempts, score sum, last finish, name, learner id, then each lever's sum and count)."""
        filters = self._all_weeks(filters)
        kept = self._kept_where(filters)
        sums = [f"{lever}_{k}" for lever in LEVERS for k in ("sum", "n")]
        if kept is not None and not (filters.get("since") or filters.get("until")):  # a row per person
            return self._query(f"SELECT person, attempts, score_sum, last_played, player, learner, {', '.join(sums)} "
                               f"FROM team_summary {kept[0]}", kept[1], plain=True)
        months = self._people_months(filters) if kept is not None else None
        if months is not None:  # whole months' rows, week rows at either end (team_people_months.py)
            return months
        if kept is not None:  # summed over the weeks; who each was: the row of their latest finish, in the same pass
            return self._query(f"SELECT person, SUM(attempts), SUM(score_sum), MAX(last_played), "
                               f"{self._at_latest.format('player')}, {self._at_latest.format('learner')}, "
                               f"{', '.join(f'SUM({c})' for c in sums)} FROM team_summary {kept[0]} GROUP BY person",
                               kept[1], plain=True)
        # counted from the attempts' index; who each was: an indexed read of those moments only
        where, params = self._team_where(**filters)
        levers = ", ".join(f"SUM({lever}_percent), COUNT({lever}_percent)" for lever in LEVERS)
        rows = self._query(f"SELECT person, COUNT(*), SUM(score), MAX(finished_at), {levers} FROM attempts "
                           f"{where} GROUP BY person", params, plain=True)
        if not rows:
            return []
        lasts = sorted({row[3] for row in rows})
        return with_names(rows, self._query(
            f"SELECT person, finished_at, id, player, learner FROM attempts {where} AND finished_at "
            f"IN ({', '.join('?' for _ in lasts)})", [*params, *lasts], plain=True))

    def team_weeks(self, **filters) -> list[tuple]:
        """(Thursday of the ISO week as YYYY-MM-DD, attempts, people, score sum, passed), oldest week first."""
        filters = self._all_weeks(filters)
        kept = self._kept_where(filters, weekly=True)
        if kept is not None:  # a row per person and week: the rows are the people
            return [tuple(r) for r in self._query(
                f"SELECT week, SUM(attempts), COUNT(*), SUM(score_sum), SUM(passed) FROM team_summary {kept[0]} "
                "GROUP BY week ORDER BY week", kept[1], plain=True)]
        where, params = self._team_where(**filters)
        week = self._week_sql
        return [tuple(r) for r in self._query(
            f"SELECT {week}, COUNT(*), COUNT(DISTINCT person), SUM(score), {PASSED} FROM attempts {where} "
            f"GROUP BY {week} ORDER BY 1", params, plain=True)]

    def team_scenarios(self, **filters) -> list[tuple]:
        """(scenario, attempts, people, score sum, passed), by scenario id. Counted per person and
        scenario (the dashboard's index is read in its order, person first), then added up here."""
        filters = self._all_weeks(filters)
        scenarios = [] if filters.get("scenario") else [r[0] for r in self._query(
            "SELECT scenario FROM scenario_titles", plain=True)]
        ranged = self._scenario_weeks(filters, scenarios)
        if ranged is not None:  # a date range: per scenario and week, exactly (team_scenario_weeks.py)
            return ranged
        kept = self._kept_where(filters, per_scenario=True, scenarios=scenarios)
        if kept is not None:  # all time: a row per scenario and person (the rows are the people)
            return sorted(tuple(r) for r in self._query(
                f"SELECT scenario, SUM(attempts), COUNT(*), SUM(score_sum), SUM(passed) FROM team_summary {kept[0]} "
                "GROUP BY scenario", kept[1], plain=True))
        where, params = self._team_where(**filters)
        totals: dict[str, list] = {}
        for _, scenario, n, score, passed in self._query(
                f"SELECT person, scenario, COUNT(*), SUM(score), {PASSED} FROM attempts {where} "
                "GROUP BY person, scenario", params, plain=True):
            row = totals.setdefault(scenario, [0, 0, 0, 0])
            row[0] += n
            row[1] += 1
            row[2] += score
            row[3] += passed
        return [(scenario, *totals[scenario]) for scenario in sorted(totals)]

    def certificate_rows(self, until: str | None = None) -> list[CertificateRow]:
        """Every attempt played by a person (not scripted), oldest first, finished before `until`:
        only the columns the certificates view reads (never the replies, levers or rules as JSON)."""
        where, params = "WHERE scripted = 0", []
        if until:
            where += " AND finished_at < ?"
            params.append(until)
        return [CertificateRow(*r) for r in self._query(
            f"SELECT {', '.join(CertificateRow._fields)} FROM attempts {where} ORDER BY finished_at, id", params,
            plain=True)]

    def team_last_played(self, learners, **filters) -> dict[str, str]:
        """Learner id -> their last counted attempt's finish, for the given learners (those who played)."""
        learners = sorted(set(learners))
        if not learners:
            return {}
        kept = self._kept_where(filters)
        if kept is not None and not (filters.get("since") or filters.get("until")):
            marks = ", ".join("?" for _ in learners)
            return {r[0][3:]: r[1] for r in self._query(
                f"SELECT person, last_played FROM team_summary {kept[0]} AND person IN ({marks})",
                [*kept[1], *(f"id:{learner}" for learner in learners)], plain=True)}
        where, params = self._team_where(**filters)
        marks = ", ".join("?" for _ in learners)
        return {r[0]: r[1] for r in self._query(
            f"SELECT learner, MAX(finished_at) FROM attempts {where} AND learner IN ({marks}) GROUP BY learner",
            [*params, *learners], plain=True)}
