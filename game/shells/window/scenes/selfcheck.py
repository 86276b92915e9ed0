"""Your style: the ten-question self-check, its result and the flex tip for
each customer style. Stored per player on the scoreboard; retakable."""
from __future__ import annotations

import pygame

from game.app.self_check import FINISHED, INTRO, QUESTION, SelfCheck
from game.storage.attempts import now_iso
from game.shells.window.theme import draw_text, text_height
from game.shells.window.widgets import ButtonList, ScrollView, button_height, choice_buttons, draw_button, panel
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN, header, header_top, panel_buttons_intent


class SelfCheckScene(Scene):
    """Draws `game.app.self_check`'s view and hands the chosen action back;
    stores the result on the scoreboard when the last answer is in."""
    name = "selfcheck"

    def __init__(self, app, player: str):
        super().__init__(app)
        self.player = player
        self.check = SelfCheck()
        self.buttons = ButtonList()
        self.scroll = ScrollView()
        app.scoreboard.fetch(lambda board: board.player_style(player), on_done=self._got_saved,
                             on_error=lambda exc: app.notify(f"Your earlier result could not be read: {exc}"))
        self._view = pygame.Rect(0, 0, 0, 0)
        self._text_w = 0  # the text column's width (update)
        self._head_h = 0
        self._tail_y = 0
        self.view = self.check.view()
        self._build()

    def _got_saved(self, saved) -> None:
        if self.check.result is None:  # a result taken meanwhile is newer
            self.check.saved = saved
            if self.check.page == INTRO:
                self._build()

    # the trainee's progress, as the app holds it
    @property
    def page(self) -> str:
        return self.check.page

    @property
    def answers(self) -> list[int]:
        return self.check.answers

    @property
    def result(self):
        return self.check.result

    def text(self) -> tuple[str, str]:
        """(the text above the buttons, the text below them)."""
        return self.view.head, self.view.tail

    @property
    def hint(self) -> str:
        return self.view.hint

    def _build(self) -> None:
        self.view = self.check.view()
        self.buttons.set(choice_buttons(self.view.choices))
        self.buttons.focus = 0
        self.scroll.offset = 0

    # --- intents --------------------------------------------------------------
    def handle(self, intent) -> None:
        kind = intent.kind
        if kind == "back":
            self.app.pop()
            return
        if kind == "number" and self.page == QUESTION:
            action = self.check.number(intent.value)
            if action is not None:
                self.activate(action)
            return
        action = panel_buttons_intent(intent, self.scroll, self.buttons, self._view, self.theme)
        if action is not None:
            self.activate(action)

    def activate(self, action) -> None:
        said = self.check.choose(action)
        if said == "back":
            self.app.pop()
            return
        if said == FINISHED:
            result = self.check.result
            self.app.scoreboard.save_style(self.player, result.style, result.counts, list(result.answers),
                                           now_iso())  # queued; a failure is a notice
            self.check.saved = {"style": result.style, "taken_at": now_iso()}
        self._build()

    # --- layout and drawing -------------------------------------------------------
    def update(self, dt: float) -> None:
        from game.shells.window import page_columns  # the layout shared with the portfolio pages
        theme = self.theme
        w, h = self.app.screen.get_size()
        top = header_top(theme, w, self.view.title, self.hint)
        width = min(theme.measure, w - 2 * MARGIN - 40)
        side = page_columns.columns(theme, w - 2 * MARGIN)
        if side is not None:  # a wide window: the text, and the answers beside it in view
            width, button_w = side
        self._view = pygame.Rect(MARGIN, top, (w - 2 * MARGIN) if side else width + 40, h - top - MARGIN)
        self._text_w = width
        head, tail = self.text()
        self._head_h = page_columns.styled_height(theme, head, width)
        tail_h = page_columns.styled_height(theme, tail, width) + 20 if tail else 0
        heights = [button_height(theme, b, button_w if side else width) for b in self.buttons.buttons]
        buttons_h = sum(bh + 8 for bh in heights)
        self.buttons.viewport = self._view.inflate(-4, -4)
        if side:
            self.scroll.set_sizes(20 + max(self._head_h + 20 + tail_h, buttons_h), self._view.h)
            x, y = self._view.x + 20 + width + page_columns.GAP, self._view.y + 20 - self.scroll.offset
            self._tail_y = y + self._head_h + 20
        else:
            self.scroll.set_sizes(20 + self._head_h + 20 + buttons_h + 12 + tail_h, self._view.h)
            x, y = self._view.x + 20, self._view.y + 20 + self._head_h + 20 - self.scroll.offset
        for b, bh in zip(self.buttons.buttons, heights):
            b.rect = pygame.Rect(x, y, button_w if side else width, bh)
            y += bh + 8
        if not side:
            self._tail_y = y + 12

    def draw(self, surface) -> None:
        from game.shells.window import page_columns
        theme = self.theme
        header(surface, theme, self.view.title, self.hint)
        view = self._view
        panel(surface, theme, view)
        surface.set_clip(view.inflate(-4, -4))
        head, tail = self.text()
        page_columns.draw_styled(surface, theme, head, (view.x + 20, view.y + 20 - self.scroll.offset), self._text_w,
                                 draw=draw_text)
        for i, b in enumerate(self.buttons.buttons):
            if b.rect.bottom >= view.top and b.rect.top <= view.bottom:
                primary = b.action in ("start", "back") and i == 0
                draw_button(surface, theme, b, i == self.buttons.focus, "primary" if primary else "plain")
        if tail:
            page_columns.draw_styled(surface, theme, tail, (view.x + 20, self._tail_y), self._text_w,
                                     draw=draw_text)
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, view.inflate(-6, -12))
