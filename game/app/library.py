"""The scenario library: the files in a folder, each checked, playable ones
in the order a trainee meets them (difficulty, then title); broken ones keep
their first error. The window and the browser list the same library."""
from __future__ import annotations

from pathlib import Path

from game.core import loader


class Library:
    """The scenario files in a folder, each checked; broken ones keep their first error."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.entries: list[loader.Checked] = []
        self.reload()

    def reload(self) -> None:
        results, _ = loader.check_library([self.folder]) if self.folder.exists() else ([], [])
        playable = sorted((r for r in results if r.ok), key=lambda r: (r.scenario.difficulty, r.scenario.title))
        broken = [r for r in results if not r.ok]
        self.entries = playable + broken

    def playable(self) -> list[loader.Checked]:
        return [e for e in self.entries if e.ok]

    def find(self, scenario_id: str):
        """The playable entry with this scenario id, or None."""
        return next((e for e in self.playable() if e.scenario.id == scenario_id), None)

    def after(self, scenario_id: str):
        """The next playable scenario after this one, wrapping around."""
        playable = self.playable()
        ids = [e.scenario.id for e in playable]
        if scenario_id not in ids or len(playable) < 2:
            return None
        return playable[(ids.index(scenario_id) + 1) % len(playable)]

    def persona_label(self, scenario_id: str, persona: str) -> str:
        """A persona's label ('' for none; the id when the scenario no longer has it)."""
        entry = self.find(scenario_id)
        found = entry.scenario.personas.get(persona) if entry is not None and persona else None
        return found.label if found is not None else persona or ""
