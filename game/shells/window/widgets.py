"""Buttons, a keyboard-and-mouse focus list, and a scrolling view."""
from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.shells.window.theme import Theme, draw_text, text_height


@dataclass
class Button:
    label: str
    action: object  # whatever the scene wants back when the button is used
    enabled: bool = True
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    number: int | None = None  # shown as a key hint ("1.") when set
    detail: str = ""  # a second, smaller line
    clip: pygame.Rect | None = None  # set when seen through a scrolling panel: only clicks inside it count


def choice_buttons(choices) -> list[Button]:
    """A screen's choices (game.app.choices.Choice) as buttons."""
    return [Button(c.label, c.action, enabled=c.enabled, number=c.number, detail=c.detail) for c in choices]


class ButtonList:
    """Buttons laid out by the scene; arrows/Tab move focus, Enter or a click
    activates; hovering moves the focus too."""

    def __init__(self, buttons: list[Button] | None = None):
        self.buttons: list[Button] = buttons or []
        self.focus = 0
        self.hover: int | None = None
        # the part of the window the buttons are seen through (a scrolling
        # panel): a click or hover outside it reaches no button, even one
        # whose rect lies there, scrolled out of view
        self.viewport: pygame.Rect | None = None
        # keyboard moves that follow the layout: `columns` > 1 lays the buttons
        # out in a grid in reading order (Up and Down move within a column);
        # `row` is a run of indices side by side (Left and Right stay in it)
        self.columns = 1
        self.row: range | None = None
        # whether the arrows go round from the last button to the first (a menu of a few choices) or stop at
        # the ends (a long list, as the browser's lists do); Tab always goes round, Home and End go to the ends
        self.wrap = True

    def set(self, buttons: list[Button]) -> None:
        self.buttons = buttons
        self.focus = min(self.focus, max(0, len(buttons) - 1))
        self.hover = None

    def move(self, step: int, wrap: bool = True) -> None:
        """The next enabled button `step` away; without `wrap`, none past either end (the focus stays)."""
        if not self.buttons:
            return
        n = len(self.buttons)
        if not wrap:
            i = self.focus + step
            while 0 <= i < n and not self.buttons[i].enabled:
                i += step
            if 0 <= i < n:
                self.focus = i
            return
        for _ in range(n):
            self.focus = (self.focus + step) % n
            if self.buttons[self.focus].enabled:
                return

    def to_end(self, last: bool) -> None:
        """Home (the first enabled button) or End (the last)."""
        order = range(len(self.buttons) - 1, -1, -1) if last else range(len(self.buttons))
        self.focus = next((i for i in order if self.buttons[i].enabled), self.focus)

    def move_in_column(self, step: int) -> None:
        """Up (-1) or Down (+1) in a grid: the next enabled button in the same column, if any."""
        i = self.focus + step * self.columns
        while 0 <= i < len(self.buttons):
            if self.buttons[i].enabled:
                self.focus = i
                return
            i += step * self.columns
        last = len(self.buttons) - 1  # Down from a row above a shorter last row: its last button
        if step > 0 and self.focus // self.columns < last // self.columns and self.buttons[last].enabled:
            self.focus = last

    def move_in_row(self, step: int) -> bool:
        """Left or Right within `row` (no further at its ends); False when the focus is not in it."""
        if self.row is None or self.focus not in self.row:
            return False
        i = self.focus + step
        while i in self.row and not self.buttons[i].enabled:
            i += step
        if i in self.row:
            self.focus = i
        return True

    def at(self, pos) -> int | None:
        if self.viewport is not None and not self.viewport.collidepoint(pos):
            return None
        for i, button in enumerate(self.buttons):
            if button.rect.collidepoint(pos) and (button.clip is None or button.clip.collidepoint(pos)):
                return i
        return None

    def handle(self, intent):
        """Returns the activated button's action, or None."""
        kind = intent.kind
        if kind in ("left", "right") and self.move_in_row(-1 if kind == "left" else 1):
            pass
        elif kind in ("up", "down") and self.columns > 1:
            self.move_in_column(-1 if kind == "up" else 1)
        elif kind in ("up", "left"):
            self.move(-1, self.wrap)
        elif kind in ("down", "right"):
            self.move(1, self.wrap)
        elif kind == "tab":
            self.move(-1 if intent.value == -1 else 1)
        elif kind in ("home", "end"):
            self.to_end(kind == "end")
        elif kind == "hover":
            self.hover = self.at(intent.pos)
            if self.hover is not None:
                self.focus = self.hover
        elif kind == "click":
            i = self.at(intent.pos)
            if i is not None and self.buttons[i].enabled:
                self.focus = i
                return self.buttons[i].action
        elif kind == "confirm" and self.buttons and self.buttons[self.focus].enabled:
            return self.buttons[self.focus].action
        return None


def button_height(theme: Theme, button: Button, width: int) -> int:
    pad = theme.body // 2
    label = (f"{button.number}.  " if button.number else "") + button.label
    h = text_height(theme, label, width - 2 * pad)
    if button.detail:
        h += text_height(theme, button.detail, width - 2 * pad, theme.size("small"))
    return h + 2 * pad


def draw_button(surface, theme: Theme, button: Button, focused: bool, style: str = "plain") -> None:
    rect = button.rect
    pad = theme.body // 2
    if not button.enabled:
        bg, fg, border = theme.c("panel_alt"), theme.c("disabled"), theme.c("border")
    elif style == "primary":
        bg, fg, border = theme.c("accent"), theme.c("accent_text"), theme.c("accent")
    else:
        bg, fg, border = theme.c("panel"), theme.c("text"), theme.c("border")
    pygame.draw.rect(surface, bg, rect, border_radius=8)
    pygame.draw.rect(surface, theme.c("focus") if focused else border, rect, width=3 if focused else 1,
                     border_radius=8)
    label = (f"{button.number}.  " if button.number else "") + button.label
    theme.note("button", rect, surface)
    recording, theme.record = theme.record, None  # the button's own text is part of the button
    h = draw_text(surface, theme, label, (rect.x + pad, rect.y + pad), rect.w - 2 * pad, colour=fg)
    if button.detail:
        draw_text(surface, theme, button.detail, (rect.x + pad, rect.y + pad + h), rect.w - 2 * pad,
                  theme.size("small"), colour=fg if style == "primary" else "muted")
    theme.record = recording


def layout_column(theme: Theme, buttons: list[Button], x: int, y: int, width: int, gap: int = 10) -> int:
    """Stack buttons vertically; returns the y below the last one."""
    for button in buttons:
        h = button_height(theme, button, width)
        button.rect = pygame.Rect(x, y, width, h)
        y += h + gap
    return y


def layout_rows(theme: Theme, buttons: list[Button], x: int, bottom: int, width: int, gap: int = 8) -> int:
    """Buttons side by side in as few rows as their longest words allow,
    the last row ending at `bottom`; returns the top of the first row."""
    if not buttons:
        return bottom
    font = theme.font(theme.body)
    widest = max(font.size(word)[0] for b in buttons for word in b.label.split(" ")) + theme.body + 8
    per_row = max(1, min(len(buttons), (width + gap) // (widest + gap)))
    rows = [buttons[i:i + per_row] for i in range(0, len(buttons), per_row)]
    heights = []
    for row in rows:
        bw = (width - gap * (len(row) - 1)) // len(row)
        heights.append(max(button_height(theme, b, bw) for b in row))
    y = top = bottom - sum(heights) - gap * (len(rows) - 1)
    for row, rh in zip(rows, heights):
        bw = (width - gap * (len(row) - 1)) // len(row)
        for i, b in enumerate(row):
            b.rect = pygame.Rect(x + i * (bw + gap), y, bw, rh)
        y += rh + gap
    return top


class ScrollView:
    """Keeps an offset for content taller than its viewport."""

    def __init__(self):
        self.offset = 0
        self.content_height = 0
        self.view_height = 0

    def set_sizes(self, content_height: int, view_height: int) -> None:
        self.content_height, self.view_height = content_height, view_height
        self.offset = max(0, min(self.offset, self.max_offset))

    @property
    def max_offset(self) -> int:
        return max(0, self.content_height - self.view_height)

    def scroll(self, amount: int) -> None:
        self.offset = max(0, min(self.max_offset, self.offset + amount))

    def reveal(self, top: int, bottom: int, margin: int = 8) -> None:
        """Scroll the least that shows content from `top` to `bottom` (content
        coordinates); when taller than the view, its top."""
        if bottom + margin > self.offset + self.view_height:
            self.offset = bottom + margin - self.view_height
        if top - margin < self.offset:
            self.offset = top - margin
        self.scroll(0)

    def show(self, rect: pygame.Rect, view: pygame.Rect, margin: int = 8) -> None:
        """`reveal` for a rect on screen, laid out in the panel `view` at the current offset."""
        top = rect.top - view.top + self.offset
        self.reveal(top, top + rect.h, margin)

    def handle(self, intent, step: int) -> bool:
        if intent.kind == "scroll":
            self.scroll(int(intent.value) * step)
        elif intent.kind == "page_down":
            self.scroll(self.view_height - step)
        elif intent.kind == "page_up":
            self.scroll(-(self.view_height - step))
        else:
            return False
        return True

    def draw_bar(self, surface, theme: Theme, rect: pygame.Rect) -> None:
        if self.max_offset <= 0:
            return
        track = pygame.Rect(rect.right - 6, rect.y, 6, rect.h)
        pygame.draw.rect(surface, theme.c("panel_alt"), track, border_radius=3)
        h = max(30, int(rect.h * self.view_height / max(1, self.content_height)))
        y = rect.y + int((rect.h - h) * self.offset / self.max_offset)
        pygame.draw.rect(surface, theme.c("muted"), (track.x, y, 6, h), border_radius=3)


def modal_layout(theme: Theme, size, min_width: int, content_height, buttons) -> pygame.Rect:
    """Size and place a modal box: its content (`content_height(inner width)`)
    above a row of buttons, centred in a window of `size`; lays the buttons out."""
    w, h = size
    width = min(max(min_width, theme.measure // 2 + 48), w - 40)
    inner = width - 48
    bar_h = -layout_rows(theme, buttons, 0, 0, inner)
    height = 24 + content_height(inner) + 24 + bar_h + 24
    box = pygame.Rect((w - width) // 2, max(10, (h - height) // 2), width, height)
    layout_rows(theme, buttons, box.x + 24, box.bottom - 24, inner)
    return box


def modal_box(surface, theme: Theme, rect: pygame.Rect) -> None:
    """Shade the screen below an overlay (pause, a question) and draw its box."""
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill(theme.c("overlay"))
    surface.blit(shade, (0, 0))
    pygame.draw.rect(surface, theme.c("panel"), rect, border_radius=12)
    pygame.draw.rect(surface, theme.c("border"), rect, width=1, border_radius=12)
    theme.note("panel", rect, surface)


def panel(surface, theme: Theme, rect: pygame.Rect, colour: str = "panel") -> None:
    theme.note("panel", rect, surface)
    if theme.c("shadow") is not None:
        pygame.draw.rect(surface, theme.c("shadow"), rect.move(0, 3), border_radius=12)
    pygame.draw.rect(surface, theme.c(colour), rect, border_radius=12)
    pygame.draw.rect(surface, theme.c("border"), rect, width=1, border_radius=12)
