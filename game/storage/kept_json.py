"""Each attempt's line of the reviewer's JSON kept ready in SQLite (`attempt_json`, migration 19),
so `scoreboard --format json` reads stored text instead of building each line with some forty
function calls (json_sql.py; SQLite's functions cost about 1 us a call).

What is kept is the line's text around the row's own stored JSON (`head`: up to `"choices":`; `tail`:
`,"score":` up to `"steps":`), made by the same printf of the same keys as the line the export built
before, under the same checks (json_sql.sqlite_kept_parts); the export joins them with the row's choices,
path, levers, rules and replies (json_sql.sqlite_joined), so the bytes are the same and the replies, the
largest part, are not stored twice. NULL parts: the row is not of the shape the game writes, and Python
reads that attempt (skipping it with a note when it is damaged), as before.

Triggers keep them in the transaction of every write, the game's or one made around it (a damaged row
written with the `sqlite3` tool): any insert, change or removal of an attempt or of its replies builds
its parts again. A row holding a BLOB anywhere the line reads (SQLite keeps any type in any column) gets
no parts kept: building them could stop on `json_quote`, and that would refuse the write. The export
builds the line of an attempt without kept parts in its query, as before, so such a row stops the query
where it stopped it before (and the rest is then read the old way, json_sql.JSONExport.write_json).
"""
from __future__ import annotations

from game.storage.attempts import NUMBER_COLUMNS
from game.storage.json_sql import sqlite_kept_parts, sqlite_ok

# every column the line's expression reads (json_sql._sqlite_ok and _line)
_READ = ("registration", "player", "scenario", "version", "content_hash", "title", "mode", "seed", "started_at",
         "finished_at", "duration_s", "choices", "path", "levers", "rules", "score", "grade", "outcome", "ending",
         "persona", "persona_style", "player_style", "status", "learner", "active_s", "scripted", "mastery",
         *NUMBER_COLUMNS)
_NO_BLOB = " AND ".join([f"typeof(attempts.{name}) != 'blob'" for name in _READ]
                        + ["typeof(attempt_steps.steps) != 'blob'"])


def _build(where: str) -> str:
    """The statement that keeps the parts of the attempts chosen by `where` (none kept for them yet)."""
    ok, (head, tail) = sqlite_ok(), sqlite_kept_parts()
    return (f"INSERT INTO attempt_json (attempt_id, head, tail) SELECT attempts.id, CASE WHEN {ok} THEN {head} END, "
            f"CASE WHEN {ok} THEN {tail} END FROM attempts LEFT JOIN attempt_steps "
            f"ON attempt_steps.attempt_id = attempts.id WHERE {where} AND {_NO_BLOB}")


def _again(attempt_id: str) -> str:
    """A trigger's statements: the attempt's parts built again from what it holds now."""
    return (f"DELETE FROM attempt_json WHERE attempt_id = {attempt_id}; "
            f"{_build(f'attempts.id = {attempt_id}')};")


def migration() -> tuple[str, ...]:
    """The table, filled with the parts of every attempt kept so far, and the triggers that keep it (one
    statement each: a trigger's body has semicolons of its own)."""
    return (
        "CREATE TABLE attempt_json (attempt_id INTEGER PRIMARY KEY, head TEXT, tail TEXT)",
        _build("1 = 1"),
        f"CREATE TRIGGER attempt_json_added AFTER INSERT ON attempts BEGIN {_again('NEW.id')} END",
        "CREATE TRIGGER attempt_json_changed AFTER UPDATE ON attempts BEGIN "
        f"DELETE FROM attempt_json WHERE attempt_id = OLD.id; {_again('NEW.id')} END",
        "CREATE TRIGGER attempt_json_removed AFTER DELETE ON attempts BEGIN "
        "DELETE FROM attempt_json WHERE attempt_id = OLD.id; END",
        f"CREATE TRIGGER attempt_json_steps_added AFTER INSERT ON attempt_steps BEGIN {_again('NEW.attempt_id')} END",
        "CREATE TRIGGER attempt_json_steps_changed AFTER UPDATE ON attempt_steps BEGIN "
        f"{_again('OLD.attempt_id')} {_again('NEW.attempt_id')} END",
        f"CREATE TRIGGER attempt_json_steps_removed AFTER DELETE ON attempt_steps BEGIN {_again('OLD.attempt_id')} END",
    )
