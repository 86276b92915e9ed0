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

from ..model import LEVERS, OUTCOME_WORDS, RULES

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_CHARS = frozenset("=+-@\t\r")

CSV_FIELDS = ["id", "registration", "player", "scenario", "title", "version", "content_hash", "mode",
              "started_at", "finished_at", "duration_s", "score", "grade", "outcome", "ending",
              "persona", "persona_style", "player_style",
              *(f"{lever}_points" for lever in LEVERS), *(f"{lever}_ceiling" for lever in LEVERS),
              *(f"{lever}_percent" for lever in LEVERS), *(f"{rule}_breaches" for rule in RULES),
              "choices", "path"]

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
    """Attempts as the reviewer's JSON (see `attempt_record`), streamed."""
    return write_json_list((attempt_record(a) for a in attempts), handle)


# the stored columns a CSV row is made from: these first ones are cells as
# they are; the lever, rule, choice and path cells come from the JSON of the last four
CSV_PLAIN = ("id", "registration", "player", "scenario", "title", "version", "content_hash", "mode", "started_at",
             "finished_at", "duration_s", "score", "grade", "outcome", "ending", "persona", "persona_style",
             "player_style")
CSV_STORED = (*CSV_PLAIN, "levers", "rules", "choices", "path")
LEVER_CELLS = [(lever, key) for key in ("points", "ceiling", "percent") for lever in LEVERS]
_TEXT_CELLS = tuple(i for i, name in enumerate(CSV_PLAIN) if name not in ("id", "version", "duration_s", "score"))
_NO_LEVER: dict = {}
_loads = json.loads


def made_safe(row: list) -> list:
    """CSV cells from CSV_STORED values (the last four as stored JSON text or
    decoded): duration in whole seconds, each lever's points, ceiling and
    percent, each rule's breaches, choices and path as text, and every text
    cell a spreadsheet could run as a formula neutralised (numbers stay
    numbers: a negative number is not a formula). Lean: an export runs it a
    million times."""
    path = row.pop()
    choices = row.pop()
    rules = row.pop()
    levers = row.pop()
    if type(levers) is str:
        levers, rules, path = _loads(f"[{levers},{rules},{path}]")
        choices = choices[1:-1].replace(",", "")
    else:
        choices = " ".join(map(str, choices))
    row[10] = f"{row[10]:.0f}"  # duration_s
    for index in _TEXT_CELLS:
        text = row[index]
        if text and text[0] in _FORMULA_CHARS:
            row[index] = "'" + text
    row += [levers.get(lever, _NO_LEVER).get(key) for lever, key in LEVER_CELLS]
    row += [rules.get(rule, 0) for rule in RULES]
    row += [choices, neutralise(" > ".join(path))]
    return row


def write_csv(attempts, handle) -> int:
    """Attempts (objects) as CSV."""
    return write_csv_rows(([getattr(a, column) for column in CSV_STORED] for a in attempts), handle)


def write_csv_rows(rows, handle) -> int:
    """CSV_STORED rows (as SQLBoard.csv_rows gives them) as CSV, streamed; returns how many."""
    writer = csv.writer(handle, lineterminator="\n")
    writerow = writer.writerow
    writerow(CSV_FIELDS)
    count = 0
    for row in rows:
        writerow(made_safe(row))
        count += 1
    return count


def to_csv(attempts) -> str:
    buffer = io.StringIO()
    write_csv(attempts, buffer)
    return buffer.getvalue()


def to_table(attempts) -> str:
    """A plain-text table for the terminal, one line per attempt."""
    headers = ["#", "Finished", "Player", "Scenario", "Score", "Grade", "Outcome", "Breaches", "Mode", "Customer",
               "Style"]
    rows = [[str(a.id or ""), short_time(a.finished_at), a.player, a.scenario, str(a.score), a.grade,
             OUTCOME_WORDS.get(a.outcome, a.outcome), str(sum(a.rules.values())), a.mode,
             f"{a.persona} ({a.persona_style})" if a.persona and a.persona_style else a.persona or "-",
             a.player_style or "-"] for a in attempts]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    right = {0, 4, 7}

    def line(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    return "\n".join(out)
