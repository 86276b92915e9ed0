"""The briefing: who the customer is and what has happened so far."""
from __future__ import annotations

import pygame

from game.shells.window.portraits import draw_customer
from game.app.briefing import briefing_view
from game.app.session import GameSession, abandon_saved
from game.app.text import reflow
from game.shells.window.theme import draw_text, text_height
from game.shells.window.widgets import Button, ButtonList, ScrollView, draw_button, layout_rows, panel
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN, header, header_top

HINT = "Enter: begin  ·  Esc: back"


class BriefingScene(Scene):
    name = "briefing"

    def __init__(self, app, scenario, path: str, player: str = "", start=None, seed: int | None = None,
                 persona: str | None = None, preset=None):
        super().__init__(app)
        self.scenario = scenario
        self.path = path
        self.player = player or "Guest"
        self.start = start
        self.preset = preset  # a playtest's flags and mood (--set, --mood)
        # every playthrough meets a fresh order of replies and a persona drawn from its seed,
        # drawn once: back here before the playthrough ends, the same ones (app.draws)
        self.seed, self.persona = app.draws.draw(scenario, self.player, seed, persona)
        self.persona_fixed = persona in scenario.personas
        self.buttons = ButtonList()
        self.scroll = ScrollView()
        self._text_rect = pygame.Rect(0, 0, 0, 0)
        self._build()

    def _build(self) -> None:
        mode = self.app.settings.mode
        other = "assessment" if mode == "coach" else "coach"
        self.buttons.set([Button("Begin the conversation", "begin"),
                          Button(f"Switch to {other} mode", "mode"),
                          Button("Back", "back")])

    def handle(self, intent) -> None:
        if intent.kind == "back":
            self.app.pop()
            return
        if intent.kind == "reload":
            from game.shells.window.scenes.common import reread_scenario
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
                              persona_fixed=self.persona_fixed, learner=self.app.settings.learner,
                              preset=self.preset)
        session.autosave()
        self.app.go_instead("dialogue", session)

    def update(self, dt: float) -> None:
        """Portrait and who they are on the left, the briefing beside it (no
        wider than reads well; the page centred on a wide window), the
        buttons in a row along the bottom. A narrow window puts a small
        portrait and who they are above a full-width briefing."""
        w, h = self.app.screen.get_size()
        theme = self.theme
        top = header_top(theme, w, self.scenario.title, HINT)
        if w < 1000:
            width = w - 2 * MARGIN
            left = MARGIN
            bar_top = layout_rows(theme, self.buttons.buttons, left, h - MARGIN, width)
            side = int(96 * theme.scale)
            self._about_w = width - side - 20
            self._about_at = (left + side + 20, top)
            strip = max(side, self._about_height(self._about_w) - 12)
            self._portrait = pygame.Rect(left, top, side, side)
            self._text_rect = pygame.Rect(left, top + strip + 16, width, max(60, bar_top - 32 - top - strip))
        else:
            side = min(int(320 * theme.scale), w // 3)
            panel_w = min(w - 3 * MARGIN - side, theme.measure + 40)
            left = max(MARGIN, (w - side - MARGIN - panel_w) // 2)
            bar_top = layout_rows(theme, self.buttons.buttons, left, h - MARGIN, side + MARGIN + panel_w)
            self._about_w = side
            face = max(60, min(side, bar_top - 16 - top - self._about_height(side)))  # a short window: smaller
            self._portrait = pygame.Rect(left, top, face, face)
            self._about_at = (left, top + face + 12)
            self._text_rect = pygame.Rect(left + side + MARGIN, top, panel_w, max(60, bar_top - 16 - top))
        self.scroll.set_sizes(text_height(theme, self._text(), self._text_rect.w - 40) + 40, self._text_rect.h)

    def _view(self):
        return briefing_view(self.scenario, self.persona, self.app.settings.mode, self.start, self.preset)

    def _about_height(self, width: int) -> int:
        theme = self.theme
        view = self._view()
        return 12 + text_height(theme, view.customer, width, theme.size("sub"), True) + \
            (text_height(theme, view.role, width, theme.size("small")) if view.role else 0) + 6 + \
            text_height(theme, view.facts, width, theme.size("small"))

    def _facts(self) -> str:
        return self._view().facts

    def _text(self) -> str:
        view = self._view()
        return "\n\n".join([reflow(view.briefing) or view.summary] + ([view.playtest] if view.playtest else []))

    def draw(self, surface) -> None:
        theme = self.theme
        view = self._view()
        customer = self.scenario.customer_for(self.persona)  # the portrait
        header(surface, theme, view.title, HINT)
        face = self._portrait
        draw_customer(surface, theme, face, customer, customer.mood)
        about = self._about_w
        x, y = self._about_at
        y += draw_text(surface, theme, view.customer, (x, y), about, theme.size("sub"), bold=True)
        if view.role:
            y += draw_text(surface, theme, view.role, (x, y), about, theme.size("small"), "muted")
        draw_text(surface, theme, view.facts, (x, y + 6), about, theme.size("small"), "muted")
        rect = self._text_rect
        panel(surface, theme, rect)
        surface.set_clip(rect.inflate(-4, -4))
        draw_text(surface, theme, self._text(), (rect.x + 20, rect.y + 20 - self.scroll.offset), rect.w - 40)
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, rect.inflate(-6, -12))
        for i, button in enumerate(self.buttons.buttons):
            draw_button(surface, theme, button, i == self.buttons.focus, "primary" if button.action == "begin" else "plain")
