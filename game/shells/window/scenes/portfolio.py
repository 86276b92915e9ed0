"""Protect your turf: the portfolio campaign in the window. One scene, one
page at a time: choose a portfolio, read the briefing, rank, plan, play the
quarter week by week (answer the week's news or let it go, change the plan;
a linked conversation opens the dialogue scene and its outcome comes back
here), then the debrief with a health chart per account. The quarter is
saved after every week and offered again when the portfolio is opened."""
from __future__ import annotations

from pathlib import Path

import pygame

from game.core.portfolio.load import check_file
from game.app.portfolio_run import (AGAIN, ASK_TO_LEAVE, CHANGED, FINISHED, LEAVE, NOTE, SAVE, TALK, UNRESUMABLE,
                                    PortfolioRun, leave_quarter)
from game.app.quarter_week import linked_playthrough
from game.app.portfolio_view import CHART_CAPTION, DEBRIEF, PLAN, QUARTER, PortfolioPage
from game.storage.attempts import now_iso
from game.shells.window import page_columns
from game.shells.window import portfolio_pages as pages
from game.shells.window.theme import draw_text, text_height
from game.shells.window.widgets import ButtonList, ScrollView, button_height, choice_buttons, draw_button, panel
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN, header, header_top, panel_buttons_intent

ROOT = Path(__file__).resolve().parents[4]
PORTFOLIOS_DIR = ROOT / "portfolios"
HINT = "Up/Down: choose  ·  Home/End: first/last  ·  Enter: select  ·  PgUp/PgDn: scroll  ·  Esc: back"


# Pages whose text above the actions runs long (the plan's hours and contact times, the debrief's figures):
# in a stacked (narrow) window only its first paragraph stays above the actions, the rest goes under
# them, so the first account and Done are in view when the page opens, without scrolling.
SPLIT_HEAD = (PLAN, DEBRIEF)


def split_head(page: str, head: str) -> tuple[str, str]:
    """(above the actions, under them) for a stacked window."""
    if page not in SPLIT_HEAD or "\n\n" not in head:
        return head, ""
    first, rest = head.split("\n\n", 1)
    return first, rest


class PortfolioScene(Scene):
    name = "portfolio"

    def __init__(self, app, player: str = "", path=None, seed: int | None = None):
        super().__init__(app)
        self.player = player or "Guest"
        self.talking = None  # (account id, the conversation's GameSession)
        self.started_at = now_iso()
        self.buttons = ButtonList()
        self.buttons.wrap = False  # Up at the top stays there, as in the browser's lists
        self.scroll = ScrollView()  # the actions (and, in a stacked window, everything)
        self.text_scroll = ScrollView()  # a wide window's text column, which scrolls on its own
        self._text_view = pygame.Rect(0, 0, 0, 0)  # that column ('' size when stacked)
        self._view = pygame.Rect(0, 0, 0, 0)
        self._layout: dict = {}
        self._reveal_focus = False
        self.view: PortfolioPage | None = None  # what the page shows, from the app; set by _build
        self._texts: tuple[str, str] = ("", "")
        self._charts: tuple = ()
        # the campaign's state and what each choice does; a saved quarter is offered when a portfolio opens
        self.run = PortfolioRun(self._library(), seed, saved_for=self._saved)
        if path is not None:
            self.open(path)
        self._build()

    # --- data -----------------------------------------------------------------
    def _library(self):
        found = []
        library = self._linkable()
        for path in sorted(PORTFOLIOS_DIR.glob("*.yaml")):
            checked = check_file(path, library)
            if checked.ok:
                found.append(checked.portfolio)
        return found

    def _linkable(self) -> dict:
        """Scenario id -> the app's checked library entry a portfolio may link."""
        return {entry.scenario.id: entry for entry in self.app.library.playable()}

    def open(self, path) -> None:
        checked = check_file(path, self._linkable())
        if not checked.ok:
            first = next(d for d in checked.diagnostics if d.is_error)
            self.app.notify(f"That portfolio has errors: {first.format()}")
            return
        self.start(checked.portfolio)

    def start(self, portfolio) -> None:
        self.run.start(portfolio)

    def _saved(self, portfolio_id: str):
        """The player's saved quarter of this portfolio (its record), or None; a damaged save is set aside."""
        from game.storage import quarter_saves
        found, problem = quarter_saves.load_quarter(self.player, portfolio_id)
        if problem:
            self.app.notify(problem[0].upper() + problem[1:] + ".")
        if found is None:
            return None
        self.started_at = found["started_at"]
        return found["record"]

    def save(self) -> None:
        """After every week, after a conversation (or a part of one) and on leaving: the quarter as it stands, to
        resume it there."""
        from game.storage import quarter_saves
        from game.storage.files import StorageError
        try:
            quarter_saves.save_quarter(self.player, self.campaign.to_record(), self.started_at)
        except StorageError as exc:
            self.app.notify(f"This week could not be saved: {exc}")

    # the campaign's state, as the app holds it
    page = property(lambda self: self.run.page)
    portfolio = property(lambda self: self.run.portfolio)
    ranking = property(lambda self: self.run.ranking)
    plan = property(lambda self: self.run.plan)
    campaign = property(lambda self: self.run.campaign)
    result = property(lambda self: self.run.result)
    leaders = property(lambda self: self.run.leaders)
    seed = property(lambda self: self.run.seed)
    choices = property(lambda self: self.run.library)

    @property
    def title(self) -> str:
        return self.view.title

    def _build(self, focus: int = 0) -> None:
        self.view = self.run.view()
        focus = focus or self.view.focus  # the page's own start (the plan: its first account to plan)
        items = choice_buttons(self.view.choices)
        self.buttons.set(items)
        self.buttons.focus = min(focus, len(items) - 1)
        self._texts, self._charts = (self.view.head, self.view.tail), self.view.charts  # update and draw read them
        self.scroll.offset = self.text_scroll.offset = 0
        self._reveal_focus = focus > 0
        self.app.screen_changed()

    # --- intents --------------------------------------------------------------
    def handle(self, intent) -> None:
        kind = intent.kind
        if kind == "back":
            self.activate("back")
            return
        if kind == "number":  # 1-9 on any page whose choices are numbered (the list, the ranking, the plan)
            places = [b for b in self.buttons.buttons if b.number == intent.value]
            if places:
                self.activate(places[0].action)
            return
        if self._text_view.w and self._scroll_text(intent):
            return
        action = panel_buttons_intent(intent, self.scroll, self.buttons, self._view, self.theme)
        if action is not None:
            self.activate(action)

    def _scroll_text(self, intent) -> bool:
        """A wide window: the wheel over the text column scrolls that column, and PgUp/PgDn scroll it while
        it is longer than the window (the arrows bring the actions into view). True when the text scrolled."""
        if intent.kind == "scroll":
            if intent.pos is None or not self._text_view.collidepoint(intent.pos):
                return False
        elif intent.kind not in ("page_up", "page_down") or self.text_scroll.max_offset <= 0:
            return False
        return self.text_scroll.handle(intent, self.theme.line_height(self.theme.body) * 3)

    def activate(self, action) -> None:
        said = self.run.choose(action)
        if said == LEAVE:
            self.app.pop()
            return
        if said == ASK_TO_LEAVE:
            self.app.go("confirm", *leave_quarter(self.campaign), self.leave_saved)
            return
        if isinstance(said, tuple) and said[0] == TALK:
            self.talk(said[1])
            return
        if said == SAVE:
            self.save()
        elif isinstance(said, tuple) and said[0] in (NOTE, CHANGED):
            self.app.notify(said[1])
        elif isinstance(said, tuple) and said[0] == UNRESUMABLE:  # set aside, as the terminal does: not offered again
            from game.storage import quarter_saves
            aside = quarter_saves.discard_quarter(self.player, self.portfolio.id, damaged=True)
            self.app.notify(said[1] + (f" ({aside[0].upper() + aside[1:]}.)" if aside else ""))
        elif said == FINISHED:
            self.record()
        elif said == AGAIN:
            self.started_at = now_iso()
        if action == "start_quarter":
            self.started_at = now_iso()
        self._build()

    def leave_saved(self) -> None:
        """Confirmed: the quarter is kept as it stands (the week's answers so far with it), then the scene closes."""
        if self.campaign is not None and not self.campaign.finished:
            self.save()
        self.app.pop()

    # --- conversations and the end -------------------------------------------------
    def talk(self, account_id: str) -> None:
        from game.app.session import GameSession
        account = self.portfolio.account(account_id)
        entry = self._linkable().get(account.scenario)
        if entry is None:  # the scenario file broke or went away since the portfolio was opened
            self.app.notify(f"The conversation with {account.name} cannot start: scenario "
                            f"'{account.scenario}' is not in the library.")
            return
        scenario = entry.scenario
        # a conversation left part-way goes on where it was, else it begins with the quarter's story
        run = self.resumed_talk(scenario, account_id) or \
            linked_playthrough(scenario, self.run.campaign, account_id, seed=self.seed)
        session = GameSession(scenario, entry.path, self.player, self.app.settings.mode, self.app.scoreboard,
                              run=run, learner=self.app.settings.learner)
        session.in_campaign = True
        session.quarter_week = self.run.campaign.week
        self.talking = (account_id, session)
        self.app.go("dialogue", session)

    def resumed_talk(self, scenario, account_id: str):
        """The due conversation with the account as far as it was played (its snapshot, kept with the quarter), or
        None to begin it; one whose scenario changed since starts again, with a note."""
        from game.core.engine import Playthrough
        from game.core.errors import SnapshotError
        kept = self.campaign.playing(account_id)
        if not kept:
            return None
        try:
            return Playthrough.restore(scenario, kept)
        except SnapshotError:
            self.app.notify(f"Your conversation with {self.portfolio.account(account_id).name} starts again: its "
                            "scenario has changed since you left it.")
            return None

    def on_resume(self) -> None:
        if self.talking is None:
            return
        account_id, session = self.talking
        self.talking = None
        if session.run.finished:
            result = session.run.result()
            self.app.notify(self.run.resolve(account_id, result.outcome, result.score))
        else:  # left part-way: it stays due, with the replies made so far
            self.campaign.keep_playing(account_id, session.run.snapshot())
        self.save()
        self._build()

    def keep_conversation(self) -> None:
        """A logout mid-conversation: the quarter is saved with the replies made in it (its only save)."""
        if self.talking is not None and not self.talking[1].run.finished:
            self.campaign.keep_playing(self.talking[0], self.talking[1].run.snapshot())
            self.save()

    def record(self) -> None:
        """The quarter is over: record it and fetch the portfolio's leaderboard."""
        board = self.app.scoreboard
        from game.storage import quarter_saves
        from game.storage.portfolio_board import quarter_row
        quarter_saves.discard_quarter(self.player, self.portfolio.id)  # finished: nothing left to resume
        board.record_quarter(quarter_row(self.result, self.player, self.started_at))  # queued; a failure is a notice
        portfolio = self.portfolio.id
        board.fetch(lambda b: b.quarter_leaderboard(portfolio), on_done=self._got_leaders)

    def _got_leaders(self, leaders) -> None:
        self.run.leaders = leaders
        if self.page == DEBRIEF:
            self._build(self.buttons.focus)

    # --- layout and drawing -----------------------------------------------------
    def update(self, dt: float) -> None:
        theme = self.theme
        w, h = self.app.screen.get_size()
        top = header_top(theme, w, self.title, HINT)
        width = min(theme.measure, w - 2 * MARGIN - 40)
        side = page_columns.columns(theme, w - 2 * MARGIN)
        if side is not None:  # a wide window: the text and charts, and the actions beside them in view
            width, button_w = side
        else:
            button_w = width
        self._view = pygame.Rect(MARGIN, top, (w - 2 * MARGIN) if side else width + 40, h - top - MARGIN)
        head, tail = self._texts
        head, rest = (head, "") if side else split_head(self.page, head)  # stacked: a long head's rest under the actions
        self._layout = {"top": head}
        head_h = page_columns.styled_height(theme, head, width)
        rest_h = page_columns.styled_height(theme, rest, width) + 20 if rest else 0
        # a chart tall enough to read the line and the trouble mark at every size (a label line above it)
        row_h = max(56, int(theme.line_height(theme.size("small")) * 3.2))
        caption_h = text_height(theme, CHART_CAPTION, width, theme.size("small")) + 6
        charts_h = (caption_h + len(self._charts) * (row_h + 6) + 16) if self._charts else 0
        heights = [button_height(theme, b, button_w) for b in self.buttons.buttons]
        buttons_h = sum(bh + 8 for bh in heights)
        tail_h = page_columns.styled_height(theme, tail, width) + 20 if tail else 0
        self.buttons.viewport = self._view.inflate(-4, -4)
        self._text_view = pygame.Rect(0, 0, 0, 0)
        y = self._view.y + 20 - (self.text_scroll.offset if side else self.scroll.offset)
        self._layout.update({"head": y, "row_h": row_h, "width": width, "rest": ("", 0)})
        y += head_h + 20
        if side:  # the actions in their own column from the top, scrolling on their own: the text column
            # (under the head) stays put while the focus moves down a long list (issue 31, B11)
            split = self._view.x + 20 + width + page_columns.GAP // 2
            inner = self._view.inflate(-4, -4)
            self._text_view = pygame.Rect(inner.x, inner.y, split - inner.x, inner.h)
            self.buttons.viewport = pygame.Rect(split, inner.y, inner.right - split, inner.h)
            self.text_scroll.set_sizes(20 + head_h + 20 + charts_h + 12 + tail_h, self._view.h)
            self.scroll.set_sizes(20 + buttons_h + 12, self._view.h)
            bx, by = self._view.x + 20 + width + page_columns.GAP, self._view.y + 20 - self.scroll.offset
            for b, bh in zip(self.buttons.buttons, heights):
                b.rect = pygame.Rect(bx, by, button_w, bh)
                by += bh + 8
        else:
            self.scroll.set_sizes(20 + head_h + 20 + rest_h + charts_h + buttons_h + 12 + tail_h, self._view.h)
            for b, bh in zip(self.buttons.buttons, heights):  # the actions first, the charts below them
                b.rect = pygame.Rect(self._view.x + 20, y, width, bh)
                y += bh + 8
            if rest:
                self._layout["rest"] = (rest, y + 12)
                y += rest_h
        if self.page == QUARTER:  # the week's events right under the buttons, the charts below them
            self._layout["tail"] = y + 12
            y += tail_h
        else:
            self._layout["tail"] = y + charts_h + 12
        self._layout["caption"] = y + 8
        self._layout["charts"] = y + 8 + caption_h
        if self._reveal_focus and self.buttons.buttons:  # after a choice, the account just planned is in view
            self._reveal_focus = False
            self.scroll.show(self.buttons.buttons[self.buttons.focus].rect, self._view)
            self.update(dt)

    def draw(self, surface) -> None:
        theme = self.theme
        header(surface, theme, self.title, HINT)
        view = self._view
        panel(surface, theme, view)
        surface.set_clip(self._text_view if self._text_view.w else view.inflate(-4, -4))
        tail = self._texts[1]
        head, (rest, rest_y) = self._layout.get("top", self._texts[0]), self._layout.get("rest", ("", 0))
        x, width = view.x + 20, self._layout.get("width", view.w - 40)
        page_columns.draw_styled(surface, theme, head, (x, self._layout.get("head", view.y)), width,
                                 draw=draw_text)
        if rest:
            page_columns.draw_styled(surface, theme, rest, (x, rest_y), width, draw=draw_text)
        y, row_h, small = self._layout.get("charts", view.y), self._layout.get("row_h", 28), theme.size("small")
        if self._charts:
            draw_text(surface, theme, CHART_CAPTION, (x, self._layout.get("caption", y)), width, small,
                      colour="muted")
        for row in self._charts:
            label, values, outcome = row.label, row.healths, row.outcome
            if view.top - row_h < y < view.bottom:
                label_w = int(width * 0.4)
                draw_text(surface, theme, theme.fit_line(label, small, label_w - 8), (x, y + 4), label_w, small)
                pages.draw_health_chart(surface, theme, pygame.Rect(x + label_w, y, width - label_w, row_h),
                                        values, outcome)
            y += row_h + 6
        if tail:
            page_columns.draw_styled(surface, theme, tail, (x, self._layout.get("tail", view.y)), width,
                                     draw=draw_text)
        surface.set_clip(self.buttons.viewport or view.inflate(-4, -4))
        for i, b in enumerate(self.buttons.buttons):
            if b.rect.bottom >= view.top and b.rect.top <= view.bottom:
                draw_button(surface, theme, b, i == self.buttons.focus, "primary" if i == 0 else "plain")
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, view.inflate(-6, -12))
        if self._text_view.w:  # the text column's own bar, at its right edge
            self.text_scroll.draw_bar(surface, theme, self._text_view.inflate(-2, -8))
