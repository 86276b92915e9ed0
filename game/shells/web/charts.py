"""Drawing for the browser, as numbers for inline SVG: the levers' radar and
the customer's face. Nothing here decides anything the game says; the
values drawn come from game/app's view data."""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

# the radar's viewBox, drawn at RADAR_SHOWN px wide at most: its 17-unit labels stay >= 12 px on a
# 360 px phone (the chart is about 290 px wide there), one word a line so they fit beside the spokes.
# The tallest label is four lines ("Customers / first / not / assessed"); MIDDLE leaves room for it above
# the top spoke (its first line's ascent inside the box: it was clipped at 158, issue 31) and HEIGHT
# for one as tall under the lower spokes.
WIDTH, HEIGHT = 380, 334
CENTRE, MIDDLE, RADIUS = WIDTH / 2, 176, 86
LABEL_SIZE, LABEL_LINE = 17, 19
RADAR_SHOWN = 420


def _point(i: int, n: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * i / n
    return (round(CENTRE + math.cos(angle) * RADIUS * fraction, 1),
            round(MIDDLE + math.sin(angle) * RADIUS * fraction, 1))


@dataclass(frozen=True)
class RadarLabel:
    x: float
    y: float  # the first line's baseline
    anchor: str
    words: tuple[str, ...]  # the lever, a word a line
    value: tuple[str, ...]  # '60%', or 'not' / 'assessed'
    assessed: bool


@dataclass(frozen=True)
class Radar:
    rings: tuple[str, ...]  # polygon points for 25/50/75/100 %
    spokes: tuple[tuple[float, float, bool], ...]  # the end of each spoke; False: not assessed (drawn dashed)
    shape: str  # the player's polygon through the assessed levers only ('' with fewer than two)
    dots: tuple[tuple[float, float], ...]  # each assessed lever's value
    labels: tuple[RadarLabel, ...]
    centre: tuple[float, float] = (CENTRE, MIDDLE)
    width: int = WIDTH
    height: int = HEIGHT
    shown: int = RADAR_SHOWN
    size: int = LABEL_SIZE
    line: int = LABEL_LINE


def radar(levers) -> Radar:
    """`levers`: the debrief's LeverLine rows. A lever not assessed is never
    drawn at zero: its spoke is dashed, the shape leaves it out (joining the
    assessed levers, as the window's radar does) and its label says so."""
    n = len(levers)
    rings = tuple(" ".join(f"{x},{y}" for x, y in (_point(i, n, f) for i in range(n))) for f in (.25, .5, .75, 1))
    spokes = tuple((*_point(i, n, 1), lv.assessed) for i, lv in enumerate(levers))
    dots = tuple(_point(i, n, max(0, min(100, lv.percent)) / 100) for i, lv in enumerate(levers) if lv.assessed)
    shape = " ".join(f"{x},{y}" for x, y in dots) if len(dots) >= 2 else ""
    labels = []
    for i, lv in enumerate(levers):
        x, y = _point(i, n, 1.1)
        anchor = "middle" if abs(x - CENTRE) < 10 else ("start" if x > CENTRE else "end")
        words, value = tuple(lv.short.split(" ")), tuple(lv.chart_value.split(" "))
        count = len(words) + len(value)
        if anchor == "middle" and y < MIDDLE:  # above the top spoke: the block ends at it
            first = y - (count - 1) * LABEL_LINE - 4
        elif y > MIDDLE + 10:  # below a lower spoke
            first = y + LABEL_SIZE - 2
        else:  # beside a spoke: centred on it
            first = y - (count - 1) * LABEL_LINE / 2 + LABEL_SIZE / 3
        labels.append(RadarLabel(x, round(first, 1), anchor, words, value, lv.assessed))
    return Radar(rings, spokes, shape, dots, tuple(labels))


SKINS = ("#f1c7a5", "#e0ac85", "#c68a62", "#9c6644", "#7a4a2e", "#5b3520")
HAIRS = ("#2b1d14", "#5a3b22", "#8c5a2b", "#b9b2a6", "#1d1d1d", "#a0522d")
SHIRTS = ("#2f5d8a", "#6b3d7a", "#2e6b4f", "#8a4b2f", "#44546a")


@dataclass(frozen=True)
class Face:
    skin: str
    hair: str
    shirt: str
    mouth: str  # an SVG path
    brows: tuple[str, str]  # SVG paths
    flush: bool


def face(portrait: str, mood: str) -> Face:
    """The same customer always looks the same (seeded by the portrait id);
    the expression follows the mood."""
    digest = hashlib.sha256(portrait.encode("utf-8")).digest()
    mouth = {"calm": "M44 70 Q60 82 76 70", "uneasy": "M46 74 Q60 74 74 74",
             "upset": "M46 77 Q60 69 74 77", "angry": "M44 79 Q60 65 76 79"}.get(mood, "M48 76 L72 76")
    brows = {"calm": ("M38 42 Q45 38 52 42", "M68 42 Q75 38 82 42"),
             "uneasy": ("M38 41 Q45 39 52 42", "M68 42 Q75 39 82 41"),
             "upset": ("M38 38 L52 43", "M68 43 L82 38"),
             "angry": ("M38 36 L53 45", "M67 45 L82 36")}.get(mood, ("M38 42 L52 42", "M68 42 L82 42"))
    return Face(SKINS[digest[0] % len(SKINS)], HAIRS[digest[1] % len(HAIRS)], SHIRTS[digest[2] % len(SHIRTS)],
                mouth, brows, mood == "angry")


TREND_W, TREND_H, TREND_LEFT, TREND_TOP, TREND_BOTTOM = 640, 260, 64, 12, 40  # room for 26-unit labels (phones)
# each line's look: colour and dash, so the lines differ without colour too
LINE_LOOKS = {"score": ("#12324f", ""), "customers_first": ("#1f5f99", "6 3"), "connect": ("#8a4b2f", "2 3"),
              "solve_problems": ("#2e6b4f", "8 3 2 3"), "build_trust": ("#6b3d7a", "4 4"),
              "positive_emotions": ("#9a6a00", "1 4")}


@dataclass(frozen=True)
class TrendDrawn:
    key: str
    label: str
    colour: str
    dash: str
    width: float
    segments: tuple[str, ...]  # polyline points, one run of points without a gap each
    dots: tuple[tuple[float, float], ...]  # the score's points (every line's when there is only one attempt)


@dataclass(frozen=True)
class Trend:
    lines: tuple[TrendDrawn, ...]
    grid: tuple[tuple[float, str], ...]  # y and its label (0, 25, 50, 75, 100)
    below: float  # y of the below-zero band
    width: int = TREND_W
    height: int = TREND_H
    left: int = TREND_LEFT


def trend(lines) -> Trend | None:
    """The trend lines (game/app/trend.py) as SVG: x per attempt, y 0-100 %."""
    if not lines:
        return None
    count = len(lines[0].values)
    span = TREND_W - TREND_LEFT - 16

    def x(i):
        return round(TREND_LEFT + (span * i / (count - 1) if count > 1 else span / 2), 1)

    def y(v):
        return round(TREND_TOP + (100 - v) / 115 * (TREND_H - TREND_TOP - TREND_BOTTOM), 1)
    drawn = []
    for line in lines:
        segments, run, dots = [], [], []
        for i, v in enumerate(line.values):
            if v is None:
                if run:
                    segments.append(" ".join(run))
                run = []
                continue
            run.append(f"{x(i)},{y(v)}")
            dots.append((x(i), y(v)))
        if run:
            segments.append(" ".join(run))
        colour, dash = LINE_LOOKS.get(line.key, ("#44546a", ""))
        drawn.append(TrendDrawn(line.key, line.label, colour, dash, 3.5 if line.thick else 1.8,
                                tuple(segments), tuple(dots) if line.thick or count == 1 else ()))
    return Trend(tuple(drawn), tuple((y(v), f"{v}") for v in (0, 25, 50, 75, 100)), y(-15))


SPARK_W, SPARK_H = 260, 40


@dataclass(frozen=True)
class Health:
    label: str
    points: str  # polyline points, health 0-100 across the quarter's weeks so far
    colour: str
    outcome: str  # the conversation's outcome in words ('' when none)


def health(row, weeks: int = 13) -> Health:
    """One account's health week by week (a ChartRow of game/app/portfolio_view) as a sparkline."""
    values = list(row.healths) or [0]
    step = (SPARK_W - 4) / max(1, weeks)
    points = " ".join(f"{round(2 + i * step, 1)},{round(SPARK_H - 2 - max(0, min(100, v)) / 100 * (SPARK_H - 4), 1)}"
                      for i, v in enumerate(values))
    colour = "#2e6b4f" if row.outcome == "retained" else "#1f5f99"
    return Health(row.label, points, colour, (row.outcome or "").replace("_", " "))
