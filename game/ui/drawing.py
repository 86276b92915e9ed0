"""Pictures drawn in code: the customer's face, the mood meter, the radar chart."""
from __future__ import annotations

import math
from pathlib import Path

import pygame

from ..model import LEVERS, MOODS
from .theme import ASSETS, MOOD_COLOURS, Theme, draw_text, text_height

MOOD_NAMES = {"calm": "Calm", "uneasy": "Uneasy", "upset": "Upset", "angry": "Angry", "walked_out": "Walked out"}
LEVER_SHORT = {"customers_first": "Customers first", "connect": "Connect", "solve_problems": "Solve problems",
               "build_trust": "Build trust", "positive_emotions": "Positive emotions"}

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


def draw_face(surface, theme: Theme, rect: pygame.Rect, mood: str, seed: str = "") -> None:
    """A simple, friendly face whose brows, eyes and mouth follow the mood."""
    cx, cy = rect.center
    r = min(rect.w, rect.h) // 2 - 4
    bg = MOOD_COLOURS.get(mood, (120, 120, 120))
    pygame.draw.circle(surface, theme.c("panel_alt"), (cx, cy), r + 4)
    pygame.draw.circle(surface, bg, (cx, cy), r + 4, width=4)
    if mood == "walked_out":  # an empty chair: they have gone
        chair = theme.c("muted")
        pygame.draw.rect(surface, chair, (cx - r // 3, cy - r // 2, r * 2 // 3, r // 2), border_radius=6)
        pygame.draw.rect(surface, chair, (cx - r // 2, cy, r, r // 6), border_radius=4)
        for dx in (-r // 2 + 4, r // 2 - 8):
            pygame.draw.rect(surface, chair, (cx + dx, cy + r // 6, 4, r // 2))
        return
    hue = sum(map(ord, seed)) % 4
    skin = [(236, 200, 170), (205, 160, 120), (160, 110, 80), (110, 75, 55)][hue]
    hair = [(70, 52, 40), (30, 30, 30), (150, 100, 50), (90, 90, 90)][(hue + len(seed)) % 4]
    face = pygame.Rect(0, 0, int(r * 1.25), int(r * 1.5))
    face.center = (cx, cy + r // 10)
    pygame.draw.ellipse(surface, hair, face.inflate(r // 5, r // 6).move(0, -r // 10))
    pygame.draw.ellipse(surface, skin, face)
    ink = (40, 30, 30)
    eye_y = face.y + face.h * 2 // 5
    dx = face.w // 5
    brow = {"calm": 0, "uneasy": 3, "upset": -4, "angry": -9}.get(mood, 0)
    for side in (-1, 1):
        ex = cx + side * dx
        eye_h = 4 if mood == "angry" else 7
        pygame.draw.ellipse(surface, ink, (ex - 5, eye_y - eye_h // 2, 10, eye_h))
        inner, outer = (ex - side * 10, eye_y - 14 - brow * (0 if mood in ("calm", "uneasy") else -1)), \
            (ex + side * 10, eye_y - 14 - (brow if mood in ("calm", "uneasy") else 0))
        if mood in ("upset", "angry"):
            inner = (ex - side * 10, eye_y - 12 + abs(brow) // 2)
            outer = (ex + side * 10, eye_y - 16 - abs(brow) // 2)
        pygame.draw.line(surface, ink, inner, outer, 3)
    mouth = pygame.Rect(0, 0, face.w // 2, face.h // 6)
    mouth.center = (cx, face.y + face.h * 3 // 4)
    if mood == "calm":
        pygame.draw.arc(surface, ink, mouth.move(0, -mouth.h // 2), math.pi * 1.1, math.pi * 1.9, 3)
    elif mood == "uneasy":
        pygame.draw.line(surface, ink, (mouth.x + 6, mouth.centery), (mouth.right - 6, mouth.centery - 3), 3)
    elif mood == "upset":
        pygame.draw.arc(surface, ink, mouth.move(0, mouth.h // 3), math.pi * 0.15, math.pi * 0.85, 3)
    else:
        pygame.draw.arc(surface, ink, mouth.move(0, mouth.h // 2).inflate(4, 6), math.pi * 0.1, math.pi * 0.9, 4)
        pygame.draw.line(surface, (200, 60, 60), (face.right - 10, face.y + 12), (face.right - 4, face.y + 4), 3)


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
