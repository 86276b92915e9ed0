"""The title screen: the player's name, then start, resume, scoreboard,
handbook, settings or quit."""
from __future__ import annotations

import pygame

from game.core import loader
from game.storage import saves
from game.storage.attempts import clean_player_name
from game.app.session import session_from_save
from game.shells.window.theme import blit_text, draw_text
from game.shells.window.widgets import Button, ButtonList, ScrollView, draw_button, layout_column
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import learner_label

NAME_FIELD = "name"
# what opens a screen built on the scenario list (and how the title names it): while the library is still
# being read, the title says so and opens it when the list is there
NEEDS_LIBRARY = {"portfolio": "the quarter", "path": "your learning path", "scoreboard": "the scoreboard"}


class TitleScene(Scene):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.player = app.settings.player
        self.error = ""
        self.sessions, problems = saves.load_sessions()
        for problem in problems:
            app.notify(problem)
        self.buttons = ButtonList()
        self.scroll = ScrollView()
        self.page = pygame.Rect(0, 0, 0, 0)
        self._split: int | None = None  # where the right column starts, when there are two
        self._build()
        self.field_rect = pygame.Rect(0, 0, 0, 0)
        self.focus_field = not self.player
        self.waiting_for: str | None = None  # an action held until the library is read

    @property
    def saved(self):
        """The conversation saved by the player whose name is typed, if any:
        Resume is never offered for somebody else's."""
        return self.sessions.get(saves.player_key(self.player))

    def _build(self) -> None:
        items = []
        if self.saved is not None:
            items.append(Button("Resume where you left off", "resume",
                                detail=f"{self.saved.title or self.saved.scenario_path} - {self.saved.player}"))
        items += [Button("Start", "start"), Button("Protect your turf", "portfolio",
                                                   detail="An account manager's quarter"),
                  Button("Your style", "style"),
                  Button("Your learning path", "path", detail="Your progress and what is left for each certificate"),
                  Button("Scoreboard", "scoreboard"),
                  Button("Handbook", "handbook"), Button(learner_label(self.app), "learner",
                                                         detail="For your learning record: LMS login or e-mail"),
                  Button("Settings", "settings"), Button("Quit", "quit")]
        self.buttons.set(items)

    @property
    def typing(self) -> bool:
        return self.focus_field

    def on_resume(self) -> None:
        self.sessions, _ = saves.load_sessions()
        self._build()

    def on_pause(self) -> None:
        self.waiting_for = None  # another screen was opened meanwhile: it was not meant any more

    # -- intents -------------------------------------------------------------
    def handle(self, intent) -> None:
        kind = intent.kind
        if self.focus_field:
            if kind == "text":
                if len(self.player) < 40:
                    self.player += str(intent.value)
                self.error = ""
                self._build()
                return
            if kind == "backspace":
                self.player = self.player[:-1]
                self._build()
                return
            if kind == "confirm":  # the name is taken on the first Enter: on to the scenarios
                self.focus_field = False
                self.buttons.focus = next(i for i, b in enumerate(self.buttons.buttons) if b.action == "start")
                self.activate("start")
                return
            if kind in ("down", "tab"):
                self.focus_field = False
                self.buttons.focus = 0
                return
            if kind == "back":
                self.app.ask_to_quit()
                return
        if kind == "click" and self.field_rect.collidepoint(intent.pos):
            self.focus_field = True
            return
        if kind == "up" and self.buttons.focus == 0 and not self.focus_field:
            self.focus_field = True
            return
        if kind == "back":
            self.app.ask_to_quit()
            return
        if kind in ("left", "right") and self._split is not None:
            self._across(kind)
            return
        action = self.buttons.handle(intent)
        if action:
            self.activate(action)

    def _across(self, kind: str) -> None:
        """Left or Right in two columns: the button level with the focused one in the other column."""
        buttons, split = self.buttons.buttons, self._split
        others = range(split, len(buttons)) if kind == "right" else range(0, split)
        if self.buttons.focus in others:
            return
        y = buttons[self.buttons.focus].rect.centery
        self.buttons.focus = min(others, key=lambda i: abs(buttons[i].rect.centery - y))

    def _named(self) -> str | None:
        try:
            name = clean_player_name(self.player)
        except ValueError as exc:
            self.error = str(exc).capitalize() + "."
            self.focus_field = True
            return None
        if name != self.app.settings.player:
            self.app.settings.player = name
            self.app.apply_settings()
        self.player = name
        return name

    def activate(self, action: str) -> None:
        if action in NEEDS_LIBRARY and not self.app.library.ready:
            if action == "scoreboard" or self._named():
                self.waiting_for = action  # opened by `update` when the list is there
            return
        self.waiting_for = None
        if action == "quit":
            self.app.ask_to_quit()
        elif action == "handbook":
            self.app.go("handbook")
        elif action == "learner":
            self.app.go("learner", on_done=self._build)
        elif action == "settings":
            self.app.go("settings")
        elif action == "scoreboard":
            self.app.go("scoreboard", self.player.strip())
        elif action == "style" and self._named():
            self.app.go("selfcheck", self.player)
        elif action == "start" and self._named():
            self.app.go("select")
        elif action == "resume":
            self.resume()
        elif action == "path" and self._named():
            self.app.go("path", self.player.strip())
        elif action == "portfolio" and self._named():
            self.app.go("portfolio", self.player.strip())

    def resume(self) -> None:
        saved = self.saved
        if saved is None or not self._named():
            return
        session, note = session_from_save(saved, self.app.scoreboard)
        if note:
            self.app.notify(note)
        if session is None:
            return
        self.app.go("dialogue", session)

    def play_file(self, path, start=None, seed: int | None = None, persona: str | None = None, preset=None) -> None:
        """Open one scenario file straight at its briefing (`main.py play FILE`)."""
        checked = loader.check_file(path)
        if not checked.ok:
            self.app.notify(f"This scenario cannot be played: {(checked.errors or checked.diagnostics)[0].format()}")
            return
        player = self.player.strip() or "Guest"
        self.app.go("briefing", checked.scenario, str(path), player=player, start=start, seed=seed,
                                    persona=persona, preset=preset)

    # -- drawing -------------------------------------------------------------
    TAGLINE = "Practise the conversations that keep customers."

    def _tag_lines(self, width: int) -> list[str]:
        return self.theme.wrap(self.TAGLINE, self.theme.size("sub"), width)

    def update(self, dt: float) -> None:
        """Lay the page out from y=0; when it is taller than the window it
        scrolls (under a clip) so the focused field or button is always seen."""
        if self.waiting_for is not None and self.app.library.ready and self.app.top is self:
            self.activate(self.waiting_for)
        w, h = self.app.screen.get_size()
        theme = self.theme
        col_w = min(520, w - 64)
        x = (w - col_w) // 2
        y = theme.line_height(theme.size("title"))
        y += len(self._tag_lines(w - 64)) * theme.line_height(theme.size("sub")) + 18
        field_h = theme.line_height(theme.size("body")) + 20
        field = pygame.Rect(x, y + theme.line_height(theme.size("small")) + 4, col_w, field_h)
        y = field.bottom + (theme.line_height(theme.size("small")) + 8 if self.error else 0) + 20
        bottom = layout_column(theme, self.buttons.buttons, x, y, col_w, gap=8) - 8
        self._split = None
        if bottom + 48 > h and w >= 2 * 380 + 24 + 64:
            bottom = self._two_columns(field, y, min(880, w - 64))
        if bottom + 48 <= h:  # it all fits: centred a little above the middle
            top = max(24, min(h // 2 - 300, (h - bottom) // 2))
            self.scroll.set_sizes(bottom, h)
            self.scroll.offset = 0
            self.page = pygame.Rect(0, 0, w, h)
        else:
            self.page = pygame.Rect(0, 8, w, h - 16)
            self.scroll.set_sizes(bottom + 16, self.page.h)
            focused = field if self.focus_field else self.buttons.buttons[self.buttons.focus].rect
            self.scroll.reveal(focused.top - field.h if self.focus_field else focused.top, focused.bottom)
            top = self.page.y + 8 - self.scroll.offset
        self._top = top
        self.field_rect = field.move(0, top)
        for button in self.buttons.buttons:
            button.rect.y += top
        self.buttons.viewport = self.page

    def _two_columns(self, field: pygame.Rect, y: int, width: int) -> int:
        """A wide window too short for one column: what you play on the left
        (resume, start, the quarter, your style, your path), the rest on the
        right, under a name field as wide as both; the focus order stays the
        reading order (down the left column, then the right). Returns the
        bottom of the taller column."""
        gap = 24
        col = (width - gap) // 2
        x = (self.app.screen.get_width() - width) // 2
        field.x, field.w = x, width
        buttons = self.buttons.buttons
        split = self._split = next(i for i, b in enumerate(buttons) if b.action == "scoreboard")
        left = layout_column(self.theme, buttons[:split], x, y, col, gap=8)
        right = layout_column(self.theme, buttons[split:], x + col + gap, y, col, gap=8)
        return max(left, right) - 8

    def draw(self, surface) -> None:
        theme = self.theme
        surface.fill(theme.c("bg"))
        w = surface.get_width()
        surface.set_clip(self.page)
        title = theme.line("Five Levers", theme.size("title"), theme.c("accent"), True)
        y = self._top
        blit_text(surface, theme, title, ((w - title.get_width()) // 2, y))
        y += theme.line_height(theme.size("title"))
        for line in self._tag_lines(w - 64):
            tag_s = theme.line(line, theme.size("sub"), theme.c("muted"))
            blit_text(surface, theme, tag_s, ((w - tag_s.get_width()) // 2, y))
            y += theme.line_height(theme.size("sub"))
        field = self.field_rect
        label = theme.line("Your name", theme.size("small"), theme.c("muted"), True)
        blit_text(surface, theme, label, (field.x, field.y - label.get_height() - 4))
        pygame.draw.rect(surface, theme.c("panel"), field, border_radius=8)
        pygame.draw.rect(surface, theme.c("focus") if self.focus_field else theme.c("border"), field,
                         width=3 if self.focus_field else 1, border_radius=8)
        theme.note("button", field, surface)
        shown = self.player or ("Type your name" if self.focus_field else "")
        colour = "text" if self.player else "muted"
        text = theme.line(shown + ("|" if self.focus_field and self.player else ""), theme.body, theme.c(colour))
        area = pygame.Rect(max(0, text.get_width() - (field.w - 24)), 0, field.w - 24, text.get_height())
        surface.blit(text, (field.x + 12, field.y + 10), area)
        if self.error:
            draw_text(surface, theme, self.error, (field.x, field.bottom + 4), field.w, theme.size("small"), "bad")
        for i, button in enumerate(self.buttons.buttons):
            focused = not self.focus_field and i == self.buttons.focus
            draw_button(surface, theme, button, focused, "primary" if button.action in ("start", "resume") else "plain")
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, self.page.inflate(-8, -8))
        delivery = self.app.delivery_line()  # e.g. "3 attempts waiting to send"
        if self.waiting_for is not None and not self.app.library.ready:
            # what the player waits for, instead
            delivery = f"{self.app.library.loading_words()} Then {NEEDS_LIBRARY[self.waiting_for]} opens."
        if delivery:
            small = theme.size("small")
            draw_text(surface, theme, delivery, (16, surface.get_height() - theme.line_height(small) - 8),
                      w - 32, small, "muted")
