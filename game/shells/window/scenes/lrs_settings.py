"""Settings > Learning record store: the endpoint, key, secret and the
LMS's address, typed in the window (as `main.py lrs configure` does), kept
in saves/lrs.json. The secret is typed as dots and never shown again. A
value set in the environment wins and is not editable here. Each change
restarts the background sender with the new settings."""
from __future__ import annotations

import os

from game.delivery.config import ENV, load_config, save_config
from game.storage.files import StorageError
from game.shells.window.widgets import Button
from game.shells.window.scenes.learner import TextEntryScene
from game.shells.window.scenes.settings import SettingsScene

FIELDS = [
    ("endpoint", "LRS address", "The LRS's xAPI address, e.g. https://lrs.example.org/xAPI/"),
    ("user", "Key", "The key (or user name) the LRS gave for Five Levers"),
    ("secret", "Secret", "The secret that goes with the key. It is kept on this computer and never shown."),
    ("home_page", "LMS address", "The address of the learning system whose logins are the learner ids"),
]
HINT = "Up/Down: choose  ·  Enter: change  ·  Esc: back"


class LRSScene(SettingsScene):
    name = "lrs-settings"
    title, hint = "Learning record store", HINT

    def _build(self) -> None:
        self.config, problem = load_config()
        items = []
        for key, label, _ in FIELDS:
            value = getattr(self.config, key)
            shown = ("set" if value else "not set") if key == "secret" else (value or "not set")
            detail = (f"Set by {ENV[key]} in the environment" if os.environ.get(ENV[key])
                      else "Enter to change")
            items.append(Button(f"{label}: {shown}", key, detail=detail))
        status = self.app.delivery_line() or ("Everything recorded has been sent." if self.app.sender
                                              else "Not sending: " + (problem or "no LRS address yet"))
        items.append(Button("Done", "done", detail=status))
        focus = self.buttons.focus
        self.buttons.set(items)
        self.buttons.focus = min(focus, len(items) - 1)

    def handle(self, intent) -> None:
        if intent.kind == "back":
            self.app.pop()
            return
        if intent.kind in ("up", "down", "tab", "hover", "click", "confirm"):
            action = self.buttons.handle(intent)
            if action == "done":
                self.app.pop()
            elif action is not None:
                self.edit(action)

    def edit(self, key: str) -> None:
        if os.environ.get(ENV[key]):
            self.app.notify(f"{ENV[key]} sets this in the environment; change it there.")
            return
        label, why = next((label, why) for k, label, why in FIELDS if k == key)

        def keep(text: str) -> str | None:
            config, _ = load_config()
            setattr(config, key, text.strip())
            problems = config.problems(one_at_a_time=True)
            if problems:
                return problems[0][0].upper() + problems[0][1:] + "."
            try:
                save_config(config)
            except StorageError as exc:
                return str(exc)
            self.app.restart_sender()
            self._build()
            return None
        secret = key == "secret"
        self.app.push(TextEntryScene(self.app, label, why, "" if secret else getattr(self.config, key), keep,
                                     secret=secret))
