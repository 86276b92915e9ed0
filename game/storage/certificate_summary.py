"""What any course's certificate rule needs of each person's attempts, kept in the attempt's transaction
(issue 33, sixth session): the dashboard's certificates section reads these rows (a few dozen per person),
never the attempts.

The rule (game.core.course.progress) looks, per person and scenario, at the attempts in its mode (or in
every mode: '*'), oldest first: the first N of them (N ≤ 100, or all) count; of those, the finished ones
give the best grade and the customer temperaments met. So, per (person, scenario, mode), where mode is
the attempt's mode and again '*':

- kind 'n', k '': how many attempts (`rank`), and the latest of them;
- kind 'g', k a grade: the first finished attempt with that grade, and `rank`, how many attempts of the
  sequence came before it (the grade is in the first N exactly when rank < N);
- kind 't', k a temperament: the first finished attempt that met it, and its rank;

and per (person, player name) the first attempt under that name (kind 'p', scenario and seq ''):
which person a campaign quarter (kept by name) belongs to; per person their latest attempt (kind 'l'):
who they are shown as.

Each row holds the attempt's certificate columns, so the app rebuilds from them a history the rule
reads exactly as the whole one (game.app.certificate_history). An attempt recorded out of order
(finished before the latest already kept in its sequence) has its rank counted from the attempts and
shifts the later rows' ranks by one. Scripted runs are not kept (the rule does not count them).

SQLite's migration 17, PostgreSQL's schema 11: the table, filled from the attempts kept so far.
"""
from __future__ import annotations

from game.core.model import GRADES  # the course model's, without its classes (issue 33)

COLUMNS = ("finished_at", "id", "grade", "status", "persona", "persona_style", "mode", "player", "learner")
KEY = ("person", "scenario", "seq", "kind", "k")

TABLE = ("CREATE TABLE certificate_summary (person TEXT NOT NULL, scenario TEXT NOT NULL, seq TEXT NOT NULL, "
         "kind TEXT NOT NULL, k TEXT NOT NULL, rank INTEGER NOT NULL, finished_at TEXT NOT NULL, id BIGINT NOT NULL, "
         "grade TEXT NOT NULL, status TEXT NOT NULL, persona TEXT NOT NULL, persona_style TEXT NOT NULL, "
         "mode TEXT NOT NULL, player TEXT NOT NULL, learner TEXT NOT NULL, "
         "PRIMARY KEY (seq, scenario, kind, person, k)){without_rowid};\n")  # read: ranges of seq, scenario, kind

_ALL = (*KEY, "rank", *COLUMNS)
_LATER = "(excluded.finished_at > certificate_summary.finished_at OR (excluded.finished_at = " \
         "certificate_summary.finished_at AND excluded.id > certificate_summary.id))"
_EARLIER = _LATER.replace(" > ", " < ")


def _upsert(condition: str, count: bool = False) -> str:
    kept = [c for c in _ALL if c not in KEY and c != "rank"]
    sets = [f"{c} = CASE WHEN {condition} THEN excluded.{c} ELSE certificate_summary.{c} END" for c in kept]
    sets.append("rank = certificate_summary.rank + 1" if count else
                f"rank = CASE WHEN {condition} THEN excluded.rank ELSE certificate_summary.rank END")
    return (f"INSERT INTO certificate_summary ({', '.join(_ALL)}) VALUES ({', '.join('?' for _ in _ALL)}) "
            f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {', '.join(sets)}")


_COUNT = _upsert(_LATER, count=True)  # one more attempt; the latest kept
_FIRST = _upsert(_EARLIER)  # the earliest kept
_LATEST = _upsert(_LATER)  # the latest kept


def temperament_of(scenario: str, persona: str, persona_style: str) -> str:
    """The rule's temperament (game.core.course.progress.temperament)."""
    return persona_style or (f"{scenario}/{persona}" if persona else "")


def keep_certificate_summary(run, attempt, attempt_id: int) -> None:
    """Add a newly recorded attempt to the rows (`run`: a statement in the attempt's transaction)."""
    if attempt.scripted:
        return
    person, scenario = attempt.person, attempt.scenario
    columns = [attempt.finished_at, attempt_id, attempt.grade or "", attempt.status, attempt.persona or "",
               attempt.persona_style or "", attempt.mode, attempt.player, attempt.learner or ""]
    run(_FIRST, [person, "", "", "p", attempt.player, 0, *columns])
    run(_LATEST, [person, "", "", "l", "", 0, *columns])
    temper = temperament_of(scenario, attempt.persona or "", attempt.persona_style or "")
    for seq in (attempt.mode, "*"):
        run(_COUNT, [person, scenario, seq, "n", "", 1, *columns])
        latest = run("SELECT rank AS n, finished_at, id FROM certificate_summary WHERE person = ? AND scenario = ? "
                     "AND seq = ? AND kind = 'n' AND k = ''", [person, scenario, seq]).fetchone()
        if (latest["finished_at"], latest["id"]) == (attempt.finished_at, attempt_id):
            rank = latest["n"] - 1  # the newest: every other attempt of the sequence came before it
        else:  # recorded out of order: count those before it; the later rows move up by one
            mode = "" if seq == "*" else "AND mode = ? "
            rank = run(
                f"SELECT COUNT(*) AS n FROM attempts WHERE person = ? AND scenario = ? {mode}AND scripted = 0 "
                "AND (finished_at < ? OR (finished_at = ? AND id < ?))",
                [person, scenario, *([] if seq == "*" else [seq]), attempt.finished_at, attempt.finished_at,
                 attempt_id]).fetchone()["n"]
            run("UPDATE certificate_summary SET rank = rank + 1 WHERE person = ? AND scenario = ? AND seq = ? "
                "AND kind IN ('g', 't') AND (finished_at > ? OR (finished_at = ? AND id > ?))",
                [person, scenario, seq, attempt.finished_at, attempt.finished_at, attempt_id])
        if attempt.status != "finished":
            continue
        if attempt.grade in GRADES:
            run(_FIRST, [person, scenario, seq, "g", attempt.grade, rank, *columns])
        if temper:
            run(_FIRST, [person, scenario, seq, "t", temper, rank, *columns])


_TEMPER = ("CASE WHEN persona_style != '' THEN persona_style WHEN persona != '' THEN scenario || '/' || persona "
           "ELSE '' END")


def fill_sql() -> str:
    """The rows from the attempts kept so far: each sequence numbered by a window, its firsts picked."""
    picked = ", ".join(COLUMNS)
    statements = []
    for seq, part in (("mode", "person, scenario, mode"), ("'*'", "person, scenario")):
        numbered = (f"SELECT person, scenario, {seq} AS q, {picked}, {_TEMPER} AS temper, "
                    f"ROW_NUMBER() OVER (PARTITION BY {part} ORDER BY finished_at, id) - 1 AS r, "
                    f"COUNT(*) OVER (PARTITION BY {part}) AS total FROM attempts WHERE scripted = 0")
        statements.append(
            f"INSERT INTO certificate_summary ({', '.join(_ALL)}) SELECT person, scenario, q, 'n', '', total, {picked} "
            f"FROM ({numbered}) AS s WHERE r = total - 1")
        grades = ", ".join(f"'{g}'" for g in GRADES)
        for kind, k, only in (("g", "grade", f"grade IN ({grades})"), ("t", "temper", "temper != ''")):
            statements.append(
                f"INSERT INTO certificate_summary ({', '.join(_ALL)}) SELECT person, scenario, q, '{kind}', {k}, r, "
                f"{picked} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY person, scenario, q, {k} ORDER BY r) AS f "
                f"FROM ({numbered}) AS s WHERE status = 'finished' AND {only}) AS t WHERE f = 1")
    statements.append(
        f"INSERT INTO certificate_summary ({', '.join(_ALL)}) SELECT person, '', '', 'l', '', 0, {picked} "
        f"FROM (SELECT {picked}, person, ROW_NUMBER() OVER (PARTITION BY person ORDER BY finished_at DESC, id DESC) "
        "AS f FROM attempts WHERE scripted = 0) AS s WHERE f = 1")
    statements.append(
        f"INSERT INTO certificate_summary ({', '.join(_ALL)}) SELECT person, '', '', 'p', player, 0, {picked} "
        f"FROM (SELECT {picked}, person, ROW_NUMBER() OVER (PARTITION BY person, player ORDER BY finished_at, id) "
        "AS f FROM attempts WHERE scripted = 0) AS s WHERE f = 1")
    return ";\n".join(statements) + ";\n"


def migration(sqlite: bool) -> str:
    """SQLite's 17, PostgreSQL's 11."""
    return (TABLE.format(without_rowid=" WITHOUT ROWID" if sqlite else "") + fill_sql()
            + ("" if sqlite else "ANALYZE certificate_summary;\n"))


class CertificateSummaryView:
    """Mixed into SQLBoard: the rows a course's rules read."""

    def certificate_modes(self) -> list[str]:
        """Every sequence kept: each mode attempts were played in, and '*' (read by seeks in the key)."""
        found, last = [], None
        while True:
            row = self._query("SELECT seq FROM certificate_summary WHERE seq > ? ORDER BY seq LIMIT 1" if found else
                              "SELECT seq FROM certificate_summary WHERE seq > '' ORDER BY seq LIMIT 1",
                              [last] if found else [], plain=True)
            if not row:
                return found
            last = row[0][0]
            found.append(last)

    def certificate_summary(self, groups=None) -> list[tuple]:
        """The rows (person, scenario, seq, kind, k, rank, then COLUMNS): every row, in the key's order, or
        those of `groups`, each (sequences, scenarios, kinds) read as ranges of the key, and the display
        names' first attempts and each person's latest (kinds 'p', 'l')."""
        picked = ", ".join(_ALL)
        if groups is None:
            return self._query(f"SELECT {picked} FROM certificate_summary ORDER BY {', '.join(KEY)}", plain=True)
        rows = self._query(f"SELECT {picked} FROM certificate_summary WHERE seq = '' AND scenario = ''", plain=True)
        for seqs, scenarios, kinds in groups:
            if not (seqs and scenarios and kinds):
                continue
            marks = [", ".join("?" for _ in values) for values in (seqs, scenarios, kinds)]
            rows += self._query(f"SELECT {picked} FROM certificate_summary WHERE seq IN ({marks[0]}) "
                                f"AND scenario IN ({marks[1]}) AND kind IN ({marks[2]})",
                                [*seqs, *scenarios, *kinds], plain=True)
        return rows
