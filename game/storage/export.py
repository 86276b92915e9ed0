"""Attempts as a reviewer reads them: a table, CSV and JSON.

CSV cells that a spreadsheet would run as a formula (text starting with
`=`, `+`, `-`, `@`, a tab or a carriage return) get a leading apostrophe:
spreadsheets show the text as typed and never evaluate it, and the original
text is still there after the apostrophe.
"""
from __future__ import annotations

import csv
import io
import json

from game.core.model import LEVERS, OUTCOME_WORDS, RULES
from game.storage.attempts import NUMBER_COLUMNS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# the stored columns a CSV row begins with, as they are; then each lever's and
# rule's numbers (attempts.NUMBER_COLUMNS), choices and path (csv_sql.py
# computes the same in the database)
# `learner` tells two people with one display name apart; `status` is finished
# or abandoned; `scripted` is 1 when a script chose the replies, not a person
CSV_PLAIN = ("id", "registration", "player", "learner", "scenario", "title", "version", "content_hash", "mode",
             "started_at", "finished_at", "duration_s", "score", "grade", "outcome", "ending", "persona",
             "persona_style", "player_style", "status", "scripted")
NUMBER_CELLS = frozenset(("id", "version", "duration_s", "score", "scripted"))  # the plain cells that are numbers
CSV_FIELDS = [*CSV_PLAIN, *NUMBER_COLUMNS, "choices", "path"]


def short_time(iso: str) -> str:
    """'2026-11-20T10:05:00+00:00' -> '2026-11-20 10:05'."""
    return iso[:16].replace("T", " ")


def neutralise(value) -> str:
    """A cell's text, made safe to open in a spreadsheet."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def attempt_record(attempt) -> dict:
    """The JSON a reviewer gets for one attempt."""
    data = attempt.to_dict()
    data["levers"] = {lever: attempt.levers.get(lever, {"points": 0, "ceiling": 0, "percent": None})
                      for lever in LEVERS}
    data["rules"] = {rule: int(attempt.rules.get(rule, 0)) for rule in RULES}
    return data


def to_json(attempts) -> str:
    """The reviewer's JSON as text (what `write_json` streams)."""
    buffer = io.StringIO()
    write_json(attempts, buffer)
    return buffer.getvalue()


def write_json_list(items, handle) -> int:
    """A JSON list written one item at a time (flat memory for a million); returns how many."""
    count = 0
    for item in items:
        handle.write("[\n" if count == 0 else ",\n")
        handle.write(json.dumps(item, indent=2, ensure_ascii=False))
        count += 1
    handle.write("[]\n" if count == 0 else "\n]\n")
    return count


def write_json(attempts, handle) -> int:
    """Attempts (objects) as the reviewer's JSON (see `attempt_record`), indented, streamed: what `to_json`
    gives. `scoreboard --format json` has the database build the same objects instead, one a line
    (SQLBoard.write_json, json_sql.py; a test holds the parsed documents equal)."""
    return write_json_list((attempt_record(a) for a in attempts), handle)


def csv_cells(attempt) -> list:
    """One attempt's CSV cells: duration in whole seconds (halves rounded
    up), each lever's points, ceiling and percent, each rule's breaches,
    choices and path as text, and every text cell a spreadsheet could run
    as a formula neutralised (numbers stay numbers: a negative number is
    not a formula). The reference for what `SQLBoard.write_csv` has the
    database compute (csv_sql.py); a test holds the two to the same bytes."""
    row = [neutralise(getattr(attempt, name)) if name not in NUMBER_CELLS else getattr(attempt, name)
           for name in CSV_PLAIN]
    row[CSV_PLAIN.index("duration_s")] = int(attempt.duration_s + 0.5)
    row[CSV_PLAIN.index("scripted")] = int(bool(attempt.scripted))
    row += attempt.numbers()
    row += [" ".join(map(str, attempt.choices)), neutralise(" > ".join(attempt.path))]
    return row


def to_csv(attempts) -> str:
    """Attempts (objects) as the reviewer's CSV."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows(csv_cells(a) for a in attempts)
    return buffer.getvalue()


TABLE_HEADERS = ("#", "Finished", "Player", "Scenario", "Score", "Grade", "Outcome", "Breaches", "Mode", "Customer",
                 "Style")
_RIGHT = {0, 4, 7}


def table_cells(row) -> list[str]:
    """One `scoreboard` table line's cells from a row of views.TABLE_COLUMNS."""
    (id_, finished_at, player, scenario, score, grade, outcome, breaches, mode, persona, persona_style,
     player_style) = row
    return [str(id_ or ""), short_time(finished_at), player, scenario, str(score), grade,
            OUTCOME_WORDS.get(outcome, outcome), str(breaches), mode,
            f"{persona} ({persona_style})" if persona and persona_style else persona or "-", player_style or "-"]


def table_line(cells, widths) -> str:
    return "  ".join(c.rjust(w) if i in _RIGHT else c.ljust(w)
                     for i, (c, w) in enumerate(zip(cells, widths))).rstrip()


def write_table(rows, widths, handle) -> int:
    """The table, streamed: headers, rule, then one line per row of
    views.TABLE_COLUMNS (`widths` from views.BoardViews.table_widths); returns how many."""
    handle.write(table_line(TABLE_HEADERS, widths) + "\n" + table_line(["-" * w for w in widths], widths) + "\n")
    count, lines = 0, []
    for row in rows:
        lines.append(table_line(table_cells(row), widths) + "\n")
        if len(lines) == 2000:
            handle.writelines(lines)
            count += len(lines)
            lines.clear()
    handle.writelines(lines)
    return count + len(lines)


def table_head(widths) -> str:
    """The table's headers and the rule under them, each line ending in a line feed."""
    return table_line(TABLE_HEADERS, widths) + "\n" + table_line(["-" * w for w in widths], widths) + "\n"


def write_table_lines(lines, widths, handle) -> int:
    """The table, streamed: headers, rule, then lines the database built
    (one-text rows: views.BoardViews.table_lines), a few thousand per write; returns how many."""
    handle.write(table_head(widths))
    count, batch = 0, []
    for (line,) in lines:
        batch.append(line)
        if len(batch) == 5000:
            handle.write("".join(batch))
            count += len(batch)
            batch.clear()
    handle.write("".join(batch))
    return count + len(batch)


def to_table(attempts) -> str:
    """A plain-text table for the terminal, one line per attempt (objects;
    the `scoreboard` command streams stored rows through `write_table`)."""
    rows = [table_cells((a.id, a.finished_at, a.player, a.scenario, a.score, a.grade, a.outcome,
                         sum(a.rules.values()), a.mode, a.persona, a.persona_style, a.player_style))
            for a in attempts]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(TABLE_HEADERS)]
    out = [table_line(TABLE_HEADERS, widths), table_line(["-" * w for w in widths], widths)]
    out += [table_line(r, widths) for r in rows]
    return "\n".join(out)
