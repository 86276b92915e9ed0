"""The trend chart: a player's score and each lever's percent over attempts."""
from __future__ import annotations

import pygame

from ..model import LEVERS
from .drawing import LEVER_SHORT
from .theme import Theme

# distinct in hue and lightness, so the lines also differ in greyscale;
# each line also has its own marker shape, and the legend names them.
LEVER_COLOURS = {"customers_first": (31, 119, 180), "connect": (214, 39, 40), "solve_problems": (44, 160, 44),
                 "build_trust": (148, 103, 189), "positive_emotions": (230, 140, 20)}
MARKERS = {"score": "circle", "customers_first": "square", "connect": "diamond", "solve_problems": "triangle",
           "build_trust": "cross", "positive_emotions": "ring"}


def trend_series(attempts) -> list[tuple[str, str, list]]:
    """(key, label, values) for the score and each lever; a lever a scenario
    doesn't assess is None at that attempt (a gap, not a zero)."""
    series = [("score", "Score", [a.score for a in attempts])]
    for lever in LEVERS:
        series.append((lever, LEVER_SHORT[lever], [a.levers.get(lever, {}).get("percent") for a in attempts]))
    return series


def _marker(surface, colour, shape: str, pos, r: int) -> None:
    x, y = pos
    if shape == "circle":
        pygame.draw.circle(surface, colour, pos, r)
    elif shape == "square":
        pygame.draw.rect(surface, colour, (x - r, y - r, 2 * r, 2 * r))
    elif shape == "diamond":
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r + 1, y), (x, y + r + 1), (x - r - 1, y)])
    elif shape == "triangle":
        pygame.draw.polygon(surface, colour, [(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)])
    elif shape == "cross":
        pygame.draw.line(surface, colour, (x - r, y - r), (x + r, y + r), 3)
        pygame.draw.line(surface, colour, (x - r, y + r), (x + r, y - r), 3)
    else:
        pygame.draw.circle(surface, colour, pos, r, 2)


def _legend_rows(theme: Theme, width: int) -> list[list[tuple[str, str]]]:
    font = theme.font(theme.size("small"))
    rows, row, used = [], [], 0
    for key, label, _ in trend_series([]):
        w = font.size(label)[0] + 34
        if row and used + w > width:
            rows.append(row)
            row, used = [], 0
        row.append((key, label))
        used += w
    rows.append(row)
    return rows


MIN_PLOT = 90


def trend_height_needed(theme: Theme, width: int) -> int:
    """The least height (inside the chart's margins) that leaves a readable plot."""
    small = theme.size("small")
    return len(_legend_rows(theme, width)) * (theme.line_height(small) + 4) + theme.line_height(small) + 28 + MIN_PLOT


def draw_trend(surface, theme: Theme, rect: pygame.Rect, attempts) -> None:
    """Score (thick) and lever percents (thin) against attempt number, 0-100."""
    theme.note("picture", rect, surface)
    small = theme.size("small")
    font = theme.font(small)
    legend_items = trend_series(attempts)
    rows = _legend_rows(theme, rect.w)
    legend_h = len(rows) * (theme.line_height(small) + 4)
    plot = pygame.Rect(rect.x + font.size("100")[0] + 10, rect.y + 8, 0, 0)
    plot.w = rect.right - plot.x - 10
    plot.h = rect.h - legend_h - theme.line_height(small) - 20
    if plot.h < MIN_PLOT // 2 or plot.w < 60:
        return
    for level in (0, 50, 100):
        gy = plot.bottom - plot.h * level // 100
        pygame.draw.line(surface, theme.c("border"), (plot.x, gy), (plot.right, gy))
        label = theme.line(str(level), small, theme.c("muted"))
        surface.blit(label, (plot.x - label.get_width() - 6, gy - label.get_height() // 2))
    n = len(attempts)
    caption = theme.line(f"Attempts, oldest to newest ({n})", small, theme.c("muted"))
    surface.blit(caption, (plot.centerx - caption.get_width() // 2, plot.bottom + 4))

    def point(i, value):
        px = plot.centerx if n == 1 else plot.x + (plot.w * i) // (n - 1)
        return px, plot.bottom - int(plot.h * max(0, min(100, value)) / 100)

    for key, _, values in reversed(legend_items):  # score drawn last, on top
        colour = theme.c("text") if key == "score" else LEVER_COLOURS[key]
        thick = 4 if key == "score" else 2
        segment = []
        for i, value in enumerate(values):
            if value is None:
                if len(segment) > 1:
                    pygame.draw.lines(surface, colour, False, segment, thick)
                segment = []
                continue
            segment.append(point(i, value))
        if len(segment) > 1:
            pygame.draw.lines(surface, colour, False, segment, thick)
        if n <= 40:
            for i, value in enumerate(values):
                if value is not None:
                    _marker(surface, colour, MARKERS[key], point(i, value), 5 if key == "score" else 4)
    ly = rect.bottom - legend_h
    for row in rows:
        lx = rect.x
        for key, label in row:
            colour = theme.c("text") if key == "score" else LEVER_COLOURS[key]
            pygame.draw.line(surface, colour, (lx, ly + 9), (lx + 22, ly + 9), 4 if key == "score" else 2)
            _marker(surface, colour, MARKERS[key], (lx + 11, ly + 9), 4)
            text = theme.line(label, small, theme.c("text"))
            surface.blit(text, (lx + 28, ly))
            lx += font.size(label)[0] + 34
        ly += theme.line_height(small) + 4
