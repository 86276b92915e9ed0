"""Pieces shared by several scenes."""
from __future__ import annotations

import pygame

from ..theme import draw_text

MARGIN = 32


def header(surface, theme, title: str, hint: str = "Esc: back") -> int:
    """Draw a screen title and a key hint; return the y below them."""
    surface.fill(theme.c("bg"))
    size = theme.size("heading")
    title_surf = theme.line(title, size, theme.c("text"), True)
    surface.blit(title_surf, (MARGIN, MARGIN - 8))
    if hint:
        hint_surf = theme.line(hint, theme.size("small"), theme.c("muted"))
        surface.blit(hint_surf, (surface.get_width() - MARGIN - hint_surf.get_width(), MARGIN))
    y = MARGIN - 8 + title_surf.get_height() + 10
    pygame.draw.line(surface, theme.c("border"), (MARGIN, y), (surface.get_width() - MARGIN, y))
    return y + 16


def clipped(surface, rect: pygame.Rect):
    """A subsurface for drawing inside `rect` (clipped to the window)."""
    rect = rect.clip(surface.get_rect())
    return surface.subsurface(rect), rect


def wrapped(surface, theme, text, x, y, width, size=None, colour="text", bold=False) -> int:
    return y + draw_text(surface, theme, text, (x, y), width, size, colour, bold)
