"""Saves in progress in the scoreboard's database (the `saves_in_progress`
table, shared_tables.IN_PROGRESS): what a server keeps so that any of its
processes, on any machine, resumes a trainee's conversation or quarter.

This is the database half of the save store (`read_save`, `write_save`,
`drop_save`, `set_save_aside`); saves.py and campaign_saves.py check every
document read back before it is trusted, exactly as they check a file, and
ask for a bad one to be set aside: it moves to `saves_set_aside` with when,
so nothing is lost silently. Mixed into SQLBoard (transaction, _query)."""
from __future__ import annotations

import json

from game.storage.attempts import now_iso

NOUNS = {"session": "conversation", "campaign": "quarter"}  # what a trainee calls each kind
SET_ASIDE_WORDS = "it was set aside in the scoreboard database (table saves_set_aside) for a trainer to look at"


class SaveRecords:
    """One document per (kind, owner): 'session' or 'campaign', the player's key."""

    def read_save(self, kind: str, owner: str) -> tuple[dict | None, str | None]:
        """(the document or None, a message or None). Text that is not a JSON
        object is set aside at once, with the words."""
        rows = self._query("SELECT doc FROM saves_in_progress WHERE kind = ? AND owner = ?", (kind, owner),
                           plain=True)
        if not rows:
            return None, None
        try:
            data = json.loads(rows[0][0])
        except (TypeError, ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            return None, f"the saved {NOUNS.get(kind, kind)} could not be read and {self.set_save_aside(kind, owner)}"
        return data, None

    def write_save(self, kind: str, owner: str, doc: dict) -> None:
        """Save (replace) the document. Raises StorageError."""
        text = json.dumps(doc, ensure_ascii=False, sort_keys=True)
        with self.transaction(f"the {NOUNS.get(kind, kind)} in progress") as run:
            run("INSERT INTO saves_in_progress (kind, owner, doc, saved_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (kind, owner) DO UPDATE SET doc = excluded.doc, saved_at = excluded.saved_at",
                (kind, owner, text, now_iso()))

    def drop_save(self, kind: str, owner: str) -> None:
        """Forget the document (finished or replaced). Raises StorageError."""
        with self.transaction(f"the end of the {NOUNS.get(kind, kind)} in progress") as run:
            run("DELETE FROM saves_in_progress WHERE kind = ? AND owner = ?", (kind, owner))

    def set_save_aside(self, kind: str, owner: str) -> str:
        """Move a document that failed its check to saves_set_aside; the words to show."""
        with self.transaction(f"setting aside the {NOUNS.get(kind, kind)}") as run:
            run("INSERT INTO saves_set_aside (kind, owner, doc, saved_at, set_aside_at) "
                "SELECT kind, owner, doc, saved_at, ? FROM saves_in_progress WHERE kind = ? AND owner = ?",
                (now_iso(), kind, owner))
            run("DELETE FROM saves_in_progress WHERE kind = ? AND owner = ?", (kind, owner))
        return SET_ASIDE_WORDS
