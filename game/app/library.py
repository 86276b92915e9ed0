"""The scenario library: the files in a folder, each checked, playable ones
in the order a trainee meets them (difficulty, then title); broken ones keep
their first error. The window and the browser list the same library.

The window reads its library off the frame loop (`background=True`): the
title screen is drawn at once while a thread checks the files; `ready` says
whether they have all been read, `progress` how far it got, and a screen
that needs the list shows that it is still loading until then. Asking for
`entries` (or anything built on them) before that waits for the thread:
what is not drawn every frame (a screenshot driver, a tool, a test) may.
"""
from __future__ import annotations

import threading
from pathlib import Path

from game.core import loader


class Library:
    """The scenario files in a folder, each checked; broken ones keep their first error."""

    def __init__(self, folder: Path, background: bool = False):
        self.folder = Path(folder)
        self._entries: list[loader.Checked] | None = None
        self.progress = (0, 0)  # (files checked, files found) of the load under way
        self.problem = ""  # why the folder could not be read at all (never a traceback)
        self._loaded = threading.Event()
        self._generation = 0
        self._lock = threading.Lock()
        if background:
            self._generation += 1
            threading.Thread(target=self._load, args=(self._generation,), name="five-levers-library",
                             daemon=True).start()
        else:
            self.reload()

    # -- loading -------------------------------------------------------------
    def _read(self) -> list[loader.Checked]:
        def step(done: int, total: int) -> None:
            self.progress = (done, total)
        results, _ = loader.check_library([self.folder], step) if self.folder.exists() else ([], [])
        playable = sorted((r for r in results if r.ok), key=lambda r: (r.scenario.difficulty, r.scenario.title))
        broken = [r for r in results if not r.ok]
        return playable + broken

    def _load(self, generation: int) -> None:
        try:
            entries = self._read()
        except Exception as exc:  # noqa: BLE001 - a library that cannot be read is an empty list and a message
            entries = []
            self.problem = f"The scenarios could not be read: {exc}"
        with self._lock:
            if generation == self._generation:  # a reload since then has the newer list
                self._entries = entries
                self._loaded.set()

    def reload(self) -> None:
        """Read every file again, now (F5: the trainer asked for it)."""
        with self._lock:
            self._generation += 1
        self.problem = ""
        entries = self._read()
        with self._lock:
            self._entries = entries
            self._loaded.set()

    @property
    def ready(self) -> bool:
        """Every file has been read (the list can be shown)."""
        return self._entries is not None

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the files to be read (never from the frame loop); whether they are."""
        return self._loaded.wait(timeout)

    @property
    def entries(self) -> list[loader.Checked]:
        if self._entries is None:
            self._loaded.wait()
        return self._entries

    def loading_words(self) -> str:
        """'Loading the scenarios: 37 of 140 read…' while they are being read."""
        done, total = self.progress
        return f"Loading the scenarios: {done} of {total} read\u2026" if total else "Loading the scenarios\u2026"

    # -- reading -------------------------------------------------------------
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
