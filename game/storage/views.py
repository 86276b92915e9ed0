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

from operator import itemgetter

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


def attempt_widths(attempt) -> tuple:
    """An attempt's cells in the `scoreboard` table, measured as shared_tables.WIDTH_CELLS measures them."""
    from game.core.model import OUTCOME_WORDS
    persona, style = attempt.persona, attempt.persona_style
    customer = len(persona) + len(style) + 3 if persona and style else len(persona) if persona else 1
    return (len(attempt.finished_at), len(attempt.player), len(attempt.scenario), attempt.score, attempt.score,
            len(attempt.grade), len(OUTCOME_WORDS.get(attempt.outcome, attempt.outcome)), attempt.breaches,
            attempt.breaches, len(attempt.mode), customer, len(attempt.player_style) if attempt.player_style else 1)


def _keep_widths(run, attempt) -> None:
    """Widen the kept table widths when this attempt is wider (read only, most times: no queue on the row)."""
    from game.storage.shared_tables import WIDTH_COLUMNS
    widths = attempt_widths(attempt)
    low = [c.startswith("low_") for c in WIDTH_COLUMNS]
    holds = " AND ".join(f"{c} {'<=' if is_low else '>='} ?" for c, is_low in zip(WIDTH_COLUMNS, low))
    if run(f"SELECT 1 FROM table_widths WHERE {holds}", widths).fetchone() is not None:
        return
    sets = ", ".join(f"{c} = CASE WHEN {c} IS NULL OR {c} {'>' if is_low else '<'} ? THEN ? ELSE {c} END"
                     for c, is_low in zip(WIDTH_COLUMNS, low))
    run(f"UPDATE table_widths SET {sets}", [v for w in widths for v in (w, w)])


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
    _keep_widths(run, attempt)
    if attempt.status == "finished":  # only finished attempts are ranked
        run(_BESTS, (attempt.scenario, attempt.person, attempt.score, attempt_id))
        if attempt.persona:
            run(_PERSONA_BESTS, (attempt.scenario, attempt.persona, attempt.person, attempt.score, attempt_id))


# what a course's certificate rule reads of an attempt (game/core/course/progress.py), as attributes
COURSE_COLUMNS = ("scenario", "mode", "status", "grade", "persona", "persona_style")


class CourseAttempt(tuple):
    """One attempt as a course's rule reads it: a row of COURSE_COLUMNS, its cells by name."""
    __slots__ = ()
    scenario, mode, status, grade, persona, persona_style = (property(itemgetter(i)) for i in range(6))


class BoardViews:
    """The reviewer's views (mixed into SQLBoard)."""

    def course_attempts(self, player: str, scenarios) -> list[CourseAttempt]:
        """What a course's rule reads of `player`'s attempts at `scenarios`, oldest first (the course view):
        six columns of the history's covering index, as tuples; no JSON, no Attempt objects."""
        scenarios = list(dict.fromkeys(scenarios))
        if not scenarios:
            return []
        clause, params = self._where((("player", player),))  # as `history`: no player, everyone's
        among = f"scenario IN ({', '.join('?' * len(scenarios))})"
        clause = f"{clause} AND {among}" if clause else f"WHERE {among}"
        sql = f"SELECT {', '.join(COURSE_COLUMNS)} FROM attempts {clause} ORDER BY finished_at, id"
        return list(map(CourseAttempt, self._query(sql, [*params, *scenarios], plain=True)))

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

    def table_widths(self, **selection) -> list[int] | None:
        """Each `scoreboard` table column's width over the chosen attempts
        (None when there are none). Every attempt: the kept widths
        (shared_tables.TABLE_WIDTHS) and MAX(id), no pass over the attempts;
        a selection: one pass the database makes, measuring text cells row by
        row and numbers by their extremes (the widest of a column of integers
        is its largest or its smallest). The table can then be streamed."""
        from game.storage.export import TABLE_HEADERS
        from game.storage.shared_tables import WIDTH_CELLS, WIDTH_COLUMNS
        row = None
        if not any(selection.values()):
            [(last_id,)] = self._query("SELECT MAX(id) FROM attempts", plain=True)
            kept = self._query(f"SELECT {', '.join(WIDTH_COLUMNS)} FROM table_widths", plain=True)
            row = (last_id, *kept[0]) if kept else None
        if row is None or (row[0] is not None and None in row):  # a selection (or attempts written around the game)
            sql, params = self._selection(**selection, columns=", ".join(("MAX(id)", *WIDTH_CELLS)))
            row = self._query(sql.replace(" ORDER BY finished_at, id", ""), params, plain=True)[0]
        if row[0] is None:
            return None
        (last_id, finished, player, scenario, low_score, high_score, grade, outcome_w, low_breaches, high_breaches,
         mode, customer, style) = row
        found = [len(str(last_id)), min(16, finished), player, scenario, max(len(str(low_score)), len(str(high_score))),
                 grade, outcome_w, max(len(str(low_breaches)), len(str(high_breaches))), mode, customer, style]
        return [max(len(h), w) for h, w in zip(TABLE_HEADERS, found)]

    def table_rows(self, **selection):
        """The chosen attempts' TABLE_COLUMNS as tuples, oldest first, streamed (flat memory)."""
        sql, params = self._selection(**selection, columns=", ".join(TABLE_COLUMNS))
        return self._stream(sql, params, size=2000, plain=True)

    _line_format = "printf"  # SQLite's printf; PostgreSQL's is format (pg_board)

    def table_lines(self, widths: list[int], **selection):
        """The chosen attempts' `scoreboard` table lines, oldest first, each
        built by the database at `widths` (from `table_widths`) as
        `export.table_line` builds it from a row, its line feed included:
        one text per row to fetch and write, nothing done per row in Python
        (formatting a row there took longer than fetching it)."""
        sql, params = self._selection(**selection, columns=table_line_sql(widths, self._line_format))
        return self._stream(sql, params, size=5000, plain=True)

    def write_table(self, handle, widths: list[int], **selection) -> int:
        """The `scoreboard` table (headers, rule, then `table_lines`) written to a text handle; returns
        how many lines. PostgreSQL's board copies the lines out instead (pg_board)."""
        from game.storage.export import write_table_lines
        return write_table_lines(self.table_lines(widths, **selection), widths, handle)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def table_line_sql(widths: list[int], function: str = "printf", newline: bool = True) -> str:
    """One expression: a `scoreboard` table line as `export.table_line(export.table_cells(row), widths)`
    makes it, and (`newline`) a line feed. `function` is SQLite's printf (its `!` flag counts widths in characters,
    as Python does) or PostgreSQL's format (which counts characters). Python strips the line's trailing
    whitespace; here the last cell is not padded and spaces are trimmed (the last cell is a style or
    `-`: it never ends with other whitespace)."""
    from game.core.model import OUTCOME_WORDS
    from game.storage.export import _RIGHT
    bang = "!" if function == "printf" else ""
    outcome = " ".join(f"WHEN {_literal(k)} THEN {_literal(v)}" for k, v in OUTCOME_WORDS.items())
    cells = ["id", "replace(substr(finished_at, 1, 16), 'T', ' ')", "player", "scenario", "score", "grade",
             f"CASE outcome {outcome} ELSE outcome END", "breaches", "mode",
             "CASE WHEN persona != '' AND persona_style != '' THEN persona || ' (' || persona_style || ')' "
             "WHEN persona != '' THEN persona ELSE '-' END",
             "CASE WHEN player_style != '' THEN player_style ELSE '-' END"]
    # psycopg reads a % in a statement as a parameter's mark: PostgreSQL's format gets %%
    mark, line_feed = ("%", "char(10)") if function == "printf" else ("%%", "chr(10)")
    specs = [f"{mark}{bang}{'' if i in _RIGHT else '-'}{int(w)}s" for i, w in enumerate(widths[:-1])] + [f"{mark}s"]
    end = f" || {line_feed}" if newline else ""
    return f"rtrim({function}('{'  '.join(specs)}', {', '.join(cells)})){end} AS line"
