"""The trend chart: a player's score and each lever's percent over attempts."""
from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.app.trend import BELOW_ZERO, TrendLine, trend_lines
from game.shells.window.theme import Theme

# distinct in hue and lightness, so the lines also differ in greyscale;
# each line also has its own marker shape, and the legend names them.
LEVER_COLOURS = {"customers_first": (31, 119, 180), "connect": (214, 39, 40), "solve_problems": (44, 160, 44),
                 "build_trust": (148, 103, 189), "positive_emotions": (230, 140, 20)}
MARKERS = {"score": "circle", "customers_first": "square", "connect": "diamond", "solve_problems": "triangle",
           "build_trust": "cross", "positive_emotions": "ring"}


SCENARIO_COLOURS = [*LEVER_COLOURS.values(), (23, 190, 207), (140, 86, 75), (227, 119, 194)]
SHAPES = tuple(MARKERS.values())


@dataclass(frozen=True)
class Series:
    """A trend line (game.app.trend) as drawn: its colour and marker."""
    key: str
    label: str
    values: list  # per attempt: a percent, BELOW_ZERO, or None (no point there)
    colour: tuple | None  # None: the theme's text colour (the score)
    shape: str
    thick: bool = False
    joined: bool = False  # join points across gaps (a scenario's attempts between others')


def styled(line: TrendLine) -> Series:
    if line.kind == "scenario":
        colour, shape = SCENARIO_COLOURS[line.index % len(SCENARIO_COLOURS)], SHAPES[line.index % len(SHAPES)]
    else:
        colour, shape = LEVER_COLOURS.get(line.key), MARKERS[line.key]
    return Series(line.key, line.label, line.values, colour, shape, line.thick, line.joined)


def series_of(lines: list[TrendLine]) -> list[Series]:
    return [styled(line) for line in lines]


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


def _legend_rows(theme: Theme, width: int, series: list[Series]) -> list[list[Series]]:
    font = theme.font(theme.size("small"))
    rows, row, used = [], [], 0
    for item in series:
        w = min(font.size(item.label)[0] + 34, width)
        if row and used + w > width:
            rows.append(row)
            row, used = [], 0
        row.append(item)
        used += w
    rows.append(row)
    return rows


MIN_PLOT = 90


def trend_height_needed(theme: Theme, width: int, series: list[Series]) -> int:
    """The least height (inside the chart's margins) that leaves a readable plot."""
    small = theme.size("small")
    return len(_legend_rows(theme, width, series)) * (theme.line_height(small) + 4) + theme.line_height(small) + 28 + \
        MIN_PLOT


def draw_trend(surface, theme: Theme, rect: pygame.Rect, attempts, series: list[Series] | None = None) -> None:
    """The series against attempt number (oldest to newest), 0-100. Series that
    meet at the same value are nudged apart sideways, so none hides another."""
    theme.note("picture", rect, surface)
    series = series if series is not None else series_of(trend_lines(attempts))
    small = theme.size("small")
    font = theme.font(small)
    rows = _legend_rows(theme, rect.w, series)
    legend_h = len(rows) * (theme.line_height(small) + 4)
    below = any(v == BELOW_ZERO for item in series for v in item.values)
    label_w = max(font.size("100")[0], font.size("below 0")[0] if below else 0)
    plot = pygame.Rect(rect.x + label_w + 10, rect.y + 8, 0, 0)
    plot.w = rect.right - plot.x - 10
    plot.h = rect.h - legend_h - theme.line_height(small) - 20
    if plot.h < MIN_PLOT // 2 or plot.w < 60:
        return
    low = BELOW_ZERO - 10 if below else 0

    def y_of(value) -> int:
        return plot.bottom - int(plot.h * (max(low, min(100, value)) - low) / (100 - low))

    for level in (0, 50, 100):
        gy = y_of(level)
        pygame.draw.line(surface, theme.c("border"), (plot.x, gy), (plot.right, gy))
        label = theme.line(str(level), small, theme.c("muted"))
        surface.blit(label, (plot.x - label.get_width() - 6, gy - label.get_height() // 2))
    if below:  # the band for points below zero, named
        band = pygame.Rect(plot.x, y_of(0) + 1, plot.w, plot.bottom - y_of(0))
        pygame.draw.rect(surface, theme.c("panel_alt"), band)
        label = theme.line("below 0", small, theme.c("bad"))
        surface.blit(label, (plot.x - label.get_width() - 6, band.centery - label.get_height() // 2))
    n = len(series[0].values) if series else 0  # finished attempts (an abandoned one has no end score)
    caption = theme.line(f"Attempts, oldest to newest ({n})", small, theme.c("muted"))
    surface.blit(caption, (plot.centerx - caption.get_width() // 2, plot.bottom + 4))
    spread = min(4, plot.w // max(1, 4 * n * len(series)))

    def point(i, value, k):
        dodge = int((k - (len(series) - 1) / 2) * spread)
        px = plot.centerx if n == 1 else plot.x + 6 + ((plot.w - 12) * i) // (n - 1)
        return px + dodge, y_of(value)

    for k in range(len(series) - 1, -1, -1):  # the first series (the score) drawn last, on top
        item = series[k]
        colour = item.colour or theme.c("text")
        thick = 4 if item.thick else 2
        segment = []
        for i, value in enumerate(item.values):
            if value is None:
                if not item.joined:
                    if len(segment) > 1:
                        pygame.draw.lines(surface, colour, False, segment, thick)
                    segment = []
                continue
            segment.append(point(i, value, k))
        if len(segment) > 1:
            pygame.draw.lines(surface, colour, False, segment, thick)
        if n <= 40:
            for i, value in enumerate(item.values):
                if value is not None:
                    _marker(surface, colour, item.shape, point(i, value, k), 5 if item.thick else 4)
    ly = rect.bottom - legend_h
    for row in rows:
        lx = rect.x
        for item in row:
            colour = item.colour or theme.c("text")
            pygame.draw.line(surface, colour, (lx, ly + 9), (lx + 22, ly + 9), 4 if item.thick else 2)
            _marker(surface, colour, item.shape, (lx + 11, ly + 9), 4)
            text = theme.line(item.label, small, theme.c("text"))
            surface.blit(text, (lx + 28, ly), pygame.Rect(0, 0, rect.right - lx - 28, text.get_height()))
            lx += font.size(item.label)[0] + 34
        ly += theme.line_height(small) + 4
