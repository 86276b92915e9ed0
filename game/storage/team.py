"""The team's own records beside the attempts: the roster (people a lead
expects to play, by learner id, with a display name and a team) and the
reviewers who may open the team dashboard (a name and a salted password
hash made by game.app.reviewers; never the password). Mixed into a SQLBoard."""
from __future__ import annotations

from game.storage.attempts import clean_learner_id, clean_player_name, now_iso


class TeamRecords:
    """Mixed into a SQLBoard (tables from shared_tables.TEAM)."""

    def roster_add(self, learner: str, name: str, team: str = "") -> bool:
        """Add a person, or update their name and team; True when they were new.
        Raises ValueError for a learner id or name that cannot be one."""
        learner = clean_learner_id(learner)
        if not learner:
            raise ValueError("a person on the roster needs a learner id (the LMS login or e-mail address)")
        name = clean_player_name(name)
        team = (team or "").strip()[:60]
        with self.transaction("the roster") as run:
            known = run("SELECT learner FROM roster WHERE learner = ?", (learner,)).fetchone()
            if known:
                run("UPDATE roster SET name = ?, team = ? WHERE learner = ?", (name, team, learner))
            else:
                run("INSERT INTO roster (learner, name, team, added_at) VALUES (?, ?, ?, ?)",
                    (learner, name, team, now_iso()))
        return known is None

    def roster_remove(self, learner: str) -> bool:
        with self.transaction("the roster") as run:
            return run("DELETE FROM roster WHERE learner = ?", (clean_learner_id(learner),)).rowcount > 0

    def roster(self) -> list[dict]:
        """Everyone on the roster, by name."""
        return [dict(r) for r in self._query("SELECT learner, name, team, added_at FROM roster ORDER BY name, learner")]

    def reviewer_set(self, name: str, password_hash: str) -> bool:
        """Add a reviewer or change their password hash; True when they were new."""
        name = clean_player_name(name)
        with self.transaction("the reviewers") as run:
            known = run("SELECT name FROM reviewers WHERE name = ?", (name,)).fetchone()
            if known:
                run("UPDATE reviewers SET hash = ? WHERE name = ?", (password_hash, name))
            else:
                run("INSERT INTO reviewers (name, hash, added_at) VALUES (?, ?, ?)", (name, password_hash, now_iso()))
        return known is None

    def reviewer_hash(self, name: str) -> str | None:
        rows = self._query("SELECT hash FROM reviewers WHERE name = ?", (name.strip(),))
        return rows[0]["hash"] if rows else None

    def reviewers(self) -> list[str]:
        return [r["name"] for r in self._query("SELECT name FROM reviewers ORDER BY name")]
