"""Customer portraits drawn in code: each customer their own face.

The look comes from the scenario's data: the portrait id (or the name)
picks face shape, skin tone, hair and accessories, always the same for the
same customer; the role picks the clothes (a jacket and tie for a director,
a hi-vis vest on site, an apron in a shop, a headset for an assistant).
The mood sets the expression. Drawn three times larger and smoothly scaled
down, so the edges are anti-aliased.
"""
from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from dataclasses import dataclass

import pygame

from game.shells.window.theme import MOOD_COLOURS, Theme

SKINS = [(247, 215, 190), (236, 192, 160), (214, 164, 125), (180, 128, 90), (141, 94, 62), (98, 64, 44)]
HAIRS = [(35, 28, 25), (72, 48, 32), (120, 78, 45), (160, 82, 45), (214, 176, 110), (150, 150, 150)]
CLOTHES = [(36, 72, 120), (90, 40, 60), (40, 100, 90), (70, 70, 78), (150, 90, 40), (60, 50, 110)]
SHAPES = ("oval", "round", "long", "square")
HAIR_STYLES = ("short", "bob", "long", "bun", "curly", "crop", "side")
INK = (45, 32, 30)

_ROLE_CLOTHES = (
    (("assistant", "reception", "secretary", "coordinator"), "headset"),
    (("site", "warehouse", "dispatch", "operations", "engineer", "driver", "builder"), "vest"),
    (("owner", "café", "cafe", "florist", "chef", "baker", "shop"), "apron"),
    (("director", "executive", "chief", "procurement", "finance", "head", "partner", "ceo", "cfo", "it "), "suit"),
    (("manager", "lead", "supervisor", "officer"), "shirt"),
)


@dataclass(frozen=True)
class Look:
    shape: str
    skin: tuple
    hair: tuple
    hair_style: str
    clothes: str
    colour: tuple
    glasses: bool
    earrings: bool


def look_for(customer) -> Look:
    """The same customer always gets the same look; two customers rarely share one."""
    key = (customer.portrait or customer.name or "?").strip().lower()
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    job = customer.role.split(",")[0] if customer.role else ""  # "Finance director, … Builders": the job
    role = f" {job.lower()} "
    clothes = next((kind for words, kind in _ROLE_CLOTHES if any(w in role for w in words)), "sweater")
    style = HAIR_STYLES[digest[3] % len(HAIR_STYLES)]
    return Look(shape=SHAPES[digest[0] % len(SHAPES)], skin=SKINS[digest[1] % len(SKINS)],
                hair=HAIRS[digest[2] % len(HAIRS)], hair_style=style, clothes=clothes,
                colour=CLOTHES[digest[4] % len(CLOTHES)], glasses=digest[5] % 3 == 0,
                earrings=digest[6] % 3 == 0)


def _darker(colour, amount: float = 0.75):
    return tuple(int(c * amount) for c in colour[:3])


def draw_customer(surface, theme: Theme, rect: pygame.Rect, customer, mood: str) -> None:
    """The trainer's picture (assets/portraits/<id>[-<mood>].png) when one
    ships, else the drawn portrait; noted for the layout check."""
    from game.shells.window.drawing import portrait_image
    image = portrait_image(customer.portrait, mood, min(rect.w, rect.h))
    if image is not None:
        surface.blit(image, rect)
    else:
        draw_portrait(surface, theme, rect, customer, mood)
    theme.note("picture", rect, surface)


_drawn: OrderedDict = OrderedDict()  # (look, mood, side, high contrast) -> the finished picture


def draw_portrait(surface, theme: Theme, rect: pygame.Rect, customer, mood: str) -> None:
    """The customer's portrait in `rect`: face, hair, clothes and the mood's
    expression. Painted once per look, mood, size and palette (the briefing
    draws it every frame), then blitted."""
    side = min(rect.w, rect.h)
    key = (look_for(customer), mood, side, theme.high_contrast)
    image = _drawn.get(key)
    if image is None:
        canvas = pygame.Surface((side * 3, side * 3), pygame.SRCALPHA)
        _paint(canvas, theme, key[0], mood)
        image = _drawn[key] = pygame.transform.smoothscale(canvas, (side, side))
        if len(_drawn) > 64:
            _drawn.popitem(last=False)
    surface.blit(image, (rect.x + (rect.w - side) // 2, rect.y + (rect.h - side) // 2))


def _paint(canvas: pygame.Surface, theme: Theme, look: Look, mood: str) -> None:
    s = canvas.get_width()
    c = s // 2
    r = s // 2 - s // 40
    ring = MOOD_COLOURS.get(mood, (120, 120, 120))
    pygame.draw.circle(canvas, theme.c("panel_alt"), (c, c), r)
    inside = pygame.Surface((s, s), pygame.SRCALPHA)  # everything inside the circle is clipped to it
    if mood == "walked_out":
        _empty_chair(inside, theme, s)
    else:
        _person(inside, look, mood, s)
    mask = pygame.Surface((s, s), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (c, c), r)
    inside.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    canvas.blit(inside, (0, 0))
    pygame.draw.circle(canvas, ring, (c, c), r, width=max(3, s // 45))


def _empty_chair(surface, theme: Theme, s: int) -> None:
    """They have gone: an empty chair, the door ajar behind it."""
    muted = theme.c("muted")
    door = pygame.Rect(int(s * 0.56), int(s * 0.14), int(s * 0.24), int(s * 0.5))
    pygame.draw.rect(surface, _darker(theme.c("panel_alt"), 0.85), door)
    pygame.draw.polygon(surface, _darker(theme.c("panel_alt"), 0.7),
                        [door.topleft, (door.x + door.w // 3, door.y + s // 40),
                         (door.x + door.w // 3, door.bottom - s // 40), door.bottomleft])
    back = pygame.Rect(int(s * 0.28), int(s * 0.34), int(s * 0.3), int(s * 0.28))
    pygame.draw.rect(surface, muted, back, border_radius=s // 40)
    seat = pygame.Rect(int(s * 0.22), back.bottom, int(s * 0.42), int(s * 0.07))
    pygame.draw.rect(surface, _darker(muted, 0.8), seat, border_radius=s // 60)
    for x in (seat.x + s // 40, seat.right - s // 40 - s // 45):
        pygame.draw.rect(surface, _darker(muted, 0.7), (x, seat.bottom, s // 45, int(s * 0.2)))


def _person(surface, look: Look, mood: str, s: int) -> None:
    cx = s // 2
    face_w = {"oval": 0.36, "round": 0.4, "long": 0.33, "square": 0.38}[look.shape] * s
    face_h = {"oval": 0.46, "round": 0.42, "long": 0.5, "square": 0.44}[look.shape] * s
    face = pygame.Rect(0, 0, int(face_w), int(face_h))
    face.center = (cx, int(s * 0.44))
    _clothes(surface, look, s, face)
    neck = pygame.Rect(0, 0, int(face_w * 0.42), int(s * 0.12))
    neck.midtop = (cx, face.bottom - int(s * 0.04))
    pygame.draw.rect(surface, _darker(look.skin, 0.9), neck)
    _hair_back(surface, look, face, s)
    if look.shape == "square":
        pygame.draw.rect(surface, look.skin, face, border_radius=int(face_w * 0.38))
    else:
        pygame.draw.ellipse(surface, look.skin, face)
    for side in (-1, 1):  # ears
        ear = pygame.Rect(0, 0, int(s * 0.05), int(s * 0.08))
        ear.center = (cx + side * face.w // 2, face.centery + s // 60)
        pygame.draw.ellipse(surface, _darker(look.skin, 0.93), ear)
        if look.earrings:
            pygame.draw.circle(surface, (230, 190, 60), (ear.centerx, ear.bottom + s // 80), max(2, s // 90))
    _hair_front(surface, look, face, s)
    _expression(surface, look, mood, face, s)
    if look.clothes == "headset":
        band = face.inflate(s // 25, s // 25)
        pygame.draw.arc(surface, (50, 50, 55), band, math.pi * 0.05, math.pi * 0.95, max(3, s // 70))
        mic = (face.x + face.w // 5, face.bottom - face.h // 5)
        pygame.draw.line(surface, (50, 50, 55), (face.x - s // 80, face.centery), mic, max(3, s // 90))
        pygame.draw.circle(surface, (50, 50, 55), mic, max(3, s // 60))


def _clothes(surface, look: Look, s: int, face: pygame.Rect) -> None:
    body = pygame.Rect(0, 0, int(s * 0.74), int(s * 0.5))
    body.midtop = (s // 2, face.bottom + int(s * 0.02))
    colour = look.colour
    if look.clothes == "vest":
        pygame.draw.ellipse(surface, (90, 95, 105), body)
        vest = (250, 200, 30)
        for side in (-1, 1):
            panel = [(s // 2 + side * s // 18, body.y + s // 30), (s // 2 + side * body.w // 2, body.centery),
                     (s // 2 + side * body.w // 2, body.bottom), (s // 2 + side * s // 18, body.bottom)]
            pygame.draw.polygon(surface, vest, panel)
            stripe_y = body.y + body.h // 2
            pygame.draw.line(surface, (220, 220, 220), (s // 2 + side * s // 18, stripe_y),
                             (s // 2 + side * body.w // 2, stripe_y), max(3, s // 50))
        return
    pygame.draw.ellipse(surface, colour if look.clothes != "apron" else (235, 235, 230), body)
    collar = [(s // 2 - s // 12, body.y + s // 60), (s // 2, body.y + s // 8), (s // 2 + s // 12, body.y + s // 60)]
    if look.clothes == "suit":
        shirt = [(s // 2 - s // 10, body.y), (s // 2, body.y + s // 5), (s // 2 + s // 10, body.y)]
        pygame.draw.polygon(surface, (245, 245, 245), shirt)
        tie = [(s // 2, body.y + s // 40), (s // 2 - s // 40, body.y + s // 7), (s // 2, body.y + s // 5),
               (s // 2 + s // 40, body.y + s // 7)]
        pygame.draw.polygon(surface, _darker(colour, 0.55) if sum(colour) > 200 else (160, 40, 50), tie)
        for side in (-1, 1):  # lapels
            pygame.draw.line(surface, _darker(colour, 0.6), (s // 2 + side * s // 10, body.y),
                             (s // 2 + side * s // 40, body.y + s // 5), max(2, s // 120))
    elif look.clothes == "apron":
        apron = pygame.Rect(0, 0, int(s * 0.34), int(s * 0.4))
        apron.midtop = (s // 2, body.y + s // 14)
        pygame.draw.rect(surface, colour, apron, border_radius=s // 40)
        for side in (-1, 1):
            pygame.draw.line(surface, colour, (apron.centerx + side * apron.w // 3, apron.y),
                             (s // 2 + side * s // 9, body.y), max(3, s // 80))
    elif look.clothes == "shirt":
        pygame.draw.polygon(surface, (245, 245, 245), collar)
        pygame.draw.polygon(surface, _darker(colour, 0.8), collar, max(2, s // 150))
    else:  # a sweater with a round neck
        pygame.draw.ellipse(surface, _darker(colour, 0.8), (s // 2 - s // 9, body.y - s // 40, 2 * s // 9, s // 10))


def _hair_back(surface, look: Look, face: pygame.Rect, s: int) -> None:
    hair = look.hair
    if look.hair_style == "long":
        back = pygame.Rect(face.x - s // 30, face.y - s // 30, face.w + s // 15, int(face.h * 1.25))
        pygame.draw.rect(surface, hair, back, border_radius=face.w // 2)
    elif look.hair_style == "bob":
        back = pygame.Rect(face.x - s // 28, face.y - s // 30, face.w + s // 14, int(face.h * 0.85))
        pygame.draw.rect(surface, hair, back, border_radius=face.w // 2)
    elif look.hair_style == "bun":
        pygame.draw.circle(surface, hair, (face.centerx, face.y - s // 40), s // 12)
    elif look.hair_style == "curly":
        for i in range(9):
            a = math.pi * (0.95 + i * 1.1 / 8)
            pygame.draw.circle(surface, hair, (int(face.centerx + math.cos(a) * face.w * 0.55),
                                               int(face.centery + math.sin(a) * face.h * 0.52)), s // 14)


def _hair_front(surface, look: Look, face: pygame.Rect, s: int) -> None:
    hair = look.hair
    cap = pygame.Rect(face.x - s // 60, face.y - s // 25, face.w + s // 30, int(face.h * 0.56))
    if look.hair_style == "crop":  # close-cropped: a thin cap, the hairline high
        pygame.draw.ellipse(surface, hair, cap.inflate(-s // 40, -s // 30).move(0, s // 60))
        pygame.draw.ellipse(surface, look.skin, (face.x + face.w // 14, face.y + face.h // 7, face.w * 6 // 7,
                                                 face.h // 2))
        return
    if look.hair_style == "side":
        pygame.draw.ellipse(surface, hair, cap)
        pygame.draw.polygon(surface, hair, [(face.x, face.y + face.h // 5), (face.centerx + face.w // 6, face.y),
                                            (face.right, face.y + face.h // 6), (face.right, face.y + face.h // 3)])
        pygame.draw.ellipse(surface, look.skin, (face.x + face.w // 6, face.y + face.h // 4, face.w * 2 // 3, face.h // 3))
        return
    pygame.draw.ellipse(surface, hair, cap)
    pygame.draw.ellipse(surface, look.skin, (face.x + face.w // 10, face.y + face.h * 2 // 9, face.w * 4 // 5,
                                             face.h // 2))
    if look.hair_style in ("bob", "long"):  # a fringe
        pygame.draw.ellipse(surface, hair, (face.x + face.w // 10, face.y + s // 80, face.w * 3 // 5, face.h // 5))


def _expression(surface, look: Look, mood: str, face: pygame.Rect, s: int) -> None:
    cx = face.centerx
    eye_y = face.y + int(face.h * 0.47)
    dx = int(face.w * 0.2)
    line = max(3, s // 90)
    for side in (-1, 1):
        ex = cx + side * dx
        if mood == "angry":  # narrowed eyes
            pygame.draw.ellipse(surface, INK, (ex - s // 40, eye_y - s // 140, s // 20, s // 60))
        else:
            pygame.draw.ellipse(surface, (255, 255, 255), (ex - s // 36, eye_y - s // 60, s // 18, s // 30))
            pygame.draw.circle(surface, INK, (ex, eye_y), s // 70)
        # brows: calm level, uneasy raised, upset raised at the middle, angry down at the middle
        inner_dy, outer_dy = {"calm": (0, 0), "uneasy": (-s // 80, s // 200), "upset": (-s // 50, s // 90),
                              "angry": (s // 40, -s // 70)}.get(mood, (0, 0))
        brow_y = eye_y - s // 20
        pygame.draw.line(surface, _darker(look.hair, 0.8), (ex - side * s // 40, brow_y + inner_dy),
                         (ex + side * s // 30, brow_y + outer_dy), line + 1)
        if look.glasses:
            pygame.draw.circle(surface, (40, 40, 50), (ex, eye_y), s // 26, max(2, s // 150))
    if look.glasses:
        pygame.draw.line(surface, (40, 40, 50), (cx - dx + s // 26, eye_y), (cx + dx - s // 26, eye_y), max(2, s // 150))
    nose_y = eye_y + int(face.h * 0.16)
    pygame.draw.line(surface, _darker(look.skin, 0.78), (cx, eye_y + s // 50), (cx - s // 80, nose_y), line)
    mouth = pygame.Rect(0, 0, int(face.w * 0.42), int(face.h * 0.14))
    mouth.center = (cx, face.y + int(face.h * 0.78))
    lip = (150, 60, 60)
    if mood == "calm":  # a smile
        pygame.draw.arc(surface, lip, mouth.move(0, -mouth.h // 2), math.pi * 1.12, math.pi * 1.88, line + 1)
    elif mood == "uneasy":  # a flat, slanted line
        pygame.draw.line(surface, lip, (mouth.x + s // 40, mouth.centery + s // 120),
                         (mouth.right - s // 40, mouth.centery - s // 120), line + 1)
    elif mood == "upset":  # turned down
        pygame.draw.arc(surface, lip, mouth.move(0, mouth.h // 3), math.pi * 0.15, math.pi * 0.85, line + 1)
    else:  # angry: tight, turned down hard, flushed cheeks
        pygame.draw.arc(surface, lip, mouth.move(0, mouth.h // 2).inflate(0, mouth.h // 2), math.pi * 0.12,
                        math.pi * 0.88, line + 2)
        flush = pygame.Surface((s // 8, s // 16), pygame.SRCALPHA)
        pygame.draw.ellipse(flush, (220, 60, 60, 90), flush.get_rect())
        for side in (-1, 1):
            surface.blit(flush, (cx + side * int(face.w * 0.3) - s // 16, eye_y + s // 25))
