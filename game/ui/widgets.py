"""Buttons, a keyboard-and-mouse focus list, and a scrolling view."""
from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from .theme import Theme, draw_text, text_height


@dataclass
class Button:
    label: str
    action: object  # whatever the scene wants back when the button is used
    enabled: bool = True
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    number: int | None = None  # shown as a key hint ("1.") when set
    detail: str = ""  # a second, smaller line


class ButtonList:
    """Buttons laid out by the scene; arrows/Tab move focus, Enter or a click
    activates; hovering moves the focus too."""

    def __init__(self, buttons: list[Button] | None = None):
        self.buttons: list[Button] = buttons or []
        self.focus = 0
        self.hover: int | None = None

    def set(self, buttons: list[Button]) -> None:
        self.buttons = buttons
        self.focus = min(self.focus, max(0, len(buttons) - 1))
        self.hover = None

    def move(self, step: int) -> None:
        if not self.buttons:
            return
        n = len(self.buttons)
        for _ in range(n):
            self.focus = (self.focus + step) % n
            if self.buttons[self.focus].enabled:
                return

    def at(self, pos) -> int | None:
        for i, button in enumerate(self.buttons):
            if button.rect.collidepoint(pos):
                return i
        return None

    def handle(self, intent):
        """Returns the activated button's action, or None."""
        kind = intent.kind
        if kind in ("up", "left") or (kind == "tab" and intent.value == -1):
            self.move(-1)
        elif kind in ("down", "right", "tab"):
            self.move(1)
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
    h = draw_text(surface, theme, label, (rect.x + pad, rect.y + pad), rect.w - 2 * pad, colour=fg)
    if button.detail:
        draw_text(surface, theme, button.detail, (rect.x + pad, rect.y + pad + h), rect.w - 2 * pad,
                  theme.size("small"), colour=fg if style == "primary" else "muted")


def layout_column(theme: Theme, buttons: list[Button], x: int, y: int, width: int, gap: int = 10) -> int:
    """Stack buttons vertically; returns the y below the last one."""
    for button in buttons:
        h = button_height(theme, button, width)
        button.rect = pygame.Rect(x, y, width, h)
        y += h + gap
    return y


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


def panel(surface, theme: Theme, rect: pygame.Rect, colour: str = "panel") -> None:
    if theme.c("shadow") is not None:
        pygame.draw.rect(surface, theme.c("shadow"), rect.move(0, 3), border_radius=12)
    pygame.draw.rect(surface, theme.c(colour), rect, border_radius=12)
    pygame.draw.rect(surface, theme.c("border"), rect, width=1, border_radius=12)
