"""Settings: text size, typewriter speed, mode, high contrast, fullscreen,
sound. Left/Right (or Enter, or a click) changes a value; saved at once.

Settings > Learning record store: the endpoint, key, secret and the
LMS's address, typed in the window (as `main.py lrs configure` does), kept
in saves/lrs.json. The secret is typed as dots and never shown again. A
value set in the environment wins and is not editable here. Each change
restarts the background sender with the new settings."""
from __future__ import annotations

import os

import pygame

from game.delivery.config import ENV, load_config, save_config
from game.storage.files import StorageError
from game.storage.saves import TEXT_SIZES, TYPEWRITER_SPEEDS
from game.shells.window.widgets import Button, ButtonList, ScrollView, button_height, draw_button
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN, header, header_top, learner_label

OPTIONS = [
    ("text_size", "Text size", TEXT_SIZES),
    ("typewriter", "Typewriter speed", TYPEWRITER_SPEEDS),
    ("mode", "Mode", ("coach", "assessment")),
    ("high_contrast", "High contrast", (False, True)),
    ("fullscreen", "Fullscreen", (False, True)),
    ("sound", "Sound", (False, True)),
]
HINT = "Up/Down: choose  ·  Left/Right: change  ·  Esc: back"
NAMES = {False: "off", True: "on", "coach": "coach (coaching after each reply)",
         "assessment": "assessment (coaching at the end)"}


class SettingsScene(Scene):
    name = "settings"
    title, hint = "Settings", HINT

    def __init__(self, app, conversation_mode: str | None = None):
        """`conversation_mode`: the mode of the conversation paused behind this
        screen; a conversation keeps the mode it began in (an assessment
        cannot turn into coaching half-way), so a change applies from the next."""
        super().__init__(app)
        self.conversation_mode = conversation_mode
        self.buttons = ButtonList()
        self.scroll = ScrollView()
        self.view = pygame.Rect(0, 0, 0, 0)
        self._build()

    def _detail(self, key: str) -> str:
        if key == "mode" and self.conversation_mode:
            if self.app.settings.mode != self.conversation_mode:
                return (f"From your next conversation. This one stays in {self.conversation_mode} mode: "
                        "a conversation keeps the mode it began in.")
            return f"Applies from your next conversation; this one is in {self.conversation_mode} mode."
        return "Left/Right or Enter to change"

    def _build(self) -> None:
        s = self.app.settings
        items = [Button(self._label(key, label, values, getattr(s, key)), key, detail=self._detail(key))
                 for key, label, values in OPTIONS]
        items.append(Button(learner_label(self.app), "learner", detail="Enter to change: your LMS login or e-mail, "
                            "for the learning record store"))
        items.append(Button(self._lrs_label(), "lrs", detail=self._lrs_detail()))
        items.append(Button("Done", "done"))
        focus = self.buttons.focus
        self.buttons.set(items)
        self.buttons.focus = focus

    def _lrs_label(self) -> str:
        sender = self.app.sender
        if sender is None:
            return "Learning record store: not set up"
        return f"Learning record store: {sender.config.endpoint}"

    def _lrs_detail(self) -> str:
        sender = self.app.sender
        if sender is None:
            return "Enter to set it up (or main.py lrs configure; see the reviewer's guide)"
        return (self.app.delivery_line() or "Everything recorded has been sent.") + " Enter to change."

    @staticmethod
    def _label(key: str, label: str, values, value) -> str:
        """'Text size:  ◀ large ▶': an arrow only where Left or Right can go."""
        index = values.index(value) if value in values else 0
        left = "◀ " if index > 0 else "   "
        right = " ▶" if index < len(values) - 1 else ""
        return f"{label}:  {left}{NAMES.get(value, value)}{right}"

    def change(self, key: str, step: int, wrap: bool = False) -> None:
        """Left/Right move the way they point and stop at the ends; Enter or a
        click steps on and comes round again."""
        values = next(v for k, _, v in OPTIONS if k == key)
        current = getattr(self.app.settings, key)
        index = values.index(current) if current in values else 0
        new = (index + step) % len(values) if wrap else max(0, min(len(values) - 1, index + step))
        if new == index:
            return
        setattr(self.app.settings, key, values[new])
        self.app.apply_settings()
        if key == "mode" and self.conversation_mode and self.app.settings.mode != self.conversation_mode:
            self.app.notify(f"Mode set to {self.app.settings.mode} from your next conversation; this one stays "
                            f"in {self.conversation_mode} mode.")
        self._build()

    def handle(self, intent) -> None:
        kind = intent.kind
        if kind == "back":
            self.app.pop()
            return
        focused = self.buttons.buttons[self.buttons.focus].action
        if kind in ("left", "right") and focused not in ("done", "learner", "lrs"):
            self.change(focused, -1 if kind == "left" else 1)
            return
        if kind in ("up", "down", "tab", "hover", "click", "confirm"):
            action = self.buttons.handle(intent)
            if action == "done":
                self.app.pop()
            elif action == "lrs":
                self.app.go("lrs-settings")
            elif action == "learner":
                self.app.go("learner", on_done=self._build)
            elif action is not None:
                self.change(action, 1, wrap=True)

    def update(self, dt: float) -> None:
        """The settings in two columns on a wide window (one on a narrow one),
        scrolling if they must; Done pinned below them, always in view."""
        w, h = self.app.screen.get_size()
        theme = self.theme
        top = header_top(theme, w, self.title, self.hint)
        *items, done = self.buttons.buttons
        columns = 2 if w >= 1000 else 1
        self.buttons.columns = columns  # Up/Down go down a column; Left/Right change the value
        gap = 8
        col_w = (w - 2 * MARGIN - 14 - gap * (columns - 1)) // columns
        y = 0
        for first in range(0, len(items), columns):
            row = items[first:first + columns]
            row_h = max(button_height(theme, b, col_w) for b in row)
            for column, button in enumerate(row):
                button.rect = pygame.Rect(MARGIN + column * (col_w + gap), y, col_w, row_h)
            y += row_h + gap
        content = max(0, y - gap)
        done_h = button_height(theme, done, col_w)  # right below the settings, or at the foot when they scroll
        done.rect = pygame.Rect(MARGIN, min(h - 16 - done_h, top + content + 16), col_w, done_h)
        self.view = pygame.Rect(MARGIN, top, w - 2 * MARGIN, done.rect.top - 12 - top)
        self.scroll.set_sizes(content, self.view.h)
        focused = self.buttons.buttons[self.buttons.focus]
        if focused is not done:
            self.scroll.reveal(focused.rect.top, focused.rect.bottom, margin=0)
        for button in items:
            button.rect.y += top - self.scroll.offset
            button.clip = self.view  # scrolled out of the view: not clickable
        self.buttons.viewport = None

    def draw(self, surface) -> None:
        theme = self.theme
        header(surface, theme, self.title, self.hint)
        *items, done = self.buttons.buttons
        focus = self.buttons.buttons[self.buttons.focus]
        surface.set_clip(self.view)
        for b in items:
            if b.rect.bottom >= self.view.top and b.rect.top <= self.view.bottom:
                draw_button(surface, theme, b, b is focus)
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, self.view)
        draw_button(surface, theme, done, done is focus, "primary")


FIELDS = [
    ("endpoint", "LRS address", "The LRS's xAPI address, e.g. https://lrs.example.org/xAPI/"),
    ("user", "Key", "The key (or user name) the LRS gave for Five Levers"),
    ("secret", "Secret", "The secret that goes with the key. It is kept on this computer and never shown."),
    ("home_page", "LMS address", "The address of the learning system whose logins are the learner ids"),
]
LRS_HINT = "Up/Down: choose  ·  Enter: change  ·  Esc: back"


class LRSScene(SettingsScene):
    name = "lrs-settings"
    title, hint = "Learning record store", LRS_HINT

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
        self.app.go("text-entry", label, why, "" if secret else getattr(self.config, key), keep, secret=secret)
