"""Pieces shared by several scenes."""
from __future__ import annotations

from pathlib import Path

import pygame

from game.shells.window.theme import blit_text, draw_text

MARGIN = 32


def header_top(theme, width: int, title: str, hint: str = "Esc: back") -> int:
    """Where content starts below `header`: a long title wraps onto more
    lines (never cut), and the hint goes below it when not beside it."""
    size = theme.size("heading")
    lines = len(theme.wrap(title, size, width - 2 * MARGIN, True))
    top = MARGIN + lines * theme.line_height(size) + 26
    if hint and not _hint_fits(theme, width, title, hint):
        top += theme.line_height(theme.size("small"))
    return top


def _hint_fits(theme, width: int, title: str, hint: str) -> bool:
    title_w = theme.font(theme.size("heading"), True).size(title)[0]
    return MARGIN + title_w + 24 + theme.font(theme.size("small")).size(hint)[0] <= width - MARGIN


def header(surface, theme, title: str, hint: str = "Esc: back") -> int:
    """Draw a screen title and a key hint; return the y below them."""
    surface.fill(theme.c("bg"))
    width = surface.get_width()
    size = theme.size("heading")
    y = MARGIN - 8 + draw_text(surface, theme, title, (MARGIN, MARGIN - 8), width - 2 * MARGIN, size, bold=True) + 6
    if hint:
        hint_surf = theme.line(hint, theme.size("small"), theme.c("muted"))
        if _hint_fits(theme, width, title, hint):
            blit_text(surface, theme, hint_surf, (width - MARGIN - hint_surf.get_width(), MARGIN))
        else:  # no room beside the title: the hint goes on its own line below it
            blit_text(surface, theme, hint_surf, (MARGIN, y - 6), pygame.Rect(0, 0, width - 2 * MARGIN,
                                                                                hint_surf.get_height()))
            y += hint_surf.get_height()
    pygame.draw.line(surface, theme.c("border"), (MARGIN, y), (width - MARGIN, y))
    return y + 16


def clipped(surface, rect: pygame.Rect):
    """A subsurface for drawing inside `rect` (clipped to the window)."""
    rect = rect.clip(surface.get_rect())
    return surface.subsurface(rect), rect


def wrapped(surface, theme, text, x, y, width, size=None, colour="text", bold=False) -> int:
    return y + draw_text(surface, theme, text, (x, y), width, size, colour, bold)


def reread_scenario(app, path: str, current_id: str):
    """F5: the scenario file read again, or None (with a notice saying why)."""
    from game.core import loader
    name = Path(path).name
    checked = loader.check_file(path)
    if not checked.ok:
        errors = checked.errors or checked.diagnostics
        first = errors[0]
        app.notify(f"Not reloaded: {name} has {len(errors)} error{'s' if len(errors) != 1 else ''}. "
                   f"First: line {first.line}: {first.message}", seconds=10)
        return None
    if checked.scenario.id != current_id:
        app.notify(f"Not reloaded: {name} is now scenario '{checked.scenario.id}', not '{current_id}'.")
        return None
    app.library.reload()
    return checked.scenario


def panel_buttons_intent(intent, scroll, buttons, view, theme):
    """A scrolling panel of buttons: the wheel and page keys scroll, clicks and
    hovering outside the panel reach nothing, moving the focus brings it into
    view. Returns the action of a button used, else None."""
    if scroll.handle(intent, theme.line_height(theme.body) * 3):
        return None
    if intent.kind in ("click", "hover") and not view.collidepoint(intent.pos):
        return None
    action = buttons.handle(intent)
    if intent.kind in ("up", "down", "left", "right", "tab", "home", "end") and buttons.buttons:
        scroll.show(buttons.buttons[buttons.focus].rect, view)
    return action


def learner_label(app) -> str:
    return f"Learner id: {app.settings.learner or 'not set'}"
