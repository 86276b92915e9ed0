"""The one place that reads pygame events and turns them into intents.

Scenes never look at pygame events; they handle these small, plain
intents, which tests can also build directly.
"""
from __future__ import annotations

from dataclasses import dataclass

import pygame


@dataclass(frozen=True)
class Intent:
    kind: str  # see KINDS
    value: object = None
    pos: tuple[int, int] | None = None


KINDS = ("quit", "back", "confirm", "up", "down", "left", "right", "tab", "number", "click", "hover",
         "scroll", "text", "backspace", "reload", "overlay", "resize", "page_up", "page_down", "skip",
         "fullscreen", "save", "home", "end")

_KEYS = {
    pygame.K_ESCAPE: "back", pygame.K_RETURN: "confirm", pygame.K_KP_ENTER: "confirm",
    pygame.K_UP: "up", pygame.K_DOWN: "down", pygame.K_LEFT: "left", pygame.K_RIGHT: "right",
    pygame.K_TAB: "tab", pygame.K_BACKSPACE: "backspace", pygame.K_F5: "reload", pygame.K_F1: "overlay",
    pygame.K_PAGEUP: "page_up", pygame.K_PAGEDOWN: "page_down", pygame.K_F11: "fullscreen",
    pygame.K_SPACE: "skip", pygame.K_HOME: "home", pygame.K_END: "end",
}
_NUMBERS = {getattr(pygame, f"K_{n}"): n for n in range(1, 10)}
_NUMBERS.update({getattr(pygame, f"K_KP{n}"): n for n in range(1, 10)})


def translate(event, typing: bool = False) -> Intent | None:
    """A pygame event -> an Intent (or None). With `typing`, printable keys
    arrive as text (for the name field) instead of as numbers."""
    kind = event.type
    if kind == pygame.QUIT:
        return Intent("quit")
    if kind == pygame.KEYDOWN:
        key = event.key
        if key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT:
            return Intent("tab", -1)
        if key == pygame.K_s and event.mod & pygame.KMOD_CTRL:
            return Intent("save")
        if not typing and key in _NUMBERS:
            return Intent("number", _NUMBERS[key])
        if typing and key == pygame.K_SPACE:
            return None  # arrives as TEXTINPUT
        name = _KEYS.get(key)
        return Intent(name, 1 if name == "tab" else None) if name else None
    if kind == pygame.TEXTINPUT and typing:
        return Intent("text", event.text)
    if kind == pygame.MOUSEBUTTONDOWN and event.button == 1:
        return Intent("click", pos=tuple(event.pos))
    if kind == pygame.MOUSEMOTION:
        return Intent("hover", pos=tuple(event.pos))
    if kind == pygame.MOUSEWHEEL:
        # where the pointer is says which panel the wheel scrolls
        return Intent("scroll", -event.y, pos=tuple(pygame.mouse.get_pos()) if pygame.display.get_init() else None)
    if kind in (pygame.VIDEORESIZE, pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED):
        return Intent("resize")
    return None
