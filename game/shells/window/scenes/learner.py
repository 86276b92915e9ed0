"""A small box over the screen to type one line: the learner id (an LMS
login or e-mail, from the title screen and Settings) and the LRS settings
(from Settings). Enter keeps it, Esc leaves it as it was. A secret is shown
as dots and never drawn."""
from __future__ import annotations

import pygame

from game.storage.attempts import MAX_LEARNER, clean_learner_id
from game.shells.window.theme import draw_text, text_height
from game.shells.window.widgets import Button, ButtonList, draw_button, modal_box, modal_layout
from game.shells.window.scenes.base import Scene

WHY = ("Your login at work (or e-mail address), as your learning system knows you. Your results reach "
       "the learning record store under it. Leave it empty if you have none.")


class TextEntryScene(Scene):
    """`keep(text)` returns an error to show, or None when the text was taken."""
    name = "text-entry"
    opaque = False
    typing = True

    def __init__(self, app, title: str, why: str, value: str, keep, secret: bool = False, limit: int = 500):
        super().__init__(app)
        self.title, self.why, self.value, self._keep, self.secret, self.limit = title, why, value, keep, secret, limit
        self.error = ""
        self.buttons = ButtonList([Button("Keep", "keep"), Button("Cancel", "cancel")])
        self._box = pygame.Rect(0, 0, 0, 0)
        self._field = pygame.Rect(0, 0, 0, 0)

    def handle(self, intent) -> None:
        kind = intent.kind
        if kind == "text":
            if len(self.value) < self.limit:
                self.value += str(intent.value)
            self.error = ""
            return
        if kind == "backspace":
            self.value = self.value[:-1]
            self.error = ""
            return
        if kind == "back":
            self.app.pop()
            return
        action = "keep" if kind == "confirm" and self.buttons.focus == 0 else self.buttons.handle(intent)
        if action == "cancel":
            self.app.pop()
        elif action == "keep":
            self.keep()

    def keep(self) -> None:
        error = self._keep(self.value)
        if error:
            self.error = error
            return
        if self.app.top is self:
            self.app.pop()

    def update(self, dt: float) -> None:
        w, h = self.app.screen.get_size()
        theme = self.theme

        def content(inner: int) -> int:
            return (text_height(theme, self.title, inner, theme.size("sub"), True) + 10
                    + text_height(theme, self.why, inner, theme.size("small")) + 12
                    + theme.line_height(theme.body) + 20
                    + (text_height(theme, self.error, inner, theme.size("small")) + 6 if self.error else 0))
        self._box = modal_layout(theme, (w, h), 520, content, self.buttons.buttons)

    def draw(self, surface) -> None:
        theme = self.theme
        box = self._box
        modal_box(surface, theme, box)
        x, y, inner = box.x + 24, box.y + 24, box.w - 48
        y += draw_text(surface, theme, self.title, (x, y), inner, theme.size("sub"), bold=True) + 10
        y += draw_text(surface, theme, self.why, (x, y), inner, theme.size("small"), "muted") + 12
        field = pygame.Rect(x, y, inner, theme.line_height(theme.body) + 20)
        pygame.draw.rect(surface, theme.c("panel"), field, border_radius=8)
        pygame.draw.rect(surface, theme.c("focus"), field, width=3, border_radius=8)
        typed = "•" * len(self.value) if self.secret else self.value
        shown = theme.line(typed + "|", theme.body, theme.c("text"))
        area = pygame.Rect(max(0, shown.get_width() - (field.w - 24)), 0, field.w - 24, shown.get_height())
        surface.blit(shown, (field.x + 12, field.y + 10), area)
        if self.error:
            draw_text(surface, theme, self.error, (x, field.bottom + 6), inner, theme.size("small"), "bad")
        for i, button in enumerate(self.buttons.buttons):
            draw_button(surface, theme, button, i == self.buttons.focus, "primary" if button.action == "keep" else "plain")


def LearnerScene(app, on_done=None) -> TextEntryScene:
    """The learner id: kept in the settings, in lower case; empty clears it."""
    def keep(text: str) -> str | None:
        try:
            learner = clean_learner_id(text)
        except ValueError as exc:
            return str(exc).capitalize() + "."
        app.settings.learner = learner
        app.apply_settings()
        app.pop()
        app.notify(f"Learner id set to {learner}." if learner else "Learner id cleared.")
        if on_done:
            on_done()
        return None
    scene = TextEntryScene(app, "Learner id", WHY, app.settings.learner, keep, limit=MAX_LEARNER)
    scene.name = "learner"
    return scene
