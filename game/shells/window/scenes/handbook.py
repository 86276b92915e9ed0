"""The handbook: the five levers and the three rules, one topic at a time."""
from __future__ import annotations

import pygame

from game.app.handbook_text import TOPIC_IDS, TOPICS
from game.shells.window.theme import draw_text, text_height
from game.shells.window.widgets import Button, ButtonList, ScrollView, button_height, draw_button, panel
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN, header, header_top


class HandbookScene(Scene):
    name = "handbook"

    def __init__(self, app, topic: str | None = None):
        super().__init__(app)
        self.buttons = ButtonList([Button(title, tid) for tid, title, _ in TOPICS])
        self.current = TOPIC_IDS.index(topic) if topic in TOPIC_IDS else 0
        self.buttons.focus = self.current
        self.scroll = ScrollView()
        self.menu_scroll = ScrollView()  # the topics, when they do not all fit
        self._view = pygame.Rect(0, 0, 0, 0)
        self._menu = pygame.Rect(0, 0, 0, 0)
        self._follow_focus = True  # keep the focused topic in view (not after the wheel moved the list)

    def handle(self, intent) -> None:
        if intent.kind == "back":
            self.app.pop()
            return
        if intent.kind == "scroll" and intent.pos is not None and self._menu.collidepoint(intent.pos):
            self.menu_scroll.scroll(int(intent.value) * self.theme.line_height(self.theme.body) * 2)
            self._follow_focus = False
            return
        if self.scroll.handle(intent, self.theme.line_height(self.theme.body) * 3):
            return
        self._follow_focus = intent.kind not in ("hover",)
        action = self.buttons.handle(intent)
        if intent.kind in ("up", "down", "tab") or action is not None:
            self.current = self.buttons.focus
            self.scroll.offset = 0

    def update(self, dt: float) -> None:
        w, h = self.app.screen.get_size()
        theme = self.theme
        top = header_top(theme, w, "Handbook", "Up/Down: topic  ·  PgUp/PgDn: scroll  ·  Esc: back")
        menu_w = max(220, min(int(360 * theme.scale), w // 3))
        self._menu = pygame.Rect(MARGIN, top, menu_w + 10, h - top - MARGIN)
        y = 0
        for b in self.buttons.buttons:
            bh = button_height(theme, b, menu_w)
            b.rect = pygame.Rect(MARGIN, y, menu_w, bh)
            y += bh + 6
        self.menu_scroll.set_sizes(y - 6, self._menu.h)
        focused = self.buttons.buttons[self.buttons.focus].rect
        if self._follow_focus:
            self.menu_scroll.reveal(focused.top, focused.bottom, margin=0)
        for b in self.buttons.buttons:
            b.rect.y += top - self.menu_scroll.offset
        self.buttons.viewport = self._menu
        self._view = pygame.Rect(MARGIN * 2 + menu_w, top, min(w - 3 * MARGIN - menu_w, theme.measure + 40),
                                 h - top - MARGIN)
        _, title, body = TOPICS[self.current]
        content = text_height(theme, title, self._view.w - 40, theme.size("heading"), True) + \
            text_height(theme, body, self._view.w - 40) + 60
        self.scroll.set_sizes(content, self._view.h)

    def draw(self, surface) -> None:
        theme = self.theme
        header(surface, theme, "Handbook", "Up/Down: topic  ·  PgUp/PgDn: scroll  ·  Esc: back")
        surface.set_clip(self._menu)
        for i, b in enumerate(self.buttons.buttons):
            draw_button(surface, theme, b, i == self.buttons.focus, "primary" if i == self.current else "plain")
        surface.set_clip(None)
        self.menu_scroll.draw_bar(surface, theme, self._menu)
        view = self._view
        panel(surface, theme, view)
        _, title, body = TOPICS[self.current]
        surface.set_clip(view.inflate(-4, -4))
        y = view.y + 20 - self.scroll.offset
        y += draw_text(surface, theme, title, (view.x + 20, y), view.w - 40, theme.size("heading"), bold=True) + 12
        draw_text(surface, theme, body, (view.x + 20, y), view.w - 40)
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, view.inflate(-6, -12))
