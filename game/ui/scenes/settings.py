"""Settings: text size, typewriter speed, mode, high contrast, fullscreen,
sound. Left/Right (or Enter, or a click) changes a value; saved at once."""
from __future__ import annotations

from ...storage.saves import TEXT_SIZES, TYPEWRITER_SPEEDS
from ..widgets import Button, ButtonList, draw_button, layout_column
from .base import Scene
from .common import MARGIN, header, header_top

OPTIONS = [
    ("text_size", "Text size", TEXT_SIZES),
    ("typewriter", "Typewriter speed", TYPEWRITER_SPEEDS),
    ("mode", "Mode", ("coach", "assessment")),
    ("high_contrast", "High contrast", (False, True)),
    ("fullscreen", "Fullscreen", (False, True)),
    ("sound", "Sound", (False, True)),
]
NAMES = {False: "off", True: "on", "coach": "coach (coaching after each reply)",
         "assessment": "assessment (coaching at the end)"}


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app, conversation_mode: str | None = None):
        """`conversation_mode`: the mode of the conversation paused behind this
        screen; a conversation keeps the mode it began in (an assessment
        cannot turn into coaching half-way), so a change applies from the next."""
        super().__init__(app)
        self.conversation_mode = conversation_mode
        self.buttons = ButtonList()
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
        items = [Button(f"{label}: {NAMES.get(getattr(s, key), getattr(s, key))}", key,
                        detail=self._detail(key)) for key, label, _ in OPTIONS]
        items.append(Button("Done", "done"))
        focus = self.buttons.focus
        self.buttons.set(items)
        self.buttons.focus = focus

    def change(self, key: str, step: int) -> None:
        values = next(v for k, _, v in OPTIONS if k == key)
        current = getattr(self.app.settings, key)
        index = values.index(current) if current in values else 0
        setattr(self.app.settings, key, values[(index + step) % len(values)])
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
        if kind in ("left", "right") and focused != "done":
            self.change(focused, -1 if kind == "left" else 1)
            return
        if kind in ("up", "down", "tab", "hover", "click", "confirm"):
            if kind in ("left", "right"):
                return
            action = self.buttons.handle(intent)
            if action == "done":
                self.app.pop()
            elif action is not None:
                self.change(action, 1)

    def update(self, dt: float) -> None:
        w, _ = self.app.screen.get_size()
        theme = self.theme
        top = header_top(theme, w, "Settings", "Up/Down: choose  ·  Left/Right: change  ·  Esc: back")
        layout_column(theme, self.buttons.buttons, MARGIN, top, min(640, w - 2 * MARGIN), gap=8)

    def draw(self, surface) -> None:
        theme = self.theme
        header(surface, theme, "Settings", "Up/Down: choose  ·  Left/Right: change  ·  Esc: back")
        for i, b in enumerate(self.buttons.buttons):
            draw_button(surface, theme, b, i == self.buttons.focus, "primary" if b.action == "done" else "plain")
