"""What reviewers look at, read from small summary tables: the scenarios
with attempts, the customers met, each person's best (overall and against
one customer), and the `scoreboard` table streamed a row at a time.

The summary tables (shared_tables.SUMMARIES) are kept by `keep_summaries`
in the transaction that records the attempt, so a view never reads the
attempts table as a whole: at a million attempts each is an indexed read
of a few hundred rows. Mixed into SQLBoard (which provides `_query`,
`_stream` and `_selection`).
"""
from __future__ import annotations

# each person's best, kept as attempts arrive: a tie keeps the earlier attempt
_BEST_UPSERT = ("INSERT INTO {table} ({keys}, best, attempts, best_id) VALUES ({marks}, ?, 1, ?) "
                "ON CONFLICT ({keys}) DO UPDATE SET attempts = {table}.attempts + 1, "
                "best_id = CASE WHEN excluded.best > {table}.best THEN excluded.best_id ELSE {table}.best_id END, "
                "best = CASE WHEN excluded.best > {table}.best THEN excluded.best ELSE {table}.best END")
_BESTS = _BEST_UPSERT.format(table="bests", keys="scenario, person", marks="?, ?")
_PERSONA_BESTS = _BEST_UPSERT.format(table="persona_bests", keys="scenario, persona, person", marks="?, ?, ?")

# the `scoreboard` table's columns, as stored (breaches is the sum of the rules' breaches)
TABLE_COLUMNS = ("id", "finished_at", "player", "scenario", "score", "grade", "outcome", "breaches", "mode",
                 "persona", "persona_style", "player_style")


def keep_summaries(run, attempt, attempt_id: int) -> None:
    """Bring the summary tables up to date with a newly recorded attempt
    (`run` executes a statement in the attempt's transaction). Rows that
    already say it are only read, never rewritten: concurrent recorders
    do not queue behind each other on a scenario's row."""
    if run("SELECT 1 FROM scenario_titles WHERE scenario = ? AND title >= ?",
           (attempt.scenario, attempt.title)).fetchone() is None:  # MAX(title), as the GROUP BY it replaces
        run("INSERT INTO scenario_titles (scenario, title) VALUES (?, ?) ON CONFLICT (scenario) "
            "DO UPDATE SET title = excluded.title WHERE excluded.title > scenario_titles.title",
            (attempt.scenario, attempt.title))
    if attempt.persona:
        run("INSERT INTO scenario_personas (scenario, persona, persona_style) VALUES (?, ?, ?) "
            "ON CONFLICT (scenario, persona, persona_style) DO NOTHING",
            (attempt.scenario, attempt.persona, attempt.persona_style))
    if attempt.status == "finished":  # only finished attempts are ranked
        run(_BESTS, (attempt.scenario, attempt.person, attempt.score, attempt_id))
        if attempt.persona:
            run(_PERSONA_BESTS, (attempt.scenario, attempt.persona, attempt.person, attempt.score, attempt_id))


class BoardViews:
    """The reviewer's views (mixed into SQLBoard)."""

    def scenarios(self) -> dict[str, str]:
        """Scenario id -> title, for every scenario with an attempt (the latest title in text order)."""
        rows = self._query("SELECT scenario, title FROM scenario_titles ORDER BY scenario")
        return {r["scenario"]: r["title"] or r["scenario"] for r in rows}

    def personas(self, scenario: str | None = None) -> list[tuple[str, str]]:
        """(persona id, style) pairs met in attempts, of one scenario or all."""
        if scenario:
            rows = self._query("SELECT persona, persona_style FROM scenario_personas WHERE scenario = ? "
                               "ORDER BY persona, persona_style", (scenario,))
        else:
            rows = self._query("SELECT DISTINCT persona, persona_style FROM scenario_personas "
                               "ORDER BY persona, persona_style")
        return [(r["persona"], r["persona_style"]) for r in rows]

    def leaderboard(self, scenario: str, limit: int = 20, persona: str | None = None) -> list[dict]:
        """Each person's best in a scenario (with `persona`: against that
        customer only), best first. A person is their learner id when they
        gave one, else their display name: two Sams with different learner
        ids are two rows. One indexed read of the kept bests, whatever the
        number of attempts; a tie keeps the earlier attempt."""
        if persona:
            table, where, params = "persona_bests", "b.scenario = ? AND b.persona = ?", (scenario, persona, limit)
        else:
            table, where, params = "bests", "b.scenario = ?", (scenario, limit)
        rows = self._query(
            f"SELECT b.best, b.attempts, a.id, a.player, a.learner, a.grade, a.outcome, a.finished_at "
            f"FROM {table} b JOIN attempts a ON a.id = b.best_id WHERE {where} "
            "ORDER BY b.best DESC, a.player, b.person LIMIT ?", params)
        return [{"player": r["player"], "learner": r["learner"] or None, "best": r["best"],
                 "attempts": r["attempts"], "grade": r["grade"], "outcome": r["outcome"],
                 "finished_at": r["finished_at"], "id": r["id"]} for r in rows]

    def table_widths(self, **selection) -> dict[str, int] | None:
        """The widest text of each `scoreboard` table column over the chosen
        attempts (None when there are none), in one pass the database makes:
        the table can then be streamed. The outcome's width comes from its
        words (export.table_widths)."""
        from game.storage.export import table_widths
        length = "LENGTH(CAST({} AS TEXT))"
        customer = ("CASE WHEN persona != '' AND persona_style != '' THEN LENGTH(persona) + LENGTH(persona_style) + 3 "
                    "WHEN persona != '' THEN LENGTH(persona) ELSE 1 END")
        cells = {"id": length.format("id"), "finished_at": "LENGTH(SUBSTR(finished_at, 1, 16))",
                 "player": "LENGTH(player)", "scenario": "LENGTH(scenario)", "score": length.format("score"),
                 "grade": "LENGTH(grade)", "breaches": length.format("breaches"), "mode": "LENGTH(mode)",
                 "customer": customer,
                 "player_style": "CASE WHEN player_style != '' THEN LENGTH(player_style) ELSE 1 END"}
        aggregates = ", ".join(f"MAX({sql}) AS {name}" for name, sql in cells.items())
        sql, params = self._selection(**selection, columns=f"outcome, {aggregates}")
        sql = sql.replace(" ORDER BY finished_at, id", " GROUP BY outcome")
        return table_widths([dict(row) for row in self._query(sql, params)])

    def table_rows(self, **selection):
        """The chosen attempts' TABLE_COLUMNS as tuples, oldest first, streamed (flat memory)."""
        sql, params = self._selection(**selection, columns=", ".join(TABLE_COLUMNS))
        return self._stream(sql, params, size=2000, plain=True)
