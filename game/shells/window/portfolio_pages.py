"""Drawing for the portfolio campaign's pages: an account's health chart.
What the pages say is `game.app.portfolio_view`."""
from __future__ import annotations

import pygame

from game.core.portfolio.model import TROUBLE, WEEKS
from game.shells.window.theme import OUTCOME_COLOURS


def draw_health_chart(surface, theme, rect: pygame.Rect, values, outcome) -> None:
    """A small line chart of an account's health over the quarter (0..100, weeks 0..13)."""
    pygame.draw.rect(surface, theme.c("panel_alt"), rect)
    theme.note("picture", rect, surface)
    trouble_y = rect.bottom - int(TROUBLE / 100 * rect.h)
    for x in range(rect.x, rect.right, 8):
        pygame.draw.line(surface, theme.c("warn"), (x, trouble_y), (min(x + 3, rect.right), trouble_y))
    points = [(rect.x + int(i / WEEKS * (rect.w - 1)), rect.bottom - 1 - int(v / 100 * (rect.h - 2)))
              for i, v in enumerate(values)]
    colour = theme.c(OUTCOME_COLOURS.get(outcome, "accent")) if outcome else theme.c("accent")
    if len(points) > 1:
        pygame.draw.lines(surface, colour, False, points, max(2, rect.h // 20))
    if values and values[-1] <= 0 and len(values) > 1:  # the week the account left
        x, y = points[-1]
        pygame.draw.line(surface, theme.c("bad"), (x - 4, y - 4), (x + 4, y + 4), 2)
        pygame.draw.line(surface, theme.c("bad"), (x - 4, y + 4), (x + 4, y - 4), 2)
