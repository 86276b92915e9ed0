"""The scoreboard in the game: the player's history with a trend chart, a
leaderboard per scenario (each player's best), and any attempt's debrief,
rebuilt from its stored choices."""
from __future__ import annotations

import pygame

from game.app.scoreboard_rows import (NO_LEADERS, NO_NAME, NO_NAME_FOR_STYLES, NO_QUARTERS, QUARTER_NOTE,
                                      SCOREBOARD_HINT, filter_label, history_rows, is_mine, leader_rows, more_row,
                                      no_history, no_styles, others_note, quarter_rows, scoreboard_title,
                                      selector_label, style_rows)
from game.storage.export import short_time
from game.shells.window.charts import draw_trend, series_of, trend_height_needed
from game.app.scoreboard_reads import HISTORY, HISTORY_PAGE, LEADERS, QUARTERS, STYLES_VIEW, gather
from game.shells.window.theme import blit_text, draw_text
from game.shells.window.widgets import Button, ButtonList, ScrollView, button_height, draw_button, panel
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN, header, header_top

READING = "Reading the scoreboard\u2026"
READING_SHOWN_AFTER_S = 0.3  # a read quicker than this keeps the last view on screen until it comes (no flicker)


class ScoreboardScene(Scene):
    name = "scoreboard"

    def __init__(self, app, player: str, view: str = HISTORY):
        super().__init__(app)
        self.player = player
        self.view = view
        self.scroll = ScrollView()
        self.buttons = ButtonList()
        self.tabs = [Button("My attempts", ("view", HISTORY)), Button("Leaderboard", ("view", LEADERS)),
                     Button("By customer style", ("view", STYLES_VIEW)), Button("Quarters", ("view", QUARTERS))]
        self.prev_button, self.next_button = Button("\u25c0", ("scenario", -1)), Button("\u25b6", ("scenario", 1))
        # which customers to show: None (all), ("persona", id) in one scenario, ("style", s) across scenarios
        self.filters: list = [None]
        self.filter_index = 0
        self.filter_button = Button("", ("filter", 1))
        self.own_style = ""  # the player's style, in the styles view
        self.scenario_ids: list[str] = []
        self.titles: dict[str, str] = {}
        self.scenario_index = 0  # in history, 0 is "all scenarios"
        self.rows: list[Button] = []  # one per attempt or leaderboard line; action = attempt id
        self.attempts: list = []  # the history listed (the newest `shown`, oldest first)
        self.shown = HISTORY_PAGE  # how many of the newest attempts the history lists
        self.message = ""
        self._rects: dict[str, pygame.Rect] = {}
        self.series: list = []  # the trend chart's lines
        self._chart_in_list = 0  # the chart's height when it scrolls with the list (a small window)
        self._request = 0  # the latest read asked for: an answer to an earlier one is dropped
        self._waited: float | None = None  # seconds the latest read has taken so far; None when it came
        self.message = READING
        self.load()

    # --- data -------------------------------------------------------------
    @property
    def scenario(self) -> str | None:
        if self.view == HISTORY:
            return None if self.scenario_index == 0 else self.scenario_ids[self.scenario_index - 1]
        return self.scenario_ids[self.scenario_index] if self.scenario_ids else None

    def _choices_count(self) -> int:
        return len(self.scenario_ids) + (1 if self.view == HISTORY else 0)

    @property
    def customer_filter(self):
        return self.filters[self.filter_index] if self.filter_index < len(self.filters) else None

    def persona_label(self, scenario: str, persona: str) -> str:
        entry = next((e for e in self.app.library.playable() if e.scenario.id == scenario), None)
        found = entry.scenario.personas.get(persona) if entry is not None else None
        return found.label if found is not None else persona

    def filter_label(self) -> str:
        return filter_label(self.customer_filter, lambda persona: self.persona_label(self.scenario, persona))

    def load(self) -> None:
        """Ask the scoreboard for what this view shows. It is read on the
        storage thread and comes on a later frame (`_loaded`); meanwhile the
        screen keeps what it showed, and says it is reading after a moment."""
        self._request += 1
        request = self._request
        ask = {"view": self.view, "index": self.scenario_index, "filter": self.customer_filter, "player": self.player,
               "shown": self.shown, "titles": {e.scenario.id: e.scenario.title for e in self.app.library.playable()}}
        self._waited = 0.0
        self.app.scoreboard.fetch(lambda board: gather(board, ask),
                                  on_done=lambda found: request == self._request and self._loaded(found),
                                  on_error=lambda exc: request == self._request and self._failed(exc))

    def _failed(self, exc) -> None:
        self._waited = None
        self.rows, self.attempts, self.series = [], [], []
        self.message = f"The scoreboard could not be read: {exc}"
        self._relist()

    def _loaded(self, found: dict) -> None:
        self._waited = None
        self.message, self.rows, self.attempts, self.series = "", [], [], []
        self.titles, self.scenario_ids, self.scenario_index = found["titles"], found["ids"], found["index"]
        self.filters, self.filter_index = found["filters"], found["filter_index"]
        self.filter_button.label = self.filter_label()
        if self.view == HISTORY:
            self._show_history(found["attempts"], found["total"])
            # every attempt charted (all scenarios: one line per scenario; one scenario: its score and levers)
            self.series = series_of(found["trend"])
        elif self.view == LEADERS:
            self._show_leaders(found["leaders"])
        elif self.view == QUARTERS:
            self._add_rows(quarter_rows(found["leaders"], found["quarters"], self.player))
            self.message = "" if self.rows else NO_QUARTERS
        else:
            self._show_styles(found["own"], found["breakdown"])
        self._relist()

    def _show_history(self, attempts, total: int) -> None:
        if not self.player:
            self.message = NO_NAME
            return
        self.attempts = attempts
        if not self.attempts:
            self.message = no_history(self.player, self.scenario is not None)
        more = more_row(len(attempts), total, HISTORY_PAGE)
        self._add_rows(history_rows(self.attempts, self.titles, self.persona_label) + ([more] if more else []))

    def _show_leaders(self, leaders) -> None:
        if self.scenario is None:
            self.message = NO_LEADERS
            return
        self._add_rows(leader_rows(leaders, self.player))

    def _mine(self, player: str) -> bool:
        return is_mine(player, self.player)

    def _show_styles(self, own: str, breakdown: list) -> None:
        if not self.player:
            self.message = NO_NAME_FOR_STYLES
            return
        self.own_style = own
        if not breakdown:
            self.message = no_styles(self.player)
            return
        self._add_rows(style_rows(own, breakdown))

    def _add_rows(self, rows) -> None:
        self.rows += [Button(row.label, row.action, detail=row.detail) for row in rows]

    def _relist(self) -> None:
        arrows_on = self.view != STYLES_VIEW
        self.prev_button.enabled = self.next_button.enabled = arrows_on
        shown_filter = [self.filter_button] if len(self.filters) > 1 else []
        self.buttons.set([*self.tabs, *([self.prev_button, self.next_button] if arrows_on else []),
                          *shown_filter, *self.rows])

    def scenario_label(self) -> str:
        return selector_label(self.view, self.scenario, self.titles, self.own_style)

    # --- intents ------------------------------------------------------------
    def handle(self, intent) -> None:
        if intent.kind == "back":
            self.app.pop()
            return
        if intent.kind in ("left", "right"):
            self.activate(("scenario", -1 if intent.kind == "left" else 1))
            return
        if self.scroll.handle(intent, self.theme.line_height(self.theme.body) * 3):
            return
        action = self.buttons.handle(intent)
        if action is not None:
            self.activate(action)
        if intent.kind in ("up", "down", "tab"):
            self._scroll_to_focus()

    def activate(self, action) -> None:
        kind, value = action
        if kind == "view" and value != self.view:
            self.view, self.scenario_index, self.shown = value, 0, HISTORY_PAGE
            self.scroll.offset = 0
            self.load()
        elif kind == "scenario" and self._choices_count() > 0 and self.view != STYLES_VIEW:
            self.scenario_index = (self.scenario_index + value) % self._choices_count()
            self.filter_index, self.shown = 0, HISTORY_PAGE
            self.scroll.offset = 0
            self.load()
        elif kind == "filter":
            self.filter_index = (self.filter_index + value) % len(self.filters)
            self.scroll.offset, self.shown = 0, HISTORY_PAGE
            self.load()
        elif kind == "more":  # the list goes on where it ended: the scroll stays
            self.shown += value
            self.load()
        elif kind == "attempt":
            self.open_attempt(value)
        elif kind == "others":
            self.app.notify(others_note(value))
        elif kind == "quarter":
            self.app.notify(QUARTER_NOTE)
        elif kind == "selfcheck" and self.player:
            self.app.go("selfcheck", self.player)

    def open_attempt(self, attempt_id: int) -> None:
        self.app.scoreboard.fetch(lambda board: board.get(attempt_id), on_done=self._open_read,
                                  on_error=lambda exc: self.app.notify(f"The attempt could not be read: {exc}"))

    def _open_read(self, attempt) -> None:
        from game.app.rebuild import rebuild
        if self.app.top is not self:  # the player went elsewhere meanwhile
            return
        if attempt is None:
            self.app.notify("That attempt is no longer on the scoreboard.")
            return
        if not self._mine(attempt.player):
            self.app.notify(f"{attempt.player}'s replies are theirs to open.")
            return
        session, note = rebuild(self.app.library, attempt)
        if session is None:
            self.app.notify(note)
            return
        if note:
            self.app.notify(note)
        self.app.go("debrief", session, reviewing=short_time(attempt.finished_at))

    def on_resume(self) -> None:
        self.load()

    def _scroll_to_focus(self) -> None:
        focus = self.buttons.focus - (len(self.buttons.buttons) - len(self.rows))
        if 0 <= focus < len(self.rows) and "list" in self._rects:
            self.scroll.show(self.rows[focus].rect, self._rects["list"])

    # --- layout and drawing -------------------------------------------------
    def header_text(self) -> tuple[str, str]:
        return scoreboard_title(self.player, self.view), SCOREBOARD_HINT

    def update(self, dt: float) -> None:
        if self._waited is not None:
            self._waited += dt
            if self._waited > READING_SHOWN_AFTER_S and self.message != READING:  # a slow scoreboard: say so
                self.message, self.rows, self.attempts, self.series = READING, [], [], []
                self._relist()
        theme = self.theme
        w, h = self.app.screen.get_size()
        top = header_top(theme, w, *self.header_text())
        x = MARGIN
        bh = max(button_height(theme, tab, w) for tab in self.tabs)
        for tab in self.tabs:
            tw = min(w - 2 * MARGIN, theme.font(theme.body).size(tab.label)[0] + theme.body * 2)
            if x > MARGIN and x + tw > w - MARGIN:  # no room: the tabs wrap onto another row
                x, top = MARGIN, top + bh + 8
            tab.rect = pygame.Rect(x, top, tw, bh)
            x += tw + 8
        arrow_w = bh + 8
        self.next_button.rect = pygame.Rect(w - MARGIN - arrow_w, top, arrow_w, bh)
        label_w = min(420, max(160, w - x - 2 * arrow_w - MARGIN - 40))
        self._rects["label"] = pygame.Rect(self.next_button.rect.x - 8 - label_w, top, label_w, bh)
        self.prev_button.rect = pygame.Rect(self._rects["label"].x - 8 - arrow_w, top, arrow_w, bh)
        if self.prev_button.rect.x < x:  # narrow window: selector on its own row
            top += bh + 8
            self.prev_button.rect.topleft = (MARGIN, top)
            self._rects["label"] = pygame.Rect(MARGIN + arrow_w + 8, top, w - 2 * MARGIN - 2 * arrow_w - 16, bh)
            self.next_button.rect.topleft = (self._rects["label"].right + 8, top)
        y = top + bh + 16
        if len(self.filters) > 1:
            fw = min(w - 2 * MARGIN, theme.font(theme.body).size(self.filter_button.label)[0] + theme.body * 2)
            self.filter_button.rect = pygame.Rect(MARGIN, y - 8, fw, button_height(theme, self.filter_button, fw))
            y = self.filter_button.rect.bottom + 12
        chart_h = min(int(300 * theme.scale), int((h - y) * 0.5))
        needed = trend_height_needed(theme, w - 2 * MARGIN - 32, self.series) + 24
        charted = self.view == HISTORY and bool(self.attempts)
        self._rects.pop("chart", None)
        self._chart_in_list = 0
        if charted and chart_h >= needed:
            self._rects["chart"] = pygame.Rect(MARGIN, y, w - 2 * MARGIN, chart_h)
            y += chart_h + 16
        elif charted:  # no room above the list: the chart is the list's first item, scrolled with it
            self._chart_in_list = needed + 20
        view = pygame.Rect(MARGIN, y, w - 2 * MARGIN, h - y - MARGIN)
        self._rects["list"] = view
        inner_w = view.w - 40
        heights = [button_height(theme, row, inner_w) for row in self.rows]
        self.scroll.set_sizes(10 + self._chart_in_list + sum(rh + 8 for rh in heights) + 10, view.h)
        y = view.y + 10 - self.scroll.offset
        if self._chart_in_list:
            self._rects["list_chart"] = pygame.Rect(view.x + 16, y, inner_w, self._chart_in_list - 20)
            y += self._chart_in_list
        for row, rh in zip(self.rows, heights):
            row.rect = pygame.Rect(view.x + 16, y, inner_w, rh)
            row.clip = view.inflate(-4, -4)
            y += rh + 8

    def draw(self, surface) -> None:
        theme = self.theme
        header(surface, theme, *self.header_text())
        focus = self.buttons.buttons[self.buttons.focus] if self.buttons.buttons else None
        for tab in self.tabs:
            selected = tab.action[1] == self.view
            draw_button(surface, theme, tab, tab is focus, "primary" if selected else "plain")
        if self.view != STYLES_VIEW:
            for arrow in (self.prev_button, self.next_button):
                draw_button(surface, theme, arrow, arrow is focus)
        if len(self.filters) > 1:
            draw_button(surface, theme, self.filter_button, self.filter_button is focus)
        label = self._rects["label"]
        text = theme.line(theme.fit_line(self.scenario_label(), theme.body, label.w, True), theme.body,
                          theme.c("text"), True)
        blit_text(surface, theme, text, (label.centerx - min(text.get_width(), label.w) // 2,
                            label.centery - text.get_height() // 2), pygame.Rect(0, 0, label.w, text.get_height()))
        if "chart" in self._rects:
            chart = self._rects["chart"]
            panel(surface, theme, chart)
            draw_trend(surface, theme, chart.inflate(-32, -24), self.attempts, self.series)
        view = self._rects["list"]
        panel(surface, theme, view)
        if self.message:
            draw_text(surface, theme, self.message, (view.x + 20, view.y + 20), view.w - 40)
            return
        surface.set_clip(view.inflate(-4, -4))
        if self._chart_in_list:
            chart = self._rects["list_chart"]
            draw_trend(surface, theme, chart.inflate(-8, -8), self.attempts, self.series)
        for row in self.rows:
            if row.rect.bottom >= view.top and row.rect.top <= view.bottom:
                draw_button(surface, theme, row, row is focus)
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, view.inflate(-6, -12))

