"""A player's history as lists and charts read it (a mixin of `SQLBoard`):
every read walks the covering index `attempts_history` (player,
finished_at, id, then the columns a list shows), so a page of the newest
attempts costs the same for a player with ten attempts or ten thousand."""
from __future__ import annotations

_ORDER = " ORDER BY finished_at, id"


class HistoryReads:
    """Needs SQLBoard's `_selection(**filters, columns=...)`, `_query(sql, params, plain=True)`,
    `_history_columns` (its HISTORY_COLUMNS) and `_summaries` (attempts from rows of them)."""

    def _history_sql(self, player: str, columns: str, learner: str | None, finished: bool,
                     selection: dict) -> tuple[str, list]:
        """The history's SELECT (oldest first) and its parameters; `learner` (even "", the attempts of no
        LMS learner) and `finished` (no abandoned attempt) narrow it."""
        sql, params = self._selection(player=player, columns=columns, **selection)
        extra = ""
        if learner is not None:
            extra += " AND learner = ?"
            params = [*params, learner]
        if finished:
            extra += " AND status != 'abandoned'"
        return sql.replace(_ORDER, extra + _ORDER), params

    def history(self, player: str, scenario: str | None = None, persona: str | None = None,
                persona_style: str | None = None) -> list:
        """A player's attempts, oldest first, as lists and charts show them:
        each attempt's `HISTORY_COLUMNS` only (`summary` is True; the replies,
        path, registration, seed and start time are left empty: `get(id)`
        has the whole attempt). Thousands of attempts in a few milliseconds."""
        return self.history_page(player, None, scenario=scenario, persona=persona, persona_style=persona_style)

    def history_page(self, player: str, limit: int | None, learner: str | None = None, finished: bool = False,
                     **selection) -> list:
        """The newest `limit` of the attempts `history` gives (all of them with None), oldest first:
        one indexed read of the rows a list shows (`selection`: scenario, persona, persona_style;
        `learner` and `finished` as in `history_count`)."""
        sql, params = self._history_sql(player, self._history_columns, learner, finished, selection)
        if limit is None:
            return self._summaries(self._query(sql, params, plain=True))
        sql = sql.replace(_ORDER, " ORDER BY finished_at DESC, id DESC LIMIT ?")
        return self._summaries(self._query(sql, [*params, limit], plain=True)[::-1])

    def history_count(self, player: str, learner: str | None = None, finished: bool = False, **selection) -> int:
        """How many attempts `history_page(player, None, learner, finished, **selection)` would give,
        counted on the index (a list's "N older attempts" without reading them). `learner`: only
        that LMS learner's ("" only attempts made outside an LMS); `finished`: no abandoned one."""
        sql, params = self._history_sql(player, "COUNT(*)", learner, finished, selection)
        return self._query(sql.replace(_ORDER, ""), params, plain=True)[0][0]

    def history_trend(self, player: str, levers: bool = False, **selection) -> list[tuple]:
        """What a trend chart reads of every attempt `history` gives, oldest first, as tuples:
        (status, scenario, score), and with `levers` each lever's percent and points (game.core.model.LEVERS
        order) from the number columns: no JSON, no objects (app.trend.trend_from_rows draws them)."""
        from game.core.model import LEVERS
        columns = ["status", "scenario", "score"]
        if levers:
            columns += [f"{lever}_{key}" for lever in LEVERS for key in ("percent", "points")]
        sql, params = self._selection(player=player, columns=", ".join(columns), **selection)
        return self._query(sql, params, plain=True)
