"""The team dashboard's figures, counted by the database: filters in the
WHERE, aggregation in GROUP BY, so what comes back is one row per person,
week or scenario, never the attempts (a million attempts used to be
fetched and turned into objects to be counted in memory).

Counted: finished attempts played by a person (game.app.team_view says
why). Means come back as exact sums and counts (integers): game.app.team_view
divides and rounds them as it always did. Mixed into SQLBoard (which
provides `_query` and `_week_sql`, the database's "Thursday of this
ISO week, UTC" of finished_at: the week's label follows from it).
"""
from __future__ import annotations

from game.core.model import LEVERS

COUNTED = "status = 'finished' AND scripted = 0"
PASSED = "SUM(CASE WHEN score >= mastery THEN 1 ELSE 0 END)"


class TeamViews:
    """Mixed into SQLBoard."""

    _week_sql = "date(finished_at, '-3 days', 'weekday 4')"  # SQLite; PostgreSQL overrides
    # SQLite: a filtered column is written `+column`, which keeps SQLite from seeking another index on it
    # (attempts_board by scenario, attempts_by_finish by date) and then visiting each chosen row: scanning
    # the dashboard's own index is 3x faster at a million attempts (107 against 342 ms for one scenario)
    _unindexed = "+"

    def _team_where(self, scenario=None, persona=None, persona_style=None, mode=None, player=None, learner=None,
                    since=None, until=None) -> tuple[str, list]:
        where, params, plus = [COUNTED], [], self._unindexed
        for column, value in (("scenario", scenario), ("persona", persona), ("persona_style", persona_style),
                              ("mode", mode), ("player", player), ("learner", learner)):
            if value:
                where.append(f"{plus}{column} = ?")
                params.append(value)
        if since:
            where.append(f"{plus}finished_at >= ?")
            params.append(since)
        if until:
            where.append(f"{plus}finished_at < ?")
            params.append(until)
        return "WHERE " + " AND ".join(where), params

    def team_people(self, **filters) -> list[dict]:
        """Per person: attempts, score sum, last finish, and per lever the
        sum and count of its percents (a lever never in reach is not
        counted); with the display name and learner id of their latest
        attempt (of two at the same moment, the later recorded)."""
        where, params = self._team_where(**filters)
        levers = ", ".join(f"SUM({lever}_percent), COUNT({lever}_percent)" for lever in LEVERS)
        rows = self._query(f"SELECT person, COUNT(*), SUM(score), MAX(finished_at), {levers} FROM attempts {where} "
                           "GROUP BY person", params, plain=True)
        people = []
        for row in rows:
            sums = row[4:]
            people.append({"person": row[0], "attempts": row[1], "score_sum": row[2], "last_played": row[3],
                           "levers": {lever: (sums[2 * n], sums[2 * n + 1]) for n, lever in enumerate(LEVERS)}})
        if people:  # who each was at their last attempt: an indexed read of those moments only
            lasts = sorted({p["last_played"] for p in people})
            marks = ", ".join("?" for _ in lasts)
            latest: dict[str, tuple] = {}
            for person, finished, ident, player, learner in self._query(
                    f"SELECT person, finished_at, id, player, learner FROM attempts {where} AND finished_at IN ({marks})",
                    [*params, *lasts], plain=True):
                if person not in latest or (finished, ident) > latest[person][:2]:
                    latest[person] = (finished, ident, player, learner)
            for p in people:
                _, _, p["player"], p["learner"] = latest[p["person"]]
        return people

    def team_weeks(self, **filters) -> list[tuple]:
        """(Thursday of the ISO week as YYYY-MM-DD, attempts, people, score sum, passed), oldest week first."""
        where, params = self._team_where(**filters)
        week = self._week_sql
        return [tuple(r) for r in self._query(
            f"SELECT {week}, COUNT(*), COUNT(DISTINCT person), SUM(score), {PASSED} FROM attempts {where} "
            f"GROUP BY {week} ORDER BY 1", params, plain=True)]

    def team_scenarios(self, **filters) -> list[tuple]:
        """(scenario, attempts, people, score sum, passed), by scenario id. Counted per person and
        scenario (the dashboard's index is read in its order, person first), then added up here."""
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

    def team_last_played(self, learners, **filters) -> dict[str, str]:
        """Learner id -> their last counted attempt's finish, for the given learners (those who played)."""
        learners = sorted(set(learners))
        if not learners:
            return {}
        where, params = self._team_where(**filters)
        marks = ", ".join("?" for _ in learners)
        return {r[0]: r[1] for r in self._query(
            f"SELECT learner, MAX(finished_at) FROM attempts {where} AND learner IN ({marks}) GROUP BY learner",
            [*params, *learners], plain=True)}
