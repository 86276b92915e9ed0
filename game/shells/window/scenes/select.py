"""Scenario select: one card per scenario; broken files shown greyed with
their first error and cannot be started."""
from __future__ import annotations

import pygame

from game.app.briefing import minutes_words
from game.app.scenario_select import unlike_words
from game.core.turns import fresh_seed
from game.core.styles import unlike_customers
from game.shells.window.theme import draw_text, text_height
from game.shells.window.widgets import Button, ButtonList, ScrollView, panel
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN, header, header_top


UNLIKE = "unlike"


class SelectScene(Scene):
    name = "select"

    def __init__(self, app):
        super().__init__(app)
        self.buttons = ButtonList()
        self.scroll = ScrollView()
        self.bests = {}
        self._view = pygame.Rect(0, 0, 0, 0)
        self._content_rects: list[pygame.Rect] = []
        self.refresh()

    def refresh(self) -> None:
        """The list now, and the player's best scores and style from the
        scoreboard when they come (read off the frame loop)."""
        player = self.app.settings.player
        self._build()  # asks for the style first: the queue keeps order, so it is known when the bests come
        if player:
            self.app.scoreboard.fetch(lambda board: board.bests(player), on_done=self._got_bests,
                                      on_error=lambda exc: self.app.notify(f"Best scores are unavailable: {exc}"))

    def _got_bests(self, bests) -> None:
        self.bests = bests
        self._build()

    def _own_style(self) -> str | None:
        return self.app.scoreboard.style_of(self.app.settings.player)

    def _build(self) -> None:
        items = []
        self._listed = self.app.library.ready
        if not self._listed:  # still being read (off the frame loop): the list comes in `update`
            self.buttons.set(items)
            return
        if any(p.style for e in self.app.library.playable() for p in e.scenario.personas.values()):
            own = self._own_style()
            detail = unlike_words(own)
            items.append(Button("Practise with customers unlike you", UNLIKE, detail=detail))
        for entry in self.app.library.entries:
            if entry.ok:
                s = entry.scenario
                best = self.bests.get(s.id)
                detail = f"Difficulty {'●' * s.difficulty}{'○' * (5 - s.difficulty)}"
                detail += f"  ·  {minutes_words(s)}"
                detail += f"  ·  best {best[0]} ({best[1]})" if best else "  ·  not played yet"
                items.append(Button(s.title, entry, detail=s.summary + "\n" + detail))
            else:
                first = (entry.errors or entry.diagnostics)[0]
                items.append(Button(f"Cannot be played: {entry.path.split('/')[-1]}", entry, enabled=False,
                                    detail=first.format()))
        self.buttons.set(items)
        if items and not items[self.buttons.focus].enabled:
            self.buttons.move(1)

    def on_resume(self) -> None:
        self.refresh()

    def handle(self, intent) -> None:
        if intent.kind == "back":
            self.app.pop()
            return
        if intent.kind == "reload":
            self.app.library.reload()
            self.refresh()
            self.app.notify("Scenarios reloaded from disk.")
            return
        if self.scroll.handle(intent, self.theme.line_height(self.theme.body) * 3):
            return
        if intent.kind == "click" and not self._view.collidepoint(intent.pos):
            return
        action = self.buttons.handle(intent)
        if intent.kind in ("up", "down", "left", "right", "tab"):
            self._scroll_to_focus()
        if action == UNLIKE:
            self.practise_unlike()
        elif action is not None and action.ok:
            self.app.go("briefing", action.scenario, action.path, player=self.app.settings.player)

    def practise_unlike(self) -> None:
        """Open the briefing of a scenario with a customer unlike the player
        (drawn at random among the most unlike); the self-check first if
        the player's style is not known."""
        player = self.app.settings.player
        own = self._own_style()
        if own is None:
            self.app.notify("Your style is still being read from the scoreboard: try again in a moment.")
            return
        if not own:
            self.app.go("selfcheck", player)
            return
        scenarios = [e.scenario for e in self.app.library.playable()]
        pairs = unlike_customers(scenarios, own)
        if not pairs:
            self.app.notify("No scenario has a customer unlike you yet.")
            return
        seed = fresh_seed()
        scenario, persona = pairs[seed % len(pairs)]
        entry = next(e for e in self.app.library.playable() if e.scenario is scenario)
        self.app.go("briefing", scenario, entry.path, player=player, seed=seed, persona=persona)

    def _scroll_to_focus(self) -> None:
        if self.buttons.focus >= len(self._content_rects):  # keys before the first layout (same frame as opening)
            return
        rect = self._content_rects[self.buttons.focus]
        self.scroll.reveal(rect.top, rect.bottom, margin=0)

    def update(self, dt: float) -> None:
        if not self._listed and self.app.library.ready:
            self.refresh()
        w, h = self.app.screen.get_size()
        theme = self.theme
        top = header_top(theme, w, "Choose a customer", "Arrows and Enter or click  ·  Esc: back")
        self._view = pygame.Rect(MARGIN, top, w - 2 * MARGIN, h - top - MARGIN)
        columns = 2 if w >= 1000 else 1
        self.buttons.columns = columns  # Down moves down a column of cards, not in reading order
        gap = 16
        card_w = (self._view.w - 12 - gap * (columns - 1)) // columns
        self._content_rects = []
        y_cols = [0] * columns
        row_h = 0
        for i, button in enumerate(self.buttons.buttons):
            col = i % columns
            if col == 0 and i:
                y = max(y_cols)
                y_cols = [y] * columns
            height = text_height(theme, button.label, card_w - 32, theme.size("sub"), True) + \
                text_height(theme, button.detail, card_w - 32, theme.size("small")) + 32
            row_h = height
            rect = pygame.Rect(col * (card_w + gap), y_cols[col], card_w, height)
            y_cols[col] += height + gap
            self._content_rects.append(rect)
        content = max(y_cols) if self.buttons.buttons else row_h
        self.scroll.set_sizes(content, self._view.h)
        self.buttons.viewport = self._view
        for button, rect in zip(self.buttons.buttons, self._content_rects):
            button.rect = rect.move(self._view.x, self._view.y - self.scroll.offset)

    def draw(self, surface) -> None:
        theme = self.theme
        header(surface, theme, "Choose a customer", "Arrows and Enter or click  ·  Esc: back")
        view = self._view
        if not self.buttons.buttons:
            words = ("No scenarios found in the scenarios folder." if self._listed
                     else self.app.library.loading_words())
            draw_text(surface, theme, words, view.topleft, view.w)
            return
        surface.set_clip(view)
        for i, button in enumerate(self.buttons.buttons):
            rect = button.rect
            if rect.bottom < view.top or rect.top > view.bottom:
                continue
            focused = i == self.buttons.focus
            panel(surface, theme, rect, "panel" if button.enabled else "panel_alt")
            if focused:
                pygame.draw.rect(surface, theme.c("focus"), rect, width=3, border_radius=12)
            colour = "text" if button.enabled else "muted"
            y = rect.y + 16
            y += draw_text(surface, theme, button.label, (rect.x + 16, y), rect.w - 32, theme.size("sub"), colour, True)
            draw_text(surface, theme, button.detail, (rect.x + 16, y), rect.w - 32, theme.size("small"),
                      "muted" if button.enabled else "bad")
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, view)
