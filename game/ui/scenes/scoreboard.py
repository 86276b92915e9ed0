"""The player's past attempts, newest first."""
from __future__ import annotations

import pygame

from ..theme import draw_text
from ..widgets import ScrollView, panel
from .base import Scene
from .common import MARGIN, header

OUTCOMES = {"retained": "retained", "at_risk": "at risk", "lost": "lost"}


class ScoreboardScene(Scene):
    name = "scoreboard"

    def __init__(self, app, player: str):
        super().__init__(app)
        self.player = player
        self.scroll = ScrollView()
        self.rows: list = []
        self.message = ""
        self._view = pygame.Rect(0, 0, 0, 0)
        self.load()

    def load(self) -> None:
        if self.app.scoreboard is None:
            self.message = "The scoreboard is unavailable."
            return
        if not self.player:
            self.message = "Type your name on the title screen to see your attempts."
            return
        try:
            self.rows = list(reversed(self.app.scoreboard.history(self.player)))
        except Exception as exc:
            self.message = f"The scoreboard could not be read: {exc}"
            return
        if not self.rows:
            self.message = f"No finished conversations for {self.player} yet."

    def handle(self, intent) -> None:
        if intent.kind in ("back", "confirm"):
            self.app.pop()
            return
        step = self.theme.line_height(self.theme.body)
        if intent.kind == "down":
            self.scroll.scroll(step)
        elif intent.kind == "up":
            self.scroll.scroll(-step)
        else:
            self.scroll.handle(intent, step * 3)

    def update(self, dt: float) -> None:
        w, h = self.app.screen.get_size()
        top = MARGIN + self.theme.line_height(self.theme.size("heading")) + 26
        self._view = pygame.Rect(MARGIN, top, w - 2 * MARGIN, h - top - MARGIN)
        row_h = self.theme.line_height(self.theme.body) + 12
        self.scroll.set_sizes((len(self.rows) + 1) * row_h + 20, self._view.h)

    def draw(self, surface) -> None:
        theme = self.theme
        header(surface, theme, f"Scoreboard: {self.player}" if self.player else "Scoreboard", "Esc: back")
        view = self._view
        panel(surface, theme, view)
        if self.message:
            draw_text(surface, theme, self.message, (view.x + 20, view.y + 20), view.w - 40)
            return
        row_h = theme.line_height(theme.body) + 12
        columns = [("When", 0.0), ("Scenario", 0.17), ("Score", 0.55), ("Grade", 0.63), ("Outcome", 0.77), ("Mode", 0.89)]
        inner = view.inflate(-40, -20)
        surface.set_clip(view.inflate(-4, -4))
        for title, frac in columns:
            surface.blit(theme.line(title, theme.body, theme.c("muted"), True), (inner.x + int(frac * inner.w), inner.y))
        y = inner.y + row_h - self.scroll.offset
        for attempt in self.rows:
            if y > view.bottom:
                break
            if y + row_h >= inner.y + row_h:
                values = [attempt.finished_at[:16].replace("T", " "), attempt.title or attempt.scenario,
                          str(attempt.score), attempt.grade, OUTCOMES.get(attempt.outcome, attempt.outcome), attempt.mode]
                for (title, frac), value in zip(columns, values):
                    nxt = next((f for _, f in columns if f > frac), 1.0)
                    width = int((nxt - frac) * inner.w) - 10
                    text = theme.line(value, theme.body, theme.c("text"))
                    surface.blit(text, (inner.x + int(frac * inner.w), y), pygame.Rect(0, 0, width, text.get_height()))
            y += row_h
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, view.inflate(-6, -12))
