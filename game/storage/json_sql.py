"""The reviewer's JSON (`scoreboard --format json`) built by the database:
each attempt's object is one line the query makes (SQLite's `printf`,
PostgreSQL's `format`, text quoted by `json_quote` / `to_json`), and Python
only joins the lines into a JSON list, one compact object per line. SQLite keeps most of each line
ready as attempts are written (kept_json.py): its query only joins the kept text with the row's own JSON.
Python's encoder with `indent=2` took 7-8x the time of fetching the rows.

Each object is what `export.attempt_record` makes of the same attempt, key
for key and value for value (a test on both databases holds the parsed
documents equal): every lever and rule present (a lever never scored is
`{"points": 0, "ceiling": 0, "percent": null}`, a rule never broken 0),
empty persona, styles and learner as null, `scripted` and `passed` as
true/false, the replies (`steps`) as stored.

A stored row is only written by the database when it is of the shape the
game writes (`_sqlite_ok` / `_postgres_ok`: whole numbers where they
belong, a score of 0-100, a uuid, a duration that prints exactly, choices,
path, levers, rules and replies of the kinds json.dumps gives, the game's
own words needing no escape). Any other row comes back empty (`!id` through
PostgreSQL's COPY) and Python reads that one attempt the old way
(`attempt_problem`, then `attempt_record`): a damaged row is skipped with a
note, as before, and an unusual but sound one is still written. Two things
stop the query instead (SQLite refuses a BLOB in a text column; PostgreSQL
a cast of replies that are not JSON); then the rest of the export, from the
last attempt written, is made the old way.
"""
from __future__ import annotations

import json

from game.core.model import LEVERS, RULES
from game.storage.files import StorageError

# the keys of attempt_record, in its order, up to the levers; then the rest after the rules
_HEAD = ("id", "registration", "player", "scenario", "title", "version", "content_hash", "mode", "seed", "started_at",
         "finished_at", "duration_s", "choices", "path")
_TAIL = ("score", "grade", "outcome", "ending", "persona", "persona_style", "player_style", "status", "learner",
         "active_s", "scripted", "mastery", "passed", "steps")
_HEX = "[0-9a-f]"
_UUID_GLOB = "-".join(_HEX * n for n in (8, 4, 4, 4, 12))


def _exact_float(column: str) -> str:
    """SQLite writes a REAL in JSON with 15 significant digits: only a value that reads back the same is left to it."""
    return f"(typeof({column}) = 'real' AND {column} = CAST(printf('%!.15g', {column}) AS REAL))"


def _canonical_levers(postgres: bool = False) -> str:
    """The levers' JSON as the game writes it (json.dumps: every lever, in order), rebuilt from the number
    columns: a row whose levers are this text is known to be sound without reading its JSON."""
    mark = "%s" if postgres else "%d"
    spec = ", ".join(f'"{lever}": {{"points": {mark}, "ceiling": {mark}, "percent": %s}}' for lever in LEVERS)
    percent = "{}_percent::text" if postgres else "{}_percent"
    values = ", ".join(f"{lever}_points, {lever}_ceiling, COALESCE({percent.format(lever)}, 'null')" for lever in LEVERS)
    return f"{'format' if postgres else 'printf'}('{{{spec}}}', {values})"


def _canonical_rules(postgres: bool = False) -> str:
    spec = ", ".join(f'"{rule}": {"%s" if postgres else "%d"}' for rule in RULES)
    return f"{'format' if postgres else 'printf'}('{{{spec}}}', {', '.join(f'{rule}_breaches' for rule in RULES)})"


# text the game writes itself (ids, times, words): written as it is when none of it needs an escape
_PLAIN_TEXT = ("scenario", "title", "content_hash", "mode", "started_at", "finished_at", "grade", "outcome", "status",
               "persona_style", "player_style")
_PLAIN_ALL = " || ".join(_PLAIN_TEXT)


def _sqlite_ok() -> str:
    """True when SQLite can write the row's line as attempt_record would make it (the row passes
    attempt_problem). A text column holds text or, written around the game, a BLOB: json_quote stops on a
    BLOB, and the rest of the export is then written the old way (JSONExport.write_json)."""
    checks = [f"typeof({name}) = 'integer'" for name in ("version", "seed", "score", "mastery", "scripted")]
    checks += ["score BETWEEN 0 AND 100",
               f"registration GLOB '{_UUID_GLOB}'",  # 32 hex digits and 4 dashes (uuid.UUID accepts it)
               # nothing to escape: every escape json_quote writes starts with a backslash
               f"instr(json_quote({_PLAIN_ALL}), '\\') = 0",
               _exact_float("duration_s"), f"(active_s IS NULL OR {_exact_float('active_s')})",
               # choices: a JSON list of whole numbers (nothing but digits, minus signs, commas and spaces inside)
               "(choices GLOB '[[]*]' AND trim(substr(choices, 2, length(choices) - 2), '0123456789-, ') = '' "
               "AND json_valid(choices))",
               # path: a JSON list of strings (nothing but `", "` between its first and last quote)
               "(path = '[]' OR (path GLOB '[[]\"*\"]' AND json_valid(path) AND "
               "instr(replace(substr(path, 3, length(path) - 4), '\", \"', ''), '\"') = 0))",
               # levers and rules as the game writes them (every lever and rule, in order: the text rebuilt from
               # the number columns is the same); any other (a row written around the game) is read by Python
               f"levers = {_canonical_levers()}", f"rules = {_canonical_rules()}",
               "(steps IS NULL OR (json_valid(steps) AND json_type(steps) = 'array' "
               "AND NOT EXISTS (SELECT 1 FROM json_each(steps) AS s WHERE s.type != 'object')))"]
    return " AND ".join(checks)


def _cells(postgres: bool) -> dict:
    """Each key of a row's line: its mark in the printf (SQLite) or format (PostgreSQL) and the SQL of its value.
    The checked JSON columns and the game's own words are written as stored, other text quoted by the
    database's JSON quoting (json_quote, to_json)."""
    def quoted(expr: str) -> str:
        return f"COALESCE(to_json({expr})::text, 'null')" if postgres else f"json_quote({expr})"
    whole, plain = ("%s" if postgres else "%d"), '"%s"'
    # _postgres_ok / _sqlite_ok let through only the levers and rules the game writes: already attempt_record's
    levers_sql, rules_sql = "levers", "rules"
    number = ("%s", "COALESCE({}::text, 'null')") if postgres else ("%!.15g", "printf('%!.15g', {})")
    cells = {"id": (whole, "attempts.id"), "registration": (plain, "registration"),
             "player": ("%s", quoted("player")),
             "version": (whole, "version"), "seed": (whole, "seed"), "duration_s": (number[0], "duration_s"),
             "choices": ("%s", "choices"), "path": ("%s", "path"), "levers": ("%s", levers_sql),
             "rules": ("%s", rules_sql), "score": (whole, "score"), "ending": ("%s", quoted("ending")),
             "persona": ("%s", quoted("NULLIF(persona, '')")), "learner": ("%s", quoted("NULLIF(learner, '')")),
             "active_s": ("%s", f"CASE WHEN active_s IS NULL THEN 'null' ELSE {number[1].format('active_s')} END"),
             "scripted": ("%s", f"CASE WHEN scripted{' != 0' if postgres else ''} THEN 'true' ELSE 'false' END"),
             "mastery": (whole, "mastery"),
             "passed": ("%s", "CASE WHEN status = 'finished' AND score >= mastery THEN 'true' ELSE 'false' END"),
             "steps": ("%s", "COALESCE(steps::json::text, '[]')" if postgres else "COALESCE(steps, '[]')")}
    for name in _PLAIN_TEXT:
        cells[name] = (plain, name)
    for name in ("persona_style", "player_style"):  # '' is null
        cells[name] = ("%s", f"CASE WHEN {name} = '' THEN 'null' ELSE '\"' || {name} || '\"' END")
    return cells


def _line(postgres: bool) -> str:
    """One row's line: its JSON object in one printf (SQLite) or format (PostgreSQL), attempt_record's keys
    in its order."""
    cells = _cells(postgres)
    names = (*_HEAD, "levers", "rules", *_TAIL)
    assert set(names) == set(cells), "a key without its SQL"
    spec = ",".join(f'"{name}":{cells[name][0]}' for name in names)
    if postgres:  # the driver reads `%` as its own mark: doubled
        spec = spec.replace("%", "%%")
    return f"{'format' if postgres else 'printf'}('{{{spec}}}', {', '.join(cells[name][1] for name in names)})"


def _postgres_ok() -> str:
    """True when PostgreSQL can write the row's JSON as attempt_record would. Its columns are typed; the levers
    and rules must be the text the game writes (any other: that row is read by Python), choices and path are
    matched against the shape json.dumps gives them, the replies by their brackets (their cast checks the
    rest). No `?` in the patterns: the driver's placeholders are rewritten from it; `%` is doubled for it."""
    node = '"[A-Za-z0-9_-]*"'
    return " AND ".join([
        "score BETWEEN 0 AND 100", f"length(to_json({_PLAIN_ALL})::text) = length({_PLAIN_ALL}) + 2",
        "length(registration) = 36 AND length(replace(registration, '-', '')) = 32 "
        "AND translate(registration, '0123456789abcdef-', '') = ''",
        "duration_s > '-Infinity' AND duration_s < 'Infinity'",  # NaN is above Infinity in PostgreSQL
        "(active_s IS NULL OR (active_s > '-Infinity' AND active_s < 'Infinity'))",
        "choices ~ '^\\[(-{0,1}\\d+(, -{0,1}\\d+)*){0,1}\\]$'", f"path ~ '^\\[({node}(, {node})*){{0,1}}\\]$'",
        f"levers = {_canonical_levers(True)}", f"rules = {_canonical_rules(True)}",
        "(steps IS NULL OR steps ~ '^\\[(\\{.*\\}){0,1}\\]$')"]).replace("%s", "%%s")


def sqlite_ok() -> str:
    """True when SQLite can write the row's line (read beside its replies, `attempt_steps`)."""
    return _sqlite_ok()


def sqlite_object() -> str:
    """SQLite's value for one attempt read beside its replies: its line, or NULL when Python must read it
    (what the export's query built for every attempt before kept_json.py)."""
    return f"CASE WHEN {_sqlite_ok()} THEN {_line(False)} END"


def sqlite_kept_parts() -> tuple[str, str]:
    """What SQLite keeps of a sound row's line (kept_json.py): the text before its stored JSON columns (up to
    `"choices":`) and the text between its rules and its replies (`,"score":` up to `"steps":`), each one
    printf of the same keys as the line's. `sqlite_joined` puts the line back together."""
    cells = _cells(False)

    def printed(names, before: str, after: str) -> str:
        spec = before + ",".join(f'"{name}":{cells[name][0]}' for name in names) + after
        return f"printf('{spec}', {', '.join(cells[name][1] for name in names)})"
    assert _HEAD[-2:] == ("choices", "path") and _TAIL[-1] == "steps", "the parts no longer frame the stored columns"
    return printed(_HEAD[:-2], "{", ',"choices":'), printed(_TAIL[:-1], ",", ',"steps":')


def sqlite_joined(head: str, tail: str) -> str:
    """The line from its kept parts and the row's own stored columns: the same text as `_line(False)`."""
    return (f"{head} || attempts.choices || ',\"path\":' || attempts.path || ',\"levers\":' || attempts.levers "
            f"|| ',\"rules\":' || attempts.rules || {tail} || COALESCE(attempt_steps.steps, '[]') || '}}'")


def _kept_columns() -> str:
    """The export's columns (line, finished_at, id) read beside attempt_json and the replies: the line from
    its kept parts (NULL kept: Python reads it), else, with nothing kept for the row, built here."""
    return (f"CASE WHEN attempt_json.attempt_id IS NULL THEN {sqlite_object()} "
            f"WHEN attempt_json.head IS NOT NULL THEN {sqlite_joined('attempt_json.head', 'attempt_json.tail')} "
            "END AS line, attempts.finished_at, attempts.id")


def json_lines_sql(selection_sql: str, postgres: bool, copied: bool = False, kept: bool = True) -> str:
    """`selection_sql` (SQLBoard._selection with columns="{columns}", left as it is) made into the query of
    (line, finished_at, id): the attempt's JSON object as text, or NULL when Python must read that attempt.
    `copied` (PostgreSQL's COPY): one text only, the line, or `!` and the id when Python must read it.
    SQLite, `kept`: each attempt's line as kept in `attempt_json` (kept_json.py); an attempt without one
    there has it built here, as without `kept` for every attempt."""
    if not postgres and kept:
        kept_from = (f"SELECT {_kept_columns()} FROM attempts LEFT JOIN attempt_json ON attempt_json.attempt_id = "
                     "attempts.id LEFT JOIN attempt_steps ON attempt_steps.attempt_id = attempts.id")
        return selection_sql.replace("SELECT {columns} FROM attempts", kept_from, 1)
    ok, line = (_postgres_ok(), _line(True)) if postgres else (_sqlite_ok(), _line(False))
    if copied:
        columns = f"CASE WHEN {ok} THEN {line} ELSE '!' || attempts.id END AS line"
    else:
        columns = f"CASE WHEN {ok} THEN {line} END AS line, attempts.finished_at, attempts.id"
    steps = " LEFT JOIN attempt_steps ON attempt_steps.attempt_id = attempts.id"
    return selection_sql.replace("SELECT {columns} FROM attempts", f"SELECT {columns} FROM attempts{steps}", 1)


class JSONExport:
    """`write_json`, mixed into SQLBoard (which provides `_selection`, `_stream`, `get` and `skipped`)."""
    _json_postgres = False  # PostgresScoreboard: True
    _json_kept = True  # SQLite: the lines kept in attempt_json (False: built by the query, as before)

    def write_json(self, handle, **selection) -> int:
        """The chosen attempts as the reviewer's JSON (a list, one attempt's object per line), streamed
        to a text `handle`; returns how many. Each object is built by the database (see above); a
        damaged row is skipped and said in `skipped`, as `iter_attempts` does."""
        sql, params = self._selection(**selection, columns="{columns}")
        out = ListWriter(handle)
        last = None
        try:
            query = json_lines_sql(sql, self._json_postgres, kept=self._json_kept)
            for batch in self._batches(query, params, size=2000, plain=True):
                lines = [row[0] for row in batch]
                if None in lines:  # a row the database left to Python
                    made = (line if line is not None else self._json_the_old_way(self.get(id_), id_)
                            for line, _, id_ in batch)
                    lines = [line for line in made if line is not None]
                out.extend(lines)
                last = batch[-1][1:]
        except StorageError as exc:
            if not bad_data(exc.__cause__):
                raise
            for attempt in self.iter_attempts(**selection):  # the rest, read the old way (replies not JSON)
                if last is None or (attempt.finished_at, attempt.id) > last:
                    out.extend([json.dumps(attempt_record(attempt), ensure_ascii=False)])
        return out.close()

    def _json_the_old_way(self, attempt, id_) -> str | None:
        """One attempt's object made in Python (export.attempt_record); None, and a note, when it is damaged."""
        from game.storage.attempts import attempt_problem
        if attempt is None:  # removed since the query began
            return None
        problem = attempt_problem(attempt)
        if problem is not None:
            self.skipped.append(f"attempt {id_} was skipped: its stored data is damaged ({problem})")
            return None
        return json.dumps(attempt_record(attempt), ensure_ascii=False)


def attempt_record(attempt) -> dict:
    from game.storage.export import attempt_record as record
    return record(attempt)


def bad_data(exc) -> bool:
    """True when the database stopped on a stored value it could not read as JSON."""
    state = getattr(exc, "sqlstate", None)
    return (state or "").startswith("22") or (state is None and "JSON" in str(exc))


class ListWriter:
    """A JSON list written a batch of items (texts) at a time: `[`, the items one a line, `]`."""

    def __init__(self, handle):
        self.handle, self.count = handle, 0

    def extend(self, items: list[str]) -> None:
        if items:  # the separator written on its own: joined to the items it would copy them again
            self.handle.write("[\n" if self.count == 0 else ",\n")
            self.handle.write(",\n".join(items))
            self.count += len(items)

    def close(self) -> int:
        self.handle.write("[]\n" if self.count == 0 else "\n]\n")
        return self.count
