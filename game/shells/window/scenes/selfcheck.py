"""Your style: the ten-question self-check, its result and the flex tip for
each customer style. Stored per player on the scoreboard; retakable."""
from __future__ import annotations

import pygame

from game.core.model import STYLES
from game.storage.attempts import now_iso
from game.core.styles import QUESTIONS, STYLE_NAMES, STYLE_PORTRAITS, StyleResult, flex_tip, score_answers
from game.shells.window.theme import draw_text, text_height
from game.shells.window.widgets import Button, ButtonList, ScrollView, button_height, draw_button, panel
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN, header, header_top, panel_buttons_intent

INTRO, QUESTION, RESULT = "intro", "question", "result"
HINT = "1-4: answer  ·  Up/Down: choose  ·  Esc: back"


def with_a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


class SelfCheckScene(Scene):
    name = "selfcheck"

    def __init__(self, app, player: str):
        super().__init__(app)
        self.player = player
        self.page = INTRO
        self.answers: list[int] = []
        self.result: StyleResult | None = None
        self.buttons = ButtonList()
        self.scroll = ScrollView()
        self.saved = None  # the stored self-check, if any
        app.scoreboard.fetch(lambda board: board.player_style(player), on_done=self._got_saved,
                             on_error=lambda exc: app.notify(f"Your earlier result could not be read: {exc}"))
        self._view = pygame.Rect(0, 0, 0, 0)
        self._text_w = 0  # the text column's width (update)
        self._head_h = 0
        self._tail_y = 0
        self._build()

    def _got_saved(self, saved) -> None:
        if self.result is None:  # a result taken meanwhile is newer
            self.saved = saved
            if self.page == INTRO:
                self._build()

    # --- pages ----------------------------------------------------------------
    def text(self) -> tuple[str, str]:
        """(the text above the buttons, the text below them)."""
        if self.page == INTRO:
            intro = ("Ten quick questions about how you like to work and talk. There are no right answers: "
                     "pick the one most like you on an ordinary day. Your style tells you which customers "
                     "you will find easy, which you will need to flex for, and how.")
            if self.saved:
                style = self.saved["style"]
                return (f"Your style is {STYLE_NAMES[style]} (self-check of {self.saved['taken_at'][:10]}).\n\n"
                        f"{STYLE_PORTRAITS[style]}\n\n" + intro), ""
            return intro, ""
        if self.page == QUESTION:
            n = len(self.answers)
            return f"Question {n + 1} of {len(QUESTIONS)}\n\n{QUESTIONS[n].prompt}", ""
        style = self.result.style
        counts = "  \u00b7  ".join(f"{STYLE_NAMES[s]} {self.result.counts[s]}" for s in STYLES)
        tips = "\n\n".join(f"With {with_a(STYLE_NAMES[s].lower())} customer: {flex_tip(style, s)}" for s in STYLES)
        return (f"Your style: {STYLE_NAMES[style]}\n\n{STYLE_PORTRAITS[style]}\n\nYour answers: {counts}",
                f"How to flex\n\n{tips}")

    @property
    def hint(self) -> str:
        return HINT if self.page == QUESTION else "Up/Down: choose  \u00b7  PgUp/PgDn: scroll  \u00b7  Esc: back"

    def _build(self) -> None:
        if self.page == INTRO:
            items = [Button("Take the self-check again" if self.saved else "Start the self-check", "start"),
                     Button("Back", "back")]
        elif self.page == QUESTION:
            question = QUESTIONS[len(self.answers)]
            items = [Button(text, ("answer", n), number=n) for n, (_, text) in enumerate(question.answers, 1)]
            if self.answers:
                items.append(Button("Previous question", "previous"))
        else:
            items = [Button("Done", "back"), Button("Take it again", "start")]
        self.buttons.set(items)
        self.buttons.focus = 0
        self.scroll.offset = 0

    # --- intents --------------------------------------------------------------
    def handle(self, intent) -> None:
        kind = intent.kind
        if kind == "back":
            self.app.pop()
            return
        if kind == "number" and self.page == QUESTION:
            if intent.value <= len(QUESTIONS[len(self.answers)].answers):
                self.activate(("answer", intent.value))
            return
        action = panel_buttons_intent(intent, self.scroll, self.buttons, self._view, self.theme)
        if action is not None:
            self.activate(action)

    def activate(self, action) -> None:
        if action == "back":
            self.app.pop()
        elif action == "start":
            self.page, self.answers = QUESTION, []
            self._build()
        elif action == "previous":
            self.answers.pop()
            self._build()
        elif isinstance(action, tuple):
            self.answers.append(action[1])
            if len(self.answers) == len(QUESTIONS):
                self.finish()
            self._build()

    def finish(self) -> None:
        self.result = score_answers(self.answers)
        self.page = RESULT
        self.app.scoreboard.save_style(self.player, self.result.style, self.result.counts,
                                       list(self.result.answers), now_iso())  # queued; a failure is a notice
        self.saved = {"style": self.result.style, "taken_at": now_iso()}

    # --- layout and drawing -------------------------------------------------------
    def update(self, dt: float) -> None:
        from game.shells.window import page_columns  # the layout shared with the portfolio pages
        theme = self.theme
        w, h = self.app.screen.get_size()
        top = header_top(theme, w, "Your style", self.hint)
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
        header(surface, theme, "Your style", self.hint)
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
