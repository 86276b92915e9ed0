"""The debrief: outcome, score and grade, the radar of the five levers, each
rule broken with the reply that broke it, and the whole conversation with
its coaching. Replay, next scenario, scoreboard, report card."""
from __future__ import annotations

import time

import pygame

from game.app.debrief import NO_RULE_BROKEN, debrief_view, pairing_line
from game.app.session import back_to_quarter
from game.storage.files import StorageError, saves_dir
from game.app.text import LEVER_SHORT
from game.shells.window.drawing import draw_radar
from game.shells.window.theme import OUTCOME_COLOURS, draw_text, text_height
from game.shells.window.widgets import Button, ButtonList, ScrollView, button_height, draw_button, layout_rows, panel
from game.shells.window.scenes.base import Scene
from game.shells.window.scenes.common import MARGIN


class DebriefScene(Scene):
    name = "debrief"

    def __init__(self, app, session, reviewing: str | None = None):
        """`reviewing`: when set (the attempt's date), this is a past attempt
        opened from the scoreboard: read-only, Esc goes back to the list."""
        super().__init__(app)
        self.session = session
        self.reviewing = reviewing
        if not reviewing:  # this playthrough is over: the next briefing draws a new customer
            app.draws.ended(session.scenario.id, session.player)
        self.result = session.run.result()
        self.scroll = ScrollView()
        self.buttons = ButtonList()
        if reviewing:
            self.actions = [Button("Back to the scoreboard", "back"), Button("Save report card", "report")]
        elif session.in_campaign:
            self.actions = [Button(back_to_quarter(session.quarter_week), "back"), Button("Save report card", "report")]
        else:
            self.actions = [Button("Replay", "replay"), Button("Next scenario", "next"),
                            Button("Scoreboard", "scoreboard"), Button("Save report card", "report"),
                            Button("Menu", "menu")]
        view = self.view = debrief_view(session.scenario, session.run, session.player, session.coach,
                                         session.player_style)
        self.topics = [Button(f"{LEVER_SHORT[line.lever]}: {line.words}", ("topic", line.lever),
                              detail="Open the handbook") for line in view.levers]
        self.rule_buttons = [Button(broken.title, ("topic", broken.rule), detail=f"You said: \u201c{broken.reply}\u201d")
                             for broken in view.rules_broken]
        self.buttons.set(self.actions + self.rule_buttons + self.topics)
        self.buttons.row = range(len(self.actions))  # Left and Right stay on the row of actions
        self.blocks = self._blocks()
        self._narrow, self._meta, self._meta_heights = False, [], []
        # flex your style: the customer's style, the trainee's, a tip, and how each reply would have landed
        self.flex_lines = list(view.flex)
        self._flex_heights: list[int] = []
        self._block_heights: list[int] = []
        self._rects: dict[str, pygame.Rect] = {}

    def _blocks(self) -> list[tuple[str, str, bool, int]]:
        """The conversation as styled blocks: (text, colour, bold, gap after)."""
        blocks = []
        for step in self.view.conversation:
            said = step.line if step.names_itself else f"{step.speaker}: " + step.line
            blocks.append((f"{step.number}. {said}", "narrator" if step.narrator else "text",
                           False, 2))
            broke = f"  [broke: {', '.join(step.broke)}]" if step.broke else ""
            blocks.append((f"You: {step.reply}{broke}", "bad" if step.broke else "accent", True, 2))
            if step.coaching:
                blocks.append((f"Coaching: {step.coaching}", "muted", False, 2))
            blocks.append(("", "text", False, 10))
        if self.view.ending is not None:
            blocks.append(("Ending: " + self.view.ending, "text", True, 2))
            if self.view.overall:
                blocks.append((f"Overall: {self.view.overall}", "muted", False, 2))
        for sentence in self.view.summary:
            blocks.append((sentence, "text", False, 2))
        return blocks

    def handle(self, intent) -> None:
        if intent.kind == "back":
            self.activate("back" if self.reviewing or self.session.in_campaign else "menu")
            return
        if intent.kind == "save":
            self.activate("report")
            return
        if self.scroll.handle(intent, self.theme.line_height(self.theme.body) * 3):
            return
        action = self.buttons.handle(intent)
        if intent.kind in ("up", "down", "left", "right", "tab"):
            self._scroll_to_focus()
        if action is not None:
            self.activate(action)

    def _scroll_to_focus(self) -> None:
        """Tab onto a rule or lever scrolled out of the panel: bring it into view."""
        button = self.buttons.buttons[self.buttons.focus] if self.buttons.buttons else None
        view = self._rects.get("view")
        if button is None or button.clip is None or view is None:
            return
        self.scroll.show(button.rect, view)
        self.update(0.0)

    def activate(self, action) -> None:
        app = self.app
        if isinstance(action, tuple):
            app.go("handbook", topic=action[1])
        elif action == "replay":  # a new playthrough, from its briefing (the persona's cue is there)
            old = self.session
            app.go_instead("briefing", old.scenario, old.scenario_path, player=old.player, start=old.run.start,
                           persona=old.run.persona if old.persona_fixed else None, preset=old.run.preset)
        elif action == "next":
            nxt = app.library.after(self.session.scenario.id)
            if nxt is None:
                app.notify("There is no other playable scenario.")
                return
            app.go_instead("briefing", nxt.scenario, nxt.path, player=self.session.player)
        elif action == "scoreboard":
            app.go("scoreboard", self.session.player)
        elif action == "report":
            self.save_report()
        elif action == "back":
            app.pop()
        elif action == "menu":
            while len(app.stack) > 1:
                app.pop()

    def save_report(self):
        folder = saves_dir() / "reports"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y%m%d-%H%M%S")
            path = folder / f"{self.session.scenario.id}-{stamp}.png"
            pygame.image.save(self.render_report(), str(path))
        except (OSError, pygame.error, StorageError) as exc:
            self.app.notify(f"The report card could not be saved: {exc}")
            return None
        self.app.notify(f"Report card saved to {path}")
        return path

    def render_report(self) -> pygame.Surface:
        """The report card: one designed page (see report_card.py)."""
        from game.shells.window.report_card import render_report_card
        return render_report_card(self.session, self.view, when=self.reviewing)

    def update(self, dt: float) -> None:
        w, h = self.app.screen.get_size()
        theme = self.theme
        bar_h = h - MARGIN - layout_rows(theme, self.actions, MARGIN, h - MARGIN, w - 2 * MARGIN)
        # a narrow window: a wider summary column, so the radar keeps a usable size, and the
        # scenario, player and pairing lines go to the top of the panel instead
        self._narrow = w < 1000
        left_w = int(w * 0.46) if self._narrow else max(260, min(int(460 * theme.scale), int(w * 0.38)))
        self._rects["left"] = pygame.Rect(MARGIN, MARGIN, left_w, h - 3 * MARGIN - bar_h)
        x = MARGIN * 2 + left_w
        view = pygame.Rect(x, MARGIN, min(w - x - MARGIN, theme.measure + 20), h - 3 * MARGIN - bar_h)
        self._rects["view"] = view
        width = view.w - 20
        sub = theme.size("sub")
        y = 0
        self._meta = self._meta_lines() if self._narrow else []
        self._meta_heights = [text_height(theme, line, width, theme.size("small")) + 2 for line in self._meta]
        y += sum(self._meta_heights) + (12 if self._meta else 0)
        self._section_y = {}
        placed = []
        for section, buttons in (("Rules broken", self.rule_buttons), ("The five levers", self.topics)):
            self._section_y[section] = y
            y += text_height(theme, section, width, sub, True) + 8
            if not buttons:
                y += text_height(theme, NO_RULE_BROKEN, width) + 6
            for b in buttons:
                bh = button_height(theme, b, width)
                placed.append((b, y, bh))
                y += bh + 6
            y += 14
            if section == "Rules broken" and self.flex_lines:
                self._section_y["Flex your style"] = y
                y += text_height(theme, "Flex your style", width, sub, True) + 8
                self._flex_heights = [text_height(theme, line.strip(), width - self._indent(line)) + 4
                                      for line in self.flex_lines]
                self._flex_y = y
                y += sum(self._flex_heights) + 14
        self._convo_y = y
        y += text_height(theme, "The conversation", width, sub, True) + 8
        self._block_heights = [text_height(theme, text, width, None, bold) if text else 0
                               for text, _, bold, _ in self.blocks]
        y += sum(bh + gap for bh, (_, _, _, gap) in zip(self._block_heights, self.blocks)) + 20
        self.scroll.set_sizes(y, view.h)
        for b, top, bh in placed:
            b.rect = pygame.Rect(view.x, view.y + top - self.scroll.offset, width, bh)
            b.clip = view

    def _pairing(self) -> str:
        """'Customer: <label> (Direct)  ·  Your style: Steady' for a scenario with personas
        (the style as known now: it may arrive from the scoreboard after the debrief opened)."""
        return pairing_line(self.session.scenario, self.session.run, self.session.player_style)

    def _meta_lines(self) -> list[str]:
        v = self.view
        when = f"  ·  {self.reviewing}" if self.reviewing else ""
        return [f"{v.scenario_title}  ·  {v.player}  ·  {v.coaching_mode}{when}"] + \
            ([self._pairing()] if self._pairing() else [])

    def _one_line(self, text: str, width: int, roles) -> int:
        """The first of these text sizes at which `text` fits on one line (else the last)."""
        theme = self.theme
        for role in roles:
            if theme.font(theme.size(role), True).size(text)[0] <= width:
                return theme.size(role)
        return theme.size(roles[-1])

    def _indent(self, line: str) -> int:
        return self.theme.body if line.startswith("  ") else 0

    def _draw_summary(self, surface, rect) -> int:
        theme = self.theme
        v = self.view
        y = rect.y
        colour = OUTCOME_COLOURS.get(v.outcome, "muted")
        y += draw_text(surface, theme, v.outcome_title, (rect.x, y), rect.w,
                       self._one_line(v.outcome_title, rect.w, ("heading", "sub")), colour, True)
        score = f"Score {v.score}  ·  {v.grade}"  # on one line: a smaller size before a wrap
        y += draw_text(surface, theme, score, (rect.x, y), rect.w, self._one_line(score, rect.w, ("sub", "body", "small")),
                       bold=True)
        if not getattr(self, "_narrow", False):
            for line in self._meta_lines():
                y += draw_text(surface, theme, line, (rect.x, y), rect.w, theme.size("small"), "muted")
        height = rect.bottom - y - 10
        if height > 120:
            radar = pygame.Rect(rect.x, y + 4, rect.w, height)
            draw_radar(surface, theme, radar, v.lever_scores)
            y = radar.bottom
        return y

    def draw(self, surface) -> None:
        theme = self.theme
        surface.fill(theme.c("bg"))
        left = self._rects["left"]
        self._draw_summary(surface, left)
        focus = self.buttons.buttons[self.buttons.focus] if self.buttons.buttons else None
        view = self._rects["view"]
        panel(surface, theme, view.inflate(16, 16))
        surface.set_clip(view)
        top = view.y - self.scroll.offset
        y = top
        for line, height in zip(self._meta, self._meta_heights):
            draw_text(surface, theme, line, (view.x, y), view.w - 20, theme.size("small"), "muted")
            y += height
        for section, y in self._section_y.items():
            draw_text(surface, theme, section, (view.x, top + y), view.w - 20, theme.size("sub"), bold=True)
        if not self.rule_buttons:
            draw_text(surface, theme, NO_RULE_BROKEN,
                      (view.x, top + self._section_y["Rules broken"] + theme.line_height(theme.size("sub")) + 8),
                      view.w - 20, colour="good")
        for b in self.rule_buttons + self.topics:
            if b.rect.bottom >= view.top and b.rect.top <= view.bottom:
                draw_button(surface, theme, b, b is focus)
        if self.flex_lines:
            y = top + self._flex_y
            for line, height in zip(self.flex_lines, self._flex_heights):
                if y + height >= view.top and y <= view.bottom:
                    indent = self._indent(line)
                    draw_text(surface, theme, line.strip(), (view.x + indent, y), view.w - 20 - indent,
                              colour="muted" if indent else "text")
                y += height
        y = top + self._convo_y
        y += draw_text(surface, theme, "The conversation", (view.x, y), view.w - 20, theme.size("sub"), bold=True) + 8
        for (text, colour, bold, gap), height in zip(self.blocks, self._block_heights):
            if text and y + height >= view.top and y <= view.bottom:
                draw_text(surface, theme, text, (view.x, y), view.w - 20, colour=colour, bold=bold)
            y += height + gap
        surface.set_clip(None)
        self.scroll.draw_bar(surface, theme, view)
        for b in self.actions:
            draw_button(surface, theme, b, b is focus, "primary" if b is self.actions[0] else "plain")
