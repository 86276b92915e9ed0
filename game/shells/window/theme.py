"""Colours, fonts and cached text for the game window.

Fonts are loaded from files shipped in assets/fonts (pygame's default font
at a nominal size comes out far smaller). Wrapping is done here, once per
text and width, and every rendered line is cached: a frame only blits.
"""
from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pygame

ASSETS = Path(__file__).resolve().parents[3] / "assets"
FONT_REGULAR = ASSETS / "fonts" / "DejaVuSans.ttf"
FONT_BOLD = ASSETS / "fonts" / "DejaVuSans-Bold.ttf"
BODY_SIZES = {"small": 17, "medium": 20, "large": 24, "huge": 28}

NORMAL = {
    "bg": (243, 240, 234), "panel": (255, 255, 255), "panel_alt": (232, 238, 240), "text": (31, 41, 51),
    "muted": (98, 110, 122), "accent": (24, 110, 128), "accent_text": (255, 255, 255),
    "focus": (222, 141, 38), "border": (200, 204, 208), "good": (46, 125, 50), "warn": (191, 120, 0),
    "bad": (178, 40, 48), "narrator": (86, 74, 120), "disabled": (170, 170, 170), "shadow": (222, 218, 210),
    "skin": (230, 190, 160), "hair": (70, 52, 40), "overlay": (20, 24, 30, 170),
}
HIGH_CONTRAST = {
    "bg": (0, 0, 0), "panel": (16, 16, 16), "panel_alt": (36, 36, 36), "text": (255, 255, 255),
    "muted": (220, 220, 220), "accent": (255, 230, 0), "accent_text": (0, 0, 0), "focus": (0, 220, 255),
    "border": (255, 255, 255), "good": (120, 255, 120), "warn": (255, 200, 0), "bad": (255, 110, 110),
    "narrator": (200, 180, 255), "disabled": (128, 128, 128), "shadow": None,
    "skin": (240, 200, 170), "hair": (90, 70, 50), "overlay": (0, 0, 0, 200),
}
OUTCOME_COLOURS = {"retained": "good", "at_risk": "warn", "lost": "bad"}  # names in the palette
MOOD_COLOURS = {"calm": (46, 125, 50), "uneasy": (176, 145, 0), "upset": (214, 110, 20), "angry": (178, 40, 48),
                "walked_out": (90, 90, 90)}


_CONTROL = {c: " " for c in range(32) if c != 10}
_CONTROL.update({127: " ", **{c: " " for c in range(0x80, 0xA0)}})


def printable(text) -> str:
    """Text the font can draw: control characters (a NUL crashed the window)
    become spaces; newlines are kept for paragraphs."""
    return str(text).translate(_CONTROL)


class Theme:
    def __init__(self, text_size: str = "medium", high_contrast: bool = False):
        self._fonts: dict[tuple[int, bool], pygame.font.Font] = {}
        self._lines: OrderedDict = OrderedDict()
        self._surfaces: OrderedDict = OrderedDict()
        # when a list, every text, button and panel drawn is noted here as
        # (kind, rect, clip): the layout check reads it (see layout_check.py)
        self.record: list | None = None
        self.scale = 1.0  # text grows with a window larger than 1280×720 (see fit)
        self.configure(text_size, high_contrast)

    def configure(self, text_size: str, high_contrast: bool) -> None:
        self.text_size = text_size if text_size in BODY_SIZES else "medium"
        self.high_contrast = high_contrast
        self.colours = HIGH_CONTRAST if high_contrast else NORMAL
        self.body = round(BODY_SIZES[self.text_size] * self.scale)
        self._lines.clear()
        self._surfaces.clear()

    def fit(self, size) -> None:
        """Scale text to the window: the chosen size at 1280×720 and below,
        up to twice that on a window twice as large (a 4K screen)."""
        scale = max(1.0, min(2.0, size[0] / 1280, size[1] / 720))
        if abs(scale - self.scale) > 0.01:
            self.scale = scale
            self.configure(self.text_size, self.high_contrast)

    @property
    def measure(self) -> int:
        """The widest a column of body text should be (about 70 characters):
        longer lines are hard to read on a wide screen."""
        return self.body * 36

    def c(self, name: str):
        return self.colours[name]

    def font(self, size: int, bold: bool = False) -> pygame.font.Font:
        key = (size, bold)
        font = self._fonts.get(key)
        if font is None:
            path = FONT_BOLD if bold else FONT_REGULAR
            font = pygame.font.Font(str(path) if path.exists() else None, size)
            self._fonts[key] = font
        return font

    # sizes relative to the body text
    def size(self, role: str) -> int:
        return {"title": int(self.body * 2.6), "heading": int(self.body * 1.5), "sub": int(self.body * 1.15),
                "body": self.body, "small": max(13, int(self.body * 0.8))}[role]

    def wrap(self, text: str, size: int, width: int, bold: bool = False) -> list[str]:
        """Lines of `text` wrapped to `width` pixels (paragraphs kept; long
        words split). Linear in the text's length: each word is measured
        once and a word wider than the line is cut by its characters'
        advances (an 8,000-character word took 84 s when cut by trial)."""
        key = (text, size, width, bold)
        lines = self._lines.get(key)
        if lines is not None:
            return lines
        text = printable(text)  # on a miss only: draw_text asks every frame
        font = self.font(size, bold)
        space = font.size(" ")[0]
        width = max(1, width)
        lines = []
        for paragraph in text.split("\n"):
            line, line_w = "", 0
            for word in paragraph.split(" "):
                word_w = font.size(word)[0]
                if line and line_w + space + word_w <= width:
                    line, line_w = f"{line} {word}", line_w + space + word_w
                    continue
                if not line and word_w <= width:
                    line, line_w = word, word_w
                    continue
                if line:
                    lines.append(line)
                if word_w > width and len(word) > 1:  # a word wider than the line: cut it
                    pieces = self._cut(font, word, width)
                    lines.extend(pieces[:-1])
                    word = pieces[-1]
                    word_w = font.size(word)[0]
                line, line_w = word, word_w
            lines.append(line)
        self._remember(self._lines, key, lines)
        return lines

    @staticmethod
    def _cut(font, word: str, width: int) -> list[str]:
        """`word` in pieces no wider than `width`, by each character's advance."""
        pieces, start, used = [], 0, 0
        for i, metric in enumerate(font.metrics(word)):
            advance = metric[4] if metric else font.size(word[i])[0]
            if used + advance > width and i > start:
                pieces.append(word[start:i])
                start, used = i, 0
            used += advance
        pieces.append(word[start:])
        return pieces

    def fit_line(self, text: str, size: int, width: int, bold: bool = False) -> str:
        """`text` on one line no wider than `width`: whole words, then an
        ellipsis when it had to be shortened (never cut mid-word)."""
        font = self.font(size, bold)
        if font.size(text)[0] <= width:
            return text
        words = text.split(" ")
        while len(words) > 1 and font.size(" ".join(words) + "\u2026")[0] > width:
            words.pop()
        shown = " ".join(words)
        return shown + "\u2026" if font.size(shown + "\u2026")[0] <= width else shown

    def line(self, text: str, size: int, colour, bold: bool = False) -> pygame.Surface:
        key = (text, size, tuple(colour), bold)
        surface = self._surfaces.get(key)
        if surface is None:
            surface = self.font(size, bold).render(printable(text), True, colour)
            self._remember(self._surfaces, key, surface)
        return surface

    def note(self, kind: str, rect, surface) -> None:
        """Remember a drawn box for the layout check (only while recording)."""
        if self.record is not None and rect.w > 0 and rect.h > 0:
            offset = surface.get_abs_offset()
            self.record.append((kind, pygame.Rect(rect).move(offset), surface.get_clip().move(offset)))

    def line_height(self, size: int) -> int:
        return int(self.font(size).get_linesize() * 1.08)

    @staticmethod
    def _remember(cache: OrderedDict, key, value, limit: int = 2048) -> None:
        cache[key] = value
        if len(cache) > limit:
            cache.popitem(last=False)


def draw_text(surface, theme: Theme, text: str, pos, width: int, size: int | None = None, colour="text",
              bold: bool = False, reveal: int | None = None) -> int:
    """Draw wrapped text at `pos`; return its height. `reveal` shows only the
    first N characters (typewriter) by clipping cached line surfaces."""
    size = size or theme.body
    col = theme.c(colour) if isinstance(colour, str) else colour
    x, y = pos
    step = theme.line_height(size)
    remaining = reveal
    font = theme.font(size, bold)
    lines = theme.wrap(text, size, width, bold)
    if theme.record is not None and text.strip():
        widest = max(font.size(text_line)[0] for text_line in lines)
        theme.note("text", pygame.Rect(x, y, widest, len(lines) * step), surface)
    for text_line in lines:
        if remaining is not None and remaining <= 0:
            break
        surf = theme.line(text_line, size, col, bold)
        if remaining is not None and remaining < len(text_line):
            shown = font.size(text_line[:remaining])[0]
            surface.blit(surf, (x, y), pygame.Rect(0, 0, shown, surf.get_height()))
        else:
            surface.blit(surf, (x, y))
        if remaining is not None:
            remaining -= len(text_line) + 1
        y += step
    return y - pos[1]


def blit_text(surface, theme: Theme, surf: pygame.Surface, pos, area: pygame.Rect | None = None) -> None:
    """Blit one rendered line (and note it for the layout check)."""
    surface.blit(surf, pos, area)
    shown = area.clip(surf.get_rect()) if area is not None else surf.get_rect()
    theme.note("text", pygame.Rect(pos, shown.size), surface)


def text_height(theme: Theme, text: str, width: int, size: int | None = None, bold: bool = False) -> int:
    size = size or theme.body
    return len(theme.wrap(text, size, width, bold)) * theme.line_height(size)
