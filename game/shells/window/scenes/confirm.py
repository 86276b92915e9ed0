"""A yes/no question over the screen below it, for the steps a trainee
cannot take back: quitting, restarting and leaving a conversation. "No"
is focused first, and Esc means no."""
from __future__ import annotations

from typing import Callable

import pygame

from game.shells.window.theme import draw_text, text_height
from game.shells.window.widgets import Button, ButtonList, draw_button, modal_box, modal_layout
from game.shells.window.scenes.base import Scene


class ConfirmScene(Scene):
    name = "confirm"
    opaque = False

    def __init__(self, app, question: str, detail: str, yes: str, on_yes: Callable[[], None], no: str = "No, go back"):
        super().__init__(app)
        self.question, self.detail = question, detail
        self.on_yes = on_yes
        self.buttons = ButtonList([Button(no, "no"), Button(yes, "yes")])
        self._box = pygame.Rect(0, 0, 0, 0)

    def handle(self, intent) -> None:
        action = "no" if intent.kind == "back" else self.buttons.handle(intent)
        if action in ("no", "yes"):
            self.app.pop()
        if action == "yes":
            self.on_yes()

    def update(self, dt: float) -> None:
        theme = self.theme
        self._box = modal_layout(theme, self.app.screen.get_size(), 480, lambda inner: text_height(
            theme, self.question, inner, theme.size("sub"), True) + 10 + text_height(theme, self.detail, inner),
            self.buttons.buttons)

    def draw(self, surface) -> None:
        theme = self.theme
        box = self._box
        modal_box(surface, theme, box)
        y = box.y + 24
        y += draw_text(surface, theme, self.question, (box.x + 24, y), box.w - 48, theme.size("sub"), bold=True) + 10
        draw_text(surface, theme, self.detail, (box.x + 24, y), box.w - 48, colour="muted")
        for i, button in enumerate(self.buttons.buttons):
            draw_button(surface, theme, button, i == self.buttons.focus, "primary" if button.action == "no" else "plain")
