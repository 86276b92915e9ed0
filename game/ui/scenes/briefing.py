"""The briefing: who the customer is and what has happened so far."""
from __future__ import annotations

import pygame

from ..drawing import draw_face, portrait_image
from ...engine import draw_persona, fresh_seed
from ..session import GameSession, abandon_saved
from ..theme import draw_text, text_height
from ..widgets import Button, ButtonList, ScrollView, draw_button, layout_column, panel
from .base import Scene
from .common import MARGIN, header, header_top

MODE_LABELS = {"coach": "Coach mode: coaching after every reply",
               "assessment": "Assessment mode: coaching only in the debrief"}


class BriefingScene(Scene):
    name = "briefing"

    def __init__(self, app, scenario, path: str, player: str = "", start=None, seed: int | None = None,
                 persona: str | None = None):
        super().__init__(app)
        self.scenario = scenario
        self.path = path
        self.player = player or "Guest"
        self.start = start
        # every playthrough meets a fresh order of replies and a persona drawn from its seed
        self.seed = fresh_seed() if seed is None else seed
        self.persona_fixed = persona in scenario.personas
        self.persona = draw_persona(scenario, self.seed, persona)
        self.buttons = ButtonList()
        self.scroll = ScrollView()
        self._text_rect = pygame.Rect(0, 0, 0, 0)
        self._build()

    def _build(self) -> None:
        mode = self.app.settings.mode
        other = "assessment" if mode == "coach" else "coach"
        self.buttons.set([Button("Begin the conversation", "begin"),
                          Button(f"Switch to {other} mode", "mode", detail=MODE_LABELS[mode]),
                          Button("Back", "back")])

    def handle(self, intent) -> None:
        if intent.kind == "back":
            self.app.pop()
            return
        if intent.kind == "reload":
            from .common import reread_scenario
            new = reread_scenario(self.app, self.path, self.scenario.id)
            if new is not None:
                self.scenario = new
                self.app.notify(f"Reloaded {self.scenario.title}.")
            return
        if self.scroll.handle(intent, self.theme.line_height(self.theme.body) * 3):
            return
        action = self.buttons.handle(intent)
        if action == "back":
            self.app.pop()
        elif action == "mode":
            self.app.settings.mode = "assessment" if self.app.settings.mode == "coach" else "coach"
            self.app.apply_settings()
            self._build()
            self.buttons.focus = 1
        elif action == "begin":
            self.begin()

    def begin(self) -> None:
        problem = abandon_saved(self.player, self.app.scoreboard)  # this player's save is about to be replaced
        if problem:
            self.app.notify(problem)
        session = GameSession(self.scenario, self.path, self.player, self.app.settings.mode, self.app.scoreboard,
                              seed=self.seed, start=self.start, persona=self.persona,
                              persona_fixed=self.persona_fixed)
        session.autosave()
        from .dialogue import DialogueScene
        self.app.replace(DialogueScene(self.app, session))

    def update(self, dt: float) -> None:
        w, h = self.app.screen.get_size()
        theme = self.theme
        top = header_top(theme, w, self.scenario.title, "Enter: begin  ·  Esc: back")
        side = min(320, w // 3)
        self._portrait = pygame.Rect(MARGIN, top, side, side)
        body_x = MARGIN + side + 32
        body_w = w - body_x - MARGIN
        button_w = min(420, body_w)
        heights = sum(theme.line_height(theme.body) * 2 + 24 for _ in self.buttons.buttons)
        self._text_rect = pygame.Rect(body_x, top, body_w, max(80, h - top - MARGIN - heights - 40))
        text = self._text()
        self.scroll.set_sizes(text_height(theme, text, body_w - 40) + 40, self._text_rect.h)
        layout_column(theme, self.buttons.buttons, body_x, self._text_rect.bottom + 20, button_w, gap=8)

    def _text(self) -> str:
        s = self.scenario
        parts = [s.briefing_for(self.persona).strip() or s.summary]
        if self.start and self.start != s.start:
            parts.append(f"(Playtest: starting at node '{self.start}'.)")
        return "\n\n".join(parts)

    def draw(self, surface) -> None:
        theme = self.theme
        s = self.scenario
        customer = s.customer_for(self.persona)
        header(surface, theme, s.title, "Enter: begin  ·  Esc: back")
        face = self._portrait
        image = portrait_image(customer.portrait, customer.mood, face.w)
        if image is not None:
            surface.blit(image, face)
        else:
            draw_face(surface, theme, face, customer.mood, customer.name)
        y = face.bottom + 12
        y += draw_text(surface, theme, customer.name, (face.x, y), face.w, theme.size("sub"), bold=True)
        if customer.role:
            y += draw_text(surface, theme, customer.role, (face.x, y), face.w, theme.size("small"), "muted")
        facts = f"Difficulty {s.difficulty} of 5" + (f"  ·  about {s.estimated_minutes} min" if s.estimated_minutes else "")
        draw_text(surface, theme, facts, (face.x, y + 6), face.w, theme.size("small"), "muted")
        rect = self._text_rect
        panel(surface, theme, rect)
        surface.set_clip(rect.inflate(-4, -4))
        draw_text(surface, theme, self._text(), (rect.x + 20, rect.y + 20 - self.scroll.offset), rect.w - 40)
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, rect.inflate(-6, -12))
        for i, button in enumerate(self.buttons.buttons):
            draw_button(surface, theme, button, i == self.buttons.focus, "primary" if button.action == "begin" else "plain")
