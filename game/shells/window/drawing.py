"""Pictures drawn in code: the customer's face, the mood meter, the radar chart."""
from __future__ import annotations

import math
from pathlib import Path

import pygame

from game.app.dialogue import MOOD_WORDS
from game.app.text import LEVER_SHORT
from game.core.model import LEVERS, MOODS
from game.shells.window.theme import ASSETS, MOOD_COLOURS, Theme, draw_text, text_height

MOOD_NAMES = MOOD_WORDS  # the mood in a word (game.app.dialogue)

_portrait_files: dict[tuple[str, str, int], pygame.Surface | None] = {}


def portrait_image(name: str, mood: str, size: int, folder: Path = ASSETS / "portraits"):
    """assets/portraits/<name>-<mood>.png, else <name>.png, scaled; None if neither."""
    key = (name, mood, size)
    if key not in _portrait_files:
        image = None
        for candidate in (folder / f"{name}-{mood}.png", folder / f"{name}.png"):
            if name and candidate.exists():
                try:
                    image = pygame.transform.smoothscale(pygame.image.load(str(candidate)).convert_alpha(), (size, size))
                except (pygame.error, FileNotFoundError):
                    image = None
                break
        _portrait_files[key] = image
    return _portrait_files[key]


def window_icon(size: int = 64) -> pygame.Surface:
    """Our icon: five levers (bars) on the accent colour, the fourth pulled
    down, drawn large and scaled down smooth."""
    big = size * 4
    canvas = pygame.Surface((big, big), pygame.SRCALPHA)
    pygame.draw.rect(canvas, (24, 110, 128), canvas.get_rect(), border_radius=big // 5)
    slot_w, gap = big // 12, big // 12
    x = (big - 5 * slot_w - 4 * gap) // 2
    for i in range(5):
        slot = pygame.Rect(x + i * (slot_w + gap), big // 6, slot_w, big * 2 // 3)
        pygame.draw.rect(canvas, (16, 80, 94), slot, border_radius=slot_w // 2)
        knob_y = slot.bottom - slot_w if i == 3 else slot.top + slot_w
        pygame.draw.circle(canvas, (255, 255, 255) if i != 3 else (222, 141, 38), (slot.centerx, knob_y),
                           slot_w * 3 // 4 + 2)
    return pygame.transform.smoothscale(canvas, (size, size))


def draw_mood_meter(surface, theme: Theme, rect: pygame.Rect, mood: str) -> None:
    """Four labelled segments; the current one filled and marked, plus a text
    label, so it reads without colour."""
    label_size = theme.size("small")
    title_h = draw_text(surface, theme, f"Mood: {MOOD_NAMES.get(mood, mood)}", rect.topleft, rect.w, bold=True)
    y = rect.y + title_h + 6
    theme.note("picture", pygame.Rect(rect.x, y, rect.w, 26 + theme.line_height(label_size)), surface)
    seg_w = (rect.w - 3 * 4) // 4
    level = MOODS.index(mood) if mood in MOODS else len(MOODS)
    font = theme.font(label_size, True)
    all_labels = max(font.size(MOOD_NAMES[m])[0] for m in MOODS) <= seg_w + 4
    for i, name in enumerate(MOODS):
        seg = pygame.Rect(rect.x + i * (seg_w + 4), y, seg_w, 14)
        filled = i <= level
        pygame.draw.rect(surface, MOOD_COLOURS[name] if filled else theme.c("panel_alt"), seg, border_radius=4)
        pygame.draw.rect(surface, theme.c("border"), seg, width=1, border_radius=4)
        if i == level:
            pygame.draw.polygon(surface, theme.c("text"), [(seg.centerx, seg.bottom + 2),
                                                           (seg.centerx - 6, seg.bottom + 10),
                                                           (seg.centerx + 6, seg.bottom + 10)])
        if all_labels or i == level:  # when they do not all fit, the title names the mood already
            text = theme.line(MOOD_NAMES[name], label_size, theme.c("text" if i == level else "muted"), i == level)
            x = max(rect.x, min(seg.centerx - text.get_width() // 2, rect.right - text.get_width()))
            surface.blit(text, (x, seg.bottom + 12))


def mood_meter_height(theme: Theme, width: int, mood: str) -> int:
    """The height `draw_mood_meter` uses at this width."""
    return text_height(theme, f"Mood: {MOOD_NAMES.get(mood, mood)}", width, bold=True) + 6 + 26 + \
        theme.line_height(theme.size("small"))


def draw_radar(surface, theme: Theme, rect: pygame.Rect, levers: dict) -> None:
    """A five-axis radar of lever percents; a lever not assessed is drawn as
    a dashed axis labelled 'not assessed', never as zero."""
    theme.note("picture", rect, surface)
    cx, cy = rect.center
    label_size = theme.size("small")
    font = theme.font(label_size, True)
    lh = theme.line_height(label_size)
    widest = max(font.size(word)[0] for lever in LEVERS for word in LEVER_SHORT[lever].split(" "))
    r = max(30, min(rect.w // 2 - widest - 18, rect.h // 2 - lh * 3 - 8))
    angles = [-math.pi / 2 + i * 2 * math.pi / len(LEVERS) for i in range(len(LEVERS))]
    for ring in (0.25, 0.5, 0.75, 1.0):
        pts = [(cx + math.cos(a) * r * ring, cy + math.sin(a) * r * ring) for a in angles]
        pygame.draw.polygon(surface, theme.c("border"), pts, 1)
    points = []
    for lever, a in zip(LEVERS, angles):
        end = (cx + math.cos(a) * r, cy + math.sin(a) * r)
        pct = levers[lever]["percent"] if isinstance(levers[lever], dict) else levers[lever].percent
        if pct is None:  # dashed: this scenario does not assess the lever
            for k in range(0, 10, 2):
                p0 = (cx + math.cos(a) * r * k / 10, cy + math.sin(a) * r * k / 10)
                p1 = (cx + math.cos(a) * r * (k + 1) / 10, cy + math.sin(a) * r * (k + 1) / 10)
                pygame.draw.line(surface, theme.c("muted"), p0, p1, 1)
        else:
            pygame.draw.line(surface, theme.c("border"), (cx, cy), end, 1)
        value = 0 if pct is None else pct / 100
        points.append((cx + math.cos(a) * r * value, cy + math.sin(a) * r * value, pct))
        lines = LEVER_SHORT[lever].split(" ") + ["not assessed" if pct is None else f"{pct}%"]
        lx, ly = cx + math.cos(a) * (r + 12), cy + math.sin(a) * (r + 12)
        block = len(lines) * lh
        top = ly - block if math.sin(a) < -0.5 else (ly if math.sin(a) > 0.5 else ly - block / 2)
        for j, text in enumerate(lines):
            last = j == len(lines) - 1
            surf = theme.line(text, label_size, theme.c("muted" if last else "text"), not last)
            if abs(math.cos(a)) < 0.3:
                x = lx - surf.get_width() / 2
            else:
                x = lx if math.cos(a) > 0 else lx - surf.get_width()
            surface.blit(surf, (x, top + j * lh))
    assessed = [(x, y) for x, y, pct in points if pct is not None]
    if len(assessed) >= 3:
        poly = pygame.Surface(rect.size, pygame.SRCALPHA)
        pygame.draw.polygon(poly, (*theme.c("accent"), 90), [(x - rect.x, y - rect.y) for x, y in assessed])
        surface.blit(poly, rect.topleft)
        pygame.draw.polygon(surface, theme.c("accent"), assessed, 2)
    for x, y, pct in points:
        if pct is not None:
            pygame.draw.circle(surface, theme.c("accent"), (int(x), int(y)), 5)
