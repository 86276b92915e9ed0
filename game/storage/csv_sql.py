"""The CSV export computed by the database, so a million attempts export at
close to the speed of the database's own CSV tool (Python's csv module
alone takes twice that tool's time for the same rows).

Each cell is what `export.csv_cells` makes in Python from the same attempt
(a test holds the two to the same bytes, on SQLite and PostgreSQL):
- text a spreadsheet could run as a formula (starting `=`, `+`, `-`, `@`,
  a tab or a carriage return) gets a leading apostrophe;
- the duration in whole seconds (halves rounded up);
- each lever's points, ceiling and percent and each rule's breaches, from
  the attempt's number columns (attempts.NUMBER_COLUMNS), not its JSON;
- choices as `1 2 2`, and the path as `start > story > end`. The path is
  rewritten as text: node ids are letters, digits, `_` and `-` (the
  validator's rule), so its JSON has no escapes to undo.

PostgreSQL writes the rows itself (COPY ... CSV). SQLite has no CSV writer
of its own, so each row's line is built in SQL, quoted as Python's csv
module quotes (a cell holding a comma, a double quote or a line feed is put
in double quotes, its quotes doubled). The one difference: PostgreSQL also
quotes a cell holding a carriage return (possible only in a scenario's
title); a CSV reader reads both the same.
"""
from __future__ import annotations

from game.storage.attempts import NUMBER_COLUMNS
from game.storage.export import CSV_FIELDS, CSV_PLAIN, NUMBER_CELLS

# the cells whose text can start like a formula: typed by the trainee (player)
# or the author (title), or an id the validator lets start with `-`; the rest
# are the game's own words, times, hashes and uuids, written as they are
_MAY_BE_FORMULA = {"player", "learner", "title", "scenario", "ending", "persona"}
# the cells whose text can hold a comma, a double quote or a line feed
_MAY_NEED_QUOTES = {"player", "learner", "title"}
# the text cells that can be empty (PostgreSQL's CSV quotes an empty text, so these become NULL)
_MAY_BE_EMPTY = {"title", "ending", "persona", "persona_style", "player_style", "learner", "choices", "path"}
_PATH = "CASE WHEN path = '[]' THEN '' ELSE replace(substr(path, 3, length(path) - 4), '\", \"', ' > ') END"
APOSTROPHE = "''''"  # an SQL literal holding one apostrophe


# the first characters that make a spreadsheet run a cell: = + - @ tab, carriage return
FORMULA_CODES = "(61, 43, 45, 64, 9, 13)"


def _safe(expr: str, postgres: bool) -> str:
    """A text cell, neutralised (its first character's code compared: no substring made)."""
    code = "ascii" if postgres else "unicode"
    return f"CASE WHEN {code}({expr}) IN {FORMULA_CODES} THEN {APOSTROPHE} || {expr} ELSE {expr} END"


def _cells(postgres: bool) -> list[tuple[str, str]]:
    """(SQL, kind) of each CSV cell in CSV_FIELDS order; kind: 'number',
    'text', or 'quotable' (text that may need quotes in a CSV line)."""
    out = []
    for name in CSV_PLAIN:
        if name == "duration_s":
            out.append(("floor(duration_s + 0.5)::bigint" if postgres else "CAST(duration_s + 0.5 AS INTEGER)",
                        "number"))
        elif name in NUMBER_CELLS:
            out.append((f"attempts.{name}", "number"))
        else:
            out.append((_safe(name, postgres) if name in _MAY_BE_FORMULA else name,
                        "quotable" if name in _MAY_NEED_QUOTES else "text"))
    out += [(column, "number") for column in NUMBER_COLUMNS]
    out.append(("replace(replace(replace(choices, '[', ''), ']', ''), ',', '')", "text"))
    out.append((_safe(f"({_PATH})", postgres), "text"))
    assert len(out) == len(CSV_FIELDS), "a CSV cell without its SQL"
    return out


def postgres_cells() -> str:
    """The SELECT list for COPY ... CSV: each cell named as its CSV header;
    an empty text is NULL, so COPY writes an empty cell (not `""`)."""
    cells = [f"NULLIF({sql}, '')" if field in _MAY_BE_EMPTY else sql for (sql, _), field in zip(_cells(True), CSV_FIELDS)]
    return ", ".join(f'{cell} AS "{field}"' for cell, field in zip(cells, CSV_FIELDS))


def _quoted(expr: str, column: str) -> str:
    """A text cell as Python's csv module writes it: in double quotes when
    the stored text holds a comma, a double quote or a line feed (the
    apostrophe neutralising adds none of those)."""
    return (f"CASE WHEN instr({column}, ',') OR instr({column}, '\"') OR instr({column}, char(10)) "
            f"THEN '\"' || replace({expr}, '\"', '\"\"') || '\"' ELSE {expr} END")


def sqlite_line() -> str:
    """One expression: a row's whole CSV line, its line feed included. One
    printf builds it (`%s` writes NULL as nothing), where joining 39 cells
    with `||` copied the growing line at each step."""
    cells = _cells(False)
    parts = [_quoted(sql, field) if kind == "quotable" else sql for (sql, kind), field in zip(cells, CSV_FIELDS)]
    return f"printf('{','.join(['%s'] * len(parts))}' || char(10), {', '.join(parts)}) AS line"
